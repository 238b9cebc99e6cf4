"""Each event (and period) on its own: a unique id, no item listed twice, a source cited.

Events and periods are two namespaces: a period may share an id with an event (a war and the
event that began it), never with another period."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rirtime.checks.context import Context, Finding, label
from rirtime.model import Event, Period

__all__ = ["duplicate_ids", "no_source", "repeated_items"]

_LISTS = ("actors", "tags", "sources", "people")


def duplicate_ids(ctx: Context) -> Iterator[Finding]:
    yield from _duplicates("event", ctx.timeline.events)
    yield from _duplicates("period", ctx.timeline.periods)


def _duplicates(kind: str, entries: Iterable[Event | Period]) -> Iterator[Finding]:
    first: dict[str, Event | Period] = {}
    for entry in entries:
        if not entry.id:
            continue
        if entry.id in first:  # a place is made only for what is reported (10,000 were not)
            line = first[entry.id].places.at("id").line
            yield entry.places.at("id"), f"{kind} id {entry.id!r} is already used at line {line}"
        else:
            first[entry.id] = entry


def repeated_items(ctx: Context) -> Iterator[Finding]:
    for event in ctx.timeline.events:
        for field in _LISTS:
            items = getattr(event, field)
            if len(set(items)) == len(items):  # nothing repeated: told in C, in one step
                continue
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item in seen:
                    loc = event.places.at(field, i)
                    yield loc, f"{item!r} is listed twice in {field} of {label(event)}"
                seen.add(item)
    for period in ctx.timeline.periods:
        seen = set()
        for i, item in enumerate(period.sources):
            if item in seen:
                loc = period.places.at("sources", i)
                yield loc, f"{item!r} is listed twice in sources of period {period.id!r}"
            seen.add(item)


def no_source(ctx: Context) -> Iterator[Finding]:
    for event in ctx.timeline.events:
        if not event.sources:
            yield event.places.entry, f"{label(event)} cites no source"
    for period in ctx.timeline.periods:
        if not period.sources:
            yield period.places.entry, f"period {period.id!r} cites no source"
