"""The whole chronology as one JSON document, for other tools."""

from __future__ import annotations

from typing import Any

from rirtime import spec
from rirtime.formats.content import Document
from rirtime.formats.records import entry_record, event_record, period_record
from rirtime.formats.tabular import dumps

__all__ = ["document_record", "to_json_document"]


def document_record(doc: Document) -> dict[str, Any]:
    """The document as plain data: the top level's fields, the filters, every actor and source
    (by id), the filtered events, and every period (background: like the actors and sources,
    not filtered)."""
    t = doc.timeline
    top: dict[str, Any] = {
        f.name: getattr(t, f.name) for f in spec.TIMELINE.fields if f.type.is_scalar
    }
    if doc.files:  # several files read as one: which, in the order given
        top["files"] = list(doc.files)
    return {
        **top,
        "filters": dict(doc.filters),
        "actors": {a.id: entry_record(spec.ACTOR, a) for a in t.actors.values()},
        "sources": {s.id: entry_record(spec.SOURCE, s) for s in t.sources.values()},
        "events": [event_record(e) for e in doc.events],
        "periods": [period_record(p) for p in t.periods],
    }


def to_json_document(doc: Document) -> str:
    """Deterministic JSON: the same input gives the same bytes (no timestamps, fixed key order)."""
    return dumps(document_record(doc), indent=2) + "\n"
