"""Many periods beside many events: the HTML and Markdown exports do work and write bytes
growing with events plus periods, never their product (found by an attacker: 2,000 periods
beside 2,000 events wrote 300 MB of HTML, 2,000 years of them 116 MB of Markdown). Counted,
no clock: the steps made with period ids, and the bytes written."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import counting

from rirtime.dates import parse
from rirtime.formats import html, markdown
from rirtime.formats.content import Document
from rirtime.model import Period, Timeline
from rirtime.present.periods import overlapping
from rirtime.query import Window


def _periods(n: int, date: str = "1000/9999") -> tuple[Period, ...]:
    ids = [counting.Counted(f"p{i}") for i in range(n)]
    return tuple(Period(i, f"Period {i}", parse(date), None, (), counting.HERE) for i in ids)


def _doc(events: int, periods: int, *, years: bool = False) -> Document:
    """`events` events (all in 2000, or a year each with `years`) under `periods` periods that
    cover them all."""
    actors = {"a": counting.actor("a", None)}
    shown = tuple(
        counting.event(i, ("a",), date=str(1000 + i if years else 2000)) for i in range(events)
    )
    base = counting.timeline(actors, shown)
    timeline = Timeline(base.path, base.title, None, base.sources, actors, shown, _periods(periods))
    return Document(timeline, shown, "t.yaml", {})


def _work(write: Callable[[Document], str], n: int, *, years: bool = False) -> tuple[int, int]:
    doc = _doc(n, n, years=years)
    counting.Counted.steps = 0
    out = write(doc)
    return counting.Counted.steps, len(out)


def test_html_bands_grow_with_events_plus_periods() -> None:
    (small_steps, small_size), (large_steps, large_size) = (
        _work(html.to_html, 300),
        _work(html.to_html, 600),
    )
    assert large_steps <= 2.5 * small_steps, (small_steps, large_steps)
    assert large_size <= 2.5 * small_size, (small_size, large_size)


def test_html_key_names_a_few_periods_and_counts_the_rest() -> None:
    out = html.to_html(_doc(3, 2_000))
    assert out.count('<li><span class="swatch"') == html.KEY_PERIODS
    assert f"and {2_000 - html.KEY_PERIODS:,} more periods" in out
    first_event = out[out.index('id="event-e0"') : out.index("</li>", out.index('id="event-e0"'))]
    assert first_event.count('<i class="band') <= len(html._BANDS)


def test_markdown_sections_grow_with_years_plus_periods() -> None:
    (small_steps, small_size), (large_steps, large_size) = (
        _work(markdown.to_markdown, 300, years=True),
        _work(markdown.to_markdown, 600, years=True),
    )
    assert large_steps <= 2.5 * small_steps, (small_steps, large_steps)
    assert large_size <= 2.5 * small_size, (small_size, large_size)
    out = markdown.to_markdown(_doc(3, 50, years=True))
    assert out.count("- Period: ") == 3 * markdown.SECTION_PERIODS
    assert out.count(f"- and {50 - markdown.SECTION_PERIODS} more periods under way") == 3


def test_markdown_names_the_periods_under_way_in_each_year_as_before() -> None:
    """The sweep finds, for every year, what checking each period against the year finds."""
    rng = random.Random(7)
    periods = []
    for i in range(60):
        a, b = sorted(rng.sample(range(1990, 2030), 2))
        text = rng.choice([f"{a}/{b}", f"{a}/..", f"../{b}", f"{a}", f"{a}-03/{b}-10"])
        periods.append(Period(f"p{i}", "P", parse(text), None, (), counting.HERE))
    years = range(1985, 2035)
    found = markdown._under_way(years, periods)
    for year in years:
        window = Window(date(year, 1, 1), date(year, 12, 31))
        expected = overlapping(periods, window)
        named, more = found[year]
        assert named == expected[: markdown.SECTION_PERIODS], year
        assert len(named) + more == len(expected), year
