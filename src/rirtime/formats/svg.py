"""The chronology as one self-contained SVG picture, for a report or a slide.

A horizontal time axis with year ticks; one lane, or a lane per actor (or tag) for the busiest
few; each event a mark at its placed date and each interval a bar across its known extent;
approximate or uncertain dates drawn hollow and dashed (so they read in black and white too);
periods as hatched bands behind. Labels are placed greedily, each in the first of a few rows
above its lane where it overlaps nothing; an event whose label fits nowhere gets a number, and
the list below the picture gives each number's date and title. Every mark has a `<title>` (its
date and full title) that viewers show on hover.

Nothing in it loads anything (no script, no link, no font or image; the fonts are the system's),
and nothing from the file becomes markup: every text is made visible (controls, bidi overrides,
invisible characters) and then escaped, and a colour is let through only as `#rrggbb`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import NamedTuple
from xml.sax.saxutils import escape

from rirtime.formats.content import Document
from rirtime.formats.prose import filter_phrases
from rirtime.model import Event, Period, Timeline
from rirtime.names import plural
from rirtime.present.colors import actor_color, palette_of
from rirtime.present.safe import one_line

__all__ = ["LANES", "to_svg"]

LANES = 6  # the busiest actors (or tags) that get a lane of their own; the rest share one
WIDTH = 1000
_FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', "
    "'Liberation Sans', sans-serif"
)
_FONT_SIZE = 11
_LABEL_ROWS = 3  # rows of labels above a lane's marks
_ROW_H = 14
_TOP = 64  # below the title and the line under it
_PERIOD_ROW = 16  # the row of period titles above the lanes
_AXIS_H = 22
_RIGHT = 24
_LANE_LABEL = 20  # characters of a lane's name
_LABEL_CHARS = 30  # a short label: the title cut to this many characters
_GAP = 6  # between two labels in a row
_INK = "#1d232b"
_MUTED = "#5b6573"
_HEX_COLOR = re.compile(r"#[0-9a-f]{6}")
# What XML 1.0 cannot hold even escaped: `visible` has shown the controls already; the
# non-characters and any lone surrogate remain.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
_MIN_TICK_GAP = 40  # pixels between two year labels
_ELLIPSIS = "\u2026"
_MARGIN = (
    20  # the picture's text starts this far from its left edge, and ends as far from its right
)
# The hatching's id: a period's element is `period-ID`, and a period may have any id ("hatch"),
# so the pattern's id must not start so.
_HATCH = "rt-hatch"


def _text(value: str) -> str:
    """A text from the file, one line, visible and escaped for an element's content."""
    return escape(_NOT_XML.sub("\ufffd", one_line(value)))


def _attr(value: str) -> str:
    """A value made safe for a double-quoted attribute."""
    return escape(_NOT_XML.sub("\ufffd", one_line(value)), {'"': "&quot;"})


def _colour(value: str) -> str:
    return value if _HEX_COLOR.fullmatch(value) else _MUTED


def _width_of(text: str, size: float = _FONT_SIZE) -> float:
    """A generous estimate of the text's width in pixels: the system font is not known here."""
    # ASCII (most text) has no wide characters: not looked up one by one
    wide = (
        0 if text.isascii() else sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    )
    return (len(text) - wide) * size * 0.6 + wide * size * 1.05


def _cut(text: str, room: float, size: float = _FONT_SIZE) -> str:
    """`text` (one line, visible) cut with an ellipsis to fit `room` pixels at `size`, by
    `_width_of`'s estimate; whole when it fits."""
    if _width_of(text, size) <= room:
        return text
    used = _width_of(_ELLIPSIS, size)
    for end, ch in enumerate(text):
        used += _width_of(ch, size)
        if used > room:
            return text[:end].rstrip() + _ELLIPSIS
    return text  # pragma: no cover - the whole text fitted after all


