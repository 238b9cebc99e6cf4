"""How values are written: ids and tags in kebab-case, names, citations and titles on one line."""

from __future__ import annotations

from collections.abc import Iterator

from rirtime.checks.context import Context, Finding, label
from rirtime.errors import Loc
from rirtime.spec import ID_PATTERN

__all__ = ["empty_texts", "ids", "multiline_texts", "tags"]


def _ids(ctx: Context) -> Iterator[tuple[str, str, Loc]]:
    """Every id written: (what it is, the id, where)."""
    t = ctx.timeline
    for actor in t.actors.values():
        yield "actor id", actor.id, actor.places.entry
    for source in t.sources.values():
        yield "source id", source.id, source.places.entry
    for event in t.events:
        yield "event id", event.id, event.places.at("id")
    for period in t.periods:
        yield "period id", period.id, period.places.at("id")


def ids(ctx: Context) -> Iterator[Finding]:
    for what, value, loc in _ids(ctx):
        if value and not ID_PATTERN.fullmatch(value):
            yield (
                loc,
                f"{what} {value!r} is not lowercase kebab-case (letters a-z, digits, single "
                "hyphens between them, as in 'un-security-council')",
            )


def _texts(ctx: Context) -> Iterator[tuple[str, str, Loc]]:
    """Every one-line text written: (what it is, the text, where)."""
    t = ctx.timeline
    for actor in t.actors.values():
        if actor.name:
            yield f"name of actor {actor.id!r}", actor.name, actor.places.at("name")
    for source in t.sources.values():
        if source.citation:
            yield f"citation of source {source.id!r}", source.citation, source.places.at("citation")
    for event in t.events:
        if event.title:
            yield f"title of {label(event)}", event.title, event.places.at("title")
    for period in t.periods:
        if period.title:
            yield f"title of period {period.id!r}", period.title, period.places.at("title")


def empty_texts(ctx: Context) -> Iterator[Finding]:
    for what, text, loc in _texts(ctx):
        if not text.strip():
            yield loc, f"{what} is empty"


def multiline_texts(ctx: Context) -> Iterator[Finding]:
    for what, text, loc in _texts(ctx):
        if text.strip() and ("\n" in text.strip() or "\r" in text):
            yield loc, f"{what} must be one line"


def tags(ctx: Context) -> Iterator[Finding]:
    for event in ctx.timeline.events:
        for i, tag in enumerate(event.tags):
            if not ID_PATTERN.fullmatch(tag):
                yield event.places.at("tags", i), f"tag {tag!r} is not lowercase kebab-case"
