"""A Filter value, the human dates it takes, and the function that applies it to a timeline."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import NamedTuple

from rirtime import dates, graph
from rirtime.errors import UsageError
from rirtime.model import Event, Timeline, known_overview, sort_key
from rirtime.names import did_you_mean, fold

__all__ = [
    "OPEN_START",
    "Filter",
    "Window",
    "apply",
    "descendants",
    "parse_human_date",
    "resolve",
    "resolve_actor",
    "sort_key",
    "window",
    "year_label",
]


class Window(NamedTuple):
    """A stretch of days; None is unbounded on that side."""

    start: date | None = None
    end: date | None = None

    def overlaps(self, earliest: date | None, latest: date | None) -> bool:
        if self.end is not None and earliest is not None and earliest > self.end:
            return False
        return not (self.start is not None and latest is not None and latest < self.start)

    def holds(self, span: dates.Span, *, possible: bool = False) -> bool:
        """Whether a date falls in the window: by where it is placed (what is known of it: "by
        Sep 2015" is in Sep 2015, not in 2001), or, with `possible`, by every day it could be
        (an unknown start then reaches back without bound)."""
        if possible:
            return self.overlaps(span.earliest, span.latest)
        return self.overlaps(*span.placed)


_ALL_TIME = Window()  # no bound on either side


class Filter(NamedTuple):
    """What to keep. Repeated values of one filter match any of them (all of them, with
    `all_of`, for actors and tags); different filters must all hold."""

    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    search: tuple[str, ...] = ()
    not_actors: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    window: Window = _ALL_TIME
    all_of: bool = False
    possible: bool = False  # the window matches every day an event could be, not where it is placed
    limit: int | None = None
    reverse: bool = False

    def is_empty(self) -> bool:
        return self == Filter()

    def describe(self) -> dict[str, object]:
        """The filters in use, for the header of an export."""
        out: dict[str, object] = {}
        for name in ("actors", "tags", "people", "sources", "search", "not_actors", "not_tags"):
            value = getattr(self, name)
            if value:
                out[name] = list(value)
        if self.window.start is not None:
            out["from"] = self.window.start.isoformat()
        if self.window.end is not None:
            out["to"] = self.window.end.isoformat()
        if self.all_of:
            out["all"] = True
        if self.possible:
            out["possible"] = True
        if self.limit is not None:
            out["limit"] = self.limit
        if self.reverse:
            out["reverse"] = True
        return out


OPEN_START = "Open start"  # the heading of events that run back without bound ("until 2015")


def year_label(event: Event) -> str:
    """The year an event is counted under: the year it is placed at ("by Sep 2015" under 2015),
    or a word when it has none."""
    span = event.date
    if span is None:
        return "Undated"
    first = span.first
    if first is None:
        return OPEN_START
    return str(first.earliest.year)


# -- resolving what the user typed ---------------------------------------------------------------


def resolve_actor(timeline: Timeline, name: str) -> str:
    """The id of the actor `name` names: its id, an alias, or its name ("United States"),
    ignoring case and accents; else a usage error that suggests an id (or `--person`, when
    the name is a person's)."""
    return _ActorNames(timeline).resolve(name)


class _ActorNames:
    """Every way to name an actor, folded, made once for all the names a command line gives
    (2,000 `-a` values against 10,000 actors folded every name 2,000 times)."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.by_id_or_alias: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        for actor in timeline.actors.values():
            for key in (fold(actor.id), *(_words(a) for a in actor.aliases)):
                self.by_id_or_alias.setdefault(key, actor.id)
            self.by_name.setdefault(_words(actor.name), actor.id)

    def resolve(self, name: str) -> str:
        wanted = _words(name)
        found = self.by_id_or_alias.get(wanted) or self.by_name.get(wanted)
        if found is None:
            raise UsageError(f"unknown actor {name!r}{_actor_hint(self.timeline, name)}")
        return found


def _words(name: str) -> str:
    """A name as it is compared: folded, its spaces made single."""
    return " ".join(fold(name).split())


def _actor_hint(timeline: Timeline, name: str) -> str:
    """Why an actor name is unknown: a close id (ids only, never an alias: the suggestion is
    what to type), or a person's name, which `--person` finds."""
    wanted = _words(name)
    if wanted and any(wanted in fold(p) for e in timeline.events for p in e.people):
        return f" (it names a person: try --person {name!r})"
    by_alias = {fold(a): actor.id for actor in timeline.actors.values() for a in actor.aliases}
    close = did_you_mean(name, [*timeline.actors, *by_alias])
    if not close:
        return ""
    shown = close.removeprefix(" (did you mean ").removesuffix("?)").strip("'\"")
    return f" (did you mean {by_alias.get(fold(shown), shown)!r}?)"


def _resolve_ids(kind: str, values: Sequence[str], known: Iterable[str]) -> tuple[str, ...]:
    known_list = list(known)
    by_fold = {k.casefold(): k for k in known_list}
    out = []
    for value in values:
        found = by_fold.get(value.casefold())
        if found is None:
            raise UsageError(f"unknown {kind} {value!r}{did_you_mean(value, known_list)}")
        out.append(found)
    return tuple(out)


def resolve(timeline: Timeline, wanted: Filter) -> Filter:
    """The filter with every actor, tag and source name checked and turned into its id."""
    # The tags are known only by reading every event: not when no tag filter asks for them.
    asks_tags = wanted.tags or wanted.not_tags
    tags = {t for e in timeline.events for t in e.tags} if asks_tags else set()
    names = _ActorNames(timeline) if wanted.actors or wanted.not_actors else None
    return Filter(
        actors=tuple(names.resolve(a) for a in wanted.actors) if names else (),
        tags=_resolve_ids("tag", wanted.tags, tags),
        people=wanted.people,
        sources=_resolve_ids("source", wanted.sources, timeline.sources),
        search=wanted.search,
        not_actors=tuple(names.resolve(a) for a in wanted.not_actors) if names else (),
        not_tags=_resolve_ids("tag", wanted.not_tags, tags),
        window=wanted.window,
        all_of=wanted.all_of,
        possible=wanted.possible,
        limit=wanted.limit,
        reverse=wanted.reverse,
    )


# -- human dates ---------------------------------------------------------------------------------


def parse_human_date(text: str) -> dates.Span:
    """A date as people write it, keeping its precision (dates.read_human); a usage error when
    it cannot be read, or could be read two ways."""
    try:
        return dates.read_human(text)
    except dates.DateError as exc:
        raise UsageError(exc.message) from None


def window(on: str | None, start: str | None, end: str | None) -> Window:
    """The window of days the --on, --from and --to options describe."""
    lo: date | None = None
    hi: date | None = None
    if on is not None:
        span = parse_human_date(on)
        lo, hi = span.earliest, span.latest
    if start is not None:
        span = parse_human_date(start)
        lo = span.earliest if lo is None or span.earliest is None else max(lo, span.earliest)
    if end is not None:
        span = parse_human_date(end)
        hi = span.latest if hi is None or span.latest is None else min(hi, span.latest)
    if lo is not None and hi is not None and hi < lo:
        raise UsageError(f"the dates ask for an empty stretch: from {lo} to {hi}")
    return Window(lo, hi)


# -- applying ------------------------------------------------------------------------------------


def descendants(timeline: Timeline, actor_id: str) -> frozenset[str]:
    """The actor and every actor that is part of it, at any depth."""
    return graph.of(timeline).descendants(actor_id)


def _conditions(timeline: Timeline, wanted: Filter) -> list[Callable[[Event], bool]]:
    """One condition for each filter in use; an event is kept when all of them hold."""
    actors = graph.of(timeline)
    combine = all if wanted.all_of else any
    conditions: list[Callable[[Event], bool]] = []
    if wanted.actors:
        groups = [actors.descendants(a) for a in wanted.actors]
        conditions.append(lambda e: combine(set(e.actors) & g for g in groups))
    if wanted.tags:
        conditions.append(lambda e: combine(t in e.tags for t in wanted.tags))
    excluded = frozenset().union(*(actors.descendants(a) for a in wanted.not_actors))
    if excluded:
        conditions.append(lambda e: not excluded & set(e.actors))
    if wanted.not_tags:
        conditions.append(lambda e: not any(t in e.tags for t in wanted.not_tags))
    if wanted.sources:
        conditions.append(lambda e: any(s in e.cited for s in wanted.sources))
    if wanted.people:
        synonyms = _synonyms(timeline)
        people = [_any_spelling(p, synonyms) for p in wanted.people]

        def names_a_person(event: Event) -> bool:
            names = [fold(n) for n in event.people]
            return any(all(part.search(n) for part in parts) for parts in people for n in names)

        conditions.append(names_a_person)
    if wanted.search:
        conditions.append(_searcher(timeline, wanted.search))
    if wanted.window != Window():
        w, possible = wanted.window, wanted.possible
        conditions.append(lambda e: e.date is not None and w.holds(e.date, possible=possible))
    return conditions


def _synonyms(timeline: Timeline) -> dict[str, frozenset[str]]:
    """Each folded actor name and alias -> every name of that actor: the file's own list of
    spellings ("Asad" and "Assad", "Rohani" and "Rouhani"), used to widen a search. One set an
    actor, shared by its names (an actor of 20,000 aliases is 20,000 entries, not their square)."""
    out: dict[str, frozenset[str]] = {}
    for actor in timeline.actors.values():
        names = frozenset(fold(n) for n in (actor.name, *actor.aliases) if n.strip())
        for name in names:
            out.setdefault(name, names)
    return out


def _any_spelling(term: str, synonyms: dict[str, frozenset[str]]) -> list[re.Pattern[str]]:
    """A search term as what must all be found: the whole term when it is an actor's name or
    alias (any of its spellings), else each of its words (each in any spelling the file gives)."""
    folded = " ".join(fold(term).split())
    if folded in synonyms:
        return [_starts(synonyms[folded])]
    return [_starts(synonyms.get(word, frozenset({word}))) for word in folded.split()]


def _starts(spellings: Iterable[str]) -> re.Pattern[str]:
    """Any of the spellings at the start of a word ("base" finds "base" and "bases", not
    "database"), in text folded as `fold` does."""
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})")