def _line(attrs: str, text: str, room: float, size: float = _FONT_SIZE, lead: str = "") -> str:
    """A `<text>` of one line from the file within `room` pixels: cut with an ellipsis where it
    is longer (a 200-character title ran off the picture), the whole of it then in its
    `<title>`, which viewers show on hover. `lead` is markup put before the text."""
    whole = one_line(text)
    shown = _cut(whole, room, size)
    hover = f"<title>{_text(whole)}</title>" if shown != whole else ""
    return f"<text {attrs}>{hover}{lead}{_text(shown)}</text>"


def _bold_width(text: str) -> float:
    """A number label's width: bold, so wider than `_width_of` says of plain text."""
    return _width_of(text, _FONT_SIZE * 1.2)


def _short(title: str) -> str:
    text = one_line(title)
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "\u2026"


class _Scale(NamedTuple):
    """Days to pixels across the plot."""

    start: int  # ordinal of 1 January of the first year
    end: int  # ordinal of the day after the last year
    left: float
    right: float

    def x(self, day: date) -> float:
        """The day's place across the plot (a day outside it at its edge)."""
        share = (day.toordinal() - self.start) / (self.end - self.start)
        return round(self.left + min(max(share, 0.0), 1.0) * (self.right - self.left), 1)


def _window(filters: Mapping[str, object]) -> tuple[date | None, date | None]:
    """The days --from and --to asked for (the Document's filters say them in ISO form)."""
    ends = [filters.get(name) for name in ("from", "to")]
    start, end = (date.fromisoformat(v) if isinstance(v, str) else None for v in ends)
    return start, end


def _scale(events: Sequence[Event], left: float, filters: Mapping[str, object]) -> _Scale:
    """From 1 January of the first year an event is drawn in to the end of the last, within
    the window the filters asked for (`--from 2015` starts in 2015)."""
    extents = [e.date.known for e in events if e.date is not None]
    first = min(a for a, _ in extents)
    last = max(b for _, b in extents)
    since, until = _window(filters)
    if since is not None and since <= last:
        first = max(first, since)
    if until is not None and until >= first:
        last = min(last, until)
    start = date(first.year, 1, 1).toordinal()
    return _Scale(start, date(last.year, 12, 31).toordinal() + 1, left, WIDTH - _RIGHT)


class _Lane(NamedTuple):
    label: str  # "" for the one lane
    key: str | None  # the actor or tag; None for the one lane or the lane of the rest
    events: list[Event]


def _lanes(events: Sequence[Event], by: str | None, timeline: Timeline) -> list[_Lane]:
    """One lane; or one for each of the LANES busiest actors (tags) and one for the rest."""
    if by is None:
        return [_Lane("", None, list(events))]
    keys = [tuple(dict.fromkeys(e.tags if by == "tag" else e.actors)) for e in events]
    counts = Counter(k for ks in keys for k in ks)
    busiest = sorted(counts, key=lambda k: (-counts[k], k))[:LANES]
    lanes = {k: _Lane(_lane_label(k, by, timeline), k, []) for k in busiest}
    rest = _Lane("other tags" if by == "tag" else "other actors", None, [])
    for event, ks in zip(events, keys, strict=True):
        mine = [lanes[k] for k in ks if k in lanes]
        for lane in mine or [rest]:
            lane.events.append(event)
    return [*lanes.values(), *([rest] if rest.events else [])]


def _lane_label(key: str, by: str, timeline: Timeline) -> str:
    if by == "tag":
        return f"#{key}"
    actor = timeline.actors.get(key)
    name = actor.name if actor is not None else key
    return name if len(name) <= _LANE_LABEL else name[: _LANE_LABEL - 1].rstrip() + "\u2026"


def _mark_colour(event: Event, lane: _Lane, palette: dict[str, str], by: str | None) -> str:
    actor = lane.key if by == "actor" and lane.key else (event.actors[0] if event.actors else "")
    return _colour(palette.get(actor) or actor_color(actor)) if actor else _MUTED


class _Placed(NamedTuple):
    x: float  # where the label starts
    row: int  # 0 is the row nearest the marks
    text: str
    numbered: bool


