"""For tests that measure work without a clock: ids that count the steps done with them, and
small model values to build timelines from."""

from __future__ import annotations

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


def actor(actor_id: str, part_of: str | None) -> Actor:
    return Actor(actor_id, actor_id.upper(), ActorKind.GROUP, (), part_of, None, HERE)


def event(
    index: int,
    actors: tuple[str, ...],
    *,
    event_id: str | None = None,
    date: str = "2015",
    tags: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
    sources: tuple[str, ...] = ("s",),
) -> Event:
    return Event(
        f"e{index}" if event_id is None else event_id,
        parse(date),
        "E",
        None,
        actors,
        people,
        tags,
        sources,
        None,
        None,
        HERE,
        index,
    )


def timeline(actors: dict[str, Actor], events: tuple[Event, ...] = ()) -> Timeline:
    sources = {"s": Source("s", "S", None, None, None, HERE)}
    return Timeline("t.yaml", "t", None, sources, actors, events)
