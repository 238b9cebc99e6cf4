"""The actor graph: a timeline's `part_of` relation, built once in linear time, walked everywhere.

Every question about `part_of` goes through here: which actors an event reaches (itself and
everything it is part of, for `unused-actor` and the actor counts), which actors a filter on one
actor takes in (it and every actor part of it), and which `part_of` chains go round in a circle.
A `part_of` naming no actor leads nowhere up (the validator reports it), so no walk leaves the
registry, and every walk stops at an actor it has seen, so a cycle cannot make it loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from rirtime.model import Actor, Timeline

__all__ = ["ActorGraph", "build", "folded_names", "of"]


class ActorGraph(NamedTuple):
    """The `part_of` relation of one registry, both ways, and its cycles."""

    # Every actor -> the actor it is part_of; None when it is part of none, or of no actor.
    parent: Mapping[str, str | None]
    # Every name some actor is part_of -> those actors, in file order. A name that is no actor
    # is kept, so that `descendants` answers for it as the registry says.
    children: Mapping[str, tuple[str, ...]]
    # Each cycle once, as the chain `part_of` follows; see _cycles for where it starts.
    cycles: tuple[tuple[str, ...], ...]

    def ancestors(self, actor_id: str) -> tuple[str, ...]:
        """The chain up from an actor (without it), nearest first, stopping before any repeat."""
        seen = {actor_id}
        chain = []
        current = self.parent.get(actor_id)
        while current is not None and current not in seen:
            seen.add(current)
            chain.append(current)
            current = self.parent.get(current)
        return tuple(chain)

    def descendants(self, actor_id: str) -> frozenset[str]:
        """The actor and every actor that is part of it, at any depth."""
        out = {actor_id}
        stack = [actor_id]
        while stack:
            for child in self.children.get(stack.pop(), ()):
                if child not in out:
                    out.add(child)
                    stack.append(child)
        return frozenset(out)

    def reached(self, actor_ids: Iterable[str]) -> set[str]:
        """The given ids that are actors and every actor they are part of, at any depth.

        Linear in the ids plus the answer: a walk up stops at the first actor already reached.
        """
        out: set[str] = set()
        for actor_id in actor_ids:
            current = actor_id if actor_id in self.parent else None
            while current is not None and current not in out:
                out.add(current)
                current = self.parent.get(current)
        return out


def build(actors: Mapping[str, Actor]) -> ActorGraph:
    """The graph of a registry, in one pass over it (plus one over the chains, for cycles)."""
    parent = {a.id: a.part_of if a.part_of in actors else None for a in actors.values()}
    children: dict[str, list[str]] = {}
    for actor in actors.values():
        if actor.part_of is not None:
            children.setdefault(actor.part_of, []).append(actor.id)
    return ActorGraph(
        parent=parent,
        children={up: tuple(kids) for up, kids in children.items()},
        cycles=_cycles(parent),
    )


def _cycles(parent: Mapping[str, str | None]) -> tuple[tuple[str, ...], ...]:
    """Each cycle once, found from the first actor (in file order) whose chain runs into it and
    starting where that chain enters it; every actor is walked over once."""
    done: set[str] = set()  # walked over by an earlier start: nothing new lies beyond it
    out: list[tuple[str, ...]] = []
    for start in parent:
        path: dict[str, int] = {}  # this walk's actors -> their position on it
        current: str | None = start
        while current is not None and current not in done and current not in path:
            path[current] = len(path)
            current = parent.get(current)
        if current is not None and current in path:
            out.append(tuple(path)[path[current] :])
        done.update(path)
    return tuple(out)


# Timeline is a frozen slotted dataclass holding dicts: it cannot be hashed, nor weakly
# referenced. So the graph of the last timeline asked about is kept, with that timeline, and
# recognised by identity: a command works on one timeline, so it builds the graph once (the
# validator, the filter and the counts share it); asking about another timeline replaces it.
_last: list[tuple[Timeline, ActorGraph]] = []  # at most one pair; a list, so no `global`


def of(timeline: Timeline) -> ActorGraph:
    """The actor graph of a timeline, built on the first request for that timeline."""
    if _last and _last[0][0] is timeline:
        return _last[0][1]
    graph = build(timeline.actors)
    _last[:] = [(timeline, graph)]
    return graph


def folded_names(actors: Mapping[str, Actor]) -> dict[str, str]:
    """Every actor id and alias, case-folded, -> the first actor (in file order) it names."""
    out: dict[str, str] = {}
    for actor in actors.values():
        for name in (actor.id, *actor.aliases):
            out.setdefault(name.casefold(), actor.id)
    return out