class _Rows:
    """Rows that intervals are laid into greedily, each in the first row where it overlaps
    nothing: a lane's label rows, or its tracks of bars."""

    def __init__(self, count: int, right: float, gap: float) -> None:
        self.free = [float("-inf")] * count
        self.right = right
        self.gap = gap

    def place(self, x: float, width: float) -> tuple[float, int] | None:
        """The start and row of a label of `width` at `x` (flipped left at the right edge),
        in the first row where it overlaps nothing; None when there is none."""
        start = x if x + width <= self.right else x - width
        for row, free in enumerate(self.free):
            if start >= free:
                self.free[row] = start + width + self.gap
                return start, row
        return None

    def near(self, x: float, until: float, width: float) -> tuple[float, int] | None:
        """The first row where a label of `width` can start between `x` and `until`, as early
        as it can; None when there is none."""
        for row, free in enumerate(self.free):
            start = max(x, free)
            if start <= until and start + width <= self.right:
                self.free[row] = start + width + self.gap
                return start, row
        return None

    def force(self, x: float, width: float) -> tuple[float, int]:
        """What fits nowhere: the row free soonest (it may touch its neighbour)."""
        row = min(range(len(self.free)), key=self.free.__getitem__)
        start = min(max(self.free[row], x), self.right - width)
        self.free[row] = start + width + self.gap
        return start, row


