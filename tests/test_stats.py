"""`actors`, `tags`, `sources` and `stats`: golden output, the machine formats, and filters."""

from __future__ import annotations

import csv
import io
import json
import re
import resource
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pytest
from counting import Counted, actor, event, timeline
from typer.testing import CliRunner

from conftest import DATA, assert_golden, load_valid
from rirtime.cli import app
from rirtime.model import Timeline
from rirtime.stats import PAIR_ACTORS, stats

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
    # "by Sep 2015" counts under 2015, where it is placed
    assert years == [str(y) for y in range(1995, 2018)]
    assert dict(numbers.per_year)["2015"] == 4


def test_bad_filters_are_usage_errors(runner: CliRunner) -> None:
    for command in ("actors", "tags", "sources", "stats"):
        result = runner.invoke(app, [command, "-f", SHOW, "-a", "nobody"])
        assert result.exit_code == 2
        assert "unknown actor" in result.stderr


FIRST_LAST = """\
title: First and last
sources:
  a: {citation: A source}
actors:
  usa: {name: United States, kind: state}
  army: {name: Syrian Army, kind: military}
events:
  - {id: gore, date: "1995", title: An agreement, actors: [usa], tags: [arms], sources: [a]}
  - {id: wide, date: "2012/2014", title: A long stretch, actors: [army], sources: [a]}
  - id: by-strike
    date: "/2017-04-14"
    title: A strike by then
    actors: [usa, army]
    tags: [arms]
    sources: [a]
  - {id: early, date: "2013-05", title: A month inside the stretch, actors: [army], sources: [a]}
"""


def test_first_and_last_are_the_earliest_and_latest_known(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(FIRST_LAST, encoding="utf-8")
    actors = json.loads(_run(runner, "actors", "-f", str(path), "--format", "json"))
    by_id = {r["id"]: (r["first"], r["last"]) for r in actors}
    # "by 14 Apr 2017" is not usa's first event: 1995 is; it is the last
    assert by_id["usa"] == ("1995", "/2017-04-14")
    # the 2012-2014 stretch starts first and the strike ends last, though the month of 2013
    # comes after the stretch in order
    assert by_id["army"] == ("2012/2014", "/2017-04-14")
    tags = json.loads(_run(runner, "tags", "-f", str(path), "--format", "json"))
    assert [(t["first"], t["last"]) for t in tags] == [("1995", "/2017-04-14")]


# -- bounded work on one event naming thousands of actors ---------------------------------------


def _wide(n: int, ids: Callable[[int], str] = lambda i: f"a{i:05d}") -> Timeline:
    """One event naming n actors: n * (n - 1) / 2 pairs, were every pair counted."""
    actors = {ids(i): actor(ids(i), None) for i in range(n)}
    return timeline(actors, (event(0, tuple(actors)), event(1, tuple(actors)[:3])))


def test_one_wide_event_costs_its_actors_not_their_pairs() -> None:
    def steps(n: int) -> int:
        t = _wide(n, Counted)
        Counted.steps = 0
        numbers = stats(t, list(t.events))
        assert len(numbers.pairs) == PAIR_ACTORS * (PAIR_ACTORS - 1) // 2
        return Counted.steps

    # linear: ten times the actors, at most eleven times the steps (every pair of 2,000 actors
    # would be 2 million pairs, hashed twice each: a hundred times those of 200)
    assert steps(2000) <= 11 * steps(200)
    assert steps(2000) <= 20 * 2000


def test_the_pairs_of_the_busiest_are_exact_and_say_how_many_actors() -> None:
    t = _wide(300)
    numbers = stats(t, list(t.events), top=5)
    assert numbers.pair_actors == PAIR_ACTORS
    assert numbers.record()["pairs_among"] == PAIR_ACTORS
    assert numbers.matrix_actors == ["a00000", "a00001", "a00002", "a00003", "a00004"]
    busiest = {a for a, _ in numbers.actors[:PAIR_ACTORS]}
    every = Counter(p for e in t.events for p in combinations(sorted(e.actors), 2))
    assert {(a, b): n for a, b, n in numbers.pairs} == {
        p: n for p, n in every.items() if set(p) <= busiest
    }
    assert numbers.shared("a00001", "a00000") == 2
    assert numbers.shared("a00000", "a00299") == 0  # not among the busiest: not counted


def test_stats_of_5000_actors_on_one_event_in_bounded_memory(tmp_path: Path) -> None:
    lines = ["title: Wide", "sources:", "  s: {citation: S}", "actors:"]
    lines += [f"  a{i:05d}: {{name: A {i}, kind: state}}" for i in range(5000)]
    ids = ", ".join(f"a{i:05d}" for i in range(5000))
    lines += ["events:", f"  - {{id: e1, date: '2015', title: E, sources: [s], actors: [{ids}]}}"]
    (tmp_path / "wide.yaml").write_text("\n".join(lines) + "\n")

    def limit() -> None:  # every pair of 5,000 actors is 12.5 million: gigabytes
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "stats", "-f", "wide.yaml", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        preexec_fn=limit,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert len(data["pairs"]) == PAIR_ACTORS * (PAIR_ACTORS - 1) // 2
    assert data["pairs_among"] == PAIR_ACTORS
    assert len(data["actors"]) == 5000


def test_actor_counts_go_up_the_tree_not_each_event_up_its_chain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A chain of 6,000 part_of actors under 2,000 events took 20 s of `actors` (attacker pass):
    each event walked the whole chain. Counted up the tree, each actor takes over its largest
    part's events; no event walks a chain."""
    from rirtime import graph
    from rirtime.stats import actor_rows

    lines = ["title: T", "sources: {s: {citation: C}}", "actors:", "  a0: {name: A, kind: state}"]
    lines += [f"  a{i}: {{name: A, kind: state, part_of: a{i - 1}}}" for i in range(1, 300)]
    lines += ["  other: {name: O, kind: state}", "events:"]
    lines += [
        f"  - {{id: e{j}, date: '{2000 + j % 17}', title: E, actors: [a299, other], sources: [s]}}"
        for j in range(100)
    ]
    lines.append("  - {id: top, date: '1990', title: T, actors: [a0], sources: [s]}")
    from rirtime.load import load_text

    t = load_text("\n".join(lines).encode(), "t.yaml").timeline
    assert t is not None

    def walked(*_: object) -> set[str]:
        raise AssertionError("an event walked its chain")

    monkeypatch.setattr(graph.ActorGraph, "reached", walked)
    rows = {r.id: r for r in actor_rows(t, list(t.events), only_used=True)}
    assert rows["a0"].events == 101  # every event reaches the top
    assert rows["a0"].first is not None
    assert rows["a0"].first.text == "1990"
    assert rows["a150"].events == 100
    assert rows["a299"].last is not None
    assert rows["a299"].last.text == "2016"
    assert rows["other"].events == 100
