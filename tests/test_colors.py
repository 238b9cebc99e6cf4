"""Actor colours stay apart where people see them: in truecolor, after rich brings them down to
256 and to 16 colours, and as the HTML export's chips; never the date's green, always readable."""

from __future__ import annotations

import math
import re
from itertools import combinations

import pytest
from rich.color import Color, ColorSystem

from conftest import load_valid
from rirtime.files import default_path
from rirtime.model import Timeline
from rirtime.present.colors import DISTINCT, actor_color, contrast, palette, palette_of

BUNDLED = load_valid(default_path())
# The 16 colours an actor must never come down to: black, white and the greys, which read as
# no colour, and the greens, which read as the date (the text view draws dates in ANSI green).
GREEN_16 = {2, 10}
GREY_16 = {0, 7, 8, 15}


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _oklab(colour: str) -> tuple[float, float, float]:
    """OKLab (Björn Ottosson, 2020): distances in it follow how far apart colours look."""

    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    lms = (
        0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b,
        0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b,
        0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b,
    )
    l_, m_, s_ = (x ** (1 / 3) for x in lms)
    return (
        0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
        1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
        0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_,
    )


def _apart(a: str, b: str) -> float:
    return math.dist(_oklab(a), _oklab(b))


def _code(colour: str, system: ColorSystem) -> int:
    """The colour number rich writes for `colour` on a console of `system` (render/styles.py
    brings colours down the same way)."""
    number = Color.parse(colour).downgrade(system).number
    assert number is not None
    return number


def _as_256(colour: str) -> str:
    """The colour a 256-colour terminal shows for `colour`."""
    triplet = Color.parse(colour).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return "#{:02x}{:02x}{:02x}".format(*triplet)


def _hue(colour: str) -> float:
    import colorsys

    h, _, _ = colorsys.rgb_to_hls(*(c / 255 for c in _rgb(colour)))
    return h * 360


def _busiest(timeline: Timeline, n: int) -> list[str]:
    from collections import Counter

    counts = Counter(a for e in timeline.events for a in set(e.actors))
    return sorted(counts, key=lambda a: (-counts[a], a))[:n]


def test_the_distinct_colours_are_apart_in_every_colour_system() -> None:
    colours = [palette([f"a{i:02d}" for i in range(len(DISTINCT))])[f"a{i:02d}"] for i in range(12)]
    assert len(colours) == 12
    for a, b in combinations(colours, 2):
        assert _apart(a, b) >= 0.07, (a, b)  # truecolor
        assert _code(a, ColorSystem.EIGHT_BIT) != _code(b, ColorSystem.EIGHT_BIT), (a, b)
        assert _apart(_as_256(a), _as_256(b)) >= 0.06, (a, b)  # 256 colours
    standard = [_code(c, ColorSystem.STANDARD) for c in colours[:7]]
    assert len(set(standard)) == 7, standard  # 16 colours: the first seven each their own
    # The first four (the busiest actors) are far apart, not shades of one colour.
    for a, b in combinations(colours[:4], 2):
        assert _apart(a, b) >= 0.2, (a, b)


def test_the_busiest_actors_of_the_chronology_are_told_apart() -> None:
    colours = palette_of(BUNDLED)
    busiest = _busiest(BUNDLED, 12)
    assert busiest[:4] == ["russia", "iran", "syrian-government", "usa"]
    shown = [colours[a] for a in busiest]
    assert len({_code(c, ColorSystem.EIGHT_BIT) for c in shown}) == 12
    assert len({_code(c, ColorSystem.STANDARD) for c in shown[:7]}) == 7
    # What issue 13 saw: russia, usa, israel and western-powers all 38;5;64 in 256 colours.
    four = [colours[a] for a in ("russia", "usa", "israel", "western-powers")]
    assert len({_code(c, ColorSystem.EIGHT_BIT) for c in four}) == 4
    assert len({_code(c, ColorSystem.STANDARD) for c in four}) == 4
    # Russia and the USA matter most in this chronology: far apart in every system.
    russia, usa = colours["russia"], colours["usa"]
    assert _apart(russia, usa) >= 0.25
    assert _apart(_as_256(russia), _as_256(usa)) >= 0.25
    assert _code(russia, ColorSystem.STANDARD) != _code(usa, ColorSystem.STANDARD)


REGISTRIES = {
    "bundled": list(BUNDLED.actors),
    "many": [f"actor-{i}" for i in range(300)],
    "words": ["russia", "usa", "israel", "western-powers", "iran", "eu", "un", "x", "ab"],
}


