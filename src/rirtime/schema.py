"""A JSON Schema of the timeline format, derived from spec.py, for editors to check files with."""

from __future__ import annotations

from typing import Any

from rirtime import spec
from rirtime.spec import ID_PATTERN, ActorKind, Type

__all__ = ["timeline_schema"]

_ID = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
_TEXT = {"type": "string", "minLength": 1}
_LINE = {"type": "string", "minLength": 1, "pattern": "^[^\\n\\r]*\\S[^\\n\\r]*$"}
# The notation is checked in full by `rirtime check`; the pattern catches what an editor can.
_DATE = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 9999},
        {"type": "string", "pattern": "^[0-9X./~?%-]+$"},
    ],
}
_DATE_DOC = (
    "A date in rirtime's EDTF subset: 1995, 2015-07, 2015-07-14, 2017~, 2015-09?, 201X, "
    "2017-21 (spring), 2017-03-27/2017-03-29, 2013-11/.. (ongoing), /2015-09 (by Sep 2015)."
)

_BY_TYPE: dict[Type, dict[str, Any]] = {
    Type.LINE: _LINE,
    Type.TEXT: _TEXT,
    Type.ID: _ID,
    Type.DATE: _DATE,
    Type.ACTOR_KIND: {"enum": [k.value for k in ActorKind]},
    Type.TEXTS: {"type": "array", "items": _TEXT},
    Type.IDS: {"type": "array", "items": _ID},
    Type.SOURCES: {
        "type": "object",
        "propertyNames": _ID,
        "additionalProperties": {"$ref": "#/$defs/source"},
    },
    Type.ACTORS: {
        "type": "object",
        "propertyNames": _ID,
        "additionalProperties": {"$ref": "#/$defs/actor"},
    },
    Type.EVENTS: {"type": "array", "items": {"$ref": "#/$defs/event"}},
}


def _property(f: spec.Field) -> dict[str, Any]:
    doc = _DATE_DOC + " " + f.doc[0].upper() + f.doc[1:] + "." if f.type is Type.DATE else None
    out: dict[str, Any] = {**_BY_TYPE[f.type]}
    if f.min_items:
        out["minItems"] = f.min_items
    out["description"] = doc or f.doc[0].upper() + f.doc[1:] + "."
    return out


def _object(entry: spec.Entry) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(entry.required),
        "properties": {f.name: _property(f) for f in entry.fields},
    }


def timeline_schema() -> dict[str, Any]:
    """The schema of a timeline file (JSON Schema 2020-12)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/rirtime/rirtime/timeline.schema.json",
        "title": "rirtime timeline",
        "description": "A chronology kept by rirtime. `rirtime check` checks it in full.",
        **_object(spec.TIMELINE),
        "$defs": {e.name: _object(e) for e in (spec.SOURCE, spec.ACTOR, spec.EVENT)},
    }
