"""`rirtime show`: the chronology, filtered; a readable timeline on a terminal, data in a pipe."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from rirtime.cli import output
from rirtime.cli.errors import handle_errors
from rirtime.cli.options import (
    BomOption,
    ColorOption,
    FileOption,
    NoCacheOption,
    format_option,
    with_filters,
)
from rirtime.cli.output import ColorMode
from rirtime.formats import FORMATS, Format, Output

if TYPE_CHECKING:
    from rirtime.query import Filter


@with_filters(ordering=True)
def show(
    wanted: "Filter",
    file: FileOption = None,
    long: Annotated[
        bool,
        typer.Option(
            "--long",
            "-l",
            help="Add each event's summary and sources (the text view, even in a pipe).",
        ),
    ] = False,
    oneline: Annotated[
        bool,
        typer.Option(
            "--oneline",
            help="One line an event: date, title, actors (the text view, cut to its width).",
        ),
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
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page; by default output taller than the terminal goes through $PAGER "
            "(else 'less -R').",
        ),
    ] = False,
    bom: BomOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Show the chronology, filtered: a readable timeline on a terminal, data in a pipe.

    Filters of one kind match any of their values; different filters must all hold.
    """
    from rirtime.selection import select

    with handle_errors(color):
        chosen = _format(fmt, color, long=long, oneline=oneline)
        selected = select(file, wanted, no_cache=no_cache)
        if bom and chosen.name != "csv":
            output.say(f"--bom changes only --format csv; {chosen.name} ignores it")
        doc = selected.document(long=long, oneline=oneline)._replace(bom=bom)
        output.events(chosen, doc, color, paged=not no_pager)
        if not chosen.terminal and not selected.events and output.isatty(sys.stdout):
            sys.stderr.write("rirtime: no events match\n")


def _format(fmt: Format | None, color: ColorMode, *, long: bool, oneline: bool) -> Format:
    """The format asked for; else the text view when an option asks for what only it shows
    (--long, --oneline, --color always, so that `show -l | less -R` works), else the text view
    on a terminal and plain lines in a pipe."""
    from rirtime.errors import UsageError

    if long and oneline:
        raise UsageError("--long and --oneline do not go together: choose one view")
    if fmt is None:
        wants_text = long or oneline or color is ColorMode.ALWAYS
        return FORMATS["text"] if wants_text else output.choose(None, tty="text", pipe="plain")
    if not fmt.terminal and (long or oneline):
        given = "--long" if long else "--oneline"
        output.say(f"{given} changes only the text view; --format {fmt.name} ignores it")
    return fmt