def _anchor(event: Event, scale: _Scale) -> float:
    assert event.date is not None
    first, last = event.date.known
    if event.date.is_interval:
        return scale.x(first)
    return scale.x(date.fromordinal((first.toordinal() + last.toordinal()) // 2))


def _numbers_text(numbers: Sequence[int]) -> str:
    """Numbers as short as they go: "3", "3-7", "3, 5-7"; more runs than that as the first and
    the last with an ellipsis between, "3…41" (the numbers between may be other lanes')."""
    parts: list[str] = []
    run_start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(run_start) if run_start == prev else f"{run_start}\u2013{prev}")
        if n is not None:
            run_start = prev = n
    if len(parts) > _RUNS:
        return f"{numbers[0]}\u2026{numbers[-1]}"
    return ", ".join(parts)


_RUNS = 3
_CLUSTER = 24.0  # pixels: numbered marks this close share one label ("12-19")


class _Mark(NamedTuple):
    """An event of a lane as labelling needs it, worked out once for every try of _layout."""

    x: float  # its anchor
    event: Event
    short: str  # its short title
    width: float  # that title's width


def _marks(lane: _Lane, scale: _Scale) -> list[_Mark]:
    """The lane's events in the order they are labelled, left to right."""
    anchored = sorted(((_anchor(e, scale), e.index, e) for e in lane.events), key=lambda t: t[:2])
    out = []
    for x, _, event in anchored:
        short = _short(event.title)
        out.append(_Mark(x, event, short, _width_of(short)))
    return out


def _place_labels(
    marks: Sequence[_Mark], scale: _Scale, numbers: dict[str, int], count: int
) -> tuple[dict[str, _Placed], bool]:
    """Each event's label in the lane's `count` rows: its short title where it fits, else its
    number; the numbers of marks close together share one label. And whether some label found
    no room and was put where it may touch another."""
    rows = _Rows(count, scale.right, _GAP)
    placed: dict[str, _Placed] = {}
    forced = []
    waiting: list[tuple[float, Event]] = []  # numbered marks not yet labelled, close together
    numbered: dict[int, tuple[str, list[int]]] = {}  # row -> its last number label's event, numbers

    def merge(row: int, more: list[int]) -> None:
        """Numbers with no room join the last number label of the row they would go in (at the
        right edge of a crowded lane): "14-16" and "17-18" become "14-18"."""
        event_id, had = numbered[row]
        both = sorted([*had, *more])
        text = _numbers_text(both)
        start = min(placed[event_id].x, scale.right - _bold_width(text))
        placed[event_id] = _Placed(start, row, text, numbered=True)
        numbered[row] = (event_id, both)
        rows.free[row] = max(rows.free[row], start + _bold_width(text) + _GAP)

    def flush(*, last: bool) -> None:
        """Label the waiting marks; a label that fits nowhere waits for the next marks too
        (its numbers then cover them), unless these are the lane's last."""
        if not waiting:
            return
        mine = sorted(numbers[e.id] for _, e in waiting)
        text = _numbers_text(mine)
        x, until = waiting[0][0], waiting[-1][0] + _CLUSTER
        spot = rows.near(x, until, _bold_width(text))
        if spot is None and not last and until - x < _CLUSTER * 4:
            return
        if spot is None:
            forced.append(text)
            row = min(range(count), key=rows.free.__getitem__)
            if row in numbered and rows.free[row] > scale.right - _bold_width(text):
                merge(row, mine)
                waiting.clear()
                return
            spot = rows.force(x, _bold_width(text))
        placed[waiting[0][1].id] = _Placed(spot[0], spot[1], text, numbered=True)
        numbered[spot[1]] = (waiting[0][1].id, mine)
        waiting.clear()

    tried = float("-inf")  # where labelling the waiting marks last found no room
    for x, event, short, width in marks:
        # tried again only a pixel further on: at the same place the room is the same, and a
        # crowded lane of 10,000 marks tried at each one (its numbers sorted each time)
        if waiting and x - waiting[0][0] > _CLUSTER and x >= tried + 1:
            flush(last=False)
            tried = x if waiting else float("-inf")
        spot = None if waiting else rows.place(x, width)
        if spot is not None:
            placed[event.id] = _Placed(spot[0], spot[1], short, numbered=False)
            continue
        numbers.setdefault(event.id, len(numbers) + 1)
        waiting.append((x, event))
    flush(last=True)
    return placed, bool(forced)


_MAX_LABEL_ROWS = 6  # a crowded lane gets more rows of labels, up to this many


class _Layout(NamedTuple):
    """Where a lane's parts go: its labels, in how many rows, and the track of each bar."""

    labels: dict[str, _Placed]
    rows: int
    tracks: dict[str, int]

    @property
    def height(self) -> float:
        return self.rows * _ROW_H + 22 + max(self.tracks.values(), default=0) * _TRACK_H


def _layout(lane: _Lane, scale: _Scale, numbers: dict[str, int]) -> _Layout:
    """The lane's labels in the fewest rows (from _LABEL_ROWS) where none has to touch another,
    up to _MAX_LABEL_ROWS; the numbers given in a try that failed are taken back."""
    tracks = _tracks(lane, scale)
    marks = _marks(lane, scale)
    for count in range(_LABEL_ROWS, _MAX_LABEL_ROWS + 1):
        before = dict(numbers)
        placed, forced = _place_labels(marks, scale, numbers, count)
        if not forced or count == _MAX_LABEL_ROWS:
            return _Layout(placed, count, tracks)
        numbers.clear()
        numbers.update(before)
    raise AssertionError("unreachable")  # pragma: no cover


_TRACKS = 4  # bars of one lane that overlap in time go on tracks below each other
_TRACK_H = 10


def _tracks(lane: _Lane, scale: _Scale) -> dict[str, int]:
    """The track of each interval in the lane, laid greedily so that no two bars overlap."""
    rows = _Rows(_TRACKS, float("inf"), 3)
    out = {}
    for event in sorted(lane.events, key=lambda e: (_anchor(e, scale), e.index)):
        assert event.date is not None
        if event.date.is_interval:
            x1, x2 = (scale.x(d) for d in event.date.known)
            width = max(x2 - x1, 4.0)
            out[event.id] = (rows.place(x1, width) or rows.force(x1, width))[1]
    return out


def _defs() -> str:
    return (
        "<defs>"
        f'<pattern id="{_HATCH}" width="8" height="8" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="#eef1f5"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#b8c0cc" stroke-width="2"/>'
        "</pattern>"
        "</defs>"
    )


def _ticks(scale: _Scale, top: float, bottom: float) -> Iterator[str]:
    """Year lines across the lanes and the years above them."""
    first = date.fromordinal(scale.start).year
    last = date.fromordinal(scale.end - 1).year
    per_year = (scale.right - scale.left) / max(1, last - first + 1)
    step = next((s for s in _STEPS if s * per_year >= _MIN_TICK_GAP), _STEPS[-1])
    yield f'<g class="axis" fill="{_MUTED}" font-size="{_FONT_SIZE}">'
    yield (
        f'<line x1="{scale.left}" y1="{bottom}" x2="{scale.right}" y2="{bottom}"'
        f' stroke="{_MUTED}" stroke-width="1"/>'
    )
    for year in range(first + (-first) % step, last + 1, step):
        x = scale.x(date(year, 1, 1))
        yield (
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom + 4}" stroke="#d9dee5"'
            ' stroke-width="1"/>'
        )
        yield f'<text x="{x}" y="{bottom + 16}" text-anchor="middle">{year}</text>'
    yield "</g>"


