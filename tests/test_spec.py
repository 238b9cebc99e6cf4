"""The format specification is the one description of the format: the model, the loader, the
schema, `add` and the cache follow it."""

from __future__ import annotations

import dataclasses

import pytest

from rirtime import spec
from rirtime.edit import NewEvent, render_event
from rirtime.model import Actor, Event, Source, Timeline
from rirtime.schema import timeline_schema

MODELS = {"source": Source, "actor": Actor, "event": Event}


@pytest.mark.parametrize("kind", ["source", "actor", "event"])
def test_the_model_holds_the_specs_fields_in_its_order(kind: str) -> None:
    entry = spec.KINDS[kind]
    names = [f.name for f in dataclasses.fields(MODELS[kind])]
    expected = (["id"] if entry.keyed else []) + list(entry.names) + ["places"]
    if kind == "event":
        expected.append("index")
    assert names == expected


def test_the_top_level_model() -> None:
    names = {f.name for f in dataclasses.fields(Timeline)}
    assert names == {"path", *spec.TIMELINE.names}


def test_the_schema_has_every_field_and_no_other() -> None:
    schema = timeline_schema()
    assert list(schema["properties"]) == list(spec.TIMELINE.names)
    assert schema["required"] == list(spec.TIMELINE.required)
    for name in ("source", "actor", "event"):
        entry = spec.KINDS[name]
        assert list(schema["$defs"][name]["properties"]) == list(entry.names)
        assert schema["$defs"][name]["required"] == list(entry.required)


def test_add_writes_the_keys_in_the_specs_order() -> None:
    every = NewEvent(
        date="2017",
        title="T",
        actors=("a",),
        summary="S",
        people=("P",),
        tags=("t",),
        sources=("s",),
        quote="Q",
        note="N",
    )
    # add offers the fields of an event (a new optional field need not be among them).
    assert {f.name for f in dataclasses.fields(NewEvent)} <= set(spec.EVENT.names)
    text = render_event(every, "e", indent=0)
    keys = [line.lstrip("- ").split(":")[0] for line in text.splitlines()]
    assert keys == [n for n in spec.EVENT.names if hasattr(every, n)]


def test_every_field_has_a_meaning() -> None:
    for entry in spec.KINDS.values():
        assert len(set(entry.names)) == len(entry.names)
        for f in entry.fields:
            assert f.doc
            assert f.doc == f.doc.strip()
            assert not f.doc.endswith(".")


def test_the_export_schema_file_is_made_from_the_spec() -> None:
    """schemas/export.schema.json is what `python -m rirtime.schema` prints: regenerate it so."""
    import json
    from pathlib import Path

    from rirtime.schema import export_schema

    path = Path(__file__).parent.parent / "schemas" / "export.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == export_schema()
