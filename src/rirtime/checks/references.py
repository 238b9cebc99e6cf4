"""Every name written in an entry names an entry: part_of and event actors, the sources that
events and periods cite."""

from __future__ import annotations

from collections.abc import Iterator

from rirtime.checks.context import Context, Finding
from rirtime.names import Suggester

__all__ = ["undefined_actors", "undefined_sources"]


def undefined_actors(ctx: Context) -> Iterator[Finding]:
    # One Suggester for every unknown actor name: a file of thousands of misspellings costs a
    # bounded number of comparisons (see names.Suggester), not their product with the actors.
    actors = ctx.timeline.actors
    suggest = Suggester(actors)
    for actor in actors.values():
        if actor.part_of is not None and actor.part_of not in actors:
            yield (
                actor.places.at("part_of"),
                f"actor {actor.id!r} is part_of {actor.part_of!r}, which is not an actor"
                + suggest(actor.part_of),
            )
    for event in ctx.timeline.events:
        if all(actor_id in actors for actor_id in event.actors):
            continue
        at = event.places.at
        for i, actor_id in enumerate(event.actors):
            if actor_id not in actors:
                yield at("actors", i), f"{actor_id!r} is not an actor" + suggest(actor_id)


def undefined_sources(ctx: Context) -> Iterator[Finding]:
    sources = ctx.timeline.sources
    suggest = Suggester(sources)
    for event in ctx.timeline.events:
        for i, source_id in enumerate(event.sources):
            if source_id not in sources:
                yield (
                    event.places.at("sources", i),
                    f"{source_id!r} is not a source" + suggest(source_id),
                )
        for k, alternative in enumerate(event.alternatives):
            for i, source_id in enumerate(alternative.sources):
                if source_id not in sources:
                    yield (
                        event.places.at(f"alternatives[{k}].sources", i),
                        f"{source_id!r} is not a source" + suggest(source_id),
                    )
    for period in ctx.timeline.periods:
        for i, source_id in enumerate(period.sources):
            if source_id not in sources:
                yield (
                    period.places.at("sources", i),
                    f"{source_id!r} is not a source" + suggest(source_id),
                )
