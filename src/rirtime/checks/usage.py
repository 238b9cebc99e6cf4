"""Every registry entry is used: each actor by some event (or a part of it), each source cited
(by an event or a period)."""

from __future__ import annotations

from collections.abc import Iterator

from rirtime.checks.context import Context, Finding

__all__ = ["unused_actors", "unused_sources"]


def unused_actors(ctx: Context) -> Iterator[Finding]:
    # An actor counts as used when an event names it or any actor that is part of it.
    used = ctx.graph.reached(a for event in ctx.timeline.events for a in event.actors)
    for actor in ctx.timeline.actors.values():
        if actor.id not in used:
            yield actor.places.entry, f"actor {actor.id!r} is never used"


def unused_sources(ctx: Context) -> Iterator[Finding]:
    cited = {s for event in ctx.timeline.events for s in event.cited}
    cited.update(s for period in ctx.timeline.periods for s in period.sources)
    for source in ctx.timeline.sources.values():
        if source.id not in cited:
            yield source.places.entry, f"source {source.id!r} is never cited"
