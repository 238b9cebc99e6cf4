"""`rirtime import`: CSV (rirtime's columns and TimelineJS's sheet), TimelineJS JSON and rirtime's
JSON become a timeline that passes `check`; round trips give back the bundled chronology."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rirtime import spec
from rirtime.errors import RirtimeError
from rirtime.files import BLANK, INVISIBLE, default_path
from rirtime.formats import FORMATS, readable
from rirtime.formats.build import block_ok
from rirtime.formats.json_in import read_json
from rirtime.formats.records import entry_record
from rirtime.formats.timelinejs_in import plain_text
from rirtime.importing import import_file
from rirtime.model import Event, Timeline, plain
from rirtime.workspace import check_bytes, open_valid

TIMEOUT = 120
BUNDLED = str(default_path())


def _run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if k != "RIRTIME_FILE"}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        cwd=cwd,
        env=environ,
        check=False,
    )


def _loaded(text: bytes, tmp_path: Path, name: str = "imported.yaml") -> Timeline:
    """The imported timeline, which must pass `rirtime check` as a process says it."""
    path = tmp_path / name
    path.write_bytes(text)
    checked = _run("check", "-f", str(path))
    assert checked.returncode == 0, checked.stderr.decode()
    return open_valid(str(path)).timeline


def _event_fields(timeline: Timeline, *skip: str) -> list[dict[str, Any]]:
    return [
        {f.name: plain(f, getattr(e, f.name)) for f in spec.EVENT.fields if f.name not in skip}
        for e in timeline.events
    ]


def _period_fields(timeline: Timeline) -> list[dict[str, Any]]:
    """Each period's fields as the spec names them (the date as written)."""
    return [
        {f.name: plain(f, getattr(p, f.name)) for f in spec.PERIOD.fields} for p in timeline.periods
    ]


def _written(event: Event) -> str | None:
    """The event's date as written."""
    return event.date.text if event.date is not None else None


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return open_valid(BUNDLED).timeline


# -- round trips ---------------------------------------------------------------------------------


def test_export_json_then_import_json_gives_back_the_chronology(
    bundled: Timeline, tmp_path: Path
) -> None:
    exported = _run("export", "json", "-f", BUNDLED)
    assert exported.returncode == 0
    imported = _run("import", "json", "-", stdin=exported.stdout)
    assert imported.returncode == 0, imported.stderr.decode()
    back = _loaded(imported.stdout, tmp_path)
    assert back.title == bundled.title
    assert back.description == bundled.description
    assert _event_fields(back) == _event_fields(bundled)
    assert bundled.periods  # the bundled chronology has some: they come back too
    assert _period_fields(back) == _period_fields(bundled)
    for entry, mine, theirs in (
        (spec.ACTOR, back.actors, bundled.actors),
        (spec.SOURCE, back.sources, bundled.sources),
    ):
        assert list(mine) == list(theirs)
        assert [entry_record(entry, x) for x in mine.values()] == [
            entry_record(entry, x) for x in theirs.values()
        ]
    assert b"placeholder" not in imported.stderr
    (tmp_path / "back.yaml").write_bytes(imported.stdout)
    compared = _run("diff", BUNDLED, str(tmp_path / "back.yaml"))
    assert (compared.returncode, compared.stdout) == (0, b"no differences\n"), compared.stdout


def test_every_key_import_json_does_not_carry_over_is_said_with_its_path(tmp_path: Path) -> None:
    document = {
        "title": "T",
        "actors": {"a": {"name": "A", "kind": "state"}},
        "events": [{"id": "e", "date": "2015", "title": "E", "actors": ["a"]}],
        "periods": [
            {"id": "war", "title": "A war", "date": "2011-03/..", "display": "from Mar 2011"},
            {"id": "calm", "title": "Calm", "date": "2016", "colour": "red", "sources": ["s"]},
        ],
        "extra": 1,
    }
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = _run("import", "json", str(source))
    assert result.returncode == 0, result.stderr.decode()
    stderr = result.stderr.decode()
    assert f"{source}: periods[1].colour: `colour` is not a key of a period" in stderr
    assert f"{source}: extra: `extra` is not a key" in stderr
    assert f"{source}: periods[1]: source `s` is named but not defined here" in stderr
    assert "display" not in stderr  # a date's parts are made from the date again
    back = _loaded(result.stdout, tmp_path)
    assert [(p.id, p.title, p.date.text if p.date else None) for p in back.periods] == [
        ("war", "A war", "2011-03/.."),
        ("calm", "Calm", "2016"),
    ]
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({**document, "periods": [{"id": "x", "title": "X"}]}))
    refused = _run("import", "json", str(wrong))
    assert refused.returncode == 1
    assert f"{wrong}: periods[0]: `date` is missing" in refused.stderr.decode()


