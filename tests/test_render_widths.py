"""The text view at the widths people's terminals have: golden views at 40, 60, 80 and 120
columns through `show` (COLUMNS), every line within the width down to 20, dates never split.

The fixture has what breaks a narrow view: range dates of 25 columns ("c. Sep 2015 - 14 Oct
2015"), long actor ids, a word longer than a narrow body, wide (CJK) characters.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from conftest import DATA, assert_golden, load_valid
from rirtime.cli import app
from rirtime.files import default_path
from rirtime.model import Timeline
from rirtime.query import Filter, apply
from rirtime.render.timeline import render_oneline, render_timeline, summary

FIXTURE = """\
title: A chronology with long dates, long names and a very long title to wrap
sources:
  a: {citation: "A. Author, An article, A Journal, 2017", url: "https://example.org/a"}
actors:
  russia: {name: Russia, kind: state}
  iran: {name: Iran, kind: state}
  syrian-government: {name: Government of Syria, kind: government}
  pro-iranian-paramilitaries: {name: Pro-Iranian paramilitaries, kind: group}
  usa: {name: United States, kind: state}
events:
  - id: by-2015
    date: "/2015"
    title: Tehran comes to see the fight for Assad as a fight for Iran itself
    actors: [iran, syrian-government]
    tags: [doctrine]
    sources: [a]
  - id: campaign
    date: "2015-09~/2015-10-14"
    title: Russia launches its military campaign in Syria
    summary: Russian aircraft strike targets across Syria, and Iran sends more advisers.
    actors: [russia, syrian-government, pro-iranian-paramilitaries]
    tags: [military, syrian-war]
    sources: [a]
  - id: visit
    date: "2015-10-27/2015-11-03"
    title: 伊朗和俄罗斯 sign a memorandum
    actors: [iran, russia]
    tags: [diplomacy]
    sources: [a]
  - id: strike
    date: 2017-04-14
    title: U.S. strikes https://example.org/a-very-long-link-that-no-narrow-body-can-hold
    actors: [usa, syrian-government]
    tags: [military]
    sources: [a]
