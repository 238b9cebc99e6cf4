"""Disputed dates: an event's `alternatives`, read, checked, cached and shown in every view."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from rirtime.cli import app
from rirtime.load import load_text
from rirtime.schema import export_schema, timeline_schema
from rirtime.workspace import open_checked

TIMELINE = """\
title: Disputed dates
sources:
  article: {citation: The article, published: "2017"}
  n9: {citation: An interview, published: 2015-12-05}
actors:
  iran: {name: Iran, kind: state}
events:
  - id: velayati-long-term-cooperation
    date: 2015-11/2015-12-05
    alternatives:
      - {date: 2015-12-05, sources: [n9], note: the endnote's date of the interview}
      - date: "2015-11~"
        note: "the text: immediately after Putin's trip"
    title: Velayati speaks of long-term cooperation
    actors: [iran]
    sources: [article]
  - id: other
    date: 2016
    title: Something else
    actors: [iran]
    sources: [article]
"""


def _file(tmp_path: Path, text: str = TIMELINE) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_alternatives_load_with_their_places() -> None:
    loaded = load_text(TIMELINE.encode(), "t.yaml")
    assert loaded.diagnostics == []
    assert loaded.timeline is not None
    event = loaded.timeline.events[0]
    first, second = event.alternatives
    assert (first.date.text, first.sources, first.note) == (
        "2015-12-05",
        ("n9",),
        "the endnote's date of the interview",
    )
    assert (second.date.text, second.sources) == ("2015-11~", ())
    assert event.places.at("alternatives[0].date").line == 11
    assert event.places.at("alternatives[0].sources", 0).line == 11
    assert event.places.at("alternatives[1].date").line == 12
    assert event.places.at("alternatives", 1).line == 12
    assert event.cited == ("article", "n9")
    assert loaded.timeline.events[1].alternatives == ()


@pytest.mark.parametrize(
    ("alternatives", "at", "expected"),
    [
        ("[{date: 2015-13}]", "13", "error: invalid date '2015-13'"),  # at the month
        ("[{sources: [n9]}]", "{", "error: item 1 of alternatives of event 'x' has no 'date'"),
        ("[{date: 2015, when: x}]", "when", "error: unknown key 'when' in item 1 of alternatives"),
        ("[{date: 2015, sources: [n99]}]", "n99", "error: 'n99' is not a source"),
        ("2015-12-05", "2015", "error: alternatives of event 'x' must be a list, not text"),
        ("[2015-12-05]", "2015", "error: item 1 of alternatives of event 'x' must be a mapping"),
        (
            "[{date: 2015, note: [a]}]",
            "[a",
            "error: note of item 1 of alternatives of event 'x' must be",
        ),
    ],
)
def test_bad_alternatives_are_reported_at_their_place(
    runner: CliRunner, tmp_path: Path, alternatives: str, at: str, expected: str
) -> None:
    line = f"    alternatives: {alternatives}"
    text = (
        "title: T\nsources:\n  n9: {citation: N}\nactors:\n  iran: {name: Iran, kind: state}\n"
        f"events:\n  - id: x\n    date: 2015\n    title: X\n{line}\n    actors: [iran]\n"
        "    sources: [n9]\n"
    )
    path = _file(tmp_path, text)
    code, _, err = _run(runner, "check", "-f", str(path))
    assert code == 1
    assert f"{path}:10:{line.index(at) + 1}: {expected}" in err, err
    assert "Traceback" not in err


def test_a_source_cited_only_by_an_alternative_is_used(runner: CliRunner, tmp_path: Path) -> None:
    path = _file(tmp_path)
    code, _, err = _run(runner, "check", "-f", str(path), "--strict", "--select", "unused-source")
    assert code == 0, err
    code, out, _ = _run(runner, "show", "-f", str(path), "--source", "n9", "--format", "plain")
    assert code == 0
    assert "velayati-long-term-cooperation" in out
    assert "other" not in out


def test_the_cache_keeps_alternatives(tmp_path: Path) -> None:
    path = _file(tmp_path)
    fresh = open_checked(str(path), use_cache=True)
    cached = open_checked(str(path), use_cache=True)
    assert fresh.timeline is not None
    assert cached.timeline is not None
    assert cached.timeline.events[0].alternatives == fresh.timeline.events[0].alternatives
    assert cached.timeline.events[0].places.partial  # it did come from the cache


def test_json_alternatives_have_the_keys_of_the_main_date(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _file(tmp_path)
    code, out, _ = _run(runner, "show", "-f", str(path), "--format", "json")
    assert code == 0
    event = json.loads(out)[0]
    assert event["display"] == "Nov 2015 \u2013 5 Dec 2015"
    first = event["alternatives"][0]
    assert list(first) == [
        "date",
        "start",
        "end",
        "precision",
        "approximate",
        "uncertain",
        "display",
        "sources",
        "note",
    ]
    assert (first["date"], first["start"], first["end"]) == (
        "2015-12-05",
        "2015-12-05",
        "2015-12-05",
    )
    assert first["display"] == "5 Dec 2015"
    assert event["alternatives"][1]["approximate"] is True
    code, out, _ = _run(runner, "export", "json", "-f", str(path))
    jsonschema.validate(json.loads(out), export_schema())


def test_the_editor_schema_knows_alternatives() -> None:
    import yaml

    data = yaml.load(TIMELINE, Loader=yaml.BaseLoader)  # every scalar as text, as rirtime reads
    jsonschema.validate(data, timeline_schema())
    data["events"][0]["alternatives"][0]["when"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, timeline_schema())


def test_every_view_shows_the_alternatives(runner: CliRunner, tmp_path: Path) -> None:
    path = _file(tmp_path)
    _, long, _ = _run(runner, "show", "-f", str(path), "-l", "--format", "text")
    assert "Also dated 5 Dec 2015, per n9: the endnote's date of the interview" in long
    assert "Also dated c. Nov 2015: the text: immediately after Putin's trip" in long
    _, md, _ = _run(runner, "export", "md", "-f", str(path))
    assert "*Also dated 5 Dec 2015*[^n9]: the endnote's date of the interview" in md
    assert "[^n9]: n9 \u2014 An interview" in md  # its footnote is there, named by its id
    _, html, _ = _run(runner, "export", "html", "-f", str(path))
    assert (
        '<span class="label">Also dated</span> <time datetime="2015-12-05">5 Dec 2015</time>'
        in html
    )
    assert 'id="source-n9"' in html
    _, out, _ = _run(runner, "show", "-f", str(path), "--format", "csv")
    row = next(csv.DictReader(io.StringIO(out, newline="")))
    assert row["alternatives"] == (
        "2015-12-05 [n9] the endnote's date of the interview; "
        "2015-11~ the text: immediately after Putin's trip"
    )


def test_the_main_date_alone_places_and_filters(runner: CliRunner, tmp_path: Path) -> None:
    path = _file(tmp_path)
    # an alternative in 2015-12 does not make the event match a window the main date misses
    _, out, _ = _run(runner, "show", "-f", str(path), "--on", "2015-10", "--format", "plain")
    assert out == ""
    _, out, _ = _run(runner, "show", "-f", str(path), "--on", "2015-11", "--format", "plain")
    assert "velayati-long-term-cooperation" in out