def test_export_csv_then_import_csv_gives_back_the_events(
    bundled: Timeline, tmp_path: Path
) -> None:
    exported = _run("export", "csv", "-f", BUNDLED)
    source = tmp_path / "events.csv"
    source.write_bytes(exported.stdout)
    out = tmp_path / "back.yaml"
    imported = _run("import", "csv", str(source), "-o", str(out))
    assert imported.returncode == 0, imported.stderr.decode()
    back = _loaded(out.read_bytes(), tmp_path)
    assert _event_fields(back) == _event_fields(bundled)
    # CSV names actors and sources by id only: placeholders, each said where first named.
    assert list(back.actors) == sorted(back.actors, key=list(back.actors).index)
    assert set(back.actors) == {a for e in bundled.events for a in e.actors}
    stderr = imported.stderr.decode()
    assert f"{source}:2: actor `" in stderr
    assert "a placeholder" in stderr
    assert "is not read" not in stderr  # start, end, precision...: made from the date again


def test_a_csv_with_a_byte_order_mark_for_excel_reads_the_same() -> None:
    exported = _run("export", "csv", "--bom", "-f", BUNDLED).stdout
    assert exported.startswith("\ufeff".encode())
    plain_csv = _run("export", "csv", "-f", BUNDLED).stdout
    a = _run("import", "csv", "-", stdin=exported)
    b = _run("import", "csv", "-", stdin=plain_csv)
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout


def test_a_defused_formula_comes_back_as_written(tmp_path: Path) -> None:
    timeline = tmp_path / "t.yaml"
    timeline.write_text(
        "title: T\nactors:\n  a: {name: A, kind: state}\nevents:\n"
        '  - {id: e, date: 2015, title: "=1+2", summary: "x; -3\\n+4 @me", actors: [a]}\n',
        encoding="utf-8",
    )
    exported = _run("export", "csv", "-f", str(timeline)).stdout
    assert b"'=1+2" in exported
    back = _loaded(_run("import", "csv", "-", stdin=exported).stdout, tmp_path)
    assert back.events[0].title == "=1+2"
    assert back.events[0].summary == "x; -3\n+4 @me"


def test_a_semicolon_or_quote_in_an_item_comes_back_as_one_item(tmp_path: Path) -> None:
    """`; ` joins a list cell's items: an item that holds one, a quote, or a space at an end is
    written quoted, so a note's `2017 [s2]` is no new alternative, "Smith; John" no two people,
    a note `; ` no lost note; a text that itself starts with `'=` keeps its quote mark."""
    timeline = tmp_path / "t.yaml"
    timeline.write_text(
        "title: T\nsources:\n  s1: {citation: S1}\n  s2: {citation: S2}\n"
        "actors:\n  a: {name: A, kind: state}\nevents:\n"
        '  - id: e1\n    date: 2015\n    title: "\'=1+2"\n    actors: [a]\n'
        '    people: ["Smith; John", \'He said "no"\', " padded ", Jones]\n'
        "    sources: [s1]\n    alternatives:\n"
        "      - {date: 2016, sources: [s1],\n"
        '         note: "per the memo; 2017 [s2] is what the press said"}\n'
        '      - {date: 2017, note: "; "}\n'
        '      - {date: 2018, note: "[sic] as printed"}\n',
        encoding="utf-8",
    )
    exported = _run("export", "csv", "-f", str(timeline)).stdout
    assert b'"Jones"' not in exported  # a plain item as it was
    assert b"; Jones" in exported
    back = _loaded(_run("import", "csv", "-", stdin=exported).stdout, tmp_path)
    event = back.events[0]
    assert event.title == "'=1+2"
    assert list(event.people) == ["Smith; John", 'He said "no"', " padded ", "Jones"]
    got = [(a.date.text, list(a.sources), a.note) for a in event.alternatives]
    assert got == [
        ("2016", ["s1"], "per the memo; 2017 [s2] is what the press said"),
        ("2017", [], "; "),
        ("2018", [], "[sic] as printed"),
    ]