@pytest.mark.parametrize("registry", list(REGISTRIES), ids=list(REGISTRIES))
def test_no_actor_is_green_grey_or_unreadable(registry: str) -> None:
    ids = REGISTRIES[registry]
    counts = {a: i % 7 for i, a in enumerate(ids)}
    colours = palette(ids, counts)
    assert colours == palette(ids[::-1], counts)  # the order of the file does not matter
    assert len(set(colours.values())) == len(colours)  # no two alike
    for actor_id, colour in colours.items():
        assert re.fullmatch(r"#[0-9a-f]{6}", colour)
        assert contrast(colour, "#000000") >= 4.4, actor_id  # on a dark terminal
        assert contrast(colour, "#ffffff") >= 4.4, actor_id  # and on a light one
        standard = _code(colour, ColorSystem.STANDARD)
        assert standard not in GREEN_16 | GREY_16, (actor_id, colour, standard)
        assert not 45 <= _hue(colour) < 170, (actor_id, colour)  # truecolor: no green
        assert not 75 <= _hue(_as_256(colour)) < 165, (actor_id, colour)  # nor in 256
    for actor_id in ids:
        assert _code(actor_color(actor_id), ColorSystem.STANDARD) not in GREEN_16 | GREY_16


def test_the_palette_depends_on_the_counts_not_on_the_order() -> None:
    ids = ["a", "b", "c"]
    assert palette(ids, {"c": 3, "a": 1}) == palette(ids[::-1], {"a": 1, "c": 3})
    busiest_first = palette(ids, {"c": 3})
    assert busiest_first["c"] == palette(["z"])["z"]  # the first colour of DISTINCT
    assert palette_of(BUNDLED) is palette_of(BUNDLED)  # asked once per view, made once


def _chips(html: str) -> list[tuple[str, str, str]]:
    """(actor id, background, text colour) of every actor chip of an HTML export."""
    pattern = (
        r'<span class="actor" style="background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})"'
        r' title="([^"]+)"'
    )
    return [(actor, bg, ink) for bg, ink, actor in re.findall(pattern, html)]


def test_html_chips_are_distinct_and_readable() -> None:
    from rirtime.formats.content import Document
    from rirtime.formats.html import to_html
    from rirtime.query import Filter, apply

    html = to_html(Document(BUNDLED, apply(BUNDLED, Filter()), "timeline.yaml"))
    chips = _chips(html)
    assert len(chips) > 100
    background = {}
    for actor, bg, ink in chips:
        assert contrast(bg, ink) >= 4.5, (actor, bg, ink)  # WCAG AA for the chip's text
        assert background.setdefault(actor, bg) == bg  # one colour an actor, on every chip
    busiest = [background[a] for a in _busiest(BUNDLED, 8)]
    for a, b in combinations(busiest, 2):
        assert _apart(a, b) >= 0.07, (a, b)
    assert background == {a: c for a, c in palette_of(BUNDLED).items() if a in background}


def test_actors_never_take_the_dates_colour_in_the_text_view() -> None:
    """On a 16-colour terminal the date is ESC[32m; no actor's name is drawn in it."""
    import io

    from rich.console import Console

    from rirtime.query import Filter, apply
    from rirtime.render.timeline import render_timeline

    out = io.StringIO()
    console = Console(file=out, width=100, color_system="standard", force_terminal=True)
    console.print(render_timeline(BUNDLED, apply(BUNDLED, Filter()), len(BUNDLED.events)))
    drawn = re.findall(r"\x1b\[([0-9;]+)m([^\x1b]+)", out.getvalue())
    actors = {code: text for code, text in drawn if text.strip() in BUNDLED.actors}
    assert actors, "no actor drawn in colour"
    assert all(code not in ("32", "92") for code in actors), actors


def test_the_palette_takes_steps_linear_in_the_actors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, never timed: placing N actors asks about a hue about N times, not N * N * 360
    (5,000 actors took minutes of `show` when each try rescanned every colour taken)."""
    from rirtime.present import colors

    asked = 0
    clear = colors._Taken.clear

    def counting(self: colors._Taken, hue: int, saturation: float, gap: int) -> bool:
        nonlocal asked
        asked += 1
        return clear(self, hue, saturation, gap)

    monkeypatch.setattr(colors._Taken, "clear", counting)

    def steps(n: int) -> int:
        nonlocal asked
        asked = 0
        colors._palette.cache_clear()
        colors.palette([f"actor-{i}" for i in range(n)])
        return asked

    small, large = steps(500), steps(5000)
    assert large <= 12 * small + 4 * 2 * 320  # plus one full round a saturation and gap