class _Band(NamedTuple):
    """A period as drawn: its extent in the picture, the row of its title, the title shown."""

    period: Period
    x1: float
    x2: float
    row: int
    title: str  # the whole title, for <title>
    shown: str  # as much of it as fits over the band
    at: float  # where the shown title starts (before the band when it ends at the right edge)


_PERIOD_ROWS = 6  # rows of period titles above the lanes, for periods that overlap


def _bands(timeline: Timeline, scale: _Scale) -> list[_Band]:
    """Each period within the picture, its title in the first row where it overlaps none."""
    rows = _Rows(_PERIOD_ROWS, scale.right, 8)
    out = []
    for period in timeline.periods:
        if period.date is None:
            continue
        first, last = period.date.placed
        x1 = max(scale.x(first) if first else scale.left, scale.left)
        x2 = min(scale.x(last) if last else scale.right, scale.right)
        if x2 <= x1:
            continue
        title = f"{period.date.display()}: {one_line(period.title)}"
        # the title whole where a row has room for it from the band's start (moved left just
        # enough to end at the right edge); else as much as fits over the band itself
        whole = _width_of(title, 10)
        start = max(scale.left, min(x1, scale.right - whole))
        found = rows.near(start, start, whole) if whole <= scale.right - scale.left else None
        shown = title
        if found is None:
            room = int((x2 - x1) / (10 * 0.6))
            shown = title if len(title) <= room else title[: max(0, room - 1)] + "\u2026"
            shown = shown if room > 1 else ""
            width = min(_width_of(shown, 10), x2 - x1)
            found = rows.near(x1, x1, width) or rows.force(x1, width)
        at = max(found[0], 0.0) if found[0] < x1 else x1
        out.append(_Band(period, x1, x2, found[1], title, shown, at))
    return out


def _periods(bands: Sequence[_Band], top: float, bottom: float) -> Iterator[str]:
    """A hatched band for each period, its title above it; an id `period-ID` once only (a file
    that is not clean may hold two periods of one id)."""
    ids: set[str] = set()
    for band in bands:
        element = f"period-{_attr(band.period.id)}"
        given = "" if element in ids else f' id="{element}"'
        ids.add(element)
        yield f'<g class="period"{given}>'
        yield f"<title>{_text(band.title)}</title>"
        yield (
            f'<rect x="{band.x1}" y="{top}" width="{round(band.x2 - band.x1, 1)}"'
            f' height="{bottom - top}" fill="url(#{_HATCH})" opacity="0.8"/>'
        )
        if band.shown:
            yield (
                f'<text x="{round(band.at + 3, 1)}" y="{top - 4 - band.row * 13}" font-size="10"'
                f' font-style="italic" fill="{_MUTED}">{_text(band.shown)}</text>'
            )
        yield "</g>"


