"""Periods: read from `periods:`, checked like events, kept by the cache, shown as background in
every view (and in none that counts events), within the filters' window."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from conftest import DATA, assert_golden, load_valid
from entries import read_entry, write_entry
from rirtime import cache
from rirtime.checks import validate
from rirtime.cli import app
from rirtime.formats.text import events as text_events
from rirtime.load import load_text
from rirtime.query import Filter, window
from rirtime.schema import export_schema, timeline_schema
from rirtime.selection import select
from rirtime.workspace import open_checked

PERIODS = DATA / "valid_periods.yaml"
BAD = DATA / "bad_periods.yaml"


def _show(*args: str, runner: CliRunner | None = None) -> str:
    fmt = [] if "--format" in args or "--oneline" in args else ["--format", "text"]
    result = (runner or CliRunner()).invoke(
        app, ["show", "-f", str(PERIODS), "--no-pager", "--color", "never", *fmt, *args]
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _view(width: int, wanted: Filter | None = None, *, long: bool = False) -> str:
    """The text view of the periods fixture at `width`, through the format's own path."""
    selected = select(str(PERIODS), wanted or Filter())
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False, emoji=False)
    console.print(text_events(selected.document(long=long)))
    return out.getvalue()


def _marks(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("\u2500\u2500")]


# -- reading and checking ------------------------------------------------------------------------


def test_periods_are_read_in_file_order_with_their_places() -> None:
    timeline = load_valid(PERIODS)
    assert [p.id for p in timeline.periods] == [
        "syrian-civil-war",
        "rouhani-presidency",
        "cold-war",
        "russian-operation",
    ]
    war = timeline.periods[0]
    assert war.title == "Syrian civil war"
    assert war.date is not None
    assert war.date.text == "2011-03/.."
    assert war.sources == ("article",)
    assert war.places.at("date").line == war.places.entry.line + 2
    assert timeline.periods[1].note == "From his inauguration to his successor's."


def test_every_problem_of_a_period_is_named_at_its_line_and_column() -> None:
    loaded = load_text(BAD.read_bytes(), "bad.yaml")
    assert loaded.timeline is not None
    found = loaded.diagnostics + validate(loaded.timeline)
    places = {(d.loc.line, d.loc.column, d.code) for d in found}
    assert places == {
        (18, 23, "repeated"),
        (19, 9, "id"),
        (20, 12, "empty"),
        (21, 16, "date"),
        (22, 15, "undefined-source"),
        (23, 5, "no-source"),
        (23, 9, "duplicate-id"),
        (24, 12, "multiline"),
        (25, 16, "date"),
        (26, 5, "unknown-key"),
        (27, 5, "missing-key"),
        (27, 5, "no-source"),
        (29, 5, "type"),
    }
    assert all(d.loc.path == "bad.yaml" for d in found)
    messages = {d.code: d.message for d in found}
    assert "(did you mean 'article'?)" in messages["undefined-source"]
    dates = [d.message for d in found if d.code == "date"]
    assert any("did you mean 2011-03-15?" in m for m in dates)


def test_a_period_may_share_an_id_with_an_event_and_its_sources_count_as_cited() -> None:
    loaded = load_text(BAD.read_bytes(), "bad.yaml")
    assert loaded.timeline is not None
    found = validate(loaded.timeline)
    # line 9 is the event `syrian-civil-war`; the period of that id (line 15) is no duplicate
    assert not [d for d in found if d.code == "duplicate-id" and d.loc.line in (9, 15)]
    # `unused` is cited by a period only
    assert not [d for d in found if d.code == "unused-source"]


def test_check_names_the_file_line_and_column_of_each_problem(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "-f", str(BAD), "--no-cache", "--color", "never"])
    assert result.exit_code == 1
    assert f"{BAD}:22:15: error: 'artcle' is not a source" in result.stderr
    assert f"{BAD}:23:9: error: period id 'syrian-civil-war' is already used at line 15" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_periods_must_be_a_list_of_mappings() -> None:
    loaded = load_text(b"title: T\nperiods: {a: 1}\n", "t.yaml")
    assert [(d.loc.line, d.loc.column, d.code) for d in loaded.diagnostics] == [(2, 10, "type")]
    assert "periods must be a list of periods" in loaded.diagnostics[0].message


