"""Periods as every view shows them: which overlap what is shown, and where their ends fall.

A view shows a period as background: the text view and the HTML page put a marked line where
it begins and where it ends, between the events at their placed dates; the Markdown export
lists at the top of a year's section the periods that cover that year. What is "shown" is the
filters' window (`--from`, `--to`), and on a side the filters leave open, the extent of the
events shown: `--limit 3` or `--actor hezbollah` does not end in the boundaries of the decades
after its last event.
"""

from __future__ import annotations

import heapq
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import NamedTuple

from rirtime import dates
from rirtime.model import Event, Period, overview
from rirtime.present.safe import visible
from rirtime.query import Window, sort_key

__all__ = [
    "Background",
    "Boundary",
    "Mark",
    "background",
    "boundaries",
    "covering",
    "interleave",
    "overlapping",
    "point_display",
    "shown_window",
]


class Mark(str, Enum):
    """Which boundary of a period a mark shows."""

    BEGINS = "begins"
    ENDS = "ends"
    UNDER_WAY = "under way"  # begun before the window opens: marked first of all
    ONCE = "once"  # a period of one date (not an interval): one mark


class Boundary(NamedTuple):
    """Where a period begins or ends (or, first of all, one already under way when the window
    opens; or a period of one date), as a view marks it between the events."""

    period: Period
    kind: Mark
    when: str  # the date shown: "Mar 2011"
    key: tuple[date, date, int]  # placed among the events' sort keys (query.sort_key)

    @property
    def section(self) -> str | None:
        """The year section the mark falls in (as query.year_label names it); None for a period
        already under way, which is marked before any section."""
        return None if self.kind is Mark.UNDER_WAY else str(self.key[0].year)

    def label(self) -> str:
        """What the mark says, safe to show: "Syrian civil war begins (Mar 2011)"."""
        title = visible(" ".join(self.period.title.split()))
        when = visible(self.when)
        if self.kind is Mark.UNDER_WAY:
            begun = self.period.date is not None and self.period.date.start is not None
            return f"{title} under way (from {when})" if begun else f"{title} under way ({when})"
        if self.kind is Mark.ONCE:
            return f"{title} ({when})"
        return f"{title} {self.kind.value} ({when})"


def point_display(point: dates.Point) -> str:
    """One end of a date as the views show a date: "Mar 2011", "c. 2015"."""
    return dates.parse(point.text).display()


def _day(text: object) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) else None


def shown_window(filters: Mapping[str, object], events: Sequence[Event]) -> Window | None:
    """The stretch of days the view shows: the filters' window, each side the filters leave open
    taken from the events shown; None when no event is shown (no period is then shown)."""
    known = overview(events)  # a cached chronology's is stored: its events need not be read
    if known.first is None or known.last is None:
        return None
    start = _day(filters.get("from")) or known.first
    end = _day(filters.get("to")) or known.last
    return Window(start, end)


def overlapping(periods: Iterable[Period], window: Window | None) -> list[Period]:
    """The periods that overlap the window (by their placed days), in file order."""
    if window is None:
        return []
    return [p for p in periods if p.date is not None and window.holds(p.date)]


def covering(periods: Iterable[Period], day: date) -> list[Period]:
    """The periods under way on `day` (an open end runs on without bound)."""
    out = []
    for period in periods:
        if period.date is None:
            continue
        first, last = period.date.placed
        if (first is None or first <= day) and (last is None or day <= last):
            out.append(period)
    return out


_FIRST, _LAST = -sys.maxsize, sys.maxsize


def _ends(period: Period, window: Window) -> Iterator[Boundary]:
    """The boundaries of one period that fall inside the window."""
    span = period.date
    assert span is not None
    start, end = span.start, span.end
    if not span.is_interval:
        assert start is not None
        if window.overlaps(start.earliest, start.latest):
            yield Boundary(period, Mark.ONCE, span.display(), (start.earliest, date.min, _FIRST))
        return
    if start is not None:
        if window.overlaps(start.earliest, start.latest):
            yield Boundary(
                period, Mark.BEGINS, point_display(start), (start.earliest, date.min, _FIRST)
            )
        elif window.start is not None and start.latest < window.start:
            key = (date.min, date.min, _FIRST)
            yield Boundary(period, Mark.UNDER_WAY, point_display(start), key)
    elif window.start is not None and span.placed[0] is None:
        # an open start (`../2014`) has begun before any window: under way, "until 2014"
        yield Boundary(period, Mark.UNDER_WAY, span.display(), (date.min, date.min, _FIRST))
    if end is not None and window.overlaps(end.earliest, end.latest):
        yield Boundary(period, Mark.ENDS, point_display(end), (end.latest, date.max, _LAST))


def boundaries(periods: Iterable[Period], window: Window | None) -> list[Boundary]:
    """Every boundary inside the window of the periods that overlap it, in chronological order
    (those already under way first)."""
    found = [b for p in overlapping(periods, window) for b in _ends(p, window or Window())]
    found.sort(key=lambda b: b.key)
    return found


class Background(NamedTuple):
    """The periods as a view of events shows them: the boundaries inside what it shows, and
    which way the events run."""

    marks: Sequence[Boundary] = ()
    reverse: bool = False  # the events run from the latest (`--reverse`)

    def among(self, events: Iterable[Event]) -> Iterator[Event | Boundary]:
        """The events with the marks among them (`interleave`)."""
        return interleave(events, self.marks, reverse=self.reverse)


def background(
    periods: Iterable[Period], filters: Mapping[str, object], events: Sequence[Event]
) -> Background:
    """The background of a document's events: its periods' boundaries inside the window shown."""
    marks = boundaries(periods, shown_window(filters, events))
    return Background(marks, reverse=bool(filters.get("reverse")))


def interleave(
    events: Iterable[Event], marks: Sequence[Boundary], *, reverse: bool = False
) -> Iterator[Event | Boundary]:
    """The events (in chronological order, or the reverse with `reverse`) with the marks among
    them at their placed dates; lazy, one pass over the events."""
    keyed: Iterable[Event | Boundary]
    if reverse:
        keyed = heapq.merge(events, reversed(marks), key=_key, reverse=True)
    else:
        keyed = heapq.merge(events, marks, key=_key)
    yield from keyed


def _key(item: Event | Boundary) -> tuple[date, date, int]:
    return item.key if isinstance(item, Boundary) else sort_key(item)
