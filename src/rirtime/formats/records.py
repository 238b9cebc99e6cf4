"""The event object every machine format shares: same keys, same order, every time."""

from __future__ import annotations

from typing import Any

from rirtime.model import Event

__all__ = ["FIELDS", "LIST_FIELDS", "event_record"]

FIELDS = (
    "id",
    "date",
    "start",
    "end",
    "precision",
    "approximate",
    "uncertain",
    "title",
    "summary",
    "actors",
    "people",
    "tags",
    "sources",
    "quote",
    "note",
)
LIST_FIELDS = frozenset({"actors", "people", "tags", "sources"})


def event_record(event: Event) -> dict[str, Any]:
    """An event as plain data: `date` as written, `start`/`end` its earliest and latest ISO days
    (null when that end is open or unknown)."""
    span = event.date
    assert span is not None, "only a validated timeline is exported"
    return {
        "id": event.id,
        "date": span.text,
        "start": span.earliest.isoformat() if span.earliest else None,
        "end": span.latest.isoformat() if span.latest else None,
        "precision": span.precision.value,
        "approximate": span.approximate,
        "uncertain": span.uncertain,
        "title": event.title,
        "summary": event.summary,
        "actors": list(event.actors),
        "people": list(event.people),
        "tags": list(event.tags),
        "sources": list(event.sources),
        "quote": event.quote,
        "note": event.note,
    }