"""
WIDTHS = (40, 60, 80, 120)
SGR = re.compile(r"\x1b\[[0-9;]*m")
DATE_RUN = re.compile(r"\x1b\[32m([^\x1b]*)\x1b\[0m")  # a run drawn in the date's green


@pytest.fixture(scope="module")
def fixture_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("widths") / "widths.yaml"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


def _show(path: Path, width: int, *args: str) -> str:
    result = CliRunner().invoke(
        app,
        ["show", "-f", str(path), "--format", "text", "--color", "never", *args],
        env={"COLUMNS": str(width)},
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _fits(text: str, width: int) -> None:
    for line in text.splitlines():
        assert cell_len(line) <= width, (width, line)
        assert line == line.rstrip(), (width, line)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
def test_golden_views_at_each_width(fixture_path: Path, width: int, long: bool) -> None:
    text = _show(fixture_path, width, *(["--long"] if long else []))
    _fits(text, width)
    assert_golden(f"show/width-{width}-{'long' if long else 'short'}.txt", text)


@pytest.mark.parametrize("width", WIDTHS)
def test_golden_oneline_at_each_width(fixture_path: Path, width: int) -> None:
    text = _show(fixture_path, width, "--oneline")
    _fits(text, width)
    assert len(text.splitlines()) == 4  # one line an event, nothing else
    assert_golden(f"show/oneline-{width}.txt", text)


def _draw(timeline: Timeline, width: int, *, long: bool = False, oneline: bool = False) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system="standard", force_terminal=True)
    events = apply(timeline, Filter())
    view = (
        render_oneline(timeline, events) if oneline else render_timeline(timeline, events, 0, long)
    )
    console.print(view)
    return out.getvalue()


BUNDLED = load_valid(default_path())
SHOW = load_valid(DATA / "valid_show.yaml")
EVERY_WIDTH = [*range(20, 61), *range(64, 131, 6)]


@pytest.mark.parametrize("width", EVERY_WIDTH)
def test_every_line_fits_and_no_date_is_split(width: int) -> None:
    """The bundled chronology at every width from 20 to 60 and on to 130: each line within
    the width, no trailing space, and each event's date drawn once, whole, in the date's green
    (below 27 columns a 25-column range takes two lines, its dash ending the first)."""
    for timeline in (BUNDLED, SHOW):
        dates = [e.date.display() for e in apply(timeline, Filter()) if e.date is not None]
        for long in (False, True):
            drawn = _draw(timeline, width, long=long)
            _fits(SGR.sub("", drawn), width)
            runs = DATE_RUN.findall(drawn)
            if width >= 27:
                assert runs == dates, width
            else:
                assert " ".join(runs) == " ".join(dates), width
        drawn = _draw(timeline, width, oneline=True)
        _fits(SGR.sub("", drawn), width)
        assert len(drawn.splitlines()) == len(dates)


def test_the_stacked_layout_puts_each_date_on_a_line_of_its_own(fixture_path: Path) -> None:
    lines = _show(fixture_path, 40).splitlines()
    assert "  c. Sep 2015 \u2013 14 Oct 2015" in lines
    after = lines[lines.index("  c. Sep 2015 \u2013 14 Oct 2015") + 1]
    assert after.startswith("    Russia launches")
    # the 40 columns: no id split across lines
    assert any(line.strip().startswith("russia syrian-government") for line in lines)


def test_a_date_longer_than_its_column_takes_a_line_of_its_own(fixture_path: Path) -> None:
    lines = _show(fixture_path, 80).splitlines()
    at = lines.index("  c. Sep 2015 \u2013 14 Oct 2015")
    assert lines[at + 1].strip().startswith("Russia launches")
    assert lines[at + 1].startswith(" " * 10)  # under the body column, nothing in the date's
    assert any(line.startswith("  14 Apr 2017") for line in lines)  # the others beside


@pytest.mark.parametrize(
    ("shown", "matched", "total", "said"),
    [
        (4, 56, 76, "4 of 56 matching (76 in all)"),
        (56, 56, 76, "56 of 76 events"),
        (4, 76, 76, "4 of 76 events"),
        (76, 76, 76, "76 of 76 events"),
        (1, 1, 1, "1 of 1 event"),
    ],
)
def test_the_summary_line(shown: int, matched: int, total: int, said: str) -> None:
    assert summary(shown, matched, total) == said


@pytest.mark.parametrize(
    ("args", "last"),
    [
        (["-a", "iran", "-n", "2"], "2 of 4 matching (9 in all)"),
        (["-a", "iran"], "4 of 9 events"),
        (["-n", "2"], "2 of 9 events"),
        ([], "9 of 9 events"),
    ],
)
def test_show_says_how_many_matched(args: list[str], last: str) -> None:
    text = _show(DATA / "valid_show.yaml", 80, *args)
    assert text.splitlines()[-1] == last


def test_a_real_process_at_40_columns() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rirtime", "show", "--format", "text", "--color", "never"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "40"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    _fits(done.stdout, 40)
    assert "syrian-governm\n" not in done.stdout


@pytest.mark.parametrize("width", [80, 100, 120])  # narrower: titles alone, no actors
def test_oneline_never_hides_the_actor_asked_for(width: int) -> None:
    """`show --oneline -a X` names X (or the part of X the event names) on every line, before any
    "+N": the reason an event is listed is never hidden behind the count of the others."""
    from rirtime import graph

    bundled = load_valid(default_path())
    parts = graph.of(bundled)
    for actor in bundled.actors:
        result = CliRunner().invoke(
            app,
            ["show", "--oneline", "--color", "never", "-a", actor],
            env={"COLUMNS": str(width)},
        )
        assert result.exit_code == 0, result.stderr
        wanted = parts.descendants(actor)
        for line in result.stdout.splitlines():
            if not line.strip() or "matching" in line or " in all" in line:
                continue
            words = set(line.replace(",", " ").split())
            assert words & wanted, (actor, line)
