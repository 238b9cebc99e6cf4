"""A JSON Schema of the timeline format, derived from spec.py, for editors to check files with."""

from __future__ import annotations

from typing import Any

from rirtime import spec
from rirtime.dates import MAX_YEAR
from rirtime.spec import ID_PATTERN, ActorKind, Type

__all__ = ["export_schema", "timeline_schema"]

_ID = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
_TEXT = {"type": "string", "minLength": 1}
_LINE = {"type": "string", "minLength": 1, "pattern": "^[^\\n\\r]*\\S[^\\n\\r]*$"}
# The notation is checked in full by `rirtime check`; the pattern catches what an editor can.
_DATE = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": MAX_YEAR},
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
    Type.PERIODS: {"type": "array", "items": {"$ref": "#/$defs/period"}},
    Type.ALTERNATIVES: {"type": "array", "items": {"$ref": "#/$defs/alternative"}},
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
        "$defs": {
            e.name: _object(e)
            for e in (spec.SOURCE, spec.ACTOR, spec.EVENT, spec.ALTERNATIVE, spec.PERIOD)
        },
    }


# -- the JSON that `export json` writes ----------------------------------------------------------

_DAY = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_STRINGS = {"type": "array", "items": {"type": "string"}}
_EXPORTED: dict[Type, dict[str, Any]] = {
    Type.LINE: {"type": "string"},
    Type.TEXT: {"type": "string"},
    Type.ID: {"$ref": "#/$defs/id"},
    Type.DATE: {"type": "string", "description": "The date as written, in rirtime's EDTF subset."},
    Type.ACTOR_KIND: {"enum": [k.value for k in ActorKind]},
    Type.TEXTS: {"$ref": "#/$defs/strings"},
    Type.IDS: {"type": "array", "items": {"$ref": "#/$defs/id"}},
    Type.ALTERNATIVES: {"type": "array", "items": {"$ref": "#/$defs/alternative"}},
}
_DATE_PARTS: dict[str, dict[str, Any]] = {
    "start": {
        "oneOf": [{"$ref": "#/$defs/day"}, {"type": "null"}],
        "description": "The earliest possible day; null when the start is open or unknown.",
    },
    "end": {
        "oneOf": [{"$ref": "#/$defs/day"}, {"type": "null"}],
        "description": "The latest possible day; null when the end is open or unknown.",
    },
    "precision": {"enum": ["day", "month", "season", "year", "decade", "century"]},
    "approximate": {"type": "boolean"},
    "uncertain": {"type": "boolean"},
    "display": {"type": "string", "description": "The date as the views show it: 'by Sep 2015'."},
}
_FILTERS = {
    **{name: {"$ref": "#/$defs/strings"} for name in ("actors", "tags", "people", "sources")},
    **{name: {"$ref": "#/$defs/strings"} for name in ("search", "not_actors", "not_tags")},
    "from": {"$ref": "#/$defs/day"},
    "to": {"$ref": "#/$defs/day"},
    "all": {"const": True},
    "possible": {"const": True},
    "limit": {"type": "integer", "minimum": 0},
    "reverse": {"const": True},
}


def _exported(f: spec.Field, entry: spec.Entry) -> dict[str, dict[str, Any]]:
    """A field as `export json` writes it (and, after an event's date, the date's parts)."""
    value = dict(_EXPORTED[f.type])
    if f.min_items:
        value["minItems"] = f.min_items
    if (not f.required and f.type.is_scalar) or (f.type is Type.DATE and not f.required):
        value = {"oneOf": [value, {"type": "null"}]} if "$ref" in value else _nullable(value)
    out = {f.name: value}
    if f.type is Type.DATE and entry in (spec.EVENT, spec.ALTERNATIVE, spec.PERIOD):
        out.update(_DATE_PARTS)
    return out


def _nullable(value: dict[str, Any]) -> dict[str, Any]:
    if value.get("type") == "string":
        return {**value, "type": ["string", "null"]}
    return {"oneOf": [value, {"type": "null"}]}


def _record(entry: spec.Entry) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for f in entry.fields:
        properties.update(_exported(f, entry))
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def export_schema() -> dict[str, Any]:
    """The schema of what `export json` writes (schemas/export.schema.json is this, held by a
    test; `python -m rirtime.schema` prints it)."""
    top: dict[str, Any] = {}
    for f in spec.TIMELINE.fields:
        if f.type.is_scalar:
            top.update(_exported(f, spec.TIMELINE))
    files = {
        "files": {
            "type": "array",
            "items": {"type": "string"},
            "description": "the files read as one chronology, in the order given; only when "
            "there were several",
        }
    }
    properties = {
        **top,
        **files,
        "filters": {"type": "object", "additionalProperties": False, "properties": _FILTERS},
        "actors": {
            "type": "object",
            "propertyNames": {"$ref": "#/$defs/id"},
            "additionalProperties": _record(spec.ACTOR),
        },
        "sources": {
            "type": "object",
            "propertyNames": {"$ref": "#/$defs/id"},
            "additionalProperties": _record(spec.SOURCE),
        },
        "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
        "periods": {
            "type": "array",
            "description": "Every period of the chronology, in file order (as every actor and "
            "source is there, whatever the filters).",
            "items": {"$ref": "#/$defs/period"},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/rirtime/rirtime/schemas/export.schema.json",
        "title": "rirtime export json",
        "description": "The document `rirtime export json` writes. `rirtime show --format json` "
        "writes an array of `event` objects; `--format jsonl` and `export jsonl` write one "
        "`event` object a line.",
        "type": "object",
        "additionalProperties": False,
        "required": [p for p in properties if p not in files],
        "properties": properties,
        "$defs": {
            "id": {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"},
            "day": _DAY,
            "strings": _STRINGS,
            "event": _record(spec.EVENT),
            "alternative": _record(spec.ALTERNATIVE),
            "period": _record(spec.PERIOD),
        },
    }


if __name__ == "__main__":
    import json

    print(json.dumps(export_schema(), indent=2, ensure_ascii=False))
