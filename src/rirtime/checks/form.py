"""How values are written: ids and tags in kebab-case, names, citations and titles on one line."""

from __future__ import annotations

from collections.abc import Iterator

from rirtime.checks.context import Context, Finding, label
from rirtime.errors import Loc
from rirtime.model import Actor, Event, Period, Source
from rirtime.spec import ID_PATTERN

__all__ = ["empty_texts", "ids", "multiline_texts", "tags"]


# What a check of written values reads: each value with what holds it and its field, so that
# the words and the place of a finding are made only for the values reported (making them for
# every title and id was most of these checks' time on 10,000 events).
_Written = tuple[str, Actor | Source | Event | Period, str]


def _ids(ctx: Context) -> Iterator[_Written]:
    """Every id written (a registry entry's id is its key: its place is the entry's own)."""
    t = ctx.timeline
    yield from ((a.id, a, "") for a in t.actors.values())
    yield from ((s.id, s, "") for s in t.sources.values())
    yield from ((e.id, e, "id") for e in t.events)
    yield from ((p.id, p, "id") for p in t.periods)


def _where(entry: Actor | Source | Event | Period, field: str) -> Loc:
    return entry.places.at(field) if field else entry.places.entry


_ID_KIND = {Actor: "actor", Source: "source", Event: "event", Period: "period"}


def ids(ctx: Context) -> Iterator[Finding]:
    for value, entry, field in _ids(ctx):
        if value and not ID_PATTERN.fullmatch(value):
            yield (
                _where(entry, field),
                f"{_ID_KIND[type(entry)]} id {value!r} is not lowercase kebab-case (letters a-z, "
                "digits, single hyphens between them, as in 'un-security-council')",
            )


def _texts(ctx: Context) -> Iterator[_Written]:
    """Every one-line text written."""
    t = ctx.timeline
    yield from ((a.name, a, "name") for a in t.actors.values() if a.name)
    yield from ((s.citation, s, "citation") for s in t.sources.values() if s.citation)
    yield from ((e.title, e, "title") for e in t.events if e.title)
    yield from ((p.title, p, "title") for p in t.periods if p.title)


def _what(entry: Actor | Source | Event | Period, field: str) -> str:
    if isinstance(entry, Event):
        return f"{field} of {label(entry)}"
    return f"{field} of {_ID_KIND[type(entry)]} {entry.id!r}"


def empty_texts(ctx: Context) -> Iterator[Finding]:
    for text, entry, field in _texts(ctx):
        if not text.strip():
            yield _where(entry, field), f"{_what(entry, field)} is empty"


def multiline_texts(ctx: Context) -> Iterator[Finding]:
    for text, entry, field in _texts(ctx):
        if text.strip() and ("\n" in text.strip() or "\r" in text):
            yield _where(entry, field), f"{_what(entry, field)} must be one line"


def tags(ctx: Context) -> Iterator[Finding]:
    for event in ctx.timeline.events:
        for i, tag in enumerate(event.tags):
            if not ID_PATTERN.fullmatch(tag):
                yield event.places.at("tags", i), f"tag {tag!r} is not lowercase kebab-case"
