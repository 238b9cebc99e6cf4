"""Each event on its own: a unique id, no item listed twice, a source cited."""

from __future__ import annotations

from collections.abc import Iterator

from rirtime.checks.context import Context, Finding, label

__all__ = ["duplicate_ids", "no_source", "repeated_items"]

_LISTS = ("actors", "tags", "sources", "people")


def duplicate_ids(ctx: Context) -> Iterator[Finding]:
    first_line: dict[str, int] = {}
    for event in ctx.timeline.events:
        if not event.id:
            continue
        loc = event.places.at("id")
        if event.id in first_line:
            yield loc, f"event id {event.id!r} is already used at line {first_line[event.id]}"
        else:
            first_line[event.id] = loc.line


def repeated_items(ctx: Context) -> Iterator[Finding]:
    for event in ctx.timeline.events:
        for field in _LISTS:
            seen: set[str] = set()
            for i, item in enumerate(getattr(event, field)):
                if item in seen:
                    loc = event.places.at(field, i)
                    yield loc, f"{item!r} is listed twice in {field} of {label(event)}"
                seen.add(item)


def no_source(ctx: Context) -> Iterator[Finding]:
    for event in ctx.timeline.events:
        if not event.sources:
            yield event.places.entry, f"{label(event)} cites no source"
