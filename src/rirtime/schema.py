"""A JSON Schema of the timeline format, so that editors can check and complete timeline.yaml."""

from __future__ import annotations

from typing import Any

from rirtime.load import KEYS
from rirtime.model import ActorKind
from rirtime.spec import ID_PATTERN

__all__ = ["timeline_schema"]

_ID = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
_TEXT = {"type": "string", "minLength": 1}
_LINE = {"type": "string", "minLength": 1, "pattern": "^[^\\n\\r]*\\S[^\\n\\r]*$"}
# The notation is checked in full by `rirtime check`; the pattern catches what an editor can.
_DATE = {
    "description": "A date in rirtime's EDTF subset: 1995, 2015-07, 2015-07-14, 2017~, 2015-09?, "
    "201X, 2017-21 (spring), 2017-03-27/2017-03-29, 2013-11/.. (ongoing), /2015-09 (by Sep 2015).",
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 9999},
        {"type": "string", "pattern": "^[0-9X./~?%-]+$"},
    ],
}


def _list(items: dict[str, Any], description: str) -> dict[str, Any]:
    return {"type": "array", "items": items, "description": description}


_PROPERTIES: dict[str, dict[str, dict[str, Any]]] = {
    "timeline": {
        "title": {**_LINE, "description": "The chronology's title, one line."},
        "description": {**_TEXT, "description": "What the chronology covers."},
        "sources": {
            "type": "object",
            "description": "Source id -> source; events cite these ids.",
            "propertyNames": _ID,
            "additionalProperties": {"$ref": "#/$defs/source"},
        },
        "actors": {
            "type": "object",
            "description": "Actor id -> actor.",
            "propertyNames": _ID,
            "additionalProperties": {"$ref": "#/$defs/actor"},
        },
        "events": _list({"$ref": "#/$defs/event"}, "The events, in chronological order."),
    },
    "source": {
        "citation": {**_TEXT, "description": "The reference as printed."},
        "url": {**_TEXT, "description": "Where to find it."},
        "published": _DATE,
        "note": {**_TEXT, "description": "An editor's note."},
    },
    "actor": {
        "name": {**_LINE, "description": "The actor's name."},
        "kind": {"enum": [k.value for k in ActorKind], "description": "What sort of actor."},
        "aliases": _list(_TEXT, "Other names; --actor matches them, ignoring case."),
        "part_of": {**_ID, "description": "The id of the actor this one is part of."},
        "note": {**_TEXT, "description": "An editor's note."},
    },
    "event": {
        "id": {**_ID, "description": "Unique, lowercase kebab-case."},
        "date": _DATE,
        "title": {**_LINE, "description": "One line, in your own words."},
        "summary": {**_TEXT, "description": "In your own words."},
        "actors": {**_list(_ID, "Actor ids, at least one."), "minItems": 1},
        "people": _list(_TEXT, "Full names."),
        "tags": _list(_ID, "Lowercase kebab-case tags."),
        "sources": _list(_ID, "Ids from `sources`."),
        "quote": {**_TEXT, "description": "A short verbatim phrase."},
        "note": {**_TEXT, "description": "An editor's note."},
    },
}


def _object(name: str) -> dict[str, Any]:
    keys = KEYS[name]
    assert set(keys) == set(_PROPERTIES[name]), name  # one list of keys: the loader's
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [k for k, required in keys.items() if required],
        "properties": {k: _PROPERTIES[name][k] for k in keys},
    }


def timeline_schema() -> dict[str, Any]:
    """The schema of a timeline file (JSON Schema 2020-12)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/rirtime/rirtime/timeline.schema.json",
        "title": "rirtime timeline",
        "description": "A chronology kept by rirtime. `rirtime check` checks it in full.",
        **_object("timeline"),
        "$defs": {name: _object(name) for name in ("source", "actor", "event")},
    }
