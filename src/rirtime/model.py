"""The chronology as frozen values (Timeline, Event, Actor, Source, Period), each with its place."""

from __future__ import annotations

from abc import abstractmethod
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from rirtime import spec
from rirtime.dates import Span
from rirtime.errors import Loc
from rirtime.spec import ActorKind, Type

__all__ = [
    "Actor",
    "ActorKind",
    "Alternative",
    "Event",
    "FieldKey",
    "Overview",
    "Overviewed",
    "PackedPlaces",
    "Period",
    "Places",
    "Source",
    "Timeline",
    "known_overview",
    "overview",
    "overview_of",
    "pack",
    "packed",
    "plain",
    "sort_key",
    "unpack",
]


@dataclass(frozen=True, slots=True)
class Places:
    """Where each field of an entry was written: `at("title")`, `at("actors", 2)`. A field's
    place may be kept packed in one int (`pack`): a Loc and its line number took a quarter of a
    100k check's memory, and most places are never asked for."""

    entry: Loc
    fields: Mapping[str | tuple[str, int], Loc | int] = field(default_factory=dict)
    # True when only the entry's place is known (a chronology from the cache): asking for a
    # field's place is then a mistake of the caller, not a place to fall back on.
    partial: bool = False

    def at(self, name: str, index: int | None = None) -> Loc:
        """The place of a field (or of one item of a list field), else the entry's own."""
        if self.partial:
            raise LookupError(f"the place of {name!r} is not known here (read without the cache)")
        loc = self.fields.get((name, index)) if index is not None else None
        if loc is None:
            loc = self.fields.get(name, self.entry)
        return loc if isinstance(loc, Loc) else unpack(self.entry.path, loc)


FieldKey = str | tuple[str, int]


class PackedPlaces(Mapping[FieldKey, int]):
    """An entry's fields' places as one array of packed ints, and the index of its keys: one
    index for every entry written with the same keys in the same order. A dict of ints per
    event (and an int object per place) was a third of a 100k model's memory."""

    __slots__ = ("_index", "_packed")

    def __init__(self, index: Mapping[FieldKey, int], packed: array[int]) -> None:
        self._index = index
        self._packed = packed

    def __getitem__(self, key: FieldKey) -> int:
        return self._packed[self._index[key]]

    def __iter__(self) -> Iterator[FieldKey]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


_BITS = 21  # a packed place's column and length each take this many bits
_MASK = (1 << _BITS) - 1


def pack(loc: Loc) -> Loc | int:
    """`loc` as one int (line, column, length), its path that of the entry it is kept in; `loc`
    itself when a column or length is too large to pack."""
    return packed(loc.path, loc.line, loc.column, loc.length)


def packed(path: str, line: int, column: int, length: int) -> Loc | int:
    """`pack(Loc(path, line, column, length))`, without making the Loc when it packs."""
    if column > _MASK or length > _MASK:
        return Loc(path, line, column, length)
    return (line << 2 * _BITS) | (column << _BITS) | length


def unpack(path: str, packed: int) -> Loc:
    return Loc(path, packed >> 2 * _BITS, (packed >> _BITS) & _MASK, packed & _MASK)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    citation: str
    url: str | None
    published: Span | None
    text: str | None  # a path to a local plain-text copy, from the timeline's folder
    note: str | None
    places: Places


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind | None  # None only in a timeline that failed to load cleanly
    aliases: tuple[str, ...]
    part_of: str | None
    note: str | None
    places: Places


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another date the evidence gives for an event. Its places are the event's own:
    `event.places.at("alternatives[0].date")`, `at("alternatives[0].sources", 1)`."""

    date: Span
    sources: tuple[str, ...]
    note: str | None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: Span | None  # None only in a timeline that failed to load cleanly
    alternatives: tuple[Alternative, ...]
    title: str
    summary: str | None
    actors: tuple[str, ...]
    people: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    quote: str | None
    note: str | None
    places: Places
    index: int  # position in the file, the last tie-breaker of the chronological order

    @property
    def cited(self) -> tuple[str, ...]:
        """Every source the event cites: its own, then those of its alternatives, each once."""
        if not self.alternatives:
            return self.sources
        seen = dict.fromkeys(self.sources)
        for alternative in self.alternatives:
            seen.update(dict.fromkeys(alternative.sources))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time the chronology's events happen against (a war, a presidency): shown
    as background, never counted as an event."""

    id: str
    title: str
    date: Span | None  # None only in a timeline that failed to load cleanly
    note: str | None
    sources: tuple[str, ...]
    places: Places


