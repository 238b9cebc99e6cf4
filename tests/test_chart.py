"""`rirtime chart`: golden charts at 40, 80 and 120 columns, every line within the width at
every width, the fallback below 40 columns, colour only where asked, and linear work."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import counting
import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from conftest import assert_golden, load_valid
from rirtime.cli import app
from rirtime.dates import parse
from rirtime.errors import Loc
from rirtime.files import default_path
from rirtime.model import Period, Places, Timeline
from rirtime.query import Filter, apply
from rirtime.render.chart import KEY_PERIODS, MAX_ROWS, ChartView, chart_lines

FIXTURE = """\
title: A chart's fixture
sources:
  a: {citation: "A. Author, An article, 2017"}
actors:
  russia: {name: Russia, kind: state}
  iran: {name: Iran, kind: state}
  irgc: {name: Islamic Revolutionary Guard Corps, kind: military, part_of: iran}
  syrian-government: {name: Government of Syria, kind: government}
  pro-iranian-paramilitaries: {name: Pro-Iranian paramilitaries, kind: group}
events:
  - id: agreement
    date: 1995
    title: An arms agreement
    actors: [russia, iran]
    tags: [arms]
    sources: [a]
  - id: cooling
    date: "2005~/2009~"
    title: Relations cool, about 2005 to about 2009
    actors: [russia, iran]
    tags: [diplomacy]
    sources: [a]
  - id: war
    date: "2011-03/.."
    title: The war in Syria begins
    actors: [syrian-government]
    tags: [syrian-war]
    sources: [a]
  - id: advisers
    date: "2013/2015"
    title: Iranian advisers in Syria
    actors: [irgc, pro-iranian-paramilitaries]
    tags: [military, syrian-war]
    sources: [a]
  - id: by-2015
    date: "/2015-09"
    title: Tehran comes to see the fight for Assad as its own
    actors: [iran, syrian-government]
    tags: [doctrine]
    sources: [a]
  - id: campaign
    date: "2015-09-30"
    title: Russia's campaign in Syria
    actors: [russia, syrian-government]
    tags: [military, syrian-war]
    sources: [a]
  - id: visit
    date: "2015-10~"
    title: A visit to Moscow, about October
    actors: [iran, russia]
    tags: [diplomacy]
    sources: [a]
  - id: strike
    date: 2017-04-14
    title: A strike
    actors: [syrian-government]
    tags: [military]
    sources: [a]
