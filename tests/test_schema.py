"""`rirtime schema`: a JSON Schema that the shipped chronology and the fixtures satisfy."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from conftest import DATA
from rirtime.cli import app
from rirtime.files import default_path


def _as_json(value: Any) -> Any:
    """YAML values as an editor's YAML 1.2 reading gives them: dates stay text."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    data: dict[str, Any] = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.mark.parametrize(
    "path", [default_path(), DATA / "valid_show.yaml", DATA / "valid_full.yaml"], ids=str
)
def test_valid_timelines_satisfy_the_schema(schema: dict[str, Any], path: Path) -> None:
    jsonschema.validate(_as_json(yaml.safe_load(path.read_text(encoding="utf-8"))), schema)


@pytest.mark.parametrize(
    "bad",
    [
        {"title": "x", "titel": "typo"},
        {"title": "x", "events": [{"id": "a", "date": "2015", "title": "t", "actors": []}]},
        {"title": "x", "events": [{"id": "Bad_Id", "date": "2015", "title": "t", "actors": ["a"]}]},
        {"title": "x", "actors": {"a": {"name": "A", "kind": "empire"}}},
        {"title": "two\nlines"},
        {"description": "no title"},
    ],
)
def test_the_schema_catches_what_an_editor_can(schema: dict[str, Any], bad: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