def _mark(event: Event, scale: _Scale, y: float, colour: str) -> str:
    """An event's shape: a bar across an interval, else a dot; hollow and dashed when light."""
    assert event.date is not None
    light = not event.date.exact
    first, last = event.date.known
    if event.date.is_interval:
        x1, x2 = scale.x(first), scale.x(last)
        w = max(round(x2 - x1, 1), 4.0)
        style = (
            f'fill="{colour}" fill-opacity="0.25" stroke="{colour}" stroke-width="1.5"'
            ' stroke-dasharray="4 2"'
            if light
            else f'fill="{colour}" stroke="{_INK}" stroke-width="0.6"'
        )
        return f'<rect x="{x1}" y="{y - 4}" width="{w}" height="8" rx="2" {style}/>'
    x = _anchor(event, scale)
    style = (
        f'fill="#ffffff" stroke="{colour}" stroke-width="1.8" stroke-dasharray="2 1.5"'
        if light
        else f'fill="{colour}" stroke="{_INK}" stroke-width="0.8"'
    )
    return f'<circle cx="{x}" cy="{y}" r="4.5" {style}/>'


class _Paint(NamedTuple):
    """How the lanes are drawn: on which scale, in which colours, numbering into `numbers`."""

    scale: _Scale
    palette: dict[str, str]
    by: str | None
    numbers: dict[str, int]


def _lane(lane: _Lane, y0: float, paint: _Paint, layout: _Layout) -> Iterator[str]:
    """A lane: its name, its line, each event's mark with its title, and its label."""
    scale = paint.scale
    line_y = y0 + layout.rows * _ROW_H + 10
    yield '<g class="lane">'
    if lane.label:
        yield (
            f'<text x="{scale.left - 10}" y="{line_y + 4}" text-anchor="end" font-size="12"'
            f' font-weight="600" fill="{_INK}">{_text(lane.label)}</text>'
        )
    yield (
        f'<line x1="{scale.left}" y1="{line_y}" x2="{scale.right}" y2="{line_y}"'
        ' stroke="#c3cad4" stroke-width="1"/>'
    )
    labels, tracks = layout.labels, layout.tracks
    for event in lane.events:
        assert event.date is not None
        colour = _mark_colour(event, lane, paint.palette, paint.by)
        yield f'<g class="event" data-event="{_attr(event.id)}">'
        yield f"<title>{_text(event.date.display())}: {_text(event.title)}</title>"
        yield _mark(event, scale, line_y + tracks.get(event.id, 0) * _TRACK_H, colour)
        label = labels.get(event.id)
        if label is not None:
            yield from _label(label, _anchor(event, scale), line_y)
        yield "</g>"
    yield "</g>"


def _label(label: _Placed, x: float, line_y: float) -> Iterator[str]:
    """A label in its row above the lane, with a thin line down to its mark from a higher row."""
    text_y = line_y - 10 - label.row * _ROW_H
    if label.row:
        yield (
            f'<line x1="{x}" y1="{text_y + 3}" x2="{x}" y2="{line_y - 5}"'
            ' stroke="#c3cad4" stroke-width="0.8"/>'
        )
    weight = ' font-weight="700"' if label.numbered else ""
    yield (
        f'<text x="{round(label.x, 1)}" y="{text_y}" font-size="{_FONT_SIZE}"{weight}'
        f' fill="{_INK}">{_text(label.text)}</text>'
    )


def _key(y: float) -> Iterator[str]:
    """What the shapes mean, drawn with the shapes themselves."""
    items = (
        (
            f'<circle cx="6" cy="0" r="4.5" fill="{_MUTED}" stroke="{_INK}" stroke-width="0.8"/>',
            "event",
        ),
        (
            f'<circle cx="6" cy="0" r="4.5" fill="#ffffff" stroke="{_MUTED}" stroke-width="1.8"'
            ' stroke-dasharray="2 1.5"/>',
            "approximate or uncertain",
        ),
        (
            f'<rect x="0" y="-4" width="22" height="8" rx="2" fill="{_MUTED}" stroke="{_INK}"'
            ' stroke-width="0.6"/>',
            "span",
        ),
        (
            f'<rect x="0" y="-4" width="22" height="8" rx="2" fill="{_MUTED}" fill-opacity="0.25"'
            f' stroke="{_MUTED}" stroke-width="1.5" stroke-dasharray="4 2"/>',
            "approximate or open span",
        ),
        (f'<rect x="0" y="-6" width="22" height="12" fill="url(#{_HATCH})"/>', "period"),
    )
    x = 20.0
    yield f'<g class="key" font-size="{_FONT_SIZE}" fill="{_INK}">'
    for shape, words in items:
        yield f'<g transform="translate({round(x, 1)} {y})">{shape}'
        yield f'<text x="28" y="4">{escape(words)}</text></g>'
        x += 40 + _width_of(words)
    yield "</g>"


