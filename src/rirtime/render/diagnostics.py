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
    for d in diagnostics:
        sev = d.severity.value
        ink = _RED if d.severity is Severity.ERROR else _YELLOW
        sev_shown = paint(_BOLD + ink, sev)
        where = paint(_BOLD, _shown(str(d.loc)))
        out.append(f"{where}: {sev_shown}: {_shown(d.message)} [{_shown(d.code)}]")
        out += _snippet(d.loc, file_lines(d.loc.path), gutter, paint, ink)
        for other in d.related:
            out.append(f"{paint(_BOLD, _shown(str(other)))}: {paint(_BOLD, 'note')}: first here")
            out += _snippet(other, file_lines(other.path), gutter, paint, _BLUE)
    return "\n".join(out)


def _snippet(
    loc: Loc, lines: list[str] | None, gutter: int, paint: Callable[[str, str], str], ink: str
) -> list[str]:
    """The line `loc` points into and a caret under its column; nothing without the lines."""
    if lines is None or not 1 <= loc.line <= len(lines):
        return []
    raw, column = _excerpt(lines[loc.line - 1], loc.column)
    if _plain(raw):  # then so is every part of it: nothing to replace, one cell a character
        shown, before = raw, len(raw[: column - 1])
        pointed = len(raw[column - 1 : column - 1 + loc.length])
    else:
        shown = visible(raw)
        before = _width(visible(raw[: column - 1]))
        pointed = _width(visible(raw[column - 1 : column - 1 + loc.length]) or " ")
    bar = paint(_BLUE, f"{' ' * gutter} |")
    caret = " " * before + "^" * max(1, pointed)
    return [
        f"{paint(_BLUE, f'{loc.line:>{gutter}} |')} {shown}",
        f"{bar} {paint(ink, caret)}",
    ]


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
