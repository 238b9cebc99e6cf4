"""The actor registry holds together: each name names one actor, part_of goes somewhere."""

from __future__ import annotations

from collections.abc import Iterator

from rirtime.checks.context import Context, Finding

__all__ = ["ambiguous_aliases", "part_of_cycles"]


def ambiguous_aliases(ctx: Context) -> Iterator[Finding]:
    # ctx.names gives each folded name to the first actor that claims it; any later claim clashes.
    for actor in ctx.timeline.actors.values():
        for i, name in enumerate((actor.id, *actor.aliases)):
            owner = ctx.names[name.casefold()]
            if owner != actor.id:
                loc = actor.places.entry if i == 0 else actor.places.at("aliases", i - 1)
                yield loc, f"{name!r} names both actor {owner!r} and actor {actor.id!r}"


def part_of_cycles(ctx: Context) -> Iterator[Finding]:
    for cycle in ctx.graph.cycles:
        first = cycle[0]
        chain = " -> ".join([*cycle, first])
        yield (
            ctx.timeline.actors[first].places.at("part_of"),
            f"part_of goes round in a circle: {chain}",
        )