def test_a_csv_of_an_older_version_reads_as_before() -> None:
    """Cells `export csv` wrote before items were quoted: a `;` inside a note went on with it."""
    from rirtime.formats.csv_in import read_csv

    sheet = (
        'id,date,title,actors,people,alternatives\r\ne1,2015,T,a,"Smith, J.; Jones",'
        '"2016 [s1] per the memo; as read; 2017"\r\n'
    )
    record = read_csv(sheet.encode(), "old.csv").events[0]
    assert record["people"] == ["Smith, J.", "Jones"]
    assert record["alternatives"] == [
        {"date": "2016", "sources": ["s1"], "note": "per the memo; as read"},
        {"date": "2017", "sources": [], "note": None},
    ]


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_LINE = _TEXT.map(lambda t: " ".join(t.split()) or "untitled")
_IDS = st.lists(st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True), max_size=3)


@st.composite
def _documents(draw: st.DrawFn) -> dict[str, Any]:
    events = []
    for i in range(draw(st.integers(1, 3))):
        events.append(
            {
                "id": f"e{i}",
                "date": draw(
                    st.sampled_from(["2015", "2015-09", "2015-09-30~", "2015/2016-03", "201X"])
                ),
                "title": draw(_LINE),
                "summary": draw(st.none() | _TEXT),
                "actors": ["a", *draw(_IDS)],
                "people": draw(st.lists(_LINE, max_size=2)),
                "tags": draw(_IDS),
                "quote": draw(st.none() | _TEXT),
                "note": draw(st.none() | _TEXT),
            }
        )
    return {"title": draw(_LINE), "description": draw(st.none() | _TEXT), "events": events}


def _blank(value: Any) -> Any:
    return None if value in (None, "", [], ()) else value


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_documents())
def test_any_text_is_carried_into_yaml_that_passes_check_or_refused(
    tmp_path: Path, document: dict[str, Any]
) -> None:
    """Controls, bidi, NUL, invisible characters, line breaks of every kind: written as YAML
    that reads back the same, or refused with a clear error, never a traceback."""
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        made = import_file(FORMATS["json"], str(path), None)
    except RirtimeError:
        return
    checked = check_bytes(made.text.encode("utf-8"), str(tmp_path / "out.yaml"))
    assert checked.timeline is not None
    assert not checked.failed()
    for event, given_event in zip(checked.timeline.events, document["events"], strict=True):
        for name, value in given_event.items():
            f = spec.EVENT.field(name)
            assert _blank(plain(f, getattr(event, name))) == _blank(value), name


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=30))
def test_a_block_scalar_is_used_only_where_it_reads_back(text: str) -> None:
    if block_ok(text):
        written = "v: |-\n" + "\n".join("  " + line if line else "" for line in text.split("\n"))
        assert yaml.safe_load(written) == {"v": text}


# -- TimelineJS ------------------------------------------------------------------------------------

SHEET = (
    "YEAR,month,Day,Time,End_Year,end month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\r\n"
    ",,,,,,,,,My <i>chronology</i>,<p>About it</p>,https://example.com/m,,,,title,,\r\n"
    "2015,,,,,,,,,Year only,,,,,,,,\r\n"
    '2015,9,30,10:00,,,,,"Sept. 30, 2015",Strikes &amp; talks,"<p>One</p><script>alert(1)'
    '</script><p>Two<br>three</p>",https://example.com/a,Reuters,A caption,https://example.com/t'
    ".png,,Russia,#fff\r\n"
    '2016,1,,,2016,3,,,"Early 2016",Interval,,,,,,Sanctions relief,Iran,\r\n'
    "2017,,,,2018,,,,,An <i>era</i>,<p>Calm &amp; quiet</p>,https://example.com/e,,,,era,G,\r\n"
    "2011,3,,,,,,,,Civil war,<p>from Mar 2011</p>,,,,,Era,,\r\n"
)


