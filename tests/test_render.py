"""The human view and the plain lines: golden files at a fixed width, with and without colour."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from conftest import DATA, assert_golden, load_valid
from rirtime.formats.plain import plain_lines
from rirtime.present.colors import actor_color
from rirtime.present.safe import visible
from rirtime.query import Filter, apply, resolve
from rirtime.render.timeline import render_timeline

SHOW = load_valid(str(DATA / "valid_show.yaml"))
HOSTILE = load_valid(str(DATA / "valid_hostile.yaml"))


def _render(timeline: object, width: int, color: bool, long: bool = False, **kw: object) -> str:
    from rirtime.model import Timeline

    assert isinstance(timeline, Timeline)
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        highlight=False,
        markup=False,
        emoji=False,
    )
    events = apply(timeline, resolve(timeline, Filter(**kw)))  # type: ignore[arg-type]
    console.print(render_timeline(timeline, events, len(timeline.events), long))
    return out.getvalue()


@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
def test_text_view_golden(color: bool, long: bool) -> None:
    name = f"show/text-{'long' if long else 'short'}-{'color' if color else 'plain'}.txt"
    assert_golden(name, _render(SHOW, 80, color, long))


def test_text_view_filtered_golden() -> None:
    assert_golden("show/text-actor-iran.txt", _render(SHOW, 80, False, actors=("iran",)))


def test_no_line_ends_in_spaces_or_passes_the_width() -> None:
    from rich.cells import cell_len

    for width in (40, 60, 100):
        text = _render(SHOW, width, False, long=True)
        for line in text.splitlines():
            assert line == line.rstrip()
            assert cell_len(line) <= width


def test_long_titles_wrap_under_their_column() -> None:
    lines = _render(SHOW, 60, False).splitlines()
    start = next(i for i, line in enumerate(lines) if "A very long title" in line)
    column = lines[start].index("A very long title")
    assert lines[start + 1][:column].strip() == ""
    assert lines[start + 1][column] != " "


def test_text_view_counts_what_matched() -> None:
    assert _render(SHOW, 80, False, actors=("irgc",)).splitlines()[-1] == "1 of 9 events"
    assert "No events match." in _render(SHOW, 80, False, people=("nobody",))


def test_hostile_text_is_shown_literally_and_harmlessly() -> None:
    for color in (False, True):
        text = _render(HOSTILE, 100, color, long=True)
        # no markup was interpreted, no emoji code replaced
        assert "[bold]not bold[/]" in text
        assert ":smile:" in text
        assert "[link=https://evil.example]" in text
        # nothing from the file acts on the terminal: only our own SGR colour codes remain
        without_sgr = re.sub(r"\x1b\[[0-9;]*m", "", text)
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", without_sgr)
        assert "\u241b[31mred" in text
        assert "<U+202E>" in text
    assert_golden("show/text-hostile.txt", _render(HOSTILE, 100, False, long=True))


def test_plain_lines() -> None:
    lines = plain_lines(apply(SHOW, Filter())).splitlines()
    assert len(lines) == 9
    assert lines[1] == (
        "2011-10-04\tunsc-veto-2011-10-04\t"
        "Russia vetoes a UN Security Council draft resolution on Syria\t"
        "russia,un-security-council,syria"
    )
    for line in plain_lines(apply(HOSTILE, Filter())).splitlines():
        assert line.count("\t") == 3
        assert not re.search("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202e]", line)


def test_visible() -> None:
    assert visible("a\x1bb\x07c\u202ed\x9b") == "a\u241bb\u2407c<U+202E>d<U+009B>"
    assert visible("line\nnext", keep_newlines=True) == "line\nnext"
    assert visible("ایران 👩\u200d💻") == "ایران 👩\u200d💻"


def test_actor_colours_are_stable_distinct_and_readable() -> None:
    from rirtime.files import default_path
    from rirtime.present.colors import contrast, palette

    assert actor_color("iran") == actor_color("iran")
    assert re.fullmatch(r"#[0-9a-f]{6}", actor_color("russia"))
    for registry in (
        SHOW.actors,
        load_valid(str(default_path())).actors,
        [f"a{i}" for i in range(60)],
    ):
        colours = palette(registry)
        assert colours == palette(list(registry)[::-1])  # the order of the file does not matter
        assert len(set(colours.values())) == len(colours)  # no two alike
        for colour in colours.values():  # legible on a dark terminal and on a light one
            assert contrast(colour, "#000000") >= 4.4
            assert contrast(colour, "#ffffff") >= 4.4
