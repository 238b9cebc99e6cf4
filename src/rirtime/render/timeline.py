"""The human view of a chronology: by year, dates at their own precision, actors in colour.

Every line fits the console's width, down to 20 columns. On a wide console the dates stand in a
column of their own, as wide as the longest date up to a cap (a date longer than the column
takes a line of its own above its event); on a narrow one each date stands on its own line
above its event (the stacked layout). A date is never wrapped inside a column, so no part of it
lands beside another line of the event, where it would read as a date of its own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import COLOR_SYSTEMS, Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from rirtime.model import Event, Timeline, overview
from rirtime.names import plural
from rirtime.present.colors import actor_color, palette_of
from rirtime.present.periods import Background, Boundary
from rirtime.present.safe import visible
from rirtime.query import year_label
from rirtime.render.styles import colour_style

__all__ = [
    "OnelineView",
    "TimelineView",
    "render_oneline",
    "render_timeline",
    "summary",
    "year_label",
]

_INDENT = 2  # before a date
_GAP = 2  # between the date column and the body
_STACKED_INDENT = 4  # before the body, in the stacked layout
# The date column's cap: a quarter of the width, but room for "by 14 Apr 2017" however narrow
# and never more than "c. Sep 2015 - 14 Oct 2015" (with its en dash) however wide.
_CAP_LEAST, _CAP_MOST = 14, 25
_MIN_BODY = 30  # a narrower body beside the dates: the stacked layout instead
_ROOMY = 30  # a narrower console: the stacked layout a column less indented, for longer words
_DASH = " \u2013 "  # the en dash between the two ends of a range: "c. Sep 2015 - 14 Oct 2015"
_DATE_STYLE = "green"
_ELLIPSIS = "\u2026"
_NO_PERIODS = Background()


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


def _when(event: Event) -> str:
    return event.date.display() if event.date is not None else ""


def summary(shown: int, matched: int, total: int) -> str:
    """The last line: how many are shown, and of how many, saying what matched when a limit
    cut it short ("4 of 56 matching (76 in all)")."""
    if shown < matched < total:
        return f"{shown} of {matched} matching ({total} in all)"
    return f"{shown} of {plural(total, 'event')}"


def _actor_text(actor_ids: Sequence[str], colors: dict[str, str], console: Console) -> Text:
    meta = Text()
    for i, actor_id in enumerate(actor_ids):
        if i:
            meta.append(" ")
        colour = colors.get(actor_id) or actor_color(actor_id)
        meta.append(visible(actor_id), style=colour_style(colour, console))
    return meta


# -- the text view, line by line -------------------------------------------------------------------
# The text view is drawn as lines of (text, style) pieces rather than rich Text: ten thousand
# events are some forty thousand lines, and rich's Text, its wrapping and its console made 8 s
# of a 10k `show` (benchmarks/RESULTS.md). The pieces are wrapped where rich would wrap them
# (the same breaks: rich's own rule, computed directly for printable ASCII, by rich otherwise),
# so the lines are byte for byte what rich would draw; they are written one by one, so that a
# pager or `head` has the first screen at once.

Piece = tuple[str, "str | Style | None"]
Line = list[Piece]
_WORD = re.compile(r"\s*\S+\s*")  # rich's "word": the word and the spaces after it


def _actor_pieces(actor_ids: Sequence[str], colors: dict[str, str], console: Console) -> Line:
    line: Line = []
    for i, actor_id in enumerate(actor_ids):
        if i:
            line.append((" ", None))
        colour = colors.get(actor_id) or actor_color(actor_id)
        line.append((visible(actor_id), colour_style(colour, console)))
    return line


def _actors_and_tags(event: Event, colors: dict[str, str], console: Console) -> Line:
    meta = _actor_pieces(event.actors, colors, console)
    if event.tags:
        meta.append(("  ", None))
        meta.append((" ".join(f"#{visible(t)}" for t in event.tags), "dim"))
    return meta


def _source_lines(timeline: Timeline, event: Event) -> Iterator[Line]:
    for source_id in event.sources:
        line: Line = [(f"[{visible(source_id)}] ", "dim")]
        source = timeline.sources.get(source_id)
        if source is not None:
            line.append((_one_line(source.citation), None))
            if source.url:
                line += [(" ", None), (visible(source.url), "underline")]
        yield line


def _details(timeline: Timeline, event: Event) -> Iterator[Line]:
    """What the long view adds: summary, people, quote, note, and each source cited."""
    if event.summary:
        for part in visible(event.summary.strip(), keep_newlines=True).split("\n"):
            yield [(part, None)]
    if event.people:
        yield [("People: ", "dim"), (visible(", ".join(event.people)), None)]
    if event.quote:
        yield [(f"\u201c{_one_line(event.quote)}\u201d", "italic")]
    if event.note:
        yield [("Note: ", "dim"), (_one_line(event.note), None)]
    for alternative in event.alternatives:
        line: Line = [("Also dated ", "dim"), (alternative.date.display(), None)]
        if alternative.sources:
            line.append((", per " + ", ".join(visible(s) for s in alternative.sources), "dim"))
        if alternative.note:
            line.append((": " + _one_line(alternative.note), None))
        yield line
    yield from _source_lines(timeline, event)


def _event_body(
    timeline: Timeline, event: Event, colors: dict[str, str], console: Console, *, long: bool
) -> list[Line]:
    """The title, its actors and tags under it, and in the long view the rest of the event."""
    title: Line = [(_one_line(event.title), "bold")]
    body = [title, _actors_and_tags(event, colors, console)]
    if long:
        body += _details(timeline, event)
    return body


def _rstrip(line: Line) -> Line:
    """`line` without the spaces it ends in (rich's Text.rstrip)."""
    while line:
        text, style = line[-1]
        kept = text.rstrip()
        if kept:
            if len(kept) < len(text):
                line[-1] = (kept, style)
            break
        line.pop()
    return line


def _breaks(plain: str, width: int) -> list[int]:
    """Where rich's divide_line breaks printable ASCII (one cell a character) at `width`:
    before a word that does not fit what is left, and inside one longer than a line (folded)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(plain):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            for at in range(start, start + len(word), width):
                if at:
                    breaks.append(at)
            offset = len(word) - (len(word) - 1) // width * width
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _divide(line: Line, breaks: list[int]) -> list[Line]:
    """`line` cut at each of `breaks` (character offsets, ascending)."""
    lines: list[Line] = [[]]
    at = 0  # where the piece starts
    k = 0
    for text, style in line:
        start = 0
        while k < len(breaks) and breaks[k] < at + len(text):
            cut = breaks[k] - at
            if cut > start:
                lines[-1].append((text[start:cut], style))
            lines.append([])
            start = cut
            k += 1
        if len(text) > start:
            lines[-1].append((text[start:], style))
        at += len(text)
    return lines


def _pieces(text: Text, console: Console) -> Line:
    return [(s.text, s.style) for s in text.render(console, end="") if s.text]


def _wrap(line: Line, width: int, console: Console) -> list[Line]:
    """`line` wrapped by words to `width` as rich wraps it, no line ending in a space."""
    plain = "".join(text for text, _ in line)
    if not plain.isascii() or not plain.isprintable():  # wide, combining, tabs: rich's own
        whole = Text.assemble(*((text, style or "") for text, style in line))
        return [_rstrip(_pieces(part, console)) for part in whole.wrap(console, width)]
    if len(plain) <= width:
        return [_rstrip(line)]
    return [_rstrip(part) for part in _divide(line, _breaks(plain, width))]


class _Layout(NamedTuple):
    """Where the parts of an event go at one width."""

    width: int
    date_width: int  # the date column; 0 in the stacked layout
    body_at: int  # the column the body starts at

    @property
    def stacked(self) -> bool:
        return self.date_width == 0

    @property
    def body_width(self) -> int:
        return max(1, self.width - self.body_at)


def _date_width(width: int, widest: int) -> int:
    """The date column: as wide as the longest date (`widest` cells), up to the cap."""
    cap = min(_CAP_MOST, max(_CAP_LEAST, (width - _INDENT - _GAP) // 4))
    return min(cap, widest)


def _layout(width: int, widest: int) -> _Layout:
    """Dates in a column beside the events (the widest date `widest` cells), unless that would
    leave the body less than _MIN_BODY columns: then the stacked layout."""
    date_width = _date_width(width, widest)
    if width - _INDENT - date_width - _GAP >= _MIN_BODY:
        return _Layout(width, date_width, _INDENT + date_width + _GAP)
    return _Layout(width, 0, _STACKED_INDENT if width >= _ROOMY else _STACKED_INDENT - 1)


def _date_lines(when: str, width: int, console: Console) -> list[Line]:
    """A date on lines of its own, within `width`: whole when it fits; else the two ends of a
    range each on a line, the dash ending the first; folded only where even an end does not
    fit (narrower than any console people use)."""
    indent = _INDENT if width >= _ROOMY else _INDENT - 1
    start, dash, end = when.partition(_DASH)
    fits = cell_len(when) + indent <= width
    lines: list[Line] = []
    for part in [when] if fits or not dash else [start + dash.rstrip(), end]:
        if cell_len(part) + indent <= width:
            lines.append([(" " * indent, None), (part, _DATE_STYLE)])
        else:
            folded = Text(part, style=_DATE_STYLE).wrap(console, width, overflow="fold")
            lines += [_pieces(line, console) for line in folded]
    return lines


def _beside(dates: Sequence[Line], body: Sequence[Line], layout: _Layout) -> Iterator[Line]:
    """Lines of the date column and the body side by side, none ending in spaces."""
    for i in range(max(len(dates), len(body))):
        line: Line = [(" " * _INDENT, None)]
        used = _INDENT
        if i < len(dates):
            line += dates[i]
            used += sum(cell_len(text) for text, _ in dates[i])
        if layout.body_at > used:
            line.append((" " * (layout.body_at - used), None))
        if i < len(body):
            line += body[i]
        yield _rstrip(line)


def _under(lines: Sequence[Line], indent: int) -> Iterator[Line]:
    for text in lines:
        yield _rstrip([(" " * indent, None), *text])


class TimelineView:
    """The filtered chronology, laid out at whatever width the console gives it.

    Lines are built by hand rather than with a rich Table so that none ends in padding spaces:
    the text view is also what people copy into notes. `lines_as_text` writes them one by one
    (cli/output.py streams them); as a rich renderable it draws the same lines.
    """

    def __init__(  # noqa: PLR0913 - what the view shows, each named
        self,
        timeline: Timeline,
        events: Sequence[Event],
        total: int,
        *,
        long: bool,
        matched: int | None = None,
        periods: Background = _NO_PERIODS,
    ) -> None:
        self.timeline = timeline
        self.events = events
        self.total = total
        self.long = long
        self.matched = len(events) if matched is None else matched
        self.periods = periods  # the periods' boundaries to show among the events

    def _event(
        self, event: Event, when: str, layout: _Layout, colors: dict[str, str], console: Console
    ) -> Iterator[Line]:
        body: list[Line] = []
        for line in _event_body(self.timeline, event, colors, console, long=self.long):
            body += _wrap(line, layout.body_width, console)
        if not layout.stacked and cell_len(when) <= layout.date_width:
            yield from _beside([[(when, _DATE_STYLE)]] if when else [], body, layout)
            return
        if when:  # the date on a line of its own, the body under it
            yield from _date_lines(when, layout.width, console)
        if layout.stacked:
            yield from _under(body, layout.body_at)
        else:
            yield from _beside([], body, layout)

    def lines(self, console: Console, width: int) -> Iterator[Line]:
        """The view's lines at `width`, each a list of (text, style) pieces."""
        yield from _wrap([(_one_line(self.timeline.title), "bold underline")], width, console)
        yield []
        # What the layout needs of all the events is known before they are read (a cached
        # chronology's is stored: the first screen is drawn after reading its first events).
        layout = _layout(width, overview(self.events).widest_date)
        colors = palette_of(self.timeline)
        label = None
        marks = _Marks(self.events, self.periods)
        shown = 0
        for event in self.events:
            shown += 1
            when = _when(event)
            before = marks.before(event)
            if year_label(event) != label:
                yield from _mark_lines(marks.of_section(before, year_label(event)), width, console)
                if label is not None and not self.long:  # in the long view, events end blank
                    yield []
                label = year_label(event)
                yield from _wrap([(label, "bold cyan")], width, console)
            yield from _mark_lines(before, width, console)
            yield from self._event(event, when, layout, colors, console)
            if self.long:
                yield []
        yield from _mark_lines(marks.rest(), width, console)
        if not shown:
            yield from _wrap([("No events match.", "dim")], width, console)
        if not self.long:
            yield []
        matched, total = self.matched, self.total
        if self.events is self.timeline.events:  # counted as read (cache.StoredEvents)
            matched = total = len(self.events)
        summary_line = summary(shown, matched, total)
        yield from _wrap([(summary_line, "dim")], width, console)

    def lines_as_text(self, console: Console) -> Iterator[str] | None:
        """Each line as `console` would print it (escape codes and all) with its newline, one
        by one; None for a console that draws colours it is told not to (rich's own)."""
        system = COLOR_SYSTEMS[console.color_system] if console.color_system else None
        if system is not None and console.no_color:
            return None
        styles: dict[str | Style, Style] = {}

        def drawn(line: Line) -> str:
            if system is None:
                return "".join(text for text, _ in line) + "\n"
            out = []
            for text, style in line:
                if not style:
                    out.append(text)
                    continue
                if style not in styles:
                    styles[style] = console.get_style(style)
                out.append(styles[style].render(text, color_system=system))
            return "".join(out) + "\n"

        return (drawn(line) for line in self.lines(console, console.options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        styles: dict[str | Style, Style] = {}
        for line in self.lines(console, options.max_width):
            for text, style in line:
                if style and style not in styles:
                    styles[style] = console.get_style(style)
                yield Segment(text, styles[style] if style else None)
            yield Segment.line()


# -- periods: their boundaries as marked lines among the events ---------------------------------

_MARK_STYLE = "dim"
_RULE = "\u2500\u2500"  # "──", either side of a period's boundary


class _Marks:
    """The periods' boundaries, handed out as the events go by: those that come before each
    event, then the rest (after the last one)."""

    def __init__(self, events: Sequence[Event], periods: Background) -> None:
        self._items = iter(periods.among(events)) if periods.marks else iter(())
        self._any = bool(periods.marks)

    def before(self, event: Event) -> list[Boundary]:
        """The marks up to `event` (which the events are walked past in order)."""
        found: list[Boundary] = []
        if not self._any:
            return found
        for item in self._items:
            if item is event:
                return found
            if isinstance(item, Boundary):
                found.append(item)
        return found

    @staticmethod
    def of_section(before: list[Boundary], label: str) -> list[Boundary]:
        """Of the marks before the first event of a year, those that belong to the section
        before it (another year, or none): taken out of `before`, which keeps the year's own."""
        earlier = [m for m in before if m.section != label]
        before[:] = [m for m in before if m.section == label]
        return earlier

    def rest(self) -> list[Boundary]:
        return [item for item in self._items if isinstance(item, Boundary)]


def _mark_lines(marks: Sequence[Boundary], width: int, console: Console) -> Iterator[Line]:
    """Each mark as a dimmed line, "── Syrian civil war begins (Mar 2011) ──", within the width:
    wrapped where it must be, without the closing rule, and the lines after the first under its
    words (never in the dates' column, where a "2013)" would read as a date); never counted as an
    event."""
    indent = _INDENT if width >= _ROOMY else _INDENT - 1
    room = max(1, width - indent)
    for mark in marks:
        whole = f"{_RULE} {mark.label()} {_RULE}"
        if cell_len(whole) <= room:
            yield from _under([[(whole, _MARK_STYLE)]], indent)
            continue
        hang = cell_len(_RULE) + 1
        words = _wrap([(mark.label(), _MARK_STYLE)], max(1, room - hang), console)
        if not words:
            continue
        yield from _under([[(_RULE + " ", _MARK_STYLE), *words[0]]], indent)
        yield from _under(words[1:], indent + hang)


def render_timeline(  # noqa: PLR0913 - what the view shows, each named
    timeline: Timeline,
    events: Sequence[Event],
    total: int,
    long: bool = False,  # noqa: FBT001, FBT002 - called positionally by tests; to be made keyword-only with them
    *,
    matched: int | None = None,
    periods: Background = _NO_PERIODS,
) -> RenderableType:
    """The filtered chronology as a rich renderable; it prints nothing itself. `matched` is how
    many events passed the filters before a limit (the events shown, when not given); `periods`
    the periods' boundaries to show among them (present.periods.background)."""
    return TimelineView(timeline, events, total, long=long, matched=matched, periods=periods)


# -- one line an event ---------------------------------------------------------------------------


def _cut(text: Text, width: int) -> Text:
    """`text` within `width` cells, ending in an ellipsis when it had to be cut."""
    if text.cell_len <= width:
        return text
    if width <= 0:
        return Text()
    cut = text.copy()
    cut.truncate(width - 1)
    while cut.cell_len > width - 1:  # a wide character at the end
        cut.right_crop(1)
    cut.append(_ELLIPSIS)
    return cut


_MIN_ONELINE_ROOM = 40  # less room than this beside the date: the title alone, no actors
_WIDE_ONELINE = 100  # from this width, --oneline's date column is as wide as its longest date


def _some_actors(
    actor_ids: Sequence[str], room: int, colors: dict[str, str], console: Console
) -> Text:
    """As many whole actor ids as fit in `room`, then how many more there are ("russia +2")."""
    for k in range(len(actor_ids), 0, -1):
        shown = _actor_text(actor_ids[:k], colors, console)
        if k < len(actor_ids):
            shown.append(f" +{len(actor_ids) - k}", style="dim")
        if shown.cell_len <= room:
            return shown
    return _cut(_actor_text(actor_ids, colors, console), room)


def _oneline(
    event: Event, when: str, layout: _Layout, colors: dict[str, str], console: Console
) -> Text:
    """`date  title  actors` within `width`: the title cut with an ellipsis rather than wrapped,
    and when title and actors do not both fit, the actors the title leaves room for (at least
    the first, and how many more)."""
    width = layout.width
    line = _cut(Text(when, style=_DATE_STYLE), width)
    line.pad_right(min(width, max(layout.date_width, line.cell_len) + _GAP) - line.cell_len)
    room = width - line.cell_len
    title = Text(_one_line(event.title), style="bold")
    if room < _MIN_ONELINE_ROOM or not event.actors:
        line.append_text(_cut(title, room))
        line.rstrip()
        return line
    actors = _actor_text(event.actors, colors, console)
    if title.cell_len + _GAP + actors.cell_len > room:
        first = _some_actors(event.actors[:1], room // 2, colors, console).cell_len + 4  # " +N"
        actors = _some_actors(
            event.actors, max(room - _GAP - title.cell_len, min(first, room // 2)), colors, console
        )
    line.append_text(_cut(title, room - _GAP - actors.cell_len))
    line.append(" " * _GAP)
    line.append_text(actors)
    line.rstrip()
    return line


class OnelineView:
    """One line an event, like `git log --oneline`: the date, the title, the actors; nothing
    else, so that `show --oneline | wc -l` counts the events."""

    def __init__(
        self, timeline: Timeline, events: list[Event], first: frozenset[str] = frozenset()
    ) -> None:
        self.timeline = timeline
        self.events = events
        self.first = first  # actors named before the others (those a filter asked for)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        dates = [_when(e) for e in self.events]
        # One line an event has no second line for a long date: from 100 columns, where the
        # title and actors still have room, the column takes up to a quarter more than the text
        # view's (every date of the bundled chronology), so the titles stay aligned.
        longest = max((cell_len(d) for d in dates), default=0)
        wider = min(_CAP_MOST + 1, width // 4 + 2) if width >= _WIDE_ONELINE else 0
        date_width = min(longest, max(_date_width(width, longest), wider))
        layout = _Layout(width, date_width, date_width + _GAP)
        colors = palette_of(self.timeline)
        for event, when in zip(self.events, dates, strict=True):
            if self.first and not self.first.issuperset(event.actors[:1]):
                asked = [a for a in event.actors if a in self.first]
                rest = [a for a in event.actors if a not in self.first]
                event = dataclasses.replace(event, actors=(*asked, *rest))  # noqa: PLW2901
            yield _oneline(event, when, layout, colors, console)


def render_oneline(
    timeline: Timeline, events: list[Event], first: frozenset[str] = frozenset()
) -> RenderableType:
    """The events one a line, within the console's width; the actors in `first` named first."""
    return OnelineView(timeline, events, first)
