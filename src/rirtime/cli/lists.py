"""`rirtime actors`, `tags`, `sources` and `stats`: what the (matching) events hold, counted."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

from typing import TYPE_CHECKING, Annotated

import typer

from rirtime.cli import output
from rirtime.cli.errors import handle_errors
from rirtime.cli.options import (
    ColorOption,
    FileOption,
    NoCacheOption,
    format_option,
    with_filters,
)
from rirtime.cli.output import ColorMode
from rirtime.formats import FORMATS, Format, Output

if TYPE_CHECKING:
    from rich.console import RenderableType

    from rirtime.query import Filter

RowsFormatOption = Annotated[
    Format | None,
    format_option(
        Output.ROWS, text="the default on a terminal", plain="tab-separated, the default in a pipe"
    ),
]


@with_filters()
def actors(
    wanted: "Filter",
    file: FileOption = None,
    fmt: RowsFormatOption = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """List the actors: id, name, kind, part of, events, first and last date.

    An actor's events include those of the actors that are part of it, as --actor counts them.
    With filters, only the actors of the matching events are listed.
    """
    from rirtime.formats.content import Rows
    from rirtime.selection import select
    from rirtime.stats import actor_rows

    with handle_errors(color):
        chosen = output.choose(fmt, tty="text", pipe="plain")
        selected = select(file, wanted, no_cache=no_cache)
        found = actor_rows(selected.timeline, selected.events, only_used=selected.filtered)

        def view() -> "RenderableType":
            from rirtime.present.colors import palette_of
            from rirtime.render.tables import actors_table

            return actors_table(found, palette_of(selected.timeline))

        columns = ("id", "name", "kind", "part_of", "events", "first", "last")
        output.rows(chosen, Rows(columns, (r.record() for r in found), view), color)


@with_filters()
def tags(
    wanted: "Filter",
    file: FileOption = None,
    fmt: RowsFormatOption = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """List the tags of the (matching) events, most used first, with first and last date."""
    from rirtime.formats.content import Rows
    from rirtime.selection import select
    from rirtime.stats import tag_rows

    with handle_errors(color):
        chosen = output.choose(fmt, tty="text", pipe="plain")
        found = tag_rows(select(file, wanted, no_cache=no_cache).events)

        def view() -> "RenderableType":
            from rirtime.render.tables import tags_table

            return tags_table(found)

        columns = ("tag", "events", "first", "last")
        output.rows(chosen, Rows(columns, (r.record() for r in found), view), color)


@with_filters()
def sources(
    wanted: "Filter",
    file: FileOption = None,
    fmt: RowsFormatOption = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """List the sources: citation, link, and the events that cite each; unused ones marked.

    With filters, only the sources the matching events cite are listed.
    """
    from rirtime.formats.content import Rows
    from rirtime.selection import select
    from rirtime.stats import source_rows

    with handle_errors(color):
        chosen = output.choose(fmt, tty="text", pipe="plain")
        selected = select(file, wanted, no_cache=no_cache)
        found = source_rows(selected.timeline, selected.events, only_used=selected.filtered)

        def view() -> "RenderableType":
            from rirtime.render.tables import sources_table

            return sources_table(found)

        columns = ("id", "citation", "url", "events", "used")
        output.rows(chosen, Rows(columns, (r.record() for r in found), view), color)


@with_filters()
def stats(
    wanted: "Filter",
    file: FileOption = None,
    top: Annotated[
        int, typer.Option("--top", min=2, max=30, help="How many actors the matrix shows.")
    ] = 8,
    fmt: Annotated[
        Format | None,
        format_option(Output.DATA, text="charts; the default", json="the same numbers"),
    ] = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """Events per year as a bar chart, the busiest actors, and who appears with whom."""
    from rirtime.formats.content import Data
    from rirtime.selection import select
    from rirtime.stats import stats as count

    with handle_errors(color):
        selected = select(file, wanted, no_cache=no_cache)
        numbers = count(selected.timeline, selected.events, top)

        def view() -> "RenderableType":
            from rirtime.present.colors import palette_of
            from rirtime.render.tables import stats_view

            return stats_view(numbers, palette_of(selected.timeline))

        output.data(fmt or FORMATS["text"], Data(numbers.record(), view), color)
