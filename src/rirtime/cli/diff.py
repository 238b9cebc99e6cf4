"""`rirtime diff OLD NEW`: what differs between two chronologies, event by event, like `diff`."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from rirtime.cli import output
from rirtime.cli.errors import handle_errors
from rirtime.cli.options import ColorOption, format_option
from rirtime.cli.output import ColorMode
from rirtime.errors import ExitCode
from rirtime.formats import FORMATS, Format, Output

if TYPE_CHECKING:
    from rirtime.diff import Changes

_SIDE_HELP = "A timeline file, '-' for stdin, or REV:PATH (a file as git holds it: HEAD~1:t.yaml)."


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help=_SIDE_HELP, show_default=False)],
    new: Annotated[str, typer.Argument(metavar="NEW", help=_SIDE_HELP, show_default=False)],
    fmt: Annotated[
        Format | None,
        format_option(
            Output.DATA, text="the default, for people", json="added, removed, changed by id"
        ),
    ] = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Compare two chronologies by event id: events, actors, sources added, removed, changed.

    A changed entry names the fields that changed; a re-dated event shows both dates.

    Example: rirtime diff HEAD~1:timeline.yaml timeline.yaml

    A side that does not pass `check` is reported as check reports it, at FILE:LINE:COL.

    Exit 0 when they are the same, 1 when they differ, 2 on trouble.
    """
    try:
        with handle_errors(color):
            changes = _compare(old, new)
            _write(changes, fmt or FORMATS["text"], color)
    except typer.Exit as done:  # any trouble is 2, as diff's; a signal keeps its own code
        code = done.exit_code
        raise typer.Exit(ExitCode.USAGE if code == ExitCode.FAILURE else code) from None
    raise typer.Exit(ExitCode.FAILURE if changes else ExitCode.OK)


def _compare(old: str, new: str) -> "Changes":
    from rirtime.diff import compare, read_sides

    return compare(*read_sides(old, new))


def _write(changes: "Changes", chosen: Format, color: ColorMode) -> None:
    """The differences in the format chosen; a reader gone (`| head`) changes no exit code."""
    from rirtime.formats.content import Data

    if not chosen.terminal:
        output.data(chosen, Data(changes.as_data()), color)
        return
    from rirtime.diff import render

    try:
        sys.stdout.write(render(changes, color=output.use_color(color, sys.stdout)))
        sys.stdout.flush()
    except BrokenPipeError:
        output.quiet_stdout()