@dataclass(frozen=True, slots=True)
class Timeline:
    path: str
    title: str
    description: str | None
    sources: Mapping[str, Source]
    actors: Mapping[str, Actor]
    # In file order: a tuple when read from the file, a sequence read as it is asked for when
    # read from the cache (cache.StoredEvents, an `Overviewed` one).
    events: Sequence[Event]
    periods: tuple[Period, ...] = ()  # in file order


def plain(f: spec.Field, value: Any) -> Any:
    """A model value as JSON-ready data: a date as written, a kind by name, a list as a list."""
    if value is None:
        return None
    if f.type is Type.DATE:
        return value.text
    if f.type is Type.ACTOR_KIND:
        return value.value
    if f.type.is_list:
        return list(value)
    if f.type.is_nested:
        entry = spec.NESTED[f.type]
        return [{g.name: plain(g, getattr(item, g.name)) for g in entry.fields} for item in value]
    return value


def sort_key(event: Event) -> tuple[date, date, int]:
    """The chronological order: by where the date is placed (dates.Span.placed: "by Sep 2015"
    among Sep 2015), then the placed last day, then the order in the file."""
    if event.date is None:
        return (date.max, date.max, event.index)
    earliest, latest = event.date.sort_key()
    return (earliest, latest, event.index)


# -- what a view needs of all the events before it shows the first -----------------------------


class Overview(NamedTuple):
    """What a view of some events needs to know of them all before it draws the first one: how
    many; whether they are in chronological order already (`sort_key`: then they need no
    sorting); the widest date as displayed (the date column's width); the days they span; how
    many name each actor (the palette gives the busiest the clearest colours). One pass makes it
    (`overview`); a chronology read from the cache has it stored (`Overviewed`), so that its
    view can start before the events are read."""

    total: int  # how many events
    in_order: bool
    widest_date: int  # characters of the widest `Span.display()` (each one cell wide)
    first: date | None  # the earliest known day of a dated event (Span.known), None if none
    last: date | None  # the latest known day
    mentions: Mapping[str, int]  # actor id -> how many events name it


class Overviewed(Sequence[Event]):
    """Events that know their overview without being read (cache.StoredEvents)."""

    __slots__ = ()

    @property
    @abstractmethod
    def overview(self) -> Overview: ...


_last: list[tuple[Sequence[Event], Overview]] = []  # the last made for a tuple, by identity


def overview(events: Sequence[Event]) -> Overview:
    """The events' overview: the one they carry, else made in one pass (and kept for the last
    events asked about: a view asks for its layout, its palette and its periods' window)."""
    known = known_overview(events)
    if known is not None:
        return known
    if _last and _last[0][0] is events:
        return _last[0][1]
    made = overview_of(events)
    if isinstance(events, tuple):  # a list could change after
        _last[:] = [(events, made)]
    return made


def known_overview(events: Sequence[Event]) -> Overview | None:
    """The overview the events carry (read from the cache), else None."""
    return events.overview if isinstance(events, Overviewed) else None


def overview_of(events: Iterable[Event]) -> Overview:
    """The overview of these events, made in one pass."""
    count = widest = 0
    in_order = True
    previous: tuple[date, date, int] | None = None
    first: date | None = None
    last: date | None = None
    mentions: Counter[str] = Counter()
    for event in events:
        count += 1
        key = sort_key(event)
        if previous is not None and key < previous:
            in_order = False
        previous = key
        # each actor once an event, in the order first named: the same bytes at every run, and
        # counted in C (a set's order changes with the hash seed; sorting 100,000 cost 0.1 s)
        mentions.update(iter(dict.fromkeys(event.actors)))
        span = event.date
        if span is None:
            continue
        widest = max(widest, len(span.display()))
        start, end = span.known
        first = start if first is None else min(first, start)
        last = end if last is None else max(last, end)
    return Overview(count, in_order, widest, first, last, dict(mentions))
