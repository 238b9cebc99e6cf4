"""Diagnostics -> lines in the style of rustc and hledger: place, message, source line, caret."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from rirtime.errors import Diagnostic, Loc, Severity
from rirtime.model import Timeline
from rirtime.names import plural
from rirtime.present.safe import visible

__all__ = ["diagnostics_json", "render_diagnostics", "summary"]

_RED, _YELLOW, _BLUE, _BOLD, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m"


def _plain(text: str) -> bool:
    """Whether `text` is printable ASCII: then `visible` leaves it as it is (everything it
    replaces is a control or not ASCII) and its width in cells is its length."""
    return text.isascii() and text.isprintable()


def _shown(text: str) -> str:
    """`visible(text)`, without its regular expression for the printable ASCII that nearly
    every place, message and code is: 100,000 diagnostics made 600,000 `visible` calls."""
    return text if _plain(text) else visible(text)


def _width(text: str) -> int:
    if _plain(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


# A line longer than _LONG characters is shown only around the column: _BEFORE characters before
# it and _SHOWN characters in all.
_LONG, _BEFORE, _SHOWN = 200, 79, 160


def _excerpt(line: str, column: int) -> tuple[str, int]:
    """The part of `line` to show for a diagnostic at 1-based `column`, tabs as one space each,
    and the column within that part.

    A long line is cut before anything else is done to it, so a diagnostic costs the same however
    long its line is: a flow list naming 100,000 undefined actors is one line with 100,000
    diagnostics, and doing anything to the whole line for each of them is quadratic."""
    if len(line) > _LONG:
        start = max(0, column - 1 - _BEFORE)
        line = line[start : start + _SHOWN]
        column -= start
    # With a tab size of 1 each tab becomes exactly one space wherever it stands, so cutting
    # first and expanding after gives the same text, and columns still count characters.
    return line.expandtabs(1), column


def render_diagnostics(
    diagnostics: list[Diagnostic],
    lines: list[str] | None,
    *,
    color: bool = False,
    lines_of: Mapping[str, list[str] | None] | None = None,
) -> str:
    """Every diagnostic with the line it points into and a caret under the column, and each
    other place it is about as a note, with its line. `lines` are the file's; with several
    files, `lines_of` holds each file's by its name (the path a place names)."""

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    def file_lines(path: str) -> list[str] | None:
        return lines_of.get(path) if lines_of is not None else lines

    out: list[str] = []
    places = [loc for d in diagnostics for loc in (d.loc, *d.related)]
    gutter = max((len(str(loc.line)) for loc in places), default=1)
    snippet = _Snippets(gutter, paint)
    severities = {sev: paint(_BOLD + _INK[sev], sev.value) for sev in Severity}
    note = paint(_BOLD, "note")
    for d in diagnostics:
        where = paint(_BOLD, _shown(str(d.loc)))
        out.append(f"{where}: {severities[d.severity]}: {_shown(d.message)} [{_shown(d.code)}]")
        out += snippet(d.loc, file_lines(d.loc.path), _INK[d.severity])
        for other in d.related:
            out.append(f"{paint(_BOLD, _shown(str(other)))}: {note}: first here")
            out += snippet(other, file_lines(other.path), _BLUE)
    return "\n".join(out)


_INK = {Severity.ERROR: _RED, Severity.WARNING: _YELLOW}


class _Snippets:
    """The line a place points into and a caret under its column. What depends on the line
    only (its excerpt, whether it is plain, its visible text) is made once per short line: a
    hundred diagnostics on one line of a list cost one excerpt; a long line is cut around each
    column anyway (_excerpt)."""

    __slots__ = ("_bar", "_gutter", "_lines", "_paint")

    def __init__(self, gutter: int, paint: Callable[[str, str], str]) -> None:
        self._gutter = gutter
        self._paint = paint
        self._bar = paint(_BLUE, f"{' ' * gutter} |")
        self._lines: dict[tuple[int, int], tuple[str, bool, str]] = {}

    def __call__(self, loc: Loc, lines: list[str] | None, ink: str) -> list[str]:
        """Nothing without the lines, or for a place outside them."""
        if lines is None or not 1 <= loc.line <= len(lines):
            return []
        raw, plain, shown, column = self._excerpt(lines, loc)
        if plain:  # then so is every part of it: nothing to replace, one cell a character
            before = len(raw[: column - 1])
            pointed = len(raw[column - 1 : column - 1 + loc.length])
        else:
            before = _width(visible(raw[: column - 1]))
            pointed = _width(visible(raw[column - 1 : column - 1 + loc.length]) or " ")
        caret = " " * before + "^" * max(1, pointed)
        number = self._paint(_BLUE, f"{loc.line:>{self._gutter}} |")
        return [f"{number} {shown}", f"{self._bar} {self._paint(ink, caret)}"]

    def _excerpt(self, lines: list[str], loc: Loc) -> tuple[str, bool, str, int]:
        """The part of the line shown, whether it is plain, its visible text, and the column
        within it."""
        line = lines[loc.line - 1]
        if len(line) > _LONG:
            raw, column = _excerpt(line, loc.column)
            plain = _plain(raw)
            return raw, plain, raw if plain else visible(raw), column
        key = (id(lines), loc.line)
        made = self._lines.get(key)
        if made is None:
            raw = line.expandtabs(1)  # as _excerpt does
            plain = _plain(raw)
            made = self._lines[key] = (raw, plain, raw if plain else visible(raw))
        return (*made, loc.column)


def summary(
    path: str, diagnostics: list[Diagnostic], *, strict: bool, timeline: Timeline | None
) -> str:
    """One line saying how the check went: `timeline.yaml: 2 errors, 1 warning`."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    counts = ""
    if timeline is not None:
        counts = ", ".join(
            plural(len(items), word)
            for items, word in (
                (timeline.events, "event"),
                (timeline.actors, "actor"),
                (timeline.sources, "source"),
            )
        )
    if not diagnostics:
        return f"{visible(path)}: ok ({counts})"
    parts = []
    if errors:
        parts.append(plural(errors, "error"))
    if warnings:
        parts.append(plural(warnings, "warning"))
    verdict = ", ".join(parts)
    if not errors:
        verdict += " (failing with --strict)" if strict else f" ({counts})"
    return f"{visible(path)}: {verdict}"


def diagnostics_json(diagnostics: list[Diagnostic]) -> str:
    """The diagnostics as a JSON array, for editors and scripts."""
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2)
