"""The listings people read: actors, tags, sources and stats at the widths of real terminals.

Names stay whole words (the actors table used to cut them to five letters at 80 columns while
an empty column took space), empty columns go, no line passes the width or ends in spaces
(`stats | cat -A`), and `actors` and `stats` say which count includes an actor's parts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import DATA, assert_golden, load_valid
from rirtime.cli import app
from rirtime.files import default_path

SHOW = str(DATA / "valid_show.yaml")
BUNDLED = load_valid(default_path())
SGR = re.compile(r"\x1b\[[0-9;]*m")
PARTS_NOTE = "events: its own and its parts', as --actor counts them"
LISTINGS = ("actors", "tags", "sources", "stats")


def _list(command: str, width: int, *args: str, color: str = "never") -> str:
    result = CliRunner().invoke(
        app,
        [command, "--color", color, *(["--format", "text"] if command != "stats" else []), *args],
        env={"COLUMNS": str(width)},
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _fits(text: str, width: int) -> list[str]:
    lines = SGR.sub("", text).splitlines()
    for line in lines:
        assert cell_len(line) <= width, (width, line)
        assert line == line.rstrip(), (width, line)
    return lines


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 160])
@pytest.mark.parametrize("command", LISTINGS)
def test_every_listing_fits_with_no_trailing_spaces(command: str, width: int) -> None:
    _fits(_list(command, width), width)
    _fits(_list(command, width, color="always"), width)


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
def test_actor_names_and_ids_stay_readable(width: int) -> None:
    """Every id whole on a line; every name's words whole (wrapped by words, never cut)."""
    lines = _fits(_list("actors", width), width)
    words = {w for line in lines for w in line.split()}
    for actor in BUNDLED.actors.values():
        assert actor.id in words, (width, actor.id)
        for word in actor.name.split():
            assert word in words, (width, actor.name, word)
    assert "\u2026" not in "\n".join(lines)  # nothing cut short


@pytest.mark.parametrize("width", [40, 50, 60, 70, 80, 90, 100, 120, 140, 160])
@pytest.mark.parametrize("command", ["actors", "tags"])
def test_a_first_or_last_date_is_never_split(command: str, width: int) -> None:
    """Each row's first and last appear whole on one line at every width (long range dates used
    to wrap inside their column even at 120 columns); and they are where the earliest known
    event starts and the latest ends, not those events' whole dates."""
    from rirtime.stats import actor_rows, tag_rows

    lines = _fits(_list(command, width), width)
    events = list(BUNDLED.events)
    found = actor_rows(BUNDLED, events, only_used=True) if command == "actors" else []
    rows = found or tag_rows(events)
    for row in rows:
        if row.first is None or row.last is None:
            continue
        for shown in (row.first.display_first(), row.last.display_last()):
            assert any(shown in line for line in lines), (width, row, shown)


def test_first_and_last_show_where_the_dates_start_and_end() -> None:
    from rirtime.dates import parse

    assert parse("2015-09~/2015-10-14").display_first() == "c. Sep 2015"
    assert parse("2015-09~/2015-10-14").display_last() == "14 Oct 2015"
    assert parse("2015-11/").display_first() == "Nov 2015"
    assert parse("2015-11/").display_last() == "Nov 2015 \u2013 ?"
    assert parse("/2017").display_first() == "by 2017"
    assert parse("/2017").display_last() == "by 2017"  # not known to be in 2017
    assert parse("2012/..").display_last() == "from 2012"
    assert parse("2017-03-27/2017-03-29").display_last() == "29 Mar 2017"
    assert parse("2015-07-14").display_first() == "14 Jul 2015"


def test_the_three_layouts_of_the_actors_table() -> None:
    """Wide: the dates in their columns; narrow: under each name; list: too narrow a table."""
    for width, layout in ((100, "wide"), (80, "narrow"), (60, "list")):
        text = _list("actors", width, "-f", SHOW)
        _fits(text, width)
        assert_golden(f"stats/actors-{width}.txt", text)
        header = text.splitlines()[0].split()
        if layout == "wide":
            assert header[-2:] == ["first", "last"]
        elif layout == "narrow":
            assert header[:4] == ["id", "name,", "first", "\u2192"]
        else:
            assert header == ["russia", "Russia"]


def test_empty_columns_are_left_out() -> None:
    with_parts = _list("actors", 120, "-f", SHOW).splitlines()[0].split()
    assert "part" in with_parts
    # The veto events name no actor that is part of another: no "part of" column.
    vetoes = _list("actors", 120, "-f", SHOW, "-t", "veto")
    assert vetoes.splitlines()[0].split() == ["id", "name", "kind", "events", "first", "last"]


def test_which_counts_include_the_parts() -> None:
    actors = _list("actors", 100, "-f", SHOW).splitlines()
    assert actors[-1] == PARTS_NOTE
    iran = next(line for line in actors if line.startswith("iran "))
    assert " 4 " in iran  # iran's own three and irgc's one
    stats = _list("stats", 100, "-f", SHOW)
    assert "Busiest actors (events naming each; its parts not counted)" in stats
    busiest = stats.split("its parts not counted)\n", 1)[1].splitlines()
    assert next(line for line in busiest if line.startswith("iran ")).split()[1] == "3"


def test_limit_cuts_the_list_and_says_so(runner: CliRunner) -> None:
    text = _list("actors", 100, "-f", SHOW, "-n", "2")
    rows = [line.split()[0] for line in text.splitlines()[1:3]]
    assert rows == ["russia", "iran"]
    assert "2 of 7 actors" in text.splitlines()
    assert "1 of 10 tags" in _list("tags", 100, "-f", SHOW, "--limit", "1").splitlines()
    result = runner.invoke(app, ["sources", "-f", SHOW, "-n", "1", "--format", "plain"])
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["article"]


def test_the_matrix_names_its_actors_in_a_legend_when_narrow() -> None:
    text = _list("stats", 40)
    lines = _fits(text, 40)
    at = lines.index("Who appears with whom (shared events)")
    assert lines[at + 1].startswith("1 russia  2 iran")
    assert all(re.fullmatch(r"\d \S+", item) for item in lines[at + 1].split("  "))
    wide = _list("stats", 100).splitlines()
    at = wide.index("Who appears with whom (shared events)")
    assert wide[at + 2].startswith("1 russia ")


@pytest.mark.parametrize("command", LISTINGS)
def test_no_trailing_spaces_in_a_pipe(command: str) -> None:
    """`rirtime stats | cat -A` shows no space before any `$`; likewise every listing's table."""
    args = [command] if command == "stats" else [command, "--format", "text"]
    done = subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert not [line for line in done.stdout.splitlines() if line != line.rstrip()]
