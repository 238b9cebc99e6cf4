"""`rirtime chart`: who was active when, a row per actor (or tag) across a time axis."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

from typing import TYPE_CHECKING, Annotated

import typer

from rirtime.cli import output
from rirtime.cli.errors import handle_errors
from rirtime.cli.export import GroupBy
from rirtime.cli.options import ColorOption, FileOption, NoCacheOption, with_filters
from rirtime.cli.output import ColorMode

if TYPE_CHECKING:
    from rirtime.query import Filter


@with_filters()
def chart(
    wanted: "Filter",
    by: Annotated[
        GroupBy,
        typer.Option(
            "--by",
            help="A row per actor (the events naming it, not its parts') or per tag.",
        ),
    ] = GroupBy.ACTOR,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            min=1,
            metavar="N",
            help="The N busiest rows. Default: as many as fit the terminal's height.",
            show_default=False,
        ),
    ] = None,
    file: FileOption = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """Chart who was active when: a row per actor or tag across a time axis.

    Each event is a mark at its date and each span a bar, approximate dates lighter, periods
    shaded behind.

    Example: rirtime chart --from 2011 --by tag --top 8
    """
    from rirtime.formats import FORMATS
    from rirtime.formats.content import Data
    from rirtime.render.chart import ChartView
    from rirtime.selection import select

    with handle_errors(color):
        selected = select(file, wanted, no_cache=no_cache)
        window = selected.wanted.window
        view = ChartView(selected.timeline, selected.events, by=by.value, top=top, window=window)
        output.data(FORMATS["text"], Data(None, view=lambda: view), color)
