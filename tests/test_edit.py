"""`rirtime add`: the new event lands in its chronological place and nothing else changes."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, load_valid
from rirtime.cli import app, output
from rirtime.edit import NewEvent, make_id, plan_add

BASE = """\
# A timeline kept by hand: comments, quoting and order must survive.
title: 'Hand-kept'   # single quotes on purpose
actors:
  russia: {name: Russia, kind: state}
  iran: {name: Iran, kind: state}
sources:
  a: {citation: A source}
events:

  # -- 2011 --
  - id: early
    date: 2011-10-04
    title: "Early"   # trailing comment
    actors: [russia]
    sources: [a]

  # -- 2017 --
  - id: late
    date: "2017~"
    title: Late
    actors:
      - iran
    sources: [a]
"""

ADD = ["--date", "2015-07", "--title", "Middle: a call", "-a", "russia", "-a", "iran",
       "--source", "a", "-t", "phone-call"]  # fmt: skip


def _added_lines(before: str, after: str) -> list[str]:
    diff = list(difflib.ndiff(before.splitlines(True), after.splitlines(True)))
    assert not [d for d in diff if d.startswith("- ")], "a line was changed or removed"
    return [d[2:] for d in diff if d.startswith("+ ")]


def _write(tmp_path: Path, text: str, name: str = "t.yaml", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode())
    return path


def test_inserted_in_place_and_nothing_else_changes(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    result = runner.invoke(app, ["add", "-f", str(path), *ADD])
    assert result.exit_code == 0, result.stderr
    assert "added middle-a-call-2015-07" in result.stderr
    assert "after early" in result.stderr
    after = path.read_text()
    assert _added_lines(BASE, after) == [
        "  - id: middle-a-call-2015-07\n",
        "    date: 2015-07\n",
        '    title: "Middle: a call"\n',
        "    actors: [russia, iran]\n",
        "    tags: [phone-call]\n",
        "    sources: [a]\n",
    ]
    # before the comment block that heads the next event, not between it and its event
    assert after.index("middle-a-call") < after.index("# -- 2017 --")
    assert [e.id for e in load_valid(str(path)).events] == [
        "early",
        "middle-a-call-2015-07",
        "late",
    ]


@pytest.mark.parametrize(
    ("date", "position"),
    [("1990", 0), ("2011-10-04", 1), ("2012", 1), ("2016", 1), ("2017", 2), ("2018", 2)],
)
def test_chronological_place(runner: CliRunner, tmp_path: Path, date: str, position: int) -> None:
    path = _write(tmp_path, BASE)
    args = ["add", "-f", str(path), "--date", date, "--title", "New", "-a", "iran", "--id", "new"]
    assert runner.invoke(app, [*args, "--source", "a"]).exit_code == 0
    ids = [e.id for e in load_valid(str(path)).events]
    assert ids.index("new") == position


def test_crlf_line_ends_are_kept(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, BASE, newline="\r\n")
    before = path.read_bytes()
    assert runner.invoke(app, ["add", "-f", str(path), *ADD]).exit_code == 0
    after = path.read_bytes()
    assert b"\n" not in after.replace(b"\r\n", b"")
    added = _added_lines(before.decode(), after.decode())
    assert len(added) == 6
    assert all(line.endswith("\r\n") for line in added)


def test_no_final_newline(runner: CliRunner, tmp_path: Path) -> None:
    text = BASE.rstrip("\n")
    path = _write(tmp_path, text)
    args = ["add", "-f", str(path), "--date", "2020", "--title", "Last", "-a", "iran"]
    assert runner.invoke(app, [*args, "--source", "a"]).exit_code == 0
    after = path.read_text()
    assert after.startswith(text + "\n  - id: last-2020\n")
    assert not after.endswith("\n")


def test_flow_style_events(runner: CliRunner, tmp_path: Path) -> None:
    text = (
        "title: Flow\nactors: {r: {name: R, kind: state}}\n"
        "events: [{id: a, date: 2010, title: A, actors: [r]},\n"
        "         {id: c, date: 2012, title: C, actors: [r]}]\n"
    )
    for date, expected in (
        ("2011", ["a", "b", "c"]),
        ("2013", ["a", "c", "b"]),
        ("2000", ["b", "a", "c"]),
    ):
        path = _write(tmp_path, text)
        args = ["add", "-f", str(path), "--date", date, "--title", "B", "-a", "r", "--id", "b"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        assert [e.id for e in load_valid(str(path)).events] == expected
        assert path.read_text().count("\n") == 4


def test_flow_mapping_items_in_a_block_list(runner: CliRunner, tmp_path: Path) -> None:
    text = (
        "title: T\nactors: {r: {name: R, kind: state}}\nevents:\n"
        "  - {id: a, date: 2010, title: A, actors: [r]}\n"
        "  - {id: c, date: 2012, title: C, actors: [r]}\n"
    )
    path = _write(tmp_path, text)
    args = ["add", "-f", str(path), "--date", "2011", "--title", "B", "-a", "r", "--id", "b"]
    assert runner.invoke(app, args).exit_code == 0
    assert _added_lines(text, path.read_text()) == [
        "  - {id: b, date: 2011, title: B, actors: [r]}\n"
    ]


@pytest.mark.parametrize(
    "events", ["", "events:\n", "events: []\n", "events:   # none yet\n"], ids=repr
)
def test_first_event(runner: CliRunner, tmp_path: Path, events: str) -> None:
    text = "title: New\nactors:\n  r: {name: R, kind: state}\n" + events
    path = _write(tmp_path, text)
    args = ["add", "-f", str(path), "--date", "2011", "--title", "B", "-a", "r", "--id", "b"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert [e.id for e in load_valid(str(path)).events] == ["b"]
    after = path.read_text()
    # in block style, `[]` too: a flow line that would grow with every event is no one's choice
    block = "  - id: b\n    date: 2011\n    title: B\n    actors: [r]\n"
    if not events:
        assert after == text + "events:\n" + block
    else:
        assert after == text.replace(" []", "") + block


def test_through_a_symlink(runner: CliRunner, tmp_path: Path) -> None:
    real = _write(tmp_path, BASE, "real.yaml")
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert runner.invoke(app, ["add", "-f", str(link), *ADD]).exit_code == 0
    assert link.is_symlink()
    assert "middle-a-call" in real.read_text()
    assert (real.stat().st_mode & 0o777) == 0o640


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_and_utf16_files_keep_their_encoding(
    runner: CliRunner, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(BASE.encode(encoding))
    assert runner.invoke(app, ["add", "-f", str(path), *ADD]).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(BASE.encode(encoding)[:3])
    assert "middle-a-call" in after.decode(encoding)


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["-a", "rusia"], 1, "'rusia' is not an actor"),
        (["-a", "iran", "--source", "nope"], 1, "'nope' is not a source"),
        (["-a", "iran", "-t", "Bad Tag"], 1, "not lowercase kebab-case"),
        (["-a", "iran", "--id", "early"], 2, "an event has it already"),
        (["-a", "iran", "--id", "Not_Kebab"], 2, "kebab-case"),
    ],
)
def test_rejected_add_leaves_the_file_identical(
    runner: CliRunner, tmp_path: Path, args: list[str], code: int, fragment: str
) -> None:
    path = _write(tmp_path, BASE)
    result = runner.invoke(app, ["add", "-f", str(path), "--date", "2015", "--title", "X", *args])
    assert result.exit_code == code
    assert fragment in result.stderr
    assert path.read_text() == BASE
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]


def test_bad_date_and_missing_fields_are_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    result = runner.invoke(
        app, ["add", "-f", str(path), "--date", "2015-02-30", "--title", "X", "-a", "iran"]
    )
    assert result.exit_code == 2
    assert "February 2015 has 28 days" in result.stderr
    result = runner.invoke(app, ["add", "-f", str(path), "--date", "2015"])
    assert result.exit_code == 2
    assert "--title" in result.stderr
    result = runner.invoke(app, ["add", "-f", str(path)])  # not a terminal: no prompts
    assert result.exit_code == 2
    assert "add needs --date, --title and at least one" in result.stderr
    assert path.read_text() == BASE


def test_an_invalid_file_is_refused_before_anything(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes((DATA / "references.yaml").read_bytes())
    before = path.read_bytes()
    result = runner.invoke(
        app, ["add", "-f", str(path), "--date", "2015", "--title", "X", "-a", "russia"]
    )
    assert result.exit_code == 1
    assert f"{path}:16:22: error: 'rusia' is not an actor" in result.stderr
    assert path.read_bytes() == before


def test_add_never_writes_the_bundled_chronology(runner: CliRunner) -> None:
    result = runner.invoke(app, ["add", "--date", "2015", "--title", "X", "-a", "iran"])
    assert result.exit_code == 2
    assert "read-only" in result.stderr
    result = runner.invoke(app, ["add", "-f", "-", "--date", "2015", "--title", "X", "-a", "iran"])
    assert result.exit_code == 2
    assert "add cannot write to standard input" in result.stderr


def test_dry_run_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    result = runner.invoke(app, ["add", "-f", str(path), *ADD, "--dry-run"])
    assert result.exit_code == 0
    assert result.stdout.startswith("  - id: middle-a-call-2015-07\n")
    assert "would add" in result.stderr
    assert "line 17, after early" in result.stderr
    assert path.read_text() == BASE


def test_interrupted_write_keeps_the_original(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, BASE)

    def killed(_src: str, _dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    result = runner.invoke(app, ["add", "-f", str(path), *ADD])
    assert result.exit_code == 130
    assert path.read_text() == BASE
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]


def test_interactive_prompts(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, BASE)
    monkeypatch.setattr(output, "isatty", lambda _stream: True)
    # date, title, id (the one made), actors, tags, sources, people, summary, quote, note, yes
    answers = "2016-05-04\nAsked for\n\nrussia, iran\ndiplomacy\na\nVladimir Putin\n\n\n\ny\n"
    result = runner.invoke(app, ["add", "-f", str(path)], input=answers)
    assert result.exit_code == 0, result.stderr
    assert "Known actors: iran, russia" in result.stderr
    event = next(e for e in load_valid(str(path)).events if e.title == "Asked for")
    assert event.actors == ("russia", "iran")
    assert event.people == ("Vladimir Putin",)
    assert event.date is not None
    assert event.date.text == "2016-05-04"


def test_make_id() -> None:
    assert make_id("Rouhani visits Moscow!", "2017-03-27/2017-03-29", set()) == (
        "rouhani-visits-moscow-2017-03-27"
    )
    assert make_id("Ирано-российские", "2017~", set()) == "2017"
    assert make_id("A", "2017", {"a-2017", "a-2017-2"}) == "a-2017-3"


@pytest.mark.parametrize(
    ("title", "date", "expected"),
    [
        (
            "Russia and Turkey sign the S-400 deal",
            "2017-09",
            "russia-and-turkey-sign-the-s-400-deal",
        ),
        ("Iran's parliament backs the deal", "2015", "irans-parliament-backs-the-deal"),
        ("Iran\u2019s parliament backs the deal", "2015", "irans-parliament-backs-the-deal"),
        ("U.S. sanctions on Rosoboronexport", "2014", "us-sanctions-on-rosoboronexport"),
        ("Gore\u2013Chernomyrdin agreement", "1995", "gore-chernomyrdin-agreement"),
        ("Erdo\u011fan and Putin meet in Sochi", "2017-05-03", "erdogan-and-putin-meet-in-sochi"),
        (
            "Russia and Iran agree to coordinate their military operations in Syria",
            "2015-09",
            "russia-and-iran-agree-to-coordinate",  # whole words, within the limit
        ),
        ("Memorandum on de-escalation zones", "2017-05-04", "memorandum-on-de-escalation-zones"),
        ("A" * 60, "2017", "a" * 40),  # one word longer than the limit: no reader misses a part
    ],
)
def test_made_ids_keep_words_whole(title: str, date: str, expected: str) -> None:
    day = date.replace("/", "-")
    made = make_id(title, date, set())
    assert made == f"{expected}-{day}"
    assert len(made) - len(day) - 1 <= 40


def test_add_warns_at_once_of_an_event_without_a_source(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    args = ["add", "-f", str(path), "--date", "2015", "--title", "Unsourced", "-a", "iran"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    warning = "warning: the event cites no source"
    assert warning in result.stderr
    assert result.stderr.index(warning) < result.stderr.index("added unsourced-2015")
    result = runner.invoke(app, [*args[:-4], "--title", "Sourced", "-a", "iran", "--source", "a"])
    assert result.exit_code == 0, result.stderr
    assert warning not in result.stderr


def test_hostile_text_round_trips(tmp_path: Path) -> None:
    title = 'Say "yes": NO #1 [x] {y} & *z* | \\ \t tab'
    planned = plan_add(BASE.encode(), "t.yaml", NewEvent("2015", title, ("iran",), sources=("a",)))
    path = tmp_path / "t.yaml"
    path.write_bytes(planned.data)
    event = next(e for e in load_valid(str(path)).events if e.id == planned.entry_id)
    assert event.title == title


@pytest.mark.parametrize(
    ("date", "ending"),
    [
        ("/2015-09", "by-2015-09"),  # as the bundled chronology writes them, never "undated"
        ("../2015", "until-2015"),
        ("2013-11/..", "2013-11"),
        ("2013-11/", "2013-11"),
        ("2017-03-27/2017-03-29", "2017-03-27"),
        ("2017~", "2017"),
    ],
)
def test_a_made_id_says_what_is_known_of_the_date(date: str, ending: str) -> None:
    assert make_id("Talks", date, set()) == f"talks-{ending}"


def test_the_same_event_added_twice_is_said(tmp_path: Path) -> None:
    """Running the README's add twice made a `-2` twin in silence (newcomer)."""
    path = tmp_path / "t.yaml"
    path.write_text(BASE, encoding="utf-8")
    args = ["add", "-f", str(path), "--date", "2016", "--title", "Talks  in Moscow", "-a", "iran"]
    first = subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    assert "same date and title" not in first.stderr
    args[6] = "talks in moscow"
    second = subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert "warning: talks-in-moscow-2016 has the same date and title" in second.stderr
