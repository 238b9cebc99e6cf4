"""What the documents people read (Markdown, HTML) say alike: the filters in use, in words, and the
sources they cite, in the order a reader looks them up (n1, n2, ..., n10, not n13, n5, n1)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rirtime.model import Event, Timeline

__all__ = ["cited_sources", "filter_phrases", "source_order"]

_NUMBER = re.compile(r"(\d+)")

# A filter's key names a list of values: one value reads in the singular ("actor iran").
_SINGULAR = {
    "actors": "actor",
    "tags": "tag",
    "people": "person",
    "sources": "source",
    "not_actors": "not actor",
    "not_tags": "not tag",
}


def _natural(source_id: str) -> tuple[str | int, ...]:
    """The id with its numbers as numbers: "n10" -> ("n", 10, ""), after ("n", 9, "")."""
    parts = _NUMBER.split(source_id)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def source_order(timeline: Timeline, ids: Iterable[str]) -> list[str]:
    """`ids` in natural order: those with no number first, as the file lists them (the article
    before its endnotes), then the numbered ones by their numbers (n1, n2, ..., n10)."""
    place = {source_id: i for i, source_id in enumerate(timeline.sources)}
    unknown = len(place)

    def key(source_id: str) -> tuple[bool, tuple[str | int, ...], int]:
        numbered = _NUMBER.search(source_id) is not None
        return (numbered, _natural(source_id) if numbered else (), place.get(source_id, unknown))

    return sorted(dict.fromkeys(ids), key=key)


def cited_sources(timeline: Timeline, events: Iterable[Event]) -> list[str]:
    """Every source the events cite, their alternative dates' too (`Event.cited`), once each,
    in natural order."""
    return source_order(timeline, (s for event in events for s in event.cited))


def filter_phrases(filters: Mapping[str, object]) -> list[tuple[str, str | None]]:
    """Each filter in use as (its name, its values joined) for a heading to say; a flag such as
    `all` has no value. The name is singular for one value: "actor iran", "actors iran, russia"."""
    out: list[tuple[str, str | None]] = []
    for key, value in filters.items():
        if value is True:
            out.append((key.replace("_", " "), None))
            continue
        values = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        name = _SINGULAR.get(key, key) if len(values) == 1 else key
        out.append((name.replace("_", " "), ", ".join(values)))
    return out
