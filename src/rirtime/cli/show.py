"""`rirtime show`: the chronology, filtered; a readable timeline on a terminal, data in a pipe."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import sys
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
from rirtime.formats import Format, Output

if TYPE_CHECKING:
    from rirtime.query import Filter


@with_filters(ordering=True)
def show(
    wanted: "Filter",
    file: FileOption = None,
    long: Annotated[
        bool, typer.Option("--long", "-l", help="Add each event's summary and sources.")
    ] = False,
    fmt: Annotated[
        Format | None,
        format_option(
            Output.EVENTS,
            text="the default on a terminal",
            plain="tab-separated, the default in a pipe",
        ),
    ] = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """Show the chronology, filtered: a readable timeline on a terminal, data in a pipe.

    Filters of one kind match any of their values; different filters must all hold.
    """
    from rirtime.selection import select

    with handle_errors(color):
        chosen = output.choose(fmt, tty="text", pipe="plain")
        selected = select(file, wanted, no_cache=no_cache)
        output.events(chosen, selected.document(long=long), color)
        if not chosen.terminal and not selected.events and output.isatty(sys.stdout):
            sys.stderr.write("rirtime: no events match\n")
