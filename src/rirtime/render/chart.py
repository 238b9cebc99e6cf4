"""The span chart: a row per actor (or tag), a time axis fitted to the terminal's width.

Each cell of a row is a stretch of days. An event is a mark in the cell of its placed date (the
middle of its known extent), an interval a bar across the cells of its known extent; marks that
share a cell are counted and drawn as one density glyph (a digit, `+` from ten on), so 10,000
events draw as quickly as 10. Approximate or uncertain dates, and intervals with an unknown or
open end, are drawn with lighter glyphs (and dim), so the difference shows without colour too;
periods shade the empty cells they cover. The work is linear: each event touches its rows once
(a bar is two entries of a difference array), each row is drawn once, cell by cell.

A row counts the events that name its actor (or carry its tag) themselves, not those of the
actors that are part of it, unlike `rirtime actors`: an event is drawn in the rows of the actors
it names, so a part's events are not drawn a second time in the row of what it is part of.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from rirtime.dates import EndKind, Span
from rirtime.names import plural
from rirtime.present.colors import actor_color, palette_of
from rirtime.present.safe import one_line
from rirtime.query import Window
from rirtime.render.styles import colour_style

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from rirtime.model import Event, Period, Timeline

__all__ = ["MAX_ROWS", "MIN_WIDTH", "Axis", "ChartView", "chart_lines"]

MIN_WIDTH = 40  # narrower, the chart says so instead of drawing an unreadable one
_OVERHEAD = 4  # besides the rows and the key: the axis, its years, the summary, a prompt
_ONE_LINE_SUMMARY = 64  # narrower, the summary may take two lines
_ELLIPSIS = "\u2026"
_MARK, _MARK_LIGHT = "\u25cf", "\u25cb"  # ● an event; ○ an approximate or uncertain one
_BAR, _BAR_LIGHT = "\u2501", "\u2504"  # ━ a span; ┄ an approximate or uncertain one
_SHADE = "\u2591"  # ░ a period behind
_MANY = "+"  # ten or more marks in one cell
_DIGITS = 9
_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)
_YEAR_LABEL = 5  # "2015" and a space


class Axis(NamedTuple):
    """The days the chart spans, from 1 January of the first year to the end of the last, in
    `cells` columns."""

    start: int  # ordinal of the first day
    end: int  # ordinal of the day after the last
    cells: int

    def cell(self, day: date) -> int:
        """The column of a day (clamped into the chart)."""
        at = (day.toordinal() - self.start) * self.cells // (self.end - self.start)
        return min(max(at, 0), self.cells - 1)


class _Row:
    """What one row draws: marks counted by cell, bars as the ends of a difference array, kept
    sparse (a row of one event holds one entry, not four lists as wide as the chart)."""

    __slots__ = ("bars", "light_bars", "light_marks", "marks")

    def __init__(self) -> None:
        self.marks: Counter[int] = Counter()
        self.light_marks: Counter[int] = Counter()
        self.bars: Counter[int] = Counter()
        self.light_bars: Counter[int] = Counter()


def _keys(event: Event, by: str) -> Sequence[str]:
    return tuple(dict.fromkeys(event.tags if by == "tag" else event.actors))


def _axis(events: Sequence[Event], cells: int, window: Window) -> Axis:
    """From 1 January of the first year an event is drawn in to the end of the last; within the
    window the filters asked for (`--from 2015` starts in 2015, whatever ran on into it)."""
    firsts, lasts = [], []
    for event in events:
        if event.date is not None:
            a, b = event.date.known
            firsts.append(a)
            lasts.append(b)
    first, last = min(firsts), max(lasts)
    if window.start is not None and window.start <= last:
        first = max(first, window.start)
    if window.end is not None and window.end >= first:
        last = min(last, window.end)
    start = date(first.year, 1, 1).toordinal()
    end = (
        date(last.year + 1, 1, 1).toordinal() if last.year < date.max.year else date.max.toordinal()
    )
    return Axis(start, end, cells)


def _draw_event(row: _Row, axis: Axis, span: Span) -> None:
    """A mark, or a bar across the known extent; an open end runs to the chart's edge."""
    a, b = (axis.cell(d) for d in span.known)
    if span.start_kind is EndKind.OPEN:
        a = 0
    if span.end_kind is EndKind.OPEN:
        b = axis.cells - 1
    light = not span.exact
    if span.is_interval and b > a:
        bars = row.light_bars if light else row.bars
        bars[a] += 1
        bars[b + 1] -= 1
        return
    first, last = span.known
    middle = date.fromordinal((first.toordinal() + last.toordinal()) // 2)
    (row.light_marks if light else row.marks)[axis.cell(middle)] += 1


def _shaded(periods: Sequence[Period], axis: Axis) -> list[bool]:
    """The cells some period covers; an open or unknown end runs to the chart's edge."""
    diff = [0] * (axis.cells + 1)
    for period in periods:
        if period.date is None:
            continue
        first, last = period.date.placed
        if (first is not None and first.toordinal() >= axis.end) or (
            last is not None and last.toordinal() < axis.start
        ):
            continue
        diff[axis.cell(first) if first else 0] += 1
        diff[(axis.cell(last) if last else axis.cells - 1) + 1] -= 1
    out, running = [], 0
    for d in diff[:-1]:
        running += d
        out.append(running > 0)
    return out


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, or padded."""
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + _ELLIPSIS
    return set_cell_size(text, width)


_Styler = Callable[[str | None], Style | None]


def _mark_cell(row: _Row, c: int) -> tuple[str, bool]:
    """The glyph of a cell that holds marks, and whether it is drawn light."""
    marks, light = row.marks[c], row.light_marks[c]
    total = marks + light
    if total == 1:
        return (_MARK, False) if marks else (_MARK_LIGHT, True)
    return (str(total) if total <= _DIGITS else _MANY), not marks


_PLAIN, _LIGHT, _SHADED = 0, 1, 2  # how a cell is drawn: in the row's style, dim, shaded


def _background(shaded: list[bool]) -> tuple[list[str], list[int]]:
    """The cells of a row with nothing in it: the periods' shading, made once for every row."""
    return [_SHADE if s else " " for s in shaded], [_SHADED if s else _PLAIN for s in shaded]


def _glyphs(row: _Row, background: tuple[list[str], list[int]]) -> tuple[list[str], list[int]]:
    """A row's cells: the background, bars over it, marks over those. The work is the row's
    entries (the bars' ends sorted and swept, each stretch between two filled at once) and one
    copy of the background: a row's width once, not once an event."""
    glyphs, kinds = list(background[0]), list(background[1])
    ends = sorted(row.bars.keys() | row.light_bars.keys())
    bar = light_bar = 0
    for here, after in pairwise(ends):
        bar += row.bars[here]
        light_bar += row.light_bars[here]
        if bar or light_bar:
            glyphs[here:after] = [_BAR if bar else _BAR_LIGHT] * (after - here)
            kinds[here:after] = [_PLAIN if bar else _LIGHT] * (after - here)
    for c in row.marks.keys() | row.light_marks.keys():
        glyph, light = _mark_cell(row, c)
        glyphs[c], kinds[c] = glyph, _LIGHT if light else _PLAIN
    return glyphs, kinds


def _cells(row: _Row, background: tuple[list[str], list[int]], style: Style | None) -> Text:
    """A row's cells as text, a span a run of cells drawn alike."""
    glyphs, kinds = _glyphs(row, background)
    dim = Style(dim=True) + style if style else Style(dim=True)
    styles: dict[int, Style | str | None] = {_PLAIN: style, _LIGHT: dim, _SHADED: "dim"}
    text = Text()
    start = 0
    for c in range(1, len(kinds) + 1):
        if c == len(kinds) or kinds[c] != kinds[start]:
            text.append("".join(glyphs[start:c]), style=styles[kinds[start]])
            start = c
    return text


def _step(axis: Axis) -> int:
    """Years between two labels: the fewest that leave room for each label."""
    years = (axis.end - axis.start) / 365.2425
    per_year = axis.cells / years
    return next((s for s in _STEPS if s * per_year >= _YEAR_LABEL), _STEPS[-1])


def _axis_lines(axis: Axis, indent: int) -> tuple[str, str]:
    """The axis with a tick at each labelled year, and the years under their ticks."""
    line = ["\u2500"] * axis.cells
    labels = [" "] * axis.cells
    step = _step(axis)
    first_year = date.fromordinal(axis.start).year
    last_year = date.fromordinal(axis.end - 1).year
    free = 0
    for year in range(first_year + (-first_year) % step, last_year + 1, step):
        at = axis.cell(date(year, 1, 1))
        label = str(year)
        if at < free or at + len(label) > axis.cells:
            continue
        line[at] = "\u2534"
        labels[at : at + len(label)] = label
        free = at + len(label) + 1
    pad = " " * indent
    return pad + "\u2514" + "".join(line), (pad + " " + "".join(labels)).rstrip()


def _wrap(parts: Sequence[str], width: int, joint: str = " ") -> list[str]:
    """The parts joined by `joint`, in lines within `width` (a part too long is cut); by hand,
    so that no line ends in a space."""
    lines: list[str] = []
    for part in parts:
        if lines and cell_len(lines[-1] + joint + part) <= width:
            lines[-1] += joint + part
        else:
            lines.append(_fit(part, width).rstrip())
    return lines


# The most rows a chart draws, whatever --top asks: more than any terminal shows, and 10,000 rows
# of 1,000 columns took 25 s; the summary says how many more there are.
MAX_ROWS = 500
_LEAST_ROWS = 3  # a key that leaves fewer rows than this names the periods on one line
KEY_PERIODS = 8  # the key names at most this many periods, then says how many more


def _key(periods: Sequence[Period], width: int, *, compact: bool = False) -> list[Text]:
    """What the glyphs mean, and the periods shaded behind."""
    parts = [
        f"{_MARK} event",
        "2-9 " + _MANY + " events in a cell",
        f"{_BAR} span",
        f"{_MARK_LIGHT}{_BAR_LIGHT} approximate or open",
    ]
    lines = [Text(line, style="dim") for line in _wrap(parts, width, " \u00b7 ")]
    if compact:  # a short terminal: the periods' titles on one line, cut to the width
        titles = [one_line(p.title) for p in periods if p.date is not None]
        if titles:
            shaded = f"{_SHADE} " + ("period: " if len(titles) == 1 else "periods: ")
            lines.append(Text(_fit(shaded + "; ".join(titles), width).rstrip(), style="dim"))
        return lines
    # each period on a line of its own, its dates first (the shading alone does not tell two
    # periods apart), rather than all on one line cut off after the first
    dated = [p for p in periods if p.date is not None]
    for p in dated[:KEY_PERIODS]:
        assert p.date is not None
        said = f"{_SHADE} {p.date.display()}: {one_line(p.title)}"
        lines.append(Text(_fit(said, width).rstrip(), style="dim"))
    if len(dated) > KEY_PERIODS:
        more = plural(len(dated) - KEY_PERIODS, "more period")
        lines.append(Text(_fit(f"{_SHADE} and {more}", width).rstrip(), style="dim"))
    return lines


class _Rows(NamedTuple):
    keys: list[str]
    counts: Counter[str]


def _rows(events: Sequence[Event], by: str, top: int) -> _Rows:
    counts: Counter[str] = Counter()
    for event in events:
        counts.update(_keys(event, by))
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    return _Rows(ranked[:top], counts)


def chart_lines(  # noqa: PLR0913 - what the chart shows and the room it has, each named
    timeline: Timeline,
    events: Sequence[Event],
    *,
    width: int,
    height: int,
    by: str = "actor",
    top: int | None = None,
    styler: _Styler | None = None,
    window: Window | None = None,
) -> Iterator[Text]:
    """The chart's lines, each within `width`; `top` rows at most (default: what fits in
    `height`); `styler` turns an actor's colour into a style (None: no colour); the axis within
    `window` (the filters' --from/--to/--on)."""
    dated = [e for e in events if e.date is not None]
    if width < MIN_WIDTH:
        message = (
            f"The chart needs at least {MIN_WIDTH} columns, and has {width}: widen the "
            "terminal, or see the events with `rirtime show`."
        )
        yield from (Text(line) for line in _wrap(message.split(), width))
        return
    if not dated:
        yield Text("No events match.")
        return
    spare = height - _OVERHEAD - (1 if width < _ONE_LINE_SUMMARY else 0)
    legend = _key(timeline.periods, width)
    if top is None and spare - len(legend) < _LEAST_ROWS:
        legend = _key(timeline.periods, width, compact=True)
    room = spare - len(legend)
    shown = _rows(dated, by, min(MAX_ROWS, top if top is not None else max(1, room)))
    counts = shown.counts
    if not counts:
        told = f"None of the {plural(len(dated), 'event')} has a {by}: there is no row to draw."
        yield from (Text(line) for line in _wrap(told.split(), width))
        return
    number = len(str(max(counts.values())))
    label = min(max(cell_len(one_line(k)) for k in shown.keys), max(6, min(20, width // 5)))
    indent = label + 1 + number + 1
    axis = _axis(dated, width - indent - 1, window or Window())
    rows = {k: _Row() for k in shown.keys}
    for event in dated:
        for key in _keys(event, by):
            row = rows.get(key)
            if row is not None:
                assert event.date is not None
                _draw_event(row, axis, event.date)
    background = _background(_shaded(timeline.periods, axis))
    colours = palette_of(timeline) if by == "actor" else {}
    for key in shown.keys:
        colour = (colours.get(key) or actor_color(key)) if by == "actor" else None
        style = styler(colour) if styler and colour else None
        line = Text()
        line.append(_fit(one_line(key), label), style=style)
        line.append(f" {counts[key]:>{number}} ")
        line.append("\u2502", style="dim")
        line.append_text(_cells(rows[key], background, style))
        line.rstrip()
        yield line
    axis_line, years = _axis_lines(axis, label + 1 + number + 1)
    yield Text(axis_line, style="dim")
    yield Text(years)
    yield from legend
    noun = "tag" if by == "tag" else "actor"
    more = len(counts) - len(shown.keys)
    told = f"{plural(len(dated), 'event')}; {len(shown.keys)} of {plural(len(counts), noun)}"
    tail = f", the busiest ({more} more with --top)" if more else ""
    if more and len(shown.keys) == MAX_ROWS:
        tail = f", the busiest (a chart draws at most {MAX_ROWS} rows: {more} more)"
    yield from (Text(line) for line in _wrap((told + tail).split(), width))


class ChartView:
    """The chart laid out at whatever width and height the console has, in its colours."""

    def __init__(
        self,
        timeline: Timeline,
        events: Sequence[Event],
        *,
        by: str,
        top: int | None,
        window: Window | None = None,
    ) -> None:
        self.window = window
        self.timeline = timeline
        self.events = events
        self.by = by
        self.top = top

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        def styler(colour: str | None) -> Style | None:
            if colour is None or console.color_system is None:
                return None
            return colour_style(colour, console)

        yield from chart_lines(
            self.timeline,
            self.events,
            width=options.max_width,
            height=options.height or console.height,
            by=self.by,
            top=self.top,
            styler=styler,
            window=self.window,
        )
