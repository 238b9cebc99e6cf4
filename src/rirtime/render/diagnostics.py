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

    # Each diagnostic as one text (its lines joined), then all of them: fewer, longer pieces.
    out: list[str] = []
    snippet = _Snippets(_gutter(diagnostics), paint)
    head = _Heads(paint, color=color)
    note = paint(_BOLD, "note")
    for d in diagnostics:
        loc = d.loc
        out.append(head(d) + snippet(loc, file_lines(loc.path), _INK[d.severity]))
        for other in d.related:
            place = head.place(other)
            out.append(
                f"{place}: {note}: first here{snippet(other, file_lines(other.path), _BLUE)}"
            )
    return "\n".join(out)


_INK = {Severity.ERROR: _RED, Severity.WARNING: _YELLOW}


def _gutter(diagnostics: list[Diagnostic]) -> int:
    """How many characters the widest line number of every place takes."""
    numbers = [loc.line for d in diagnostics for loc in (d.loc, *d.related)]
    if not numbers:
        return 1
    return max(len(str(max(numbers))), len(str(min(numbers))))


class _Heads:
    """A diagnostic's first line: its place, severity, message and code. What a report repeats
    (each file's name, each code, each severity's label) is made visible and painted once:
    100,000 diagnostics on one line name one file and one code."""

    __slots__ = ("_bold", "_codes", "_openings", "_paint", "_severities")

    def __init__(self, paint: Callable[[str, str], str], *, color: bool) -> None:
        self._paint = paint
        self._bold = (_BOLD, _RESET) if color else ("", "")  # as paint(_BOLD, ...) paints
        self._severities = {sev: paint(_BOLD + _INK[sev], sev.value) for sev in Severity}
        self._codes: dict[str, str] = {}
        # Each path -> what comes before a place's line number (`path:`, painted) when the
        # path is plain; else None: such a place is made visible as one text (`visible` looks
        # at the characters around a joiner).
        self._openings: dict[str, str | None] = {}

    def __call__(self, d: Diagnostic) -> str:
        code = self._codes.get(d.code)
        if code is None:
            code = self._codes[d.code] = _shown(d.code)
        message = d.message if _plain(d.message) else visible(d.message)
        return f"{self.place(d.loc)}: {self._severities[d.severity]}: {message} [{code}]"

    def place(self, loc: Loc) -> str:
        """`path:line:column`, visible and painted bold."""
        path = loc.path
        if path not in self._openings:
            self._openings[path] = f"{self._bold[0]}{path}:" if _plain(path) else None
        opening = self._openings[path]
        if opening is None:
            return self._paint(_BOLD, _shown(str(loc)))
        # A plain path makes a plain place: the numbers are digits (and perhaps a minus).
        return f"{opening}{loc.line}:{loc.column}{self._bold[1]}"


class _Snippets:
    """The line a place points into and a caret under its column, as the text that follows
    the place's own line. What depends on the line only (its excerpt, whether it is plain, its
    visible text, its number in the gutter) is made once per short line: a hundred diagnostics
    on one line of a list cost one excerpt; a long line is cut around each column anyway
    (_excerpt). A caret's line is made once for all the carets of its width at its cell."""

    __slots__ = ("_bar", "_carets", "_gutter", "_lines", "_long", "_numbers", "_paint")

    def __init__(self, gutter: int, paint: Callable[[str, str], str]) -> None:
        self._gutter = gutter
        self._paint = paint
        self._bar = paint(_BLUE, f"{' ' * gutter} |")
        self._lines: dict[tuple[int, int], tuple[str, bool, str]] = {}
        self._numbers: dict[int, str] = {}
        self._carets: dict[tuple[int, int, str], str] = {}
        self._long: dict[int, bool] = {}

    def __call__(self, loc: Loc, lines: list[str] | None, ink: str) -> str:
        """The excerpt's line and the caret's, each after a line break; nothing without the
        lines, or for a place outside them."""
        if lines is None or not 1 <= loc.line <= len(lines):
            return ""
        line = lines[loc.line - 1]
        if len(line) > _LONG and self._plain_long(line):
            # Every part of a plain line is plain, and holds no tab: _excerpt, but only cut.
            start = max(0, loc.column - 1 - _BEFORE)
            raw = shown = line[start : start + _SHOWN]
            plain, column = True, loc.column - start
        elif len(line) > _LONG:
            raw, column = _excerpt(line, loc.column)
            plain = _plain(raw)
            shown = raw if plain else visible(raw)
        else:
            raw, plain, shown = self._short(lines, line, loc.line)
            column = loc.column
        start = column - 1
        if plain:  # then so is every part of it: nothing to replace, one cell a character
            before = len(raw[:start])
            pointed = len(raw[start : start + loc.length])
        else:
            before = _width(visible(raw[:start]))
            pointed = _width(visible(raw[start : start + loc.length]) or " ")
        caret = self._carets.get((before, pointed, ink))
        if caret is None:
            drawn = " " * before + "^" * max(1, pointed)
            caret = self._carets[before, pointed, ink] = f"{self._bar} {self._paint(ink, drawn)}"
        number = self._numbers.get(loc.line)
        if number is None:
            number = self._numbers[loc.line] = self._paint(_BLUE, f"{loc.line:>{self._gutter}} |")
        return f"\n{number} {shown}\n{caret}"

    def _plain_long(self, line: str) -> bool:
        """Whether a long line is plain, looked at once for all the diagnostics on it (by the
        line itself: the file's lines outlive the report)."""
        plain = self._long.get(id(line))
        if plain is None:
            plain = self._long[id(line)] = _plain(line)
        return plain

    def _short(self, lines: list[str], line: str, number: int) -> tuple[str, bool, str]:
        """A short line as shown, whether it is plain, and its visible text: made once."""
        key = (id(lines), number)
        made = self._lines.get(key)
        if made is None:
            raw = line.expandtabs(1)  # as _excerpt does
            plain = _plain(raw)
            made = self._lines[key] = (raw, plain, raw if plain else visible(raw))
        return made


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