def test_a_timelinejs_sheet_becomes_a_timeline(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    result = _run("import", "csv", str(sheet))
    assert result.returncode == 0, result.stderr.decode()
    back = _loaded(result.stdout, tmp_path)
    assert back.title == "My chronology"
    assert back.description == "About it"
    year, strikes, interval = back.events
    assert _written(year) == "2015"  # a year is a year
    assert _written(strikes) == "2015-09-30"
    assert _written(interval) == "2016-01/2016-03"
    assert strikes.title == "Strikes & talks"
    assert strikes.summary == "One\n\nTwo\nthree"  # the script is gone
    assert strikes.note is None  # "Sept. 30, 2015" says no more than 2015-09-30
    assert interval.note == "Display date: Early 2016"
    assert interval.tags == ("sanctions-relief",)
    assert [back.actors[e.actors[0]].name for e in back.events] == ["Unknown", "Russia", "Iran"]
    source = back.sources[strikes.sources[0]]
    assert (source.citation, source.url, source.note) == (
        "Reuters",
        "https://example.com/a",
        "A caption",
    )
    # era rows are periods: the title from the headline, the date at the precision given, the
    # text (as plain text) its note, or its date when it says only that (an open end)
    assert [(p.id, p.title, p.date.text if p.date else None, p.note) for p in back.periods] == [
        ("an-era", "An era", "2017/2018", "Calm & quiet"),
        ("civil-war", "Civil war", "2011-03/..", None),
    ]
    stderr = result.stderr.decode()
    for said in (
        f"{sheet}:4: start time 10:00: not carried over",
        f"{sheet}:4: media thumbnail: not carried over",
        f"{sheet}:4: background: not carried over",
        f"{sheet}:6: an era's media: not carried over",
        f"{sheet}:6: an era's group: not carried over",
        f"{sheet}:7: an era's text says 'from Mar 2011': the period is dated '2011-03/..'",
        f"{sheet}:2: the title slide's media: not carried over",
        "1 slide without a group: given the actor `unknown`",
    ):
        assert said in stderr, stderr


def test_timelinejs_json_becomes_a_timeline(tmp_path: Path) -> None:
    data = {
        "title": {
            "text": {"headline": "T &lt;1&gt;", "text": "<p>D</p>"},
            "start_date": {"year": 2014},
        },
        "events": [
            {
                "start_date": {"year": 2015.0, "month": "9", "day": 30, "hour": 10, "format": "f"},
                "end_date": {"year": "2015", "month": 10, "display_date": "Oct."},
                "text": {"headline": "<b>H</b>", "text": "a&nbsp;b <style>x{}</style>", "x": "y"},
                "group": "Russia",
                "display_date": "autumn",
                "media": {"url": "https://example.com/v", "caption": "Clip", "alt": "x"},
                "unique_id": "my-event",
                "autolink": False,
            },
            {"start_date": {"year": "2016"}, "text": {"headline": "Bare"}},
        ],
        "eras": [{"start_date": {"year": 2015}, "end_date": {"year": 2016}}],
        "scale": "cosmological",
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = _run("import", "timelinejs", str(path))
    assert result.returncode == 0, result.stderr.decode()
    back = _loaded(result.stdout, tmp_path)
    assert back.title == "T <1>"
    first, second = back.events
    assert first.id == "my-event"
    assert _written(first) == "2015-09-30/2015-10"
    assert (first.title, first.summary, first.note) == ("H", "a\xa0b", "Display date: autumn")
    assert _written(second) == "2016"
    stderr = result.stderr.decode()
    assert f"{path}: events[0].start_date: start hour 10" not in stderr  # said as below
    assert f"{path}: events[0]: start hour 10: not carried over" in stderr
    assert f"{path}: events[0].media.alt: not carried over" in stderr
    for key in ("start_date.format", "end_date.display_date", "text.x"):
        assert f"{path}: events[0].{key}: not carried over" in stderr, key
    assert f"{path}: scale: not carried over" in stderr
    assert f"{path}: title: the title slide's date: not carried over" in stderr
    assert f"{path}: eras[0]: an era without a headline: titled by its text or its date" in stderr
    (era,) = back.periods
    assert (era.id, era.title, era.date.text if era.date else None) == (
        "2015-2016",
        "2015\u20132016",  # an en dash
        "2015/2016",
    )


def test_rirtimes_own_timelinejs_export_imports_with_its_ids(
    bundled: Timeline, tmp_path: Path
) -> None:
    exported = _run("export", "timelinejs", "--group-by", "actor", "-f", BUNDLED).stdout
    result = _run("import", "timelinejs", "-", stdin=exported)
    assert result.returncode == 0, result.stderr.decode()
    back = _loaded(result.stdout, tmp_path)
    order = [e.id for e in bundled.events]
    by_id = {e.id: e for e in bundled.events}
    assert sorted(e.id for e in back.events) == sorted(order)
    for event in back.events:
        was = by_id[event.id]
        assert event.title == was.title
        assert event.summary == (" ".join(was.summary.split()) if was.summary else None)
        # the names and the sources its text ends with are its actors and sources again
        assert [back.actors[a].name for a in event.actors] == [
            bundled.actors[a].name for a in was.actors
        ]
        assert event.sources == was.sources
        assert all(back.sources[s].citation == bundled.sources[s].citation for s in event.sources)
    # its eras are the periods again, an open one open again (its text says "from 2015")
    assert [(p.title, p.date.text if p.date else None) for p in back.periods] == [
        (p.title, p.date.text if p.date else None) for p in bundled.periods
    ]
    assert "'from 2015': the period is dated '2015/..'" in result.stderr.decode()


def test_html_becomes_plain_text() -> None:
    assert plain_text("<p>a &amp; b</p>\n<p>c<br/>d</p><script>x</script>") == "a & b\n\nc\nd"
    assert plain_text("<style>p{}</style>  spaced \n  out ") == "spaced out"
    assert plain_text("&lt;b&gt;") == "<b>"


# -- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content", "said"),
    [
        ("csv", "nothing,to,see\r\n1,2,3\r\n", "IN:1:1: error: the header is neither"),
        ("csv", "id,date,title,actors\r\na,2015-13,T,x\r\n", "IN:2:1: error: date '2015-13'"),
        ("csv", 'id,date,title,actors\r\na,2015,"T\r\n', "IN:2:1: error: not valid CSV"),
        ("csv", "id,date,title,actors\r\na,2015,T,x\r\na,2016,U,x\r\n", "IN:3:1: error: id 'a'"),
        ("csv", "id,date,title,actors\r\nA B,2015,T,x\r\n", "IN:2:1: error: id 'A B'"),
        ("csv", "Year,Headline\r\n2015,\r\n", "IN:2:1: error: neither a headline"),
        ("csv", "Year,Month,Headline\r\n2015,13,H\r\n", "IN:2:1: error: start month '13'"),
        ("csv", "Year,Headline\r\nsoon,H\r\n", "IN:2:1: error: start year 'soon'"),
        ("csv", "", "IN:1:1: error: the file is empty"),
        ("json", '{"title": "T", "events": [}', "IN:1:27: error: not valid JSON"),
        ("json", '{"title": "T", "events": [{"id": "a"}]}', "IN: events[0]: `date` is missing"),
        ("json", '{"title": "T", "events": {}}', "IN: events: expected an array"),
        (
            "json",
            '{"title": "T", "events": [{"id": "a", "date": "x", "title": "t", "actors": ["a"]}]}',
            "IN: events[0].date: 'x' is not a date",
        ),
        ("json", '{"title": "\\ud800"}', "IN: title: holds a lone surrogate"),
        ("json", "[]x", "IN:1:3: error: not valid JSON"),
        ("json", "[" * 100_000, "IN: the JSON is nested too deeply"),
        ("timelinejs", '{"events": [{"text": {"headline": "H"}}]}', "IN: events[0]: no start year"),
        (
            "timelinejs",
            '{"events": [{"start_date": {"year": 2015, "day": 3}, "text": {"headline": "H"}}]}',
            "IN: events[0]: start day '3' is given without a month",
        ),
        ("timelinejs", '"just a string"', "IN: $: expected an object"),
        # what only `check` finds is said of the input's entry, not of the YAML made from it
        (
            "csv",
            'id,date,title,actors\r\na,2015,"x\ny",r\r\n',
            "IN:2: title of event 'a' must be one",
        ),
        (
            "json",
            '{"title": "T", "actors": {"r": {"name": "R", "kind": "planet"}}, "events": []}',
            "IN: actor `r`: unknown kind 'planet'",
        ),
    ],
)
def test_bad_input_is_a_clear_error_at_its_place_and_nothing_is_written(
    tmp_path: Path, fmt: str, content: str, said: str
) -> None:
    source = tmp_path / "IN"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = _run("import", fmt, "IN", "-o", str(out), cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert said in stderr, stderr
    assert "Traceback" not in stderr
    assert not out.exists()
    assert result.stdout == b""


def test_a_huge_input_is_refused_by_the_size_bound(tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    source.write_text("id,date,title,actors\r\n" + "a,2015,T,x\r\n" * 100, encoding="utf-8")
    result = _run("import", "csv", str(source), RIRTIME_MAX_BYTES="100")
    assert result.returncode == 1
    assert b"RIRTIME_MAX_BYTES" in result.stderr or b"larger" in result.stderr
    assert result.stdout == b""


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _run("import", "md", "x").returncode == 2  # md is written, never read
    assert _run("import", "csv").returncode == 2
    missing = _run("import", "csv", str(tmp_path / "missing.csv"))
    assert missing.returncode == 2, missing.stderr


# -- the output file -------------------------------------------------------------------------------


def test_o_writes_atomically_and_never_over_a_file_without_force(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(_run("export", "json", "-f", BUNDLED).stdout)
    out = tmp_path / "out.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    refused = _run("import", "json", str(source), "-o", str(out))
    assert refused.returncode == 1
    assert out.read_text(encoding="utf-8") == "keep me\n"
    forced = _run("import", "json", str(source), "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr.decode()
    bundled = open_valid(BUNDLED).timeline
    said = f"imported {len(bundled.events)} events and {len(bundled.periods)} periods (json)"
    assert f"{said} to {out}".encode() in forced.stderr
    _loaded(out.read_bytes(), tmp_path)
    # never over the file it read, even with --force
    again = _run("import", "json", str(source), "-o", str(source), "--force")
    assert again.returncode != 0
    assert json.loads(source.read_text(encoding="utf-8"))["title"]


# -- the registry ----------------------------------------------------------------------------------


def test_imports_formats_come_from_the_registry() -> None:
    names = [f.name for f in readable()]
    assert names == ["json", "csv", "timelinejs"]
    helped = _run("import", "--help").stdout.decode()
    for name in names:
        assert name in helped
    wrong = _run("import", "html", "x")
    assert wrong.returncode == 2
    assert all(repr(n).encode() in wrong.stderr for n in names)


def test_the_json_reader_reads_a_show_array_of_events() -> None:
    shown = _run("show", "--format", "json", "-f", BUNDLED).stdout
    draft = read_json(shown, "shown.json")
    assert len(draft.events) == 82


# -- hostile bytes ---------------------------------------------------------------------------------

_HOSTILE = "\x1b]0;x\x07\x1b[2J\x9b\u202e\u2066\u200b\U000e0041\x85\u2028\x7f"
_HOSTILE_NAME = "in-\x1b[2J\u202e-\x9b.csv"


@pytest.mark.parametrize(
    "content",
    [
        # rirtime's columns, a hostile unknown column, hostile values in every field
        "id,date,title,summary,actors,people,quote,note,X" + _HOSTILE + "\r\n"
        f'e,2015,"T{_HOSTILE}","S{_HOSTILE}\nl2",a,"P{_HOSTILE}","Q{_HOSTILE}","N{_HOSTILE}",x\r\n',
        # TimelineJS's sheet: in headline, text, group, type, media, display date
        "Year,Month,Day,Time,Display Date,Headline,Text,Media,Media Credit,Type,Group\r\n"
        f'2015,9,1,"{_HOSTILE}","D{_HOSTILE}","<b>H{_HOSTILE}</b>","<p>T{_HOSTILE}</p>",'
        f'"https://x.example/{_HOSTILE}","C{_HOSTILE}","K{_HOSTILE}","G{_HOSTILE}"\r\n',
    ],
    ids=["rirtime-columns", "timelinejs-sheet"],
)
def test_hostile_bytes_in_a_csv_never_reach_the_terminal_raw(tmp_path: Path, content: str) -> None:
    from test_hostile import first_unsafe

    (tmp_path / _HOSTILE_NAME).write_text(content, encoding="utf-8")
    result = _run("import", "csv", _HOSTILE_NAME, cwd=tmp_path)
    for stream in (result.stdout, result.stderr):
        text = stream.decode("utf-8")
        assert first_unsafe(text) is None, text
    assert result.returncode == 0, result.stderr.decode()
    _loaded(result.stdout, tmp_path)
    assert "\\u202e" in result.stdout.decode()  # carried, as an escape


def test_a_nul_byte_is_refused_at_its_line(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,date,title,actors\r\na,2015,T\x00,x\r\n")
    result = _run("import", "csv", str(source))
    assert result.returncode == 1
    assert f"{source}:2:1: error: a NUL byte".encode() in result.stderr


# What `export csv` writes as it is: no control, no invisible or blank character (those it shows
# as visible stand-ins, `<U+200B>`, which are not meant to read back).
_SHOWN = re.compile(f"[{BLANK}{INVISIBLE}]")
_PRINTABLE = st.characters(
    exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"), include_characters="\n\t"
).filter(lambda c: not _SHOWN.match(c))
_CELL = st.text(_PRINTABLE, max_size=30)
_ONE_LINE = st.text(_PRINTABLE.filter(lambda c: c not in "\n\t"), min_size=1, max_size=30).filter(
    lambda t: t.strip() == t and t.strip()
)
_NAME = st.from_regex(r"[A-Za-z][A-Za-z ,.'-]{0,15}[a-z]", fullmatch=True).filter(
    lambda t: "  " not in t
)


# What a list item or a note holds at its hardest: the separators and quotes the cell's own
# syntax uses, a date and sources as an alternative writes them, spaces at either end.
_TRICKY = st.lists(
    st.sampled_from(["; ", ";", '"', "'", "'=", "=", " ", "2017 [s2] ", "[x] ", ", ", "\n"])
    | _ONE_LINE,
    min_size=1,
    max_size=4,
).map("".join)
_ITEM = _TRICKY | _CELL | _NAME


def _is_one_line(text: str) -> bool:
    return bool(text.strip()) and text.strip() == text and "\n" not in text


@st.composite
def _csv_documents(draw: st.DrawFn) -> dict[str, Any]:
    def text(strategy: st.SearchStrategy[str]) -> str:
        return draw(strategy | _TRICKY)

    events = []
    for i in range(draw(st.integers(1, 3))):
        alternatives = [
            {"date": d, "sources": draw(_IDS), "note": draw(st.none() | _ITEM)}
            for d in draw(st.lists(st.sampled_from(["2014", "2015-10-01", "2016~"]), max_size=2))
        ]
        events.append(
            {
                "id": f"e{i}",
                "date": draw(st.sampled_from(["2015", "2015-09-30~", "2015/2016-03", "../2014"])),
                "alternatives": alternatives,
                "title": draw(_ONE_LINE | _TRICKY.filter(_is_one_line)),
                "summary": text(_CELL) or None,
                "actors": ["a", *draw(_IDS)],
                "people": draw(st.lists(_ITEM, max_size=3)),
                "tags": draw(_IDS),
                "sources": draw(_IDS),
                "quote": text(_CELL) or None,
                "note": text(_CELL) or None,
            }
        )
    return {"title": "T", "events": events}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(_csv_documents())
def test_csv_export_and_import_give_back_any_printable_text(
    tmp_path: Path, document: dict[str, Any]
) -> None:
    """Formula starts, `;` and `,` in text, line breaks, quotes: export csv then import csv
    give back each event as it was."""
    from rirtime.formats.content import Document
    from rirtime.formats.csv_in import read_csv
    from rirtime.formats.tabular import csv_events

    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    made = import_file(FORMATS["json"], str(path), None)
    timeline = check_bytes(made.text.encode("utf-8"), str(tmp_path / "t.yaml")).timeline
    assert timeline is not None
    exported = csv_events(Document(timeline, timeline.events, "t.yaml"))
    draft = read_csv(exported.encode("utf-8"), "t.csv")
    for record, given_event in zip(draft.events, document["events"], strict=True):
        for name, value in given_event.items():
            got, wanted = record.get(name), value
            if name == "alternatives":
                got = [{k: _blank(v) for k, v in a.items()} for a in got or []]
                wanted = [{k: _blank(v) for k, v in a.items()} for a in value]
            assert _blank(got) == _blank(wanted), name


def test_formats_complete_from_the_registry() -> None:
    from test_complete import _complete

    assert _complete("rirtime import js") == ["json"]
    assert _complete("rirtime import ") == [f.name for f in readable()]


def test_a_full_disk_on_stdout_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(_run("export", "json", "-f", BUNDLED).stdout)
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "rirtime", "import", "json", str(source)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            check=False,
        )
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert b"No space left on device" in result.stderr


def test_many_namesakes_cost_no_more_than_their_number(tmp_path: Path) -> None:
    """Twenty thousand slides with one title, date and group: one actor, ids -2, -3, ...
    made by counting on, never by trying each taken one again (which took minutes)."""
    rows = "Year,Headline,Group\r\n" + "2015,Same,G\r\n" * 20_000
    source = tmp_path / "many.csv"
    source.write_text(rows, encoding="utf-8")
    result = _run("import", "csv", str(source))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    text = result.stdout.decode()
    assert "id: same-2015-20000\n" in text
    assert text.count("kind: other") == 1


def test_a_sheet_kept_newest_first_comes_in_chronological_order(tmp_path: Path) -> None:
    """Rows newest first (as many spreadsheets are kept) become events in chronological order,
    the rows of one date in the sheet's order: the result passes `check` with no order warning."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Year,Month,Day,Headline,Group\n2017,,,Last,Russia\n2015,9,30,Middle,Russia\n"
        "2015,9,30,Middle too,Iran\n1995,,,First,Iran\n",
        encoding="utf-8",
    )
    result = _run("import", "csv", str(sheet))
    assert result.returncode == 0, result.stderr.decode()
    back = _loaded(result.stdout, tmp_path)
    assert [e.title for e in back.events] == ["First", "Middle", "Middle too", "Last"]
    checked = _run("check", "-f", str(tmp_path / "imported.yaml"))
    assert b"[order]" not in checked.stderr
    assert checked.stderr.count(b"[no-source]") == 4  # what it does warn of


@pytest.mark.parametrize("fmt", ["csv", "timelinejs", "json"])
def test_a_number_of_thousands_of_digits_is_a_clear_error(tmp_path: Path, fmt: str) -> None:
    """int() refuses more than 4,300 digits with a ValueError, which was a traceback."""
    digits = "9" * 5000
    path = tmp_path / "in"
    if fmt == "csv":
        path.write_text(f"Year,Headline\n{digits},x\n", encoding="utf-8")
    else:
        path.write_text(
            f'{{"events": [{{"start_date": {{"year": {digits}}}, "text": {{"headline": "x"}}}}]}}',
            encoding="utf-8",
        )
    result = _run("import", fmt, str(path))
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "Traceback" not in err
    assert len(err) < 2000


def test_many_unknown_columns_are_one_note_with_their_number(tmp_path: Path) -> None:
    """Ten thousand columns this version does not read: one line with their number and the
    first few names, not ten thousand lines; a few are still said one by one."""
    extra = [f"x{i}" for i in range(10_000)]
    sheet = tmp_path / "wide.csv"
    sheet.write_text(
        ",".join(["id", "date", "title", "actors", *extra])
        + "\r\ne1,2015,T,a"
        + "," * len(extra)
        + "\r\n",
        encoding="utf-8",
    )
    result = _run("import", "csv", str(sheet))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    stderr = result.stderr.decode()
    assert stderr.count("not carried over") == 1, stderr[:2000]
    assert f"{sheet}:1: 10,000 columns are not read, not carried over: 'x0', 'x1', 'x2', …" in (
        stderr
    )
    few = tmp_path / "few.csv"
    few.write_text("id,date,title,actors,p,q\r\ne1,2015,T,a,,\r\n", encoding="utf-8")
    stderr = _run("import", "csv", str(few)).stderr.decode()
    assert "the column 'p' is not read" in stderr
    assert "the column 'q' is not read" in stderr


def test_a_cell_larger_than_pythons_csv_limit_is_read(tmp_path: Path) -> None:
    """Python's csv refuses a cell over 128 KiB by default; a note may be as large as the file
    (which RIRTIME_MAX_BYTES bounds), and it comes back whole."""
    note = "word " * 60_000
    sheet = tmp_path / "big.csv"
    sheet.write_text(f'id,date,title,actors,note\r\ne1,2015,T,a,"{note}"\r\n', encoding="utf-8")
    result = _run("import", "csv", str(sheet))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    back = _loaded(result.stdout, tmp_path)
    assert back.events[0].note == note


def test_actor_names_with_commas_and_markup_come_back_from_timelinejs(tmp_path: Path) -> None:
    """The actors' paragraph holds each name in a `<span>`: "Korea, Republic of" is one actor
    again, `<`, `&` and quotes stay text; the older form, names joined with ", ", still reads."""
    names = ["Korea, Republic of", "A <b> & Co", 'The "Other" One', "Iran"]
    actors = "".join(
        f"  a{i}: {{name: {json.dumps(n)}, kind: state}}\n" for i, n in enumerate(names)
    )
    timeline = tmp_path / "t.yaml"
    timeline.write_text(
        f"title: T\nactors:\n{actors}events:\n"
        "  - {id: e1, date: 2015, title: T, actors: [a0, a1, a2, a3]}\n",
        encoding="utf-8",
    )
    exported = _run("export", "timelinejs", "-f", str(timeline)).stdout
    text = json.loads(exported)["events"][0]["text"]["text"]
    assert "<span>Korea, Republic of</span>, <span>A &lt;b&gt; &amp; Co</span>" in text
    made = yaml.safe_load(_run("import", "timelinejs", "-", stdin=exported).stdout)
    (event,) = made["events"]
    assert [made["actors"][a]["name"] for a in event["actors"]] == names
    older = {
        "events": [
            {
                "start_date": {"year": "2015"},
                "text": {"headline": "T", "text": '<p class="rirtime-actors">Russia, Iran</p>'},
            }
        ]
    }
    made = yaml.safe_load(
        _run("import", "timelinejs", "-", stdin=json.dumps(older).encode()).stdout
    )
    (event,) = made["events"]
    assert [made["actors"][a]["name"] for a in event["actors"]] == ["Russia", "Iran"]
