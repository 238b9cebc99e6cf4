"""`actors`, `tags`, `sources` and `stats`: golden output, the machine formats, and filters."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from conftest import DATA, assert_golden, load_valid
from rirtime.cli import app
from rirtime.stats import stats

SHOW = str(DATA / "valid_show.yaml")
WARNINGS = str(DATA / "warnings.yaml")


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "--color", "never"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", ["actors", "tags", "sources", "stats"])
def test_text_golden(runner: CliRunner, command: str) -> None:
    assert_golden(f"stats/{command}.txt", _run(runner, command, "-f", SHOW, "--format", "text"))


@pytest.mark.parametrize("command", ["actors", "tags", "sources"])
@pytest.mark.parametrize("fmt", ["plain", "json", "csv"])
def test_machine_formats_golden(runner: CliRunner, command: str, fmt: str) -> None:
    out = _run(runner, command, "-f", SHOW, "--format", fmt)
    assert_golden(f"stats/{command}.{fmt}", out)
    assert "\x1b" not in out


def test_actor_counts_include_parts_as_the_filter_does(runner: CliRunner) -> None:
    rows = json.loads(_run(runner, "actors", "-f", SHOW, "--format", "json"))
    counts = {r["id"]: r["events"] for r in rows}
    for actor_id, n in counts.items():
        shown = _run(runner, "show", "-f", SHOW, "-a", actor_id)
        assert len(shown.splitlines()) == n, actor_id
    assert counts["iran"] == 4
    assert counts["irgc"] == 1


def test_filters_narrow_the_lists(runner: CliRunner) -> None:
    rows = json.loads(_run(runner, "actors", "-f", SHOW, "-t", "visit", "--format", "json"))
    assert {r["id"] for r in rows} == {"iran", "irgc", "quds-force", "russia"}
    tags = _run(runner, "tags", "-f", SHOW, "-a", "hezbollah", "--format", "plain")
    assert tags == "military\t1\t2016~\t2016~\n"


def test_unused_sources_are_marked(runner: CliRunner) -> None:
    rows = list(
        csv.DictReader(io.StringIO(_run(runner, "sources", "-f", WARNINGS, "--format", "csv")))
    )
    assert {r["id"]: r["used"] for r in rows} == {"article": "true", "unused": "false"}
    text = _run(runner, "sources", "-f", WARNINGS, "--format", "text").splitlines()
    # the source named "unused" is marked so in its events column; the footer counts it
    assert [line.split()[:2] for line in text if line.startswith(("article", "unused"))] == [
        ["article", "1"],
        ["unused", "unused"],
    ]
    assert text[-1] == "2 sources, 1 unused"


def test_stats_json_has_the_same_numbers_as_the_chart(runner: CliRunner) -> None:
    data = json.loads(_run(runner, "stats", "-f", SHOW, "--format", "json"))
    assert data["events"] == data["total"] == 9
    assert sum(y["events"] for y in data["per_year"]) == 9
    assert data["actors"][0] == {"actor": "russia", "events": 7}
    pairs = {tuple(p["actors"]): p["events"] for p in data["pairs"]}
    assert pairs[("iran", "russia")] == 3
    text = _run(runner, "stats", "-f", SHOW)
    chart = text.split("Events per year\n", 1)[1].split("\n\n", 1)[0].splitlines()
    bars = [re.fullmatch(r"\s*(.+?) (\d+) ?[\u2588\u2589-\u258f]*\s*", line) for line in chart]
    assert all(bars), chart
    assert [(m.group(1), int(m.group(2))) for m in bars if m] == [
        (y["year"], y["events"]) for y in data["per_year"]
    ]
    busiest = text.split("Busiest actors (events naming each; its parts not counted)\n", 1)[
        1
    ].split("\n\n", 1)[0]
    assert [line.split()[:2] for line in busiest.splitlines()] == [
        [a["actor"], str(a["events"])] for a in data["actors"][:10]
    ]
    assert "Who appears with whom" in text
    filtered = json.loads(_run(runner, "stats", "-f", SHOW, "--from", "2016", "--format", "json"))
    assert filtered["events"] == 3
    assert filtered["total"] == 9


def test_years_between_show_as_gaps() -> None:
    numbers = stats(load_valid(SHOW), list(load_valid(SHOW).events))
    years = [y for y, _ in numbers.per_year]
    assert years[0] == "Start unknown"
    assert years[1:] == [str(y) for y in range(1995, 2018)]


def test_bad_filters_are_usage_errors(runner: CliRunner) -> None:
    for command in ("actors", "tags", "sources", "stats"):
        result = runner.invoke(app, [command, "-f", SHOW, "-a", "nobody"])
        assert result.exit_code == 2
        assert "unknown actor" in result.stderr
