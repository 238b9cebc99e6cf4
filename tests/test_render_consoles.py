"""Actor colours do not depend on which console drew them first.

rich keeps a Style's escape codes on the Style the first time it is drawn, for that console's
colour system, and shares Style instances process-wide: an actor colour drawn first on a
16-colour console used to stay 16-colour on every truecolor console after it (so running
test_show_cli.py before test_render.py broke the colour golden files). Each test here draws on
consoles of different colour systems in both orders, within the test, so it holds in any order.
"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from conftest import DATA, GOLDEN, load_valid
from rirtime.cli import app
from rirtime.present.colors import palette
from rirtime.query import Filter, apply
from rirtime.render.tables import actors_table, stats_view
from rirtime.render.timeline import render_timeline
from rirtime.stats import actor_rows, stats

SHOW = load_valid(str(DATA / "valid_show.yaml"))
EVENTS = apply(SHOW, Filter())
SYSTEMS = ("standard", "256", "truecolor")
TRUECOLOR_FG = re.compile(r"\x1b\[(?:[0-9;]*;)?38;2;\d+;\d+;\d+m")
EIGHT_BIT_FG = re.compile(r"\x1b\[(?:[0-9;]*;)?38;5;\d+m")


def _draw(renderable: object, system: str) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=80,
        color_system=system,  # type: ignore[arg-type]
        force_terminal=True,
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(renderable)
    return out.getvalue()


def _views() -> dict[str, object]:
    colours = palette(SHOW.actors)
    return {
        "timeline": render_timeline(SHOW, EVENTS, len(SHOW.events)),
        "actors": actors_table(actor_rows(SHOW, EVENTS, only_used=False), colours),
        "stats": stats_view(stats(SHOW, EVENTS, 8), colours),
    }


def _check_system(text: str, system: str) -> None:
    if system == "truecolor":
        assert TRUECOLOR_FG.search(text)
        assert not EIGHT_BIT_FG.search(text)
    elif system == "256":
        assert EIGHT_BIT_FG.search(text)
        assert not TRUECOLOR_FG.search(text)
    else:
        assert not TRUECOLOR_FG.search(text)
        assert not EIGHT_BIT_FG.search(text)
        assert re.search(r"\x1b\[3[0-7]m", text)


@pytest.mark.parametrize("view", ["timeline", "actors", "stats"])
@pytest.mark.parametrize("order", [SYSTEMS, SYSTEMS[::-1]], ids=["lowest-first", "highest-first"])
def test_each_console_gets_its_own_colour_codes(view: str, order: tuple[str, ...]) -> None:
    first = {system: _draw(_views()[view], system) for system in order}
    for system in order:
        _check_system(first[system], system)
        # drawn again after the others: the very same bytes
        assert _draw(_views()[view], system) == first[system]


def test_truecolor_golden_after_a_16_colour_console() -> None:
    _draw(render_timeline(SHOW, EVENTS, len(SHOW.events)), "standard")
    expected = (GOLDEN / "show" / "text-short-color.txt").read_bytes().decode("utf-8")
    assert _draw(render_timeline(SHOW, EVENTS, len(SHOW.events)), "truecolor") == expected


def test_the_command_line_then_a_truecolor_terminal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The original failure: `show --color always` on a 16-colour terminal (TERM=xterm), then a
    truecolor one (COLORTERM=truecolor), in one process."""
    args = ["show", "-f", str(DATA / "valid_show.yaml"), "--format", "text", "--color", "always"]
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    standard = runner.invoke(app, args)
    assert standard.exit_code == 0
    _check_system(standard.stdout, "standard")
    monkeypatch.setenv("COLORTERM", "truecolor")
    truecolor = runner.invoke(app, args)
    assert truecolor.exit_code == 0
    _check_system(truecolor.stdout, "truecolor")
    monkeypatch.delenv("COLORTERM")
    assert runner.invoke(app, args).stdout == standard.stdout