def _searcher(timeline: Timeline, terms: Sequence[str]) -> Callable[[Event], bool]:
    """Whether an event holds every word of one of the terms (a repeated --search is any of
    them), each at the start of a word, ignoring case and accents, in its title, summary, quote
    or people."""
    synonyms = _synonyms(timeline)
    wanted = [parts for parts in (_any_spelling(t, synonyms) for t in terms) if parts]

    def holds(event: Event) -> bool:
        hay = [event.title, event.summary or "", event.quote or "", *event.people]
        folded = fold("\n".join(hay))
        return any(all(part.search(folded) for part in parts) for parts in wanted)

    return holds


def apply(timeline: Timeline, wanted: Filter) -> Sequence[Event]:
    """The events that pass the filter (ids already resolved), in chronological order. All of
    a chronology read from the cache in order already are its own events, read as they are
    asked for (a view then starts before they are all read)."""
    kept: Sequence[Event] = timeline.events
    if not wanted.is_empty():
        conditions = _conditions(timeline, wanted)
        kept = [e for e in timeline.events if all(holds(e) for holds in conditions)]
    known = known_overview(kept)
    if known is not None and known.in_order and not wanted.reverse:
        return kept if wanted.limit is None else kept[: wanted.limit]
    events = sorted(kept, key=sort_key)
    if wanted.reverse:
        events.reverse()
    if wanted.limit is not None:
        events = events[: wanted.limit]
    return events
