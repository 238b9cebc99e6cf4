"""For tests that measure work without a clock: ids that count the steps done with them, and
small model values to build timelines from."""

from __future__ import annotations

from typing import Any

from rirtime import spec
from rirtime.dates import parse
from rirtime.errors import Loc
from rirtime.model import Actor, ActorKind, Event, Places, Source, Timeline

HERE = Places(Loc("t.yaml", 1, 1))


class Counted(str):
    """An id that counts every hash and comparison made with it: the steps of any dict, set or
    list lookup, including those done inside C (`x in some_list`)."""

    steps = 0

    def __hash__(self) -> int:
        Counted.steps += 1
        return str.__hash__(self)

    def __eq__(self, other: object) -> bool:
        Counted.steps += 1
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        Counted.steps += 1
        return str.__ne__(self, other)


def _empty(entry: spec.Entry) -> dict[str, Any]:
    """Every field of an entry, empty: a new optional field in the spec needs no change here."""
    return {f.name: () if f.type.is_list or f.type.is_nested else None for f in entry.fields}


def actor(actor_id: str, part_of: str | None) -> Actor:
    values = {**_empty(spec.ACTOR), "name": actor_id.upper(), "kind": ActorKind.GROUP}
    return Actor(id=actor_id, places=HERE, **{**values, "part_of": part_of})


def event(  # noqa: PLR0913 - an event is built from its fields, each named
    index: int,
    actors: tuple[str, ...],
    *,
    event_id: str | None = None,
    date: str = "2015",
    tags: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
    sources: tuple[str, ...] = ("s",),
) -> Event:
    values = {
        **_empty(spec.EVENT),
        "id": f"e{index}" if event_id is None else event_id,
        "date": parse(date),
        "title": "E",
        "actors": actors,
        "people": people,
        "tags": tags,
        "sources": sources,
    }
    return Event(places=HERE, index=index, **values)


def timeline(actors: dict[str, Actor], events: tuple[Event, ...] = ()) -> Timeline:
    sources = {"s": Source(id="s", places=HERE, **{**_empty(spec.SOURCE), "citation": "S"})}
    return Timeline("t.yaml", "t", None, sources, actors, events)