def test_the_json_schema_takes_periods_and_refuses_unknown_keys() -> None:
    import yaml

    data = yaml.safe_load(PERIODS.read_text(encoding="utf-8"))
    for event in data["events"]:
        event["date"] = str(event["date"])
    jsonschema.validate(data, timeline_schema())
    data["periods"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, timeline_schema())


# -- the cache -----------------------------------------------------------------------------------


def _periods_of(timeline: object) -> list[tuple[object, ...]]:
    return [
        (p.id, p.title, p.date.text if p.date else None, p.note, p.sources, p.places.entry)
        for p in timeline.periods  # type: ignore[attr-defined]
    ]


def test_the_cache_gives_the_periods_back(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(PERIODS.read_bytes())
    fresh = open_checked(str(path), use_cache=True)
    hit = cache.lookup(os.path.realpath(path), path.read_bytes(), str(path))
    assert hit is not None
    assert hit.timeline.periods
    assert _periods_of(hit.timeline) == _periods_of(fresh.timeline)
    assert hit.timeline.periods[0].places.partial


@pytest.mark.parametrize(
    ("column", "value"), [("date", "2015-02-30"), ("title", None), ("sources", "article")]
)
def test_a_cached_period_that_is_not_one_is_ignored(
    runner: CliRunner, tmp_path: Path, column: str, value: object
) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(PERIODS.read_bytes())
    args = ["export", "json", "-f", str(path)]
    expected = runner.invoke(app, args).stdout
    (entry,) = (p for p in cache.cache_folder().iterdir() if p.suffix == ".json")
    data, rows = read_entry(entry)
    periods = data["timeline"]["periods"]
    periods["rows"][0][periods["columns"].index(column)] = value
    write_entry(entry, data, rows)
    assert runner.invoke(app, args).stdout == expected


# -- the text view -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 80, 120])
def test_text_view_golden(width: int) -> None:
    assert_golden(f"periods/text-{width}.txt", _view(width))


def test_text_view_long_golden() -> None:
    assert_golden("periods/text-80-long.txt", _view(80, long=True))


@pytest.mark.parametrize("width", [20, 24, 30, 40, 47, 48, 60, 80, 100, 120])
def test_every_line_fits_and_no_mark_is_an_event(width: int) -> None:
    for long in (False, True):
        text = _view(width, long=long)
        for line in text.splitlines():
            assert cell_len(line) <= width, (width, line)
            assert line == line.rstrip()
        assert text.rstrip().endswith("9 of 9 events")


def test_marks_stand_at_their_placed_dates() -> None:
    lines = [line.strip() for line in _view(100).splitlines()]
    begins = lines.index("\u2500\u2500 Syrian civil war begins (Mar 2011) \u2500\u2500")
    assert lines[begins - 1] == "2011"  # under its year's heading, before the events of 2011
    assert lines[begins + 1].startswith("4 Oct 2011")
    operation = lines.index(
        "\u2500\u2500 Russia's military operation in Syria begins (30 Sep 2015) \u2500\u2500"
    )
    assert lines[operation - 2].startswith("Sep 2015?")
    assert lines[operation + 1].startswith("c. Oct 2015")
    # the Cold War ended before the first event; Rouhani's presidency after the last
    assert not [m for m in _marks(_view(100)) if "Cold War" in m or "ends" in m]


def test_a_window_shows_the_boundaries_inside_it_and_what_is_under_way() -> None:
    marks = _marks(_view(100, Filter(window=window(None, "2014", None))))
    assert marks == [
        "\u2500\u2500 Syrian civil war under way (from Mar 2011) \u2500\u2500",
        "\u2500\u2500 Rouhani's presidency under way (from Aug 2013) \u2500\u2500",
        "\u2500\u2500 Russia's military operation in Syria begins (30 Sep 2015) \u2500\u2500",
    ]
    early = _marks(_view(100, Filter(window=window(None, None, "2012"))))
    assert early == ["\u2500\u2500 Syrian civil war begins (Mar 2011) \u2500\u2500"]
    ended = _marks(_view(100, Filter(window=window(None, "1980", "1996"))))
    assert ended == [
        "\u2500\u2500 The Cold War under way (from 1947) \u2500\u2500",
        "\u2500\u2500 The Cold War ends (1991) \u2500\u2500",
    ]


def test_a_window_the_filters_leave_open_ends_at_the_events_shown(runner: CliRunner) -> None:
    marks = _marks(_show("--limit", "2", runner=runner))
    assert marks == ["\u2500\u2500 Syrian civil war begins (Mar 2011) \u2500\u2500"]
    hezbollah = _marks(_show("-a", "hezbollah", runner=runner))
    assert [m.split(" under way")[0] for m in hezbollah] == [
        "\u2500\u2500 Syrian civil war",
        "\u2500\u2500 Rouhani's presidency",
        "\u2500\u2500 Russia's military operation in Syria",
    ]
    assert "No events match" in _show("-s", "nothing-matches-this")
    assert _marks(_show("-s", "nothing-matches-this")) == []


def test_reverse_runs_the_marks_backwards_too(runner: CliRunner) -> None:
    lines = [line.strip() for line in _show("--reverse", runner=runner).splitlines()]
    operation = next(i for i, line in enumerate(lines) if "operation in Syria begins" in line)
    assert lines[operation - 1].startswith("iran russia")  # the Oct 2015 event, above it
    assert lines[operation + 1].startswith("Sep 2015?")
    war = next(i for i, line in enumerate(lines) if "civil war begins" in line)
    assert war > operation
    assert lines[war + 1].startswith("1995") or lines[war + 2] == "1995"


def test_oneline_and_plain_show_no_periods(runner: CliRunner) -> None:
    oneline = _show("--oneline", runner=runner)
    assert len(oneline.splitlines()) == 9
    assert "civil war" not in oneline
    plain = _show("--format", "plain", runner=runner)
    assert len(plain.splitlines()) == 9
    assert "civil war" not in plain


# -- the exports ---------------------------------------------------------------------------------


def _export(fmt: str, *args: str) -> str:
    result = CliRunner().invoke(app, ["export", fmt, "-f", str(PERIODS), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_html_draws_bands_marks_and_a_key() -> None:
    page = _export("html")
    assert '<ul class="periods" aria-label="Periods">' in page
    assert page.count('<li class="mark">') == 3
    assert "Syrian civil war begins (Mar 2011)</li>" in page
    assert "Cold War" not in page  # outside what is shown
    # every event from Oct 2011 on has the civil war's band; the one of 1995 none
    events = re.findall(r'<li class="event" id="event-([^"]+)"[^>]*>(.*)', page)
    bands = {event_id: len(re.findall('class="band[ "]', rest)) for event_id, rest in events}
    assert bands["agreement-1995"] == 0
    assert bands["unsc-veto-2011-10-04"] == 1
    assert bands["jihadists-2013-11"] == 2
    assert bands["rouhani-visit-2017-03"] == 3
    assert "@media print" in page
    assert "<script" not in page


def test_html_footnotes_the_sources_a_period_cites() -> None:
    page = _export("html", "-a", "hezbollah")
    assert 'href="#source-n14"' in page
    assert 'id="source-n14"' in page


def test_markdown_lists_the_periods_of_each_year_at_its_top() -> None:
    text = _export("md")
    section = text[text.index("## 2013\n") : text.index("## 2015\n")]
    assert section.startswith(
        "## 2013\n\n- Period: **Syrian civil war**, from Mar 2011[^article]\n"
        "- Period: **Rouhani's presidency**, Aug 2013 \u2013 Aug 2021[^article]\n\n### "
    )
    assert "Period" not in text[text.index("## 1995\n") : text.index("## 2011\n")]
    assert "Cold War" not in text
    hezbollah = _export("md", "-a", "hezbollah")
    assert "[^n14]: n14" in hezbollah  # cited by a period only


def test_timelinejs_has_eras_ending_at_the_last_event_when_open() -> None:
    data = json.loads(_export("timelinejs"))
    eras = {e["text"]["headline"]: e for e in data["eras"]}
    assert set(eras) == {
        "Syrian civil war",
        "Rouhani&#x27;s presidency",
        "Russia&#x27;s military operation in Syria",
    }
    war = eras["Syrian civil war"]
    assert war["start_date"] == {"year": "2011", "month": "3"}
    assert war["end_date"] == {"year": "2017", "month": "3", "day": "29"}  # the last event's
    assert war["text"]["text"] == "from Mar 2011"
    assert eras["Rouhani&#x27;s presidency"]["end_date"] == {"year": "2021", "month": "8"}


def test_export_json_has_every_period_and_matches_its_schema() -> None:
    data = json.loads(_export("json", "--from", "2016"))
    jsonschema.validate(data, export_schema())
    assert [p["id"] for p in data["periods"]] == [
        "syrian-civil-war",
        "rouhani-presidency",
        "cold-war",
        "russian-operation",
    ]
    war = data["periods"][0]
    assert list(war) == [
        *("id", "title", "date", "start", "end", "precision", "approximate", "uncertain"),
        *("display", "note", "sources"),
    ]
    assert (war["start"], war["end"], war["display"]) == ("2011-03-01", None, "from Mar 2011")


def test_ics_writes_no_periods() -> None:
    text = _export("ics")
    assert text.count("BEGIN:VEVENT") == 9
    assert "civil war" not in text


# -- a period with an open start (`../2014`) ------------------------------------------------------

OPEN_START = """\
title: open start
sources:
  s: {citation: S}
actors:
  a: {name: A, kind: state}
events:
  - {id: e1, date: 2010, title: First event, actors: [a], sources: [s]}
  - {id: e2, date: 2016, title: Second event, actors: [a], sources: [s]}
periods:
  - {id: rivalry, title: Long rivalry, date: "../2014", sources: [s]}
"""


def _open_start(tmp_path: Path, *args: str) -> str:
    path = tmp_path / "open.yaml"
    path.write_text(OPEN_START, encoding="utf-8")
    result = CliRunner().invoke(app, [*args, "-f", str(path)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_an_open_start_is_under_way_at_the_top_of_a_view_inside_it(tmp_path: Path) -> None:
    """`../2014` has begun before anything shown: the view opens with it under way (it said
    only that it ends), and says it has no start ("until 2014", not "from ...")."""
    shown = _open_start(tmp_path, "show", "--no-pager", "--color", "never", "--format", "text")
    assert _marks(shown) == [
        "\u2500\u2500 Long rivalry under way (until 2014) \u2500\u2500",
        "\u2500\u2500 Long rivalry ends (2014) \u2500\u2500",
    ]
    assert shown.index("under way") < shown.index("First event")
    later = _open_start(
        tmp_path, "show", "--no-pager", "--color", "never", "--format", "text", "--from", "2015"
    )
    assert _marks(later) == []  # over before the window: not shown


def test_an_open_start_era_starts_at_the_first_day_shown(tmp_path: Path) -> None:
    """An era needs a start: `../2014` starts where what is shown does (it covered 2014 only),
    as an open end ends where it does; its text says it has no start of its own."""
    (era,) = json.loads(_open_start(tmp_path, "export", "timelinejs"))["eras"]
    assert era["start_date"] == {"year": "2010", "month": "1", "day": "1"}
    assert era["end_date"] == {"year": "2014"}
    assert era["text"]["text"] == "until 2014"
    (era,) = json.loads(_open_start(tmp_path, "export", "timelinejs", "--from", "2012-06-01"))[
        "eras"
    ]
    assert era["start_date"] == {"year": "2012", "month": "6", "day": "1"}