"""
WIDTHS = (40, 80, 120)
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def fixture_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("chart") / "chart.yaml"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


def _with_periods(timeline: Timeline) -> Timeline:
    here = Places(entry=Loc("chart.yaml", 1, 1))
    periods = (
        Period("syrian-war", "Syrian civil war", parse("2011-03/.."), None, (), here),
        Period("presidency", "A presidency", parse("1997-08/2005-08"), None, (), here),
    )
    return dataclasses.replace(timeline, periods=periods)


def _draw(timeline: Timeline, width: int, **options: object) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, height=30, color_system=None, force_terminal=False)
    view = ChartView(timeline, apply(timeline, Filter()), by="actor", top=None)
    for name, value in options.items():
        setattr(view, name, value)
    console.print(view)
    return out.getvalue()


def _fits(text: str, width: int) -> None:
    for line in text.splitlines():
        assert cell_len(line) <= width, (width, line)
        assert line == line.rstrip(), (width, line)


def _chart(path: Path | None, width: int, *args: str, lines: int = 40) -> str:
    file = ["-f", str(path)] if path is not None else []
    result = CliRunner().invoke(
        app, ["chart", *file, *args], env={"COLUMNS": str(width), "LINES": str(lines)}
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_golden_charts_at_each_width(fixture_path: Path, width: int) -> None:
    text = _draw(_with_periods(load_valid(fixture_path)), width)
    _fits(text, width)
    assert_golden(f"chart/width-{width}.txt", text)


@pytest.mark.parametrize("width", WIDTHS)
def test_golden_charts_by_tag_from_the_command_line(fixture_path: Path, width: int) -> None:
    text = _chart(fixture_path, width, "--by", "tag")
    _fits(text, width)
    assert "\x1b" not in text  # a pipe: no colour
    assert_golden(f"chart/tags-{width}.txt", text)


def test_the_glyphs_say_what_is_approximate_without_colour(fixture_path: Path) -> None:
    lines = _draw(load_valid(fixture_path), 80).splitlines()
    rows = {line.split()[0]: line for line in lines if "\u2502" in line}
    assert "\u2504" in rows["russia"]  # c. 2005 - c. 2009: a light bar
    assert "\u2501" in rows["irgc"]  # 2013-2015: a bar
    assert "\u25cf" in rows["russia"]  # 1995: a mark
    assert "\u25cb" in rows["iran"]  # by Sep 2015: light
    assert "\u2591" not in "".join(lines)  # no periods, no shade


def test_periods_shade_the_columns_they_cover(fixture_path: Path) -> None:
    lines = _draw(_with_periods(load_valid(fixture_path)), 80).splitlines()
    row = next(line for line in lines if line.startswith("irgc"))
    bar = row.index("\u2502")
    # the war runs from March 2011 to the chart's right edge; nothing of irgc's before 2013
    assert "\u2591" in row[bar:]
    assert row.rstrip().endswith("\u2591")
    assert any("Syrian civil war" in line for line in lines)


def test_a_row_counts_the_events_naming_its_actor_not_its_parts(fixture_path: Path) -> None:
    lines = _draw(load_valid(fixture_path), 80).splitlines()
    counts = {line.split()[0]: int(line.split()[1]) for line in lines if "\u2502" in line}
    assert counts["iran"] == 4  # not 5: irgc's advisers are in irgc's row
    assert counts["irgc"] == 1


def test_every_line_fits_the_bundled_chart_at_every_width() -> None:
    timeline = load_valid(default_path())
    for width in [*range(40, 61), *range(64, 161, 8)]:
        text = _draw(timeline, width)
        _fits(text, width)
        assert "events;" in text


def test_the_default_rows_fit_the_terminal_height() -> None:
    for lines in (12, 20, 30):
        for width in (40, 80):
            text = _chart(None, width, lines=lines)
            assert len(text.splitlines()) < lines, (lines, width)
    # three rows, the axis and its labels, the key, a line a period, the count
    periods = len(load_valid(default_path()).periods)
    assert len(_chart(None, 80, "--top", "3").splitlines()) == 3 + 4 + periods
    assert "35 more with --top" in _chart(None, 80, "--top", "3")


@pytest.mark.parametrize("width", [20, 30, 39])
def test_narrower_than_40_columns_it_says_so(width: int) -> None:
    text = _chart(None, width)
    _fits(text, width)
    assert " ".join(text.split()).startswith("The chart needs at least 40 columns")


def test_an_empty_result_says_so(fixture_path: Path) -> None:
    assert _chart(fixture_path, 80, "--to", "1990") == "No events match.\n"


def test_events_without_tags_say_there_is_no_row(fixture_path: Path) -> None:
    timeline = load_valid(fixture_path)
    untagged = tuple(dataclasses.replace(e, tags=()) for e in timeline.events)
    lines = list(chart_lines(timeline, untagged, width=40, height=20, by="tag"))
    said = " ".join(line.plain for line in lines)
    assert said == "None of the 8 events has a tag: there is no row to draw."


def test_the_axis_keeps_to_the_window_asked_for(fixture_path: Path) -> None:
    """`--from 2013` starts the axis in 2013, though the war ran on into it from 2011."""
    lines = _chart(fixture_path, 80, "--from", "2013").splitlines()
    years = next(line for line in lines if re.fullmatch(r"[ 0-9]+", line))
    assert years.split()[0] == "2013"
    assert "2011" not in years
    lines = _chart(fixture_path, 80, "--to", "2005").splitlines()
    years = next(line for line in lines if re.fullmatch(r"[ 0-9]+", line))
    assert years.split()[-1] in ("2004", "2005")
    assert "1995" in years


def test_a_hostile_period_title_is_shown_harmlessly(fixture_path: Path) -> None:
    here = Places(entry=Loc("chart.yaml", 1, 1))
    bad = Period("bad", "War\x1b[2J\u202e\u200bend", parse("2011"), None, (), here)
    text = _draw(dataclasses.replace(load_valid(fixture_path), periods=(bad,)), 80)
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert "War\u241b[2J<U+202E><U+200B>end" in text


def test_colour_only_when_asked(fixture_path: Path) -> None:
    coloured = _chart(fixture_path, 80, "--color", "always")
    assert "\x1b[" in coloured
    assert SGR.sub("", coloured) == _chart(fixture_path, 80)
    assert "\x1b" not in _chart(fixture_path, 80, "--color", "never")


def test_ten_thousand_events_take_linear_work() -> None:
    """Each event touches its rows once, each row is drawn once: the steps made with actor ids
    grow with the events, never events times cells."""

    def steps(n: int) -> int:
        actors = [counting.Counted(f"a{i}") for i in range(20)]
        events = tuple(
            counting.event(
                i,
                (actors[i % 20], actors[(i * 7) % 20]),
                date=f"{1990 + i % 30}-{1 + i % 12:02d}" + ("/2020" if i % 5 == 0 else ""),
            )
            for i in range(n)
        )
        registry = {a: counting.actor(a, None) for a in actors}
        timeline = counting.timeline(registry, events)
        counting.Counted.steps = 0
        lines = list(chart_lines(timeline, events, width=120, height=40))
        assert all(cell_len(line.plain) <= 120 for line in lines)
        return counting.Counted.steps

    small, large = steps(5_000), steps(10_000)
    assert large <= 2.5 * small, (small, large)
    assert large < 40 * 10_000


def test_a_huge_top_draws_at_most_max_rows_and_says_how_many_more() -> None:
    """`--top 10000` over 10,000 actors of one event each at 1,000 columns took 25 s and 400 MB:
    a chart draws at most MAX_ROWS rows (more than a terminal shows) and says the rest; the
    steps made with actor ids grow with the events, not events times rows."""

    def lines_and_steps(n: int) -> tuple[list[str], int]:
        actors = [counting.Counted(f"a{i}") for i in range(n)]
        events = tuple(
            counting.event(i, (actors[i],), date=f"{1900 + i % 120}-{1 + i % 12:02d}")
            for i in range(n)
        )
        timeline = counting.timeline({a: counting.actor(a, None) for a in actors}, events)
        counting.Counted.steps = 0
        lines = [line.plain for line in chart_lines(timeline, events, width=1000, height=50, top=n)]
        return lines, counting.Counted.steps

    lines, small = lines_and_steps(5_000)
    assert len(lines) <= MAX_ROWS + 10
    assert sum(len(line) for line in lines) <= (MAX_ROWS + 10) * 1000
    assert f"at most {MAX_ROWS} rows: {5_000 - MAX_ROWS} more" in " ".join(lines[-3:])
    _, large = lines_and_steps(10_000)
    assert large <= 2.5 * small, (small, large)


def test_the_key_names_a_few_periods_and_counts_the_rest() -> None:
    """10,000 periods made a key of 10,000 lines: it names KEY_PERIODS, then says the rest."""
    events = (counting.event(0, ("a",), date="2000"),)
    base = counting.timeline({"a": counting.actor("a", None)}, events)
    periods = tuple(
        Period(f"p{i}", f"P{i}", parse("1990/2010"), None, (), counting.HERE) for i in range(300)
    )
    timeline = dataclasses.replace(base, periods=periods)
    lines = [line.plain for line in chart_lines(timeline, events, width=80, height=200)]
    named = [line for line in lines if line.startswith("\u2591 1990")]
    assert len(named) == KEY_PERIODS
    assert f"\u2591 and {300 - KEY_PERIODS} more periods" in lines


def test_the_readme_shows_the_bundled_chart_at_80_columns() -> None:
    """The README's picture of `rirtime chart --top 8` is what it draws now, at 80 columns."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\n$ rirtime chart --top 8\n") + len(
        "```text\n$ rirtime chart --top 8\n"
    )
    shown = readme[start : readme.index("```", start)]
    assert shown == _chart(None, 80, "--top", "8"), "paste: COLUMNS=80 rirtime chart --top 8"
