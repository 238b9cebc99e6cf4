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
    from collections.abc import Iterator

    from rich.console import RenderableType

    from rirtime.query import Filter
    from rirtime.stats import Stats

RowsFormatOption = Annotated[
    Format | None,
    format_option(
        Output.ROWS, text="the default on a terminal", plain="tab-separated, the default in a pipe"
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=0,
        metavar="N",
        help="At most N of them, as listed.",
        show_default=False,
    ),
]


@with_filters()
def actors(
    wanted: "Filter",
    file: FileOption = None,
    limit: LimitOption = None,
    fmt: RowsFormatOption = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """List the actors: id, name, kind, part of, events, first and last date.

    An actor's events include those of the actors that are part of it, as --actor counts them
    (stats counts only the events naming each). With filters, only the actors of the matching
    events are listed.
    """
    from rirtime.formats.content import Rows
    from rirtime.selection import select
    from rirtime.stats import actor_rows

    with handle_errors(color):
        chosen = output.choose(fmt, tty="text", pipe="plain")
        selected = select(file, wanted, no_cache=no_cache)
        every = actor_rows(selected.timeline, selected.events, only_used=selected.filtered)
        found = every[:limit]

        def view() -> "RenderableType":
            from rirtime.present.colors import palette_of
            from rirtime.render.tables import actors_table

            return actors_table(found, palette_of(selected.timeline), len(every))

        columns = ("id", "name", "kind", "part_of", "events", "first", "last")
        output.rows(chosen, Rows(columns, (r.record() for r in found), view), color)


@with_filters()
def tags(
    wanted: "Filter",
    file: FileOption = None,
    limit: LimitOption = None,
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
        every = tag_rows(select(file, wanted, no_cache=no_cache).events)
        found = every[:limit]

        def view() -> "RenderableType":
            from rirtime.render.tables import tags_table

            return tags_table(found, len(every))

        columns = ("tag", "events", "first", "last")
        output.rows(chosen, Rows(columns, (r.record() for r in found), view), color)


@with_filters()
def sources(
    wanted: "Filter",
    file: FileOption = None,
    limit: LimitOption = None,
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
        every = source_rows(selected.timeline, selected.events, only_used=selected.filtered)
        found = every[:limit]

        def view() -> "RenderableType":
            from rirtime.render.tables import sources_table

            return sources_table(found, len(every))

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
        format_option(
            Output.DATA,
            Output.ROWS,
            text="charts; the default",
            plain="the same numbers, a row a line",
            json="the same numbers",
            csv="a row a number: section, name, with, events",
        ),
    ] = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """Events per year as a bar chart, the busiest actors, and who appears with whom.

    An actor's count here is of the events naming it; `rirtime actors` adds those of its parts.
    """
    from rirtime.formats.content import Data, Rows
    from rirtime.selection import select
    from rirtime.stats import stats as count

    with handle_errors(color):
        selected = select(file, wanted, no_cache=no_cache)
        numbers = count(selected.timeline, selected.events, top)

        def view() -> "RenderableType":
            from rirtime.present.colors import palette_of
            from rirtime.render.tables import stats_view

            return stats_view(numbers, palette_of(selected.timeline))

        chosen = fmt or FORMATS["text"]
        if chosen.writes(Output.DATA):
            output.data(chosen, Data(numbers.record(), view), color)
        else:
            output.rows(chosen, Rows(_STATS_COLUMNS, _stats_records(numbers)), color)


_STATS_COLUMNS = ("section", "name", "with", "events")


def _stats_records(numbers: "Stats") -> "Iterator[dict[str, object]]":
    """stats' numbers as rows, for a spreadsheet: the counts of events, then one row a year,
    an actor, a pair of actors."""
    yield {"section": "events", "name": "matched", "with": None, "events": numbers.events}
    yield {"section": "events", "name": "total", "with": None, "events": numbers.total}
    for year, n in numbers.per_year:
        yield {"section": "year", "name": year, "with": None, "events": n}
    for actor_id, n in numbers.actors:
        yield {"section": "actor", "name": actor_id, "with": None, "events": n}
    for a, b, n in numbers.pairs:
        yield {"section": "pair", "name": a, "with": b, "events": n}
