"""The whole chronology as one JSON document, for other tools."""

from __future__ import annotations

from typing import Any

from rirtime.formats.content import Document
from rirtime.formats.records import event_record
from rirtime.formats.tabular import dumps

__all__ = ["document_record", "to_json_document"]


def document_record(doc: Document) -> dict[str, Any]:
    """The document as plain data: every actor and source, the filtered events."""
    t = doc.timeline
    return {
        "title": t.title,
        "description": t.description,
        "filters": dict(doc.filters),
        "actors": {
            a.id: {
                "name": a.name,
                "kind": a.kind.value if a.kind else None,
                "aliases": list(a.aliases),
                "part_of": a.part_of,
                "note": a.note,
            }
            for a in t.actors.values()
        },
        "sources": {
            s.id: {
                "citation": s.citation,
                "url": s.url,
                "published": s.published.text if s.published else None,
                "note": s.note,
            }
            for s in t.sources.values()
        },
        "events": [event_record(e) for e in doc.events],
    }


def to_json_document(doc: Document) -> str:
    """Deterministic JSON: the same input gives the same bytes (no timestamps, fixed key order)."""
    return dumps(document_record(doc), indent=2) + "\n"