def _legend(events: Sequence[Event], numbers: dict[str, int], y: float) -> Iterator[str]:
    """The numbered events, one a line: number, date, full title."""
    by_id = {e.id: e for e in events}
    yield f'<g class="legend" font-size="{_FONT_SIZE}" fill="{_INK}">'
    for i, (event_id, number) in enumerate(sorted(numbers.items(), key=lambda kv: kv[1])):
        event = by_id[event_id]
        assert event.date is not None
        line = f"{event.date.display()}: {event.title}"
        lead = f'<tspan font-weight="700">{number}.</tspan> '
        room = WIDTH - 2 * _MARGIN - _bold_width(f"{number}. ")
        yield _line(f'x="{_MARGIN}" y="{y + i * 16}"', line, room, lead=lead)
    yield "</g>"


def to_svg(doc: Document) -> str:
    """The (filtered) chronology as an SVG picture, in one lane or a lane per actor or tag."""
    timeline = doc.timeline
    events = [e for e in doc.events if e.date is not None]
    by = doc.lanes
    head = _head(timeline, doc, len(events))
    if not events:
        height: float = _TOP + 20
        return _svg(height, [*head, f'<text x="20" y="{_TOP}">No events match.</text>'])
    lanes = _lanes(events, by, timeline)
    left = max(36, 20 + max(_width_of(lane.label, 12) for lane in lanes) + (16 if by else 0))
    scale = _scale(events, round(left, 1), doc.filters)
    paint = _Paint(scale, palette_of(timeline), by, {})
    numbers = paint.numbers
    laid = [_layout(lane, scale, numbers) for lane in lanes]
    bands = _bands(timeline, scale)
    top = _TOP + _PERIOD_ROW + max((b.row for b in bands), default=0) * 13
    bottom = top + sum(layout.height for layout in laid)
    body = [*_periods(bands, top, bottom), *_ticks(scale, top, bottom)]
    y: float = top
    for lane, layout in zip(lanes, laid, strict=True):
        body.extend(_lane(lane, y, paint, layout))
        y += layout.height
    key_y = bottom + _AXIS_H + 18
    body.extend(_key(key_y))
    body.extend(_legend(events, numbers, key_y + 28))
    height = key_y + 28 + len(numbers) * 16 + 8
    return _svg(height, [*head, *body])


def _head(timeline: Timeline, doc: Document, count: int) -> list[str]:
    what = plural(count, "event")
    phrases = filter_phrases(doc.filters)
    filters = "; ".join(name if shown is None else f"{name}: {shown}" for name, shown in phrases)
    sub = f"From {doc.source_name}: {what}" + (f" ({filters})" if filters else "")
    room = WIDTH - 2 * _MARGIN
    return [
        _line(
            f'x="{_MARGIN}" y="28" font-size="18" font-weight="700" fill="{_INK}"',
            timeline.title,
            room,
            18 * 1.15,
        ),
        _line(f'x="{_MARGIN}" y="48" font-size="12" fill="{_MUTED}"', sub, room, 12),
    ]


def _svg(height: float, body: Sequence[str]) -> str:
    h = round(height)
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{h}"'
            f' viewBox="0 0 {WIDTH} {h}" font-family="{_FONT}" role="img">',
            _defs(),
            f'<rect width="{WIDTH}" height="{h}" fill="#ffffff"/>',
            *body,
            "</svg>",
            "",
        ]
    )
