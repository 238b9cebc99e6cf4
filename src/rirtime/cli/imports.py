"""`rirtime import`: a chronology from CSV, TimelineJS or rirtime's JSON, as a timeline file."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import sys
from typing import Annotated, Any

import typer

from rirtime.cli import output
from rirtime.cli.errors import handle_errors
from rirtime.cli.options import FormatChoice
from rirtime.formats import Format, Output, readable


class _Readable(FormatChoice):
    """The formats `import` reads, from the registry (`reads`)."""

    def __init__(self) -> None:
        super().__init__(Output.DOCUMENT)

    def offered(self) -> list[Format]:
        return readable()


def _format_argument() -> Any:
    choice = _Readable()
    names = ", ".join(f.name for f in choice.offered())
    return typer.Argument(
        metavar="FORMAT",
        parser=choice,
        autocompletion=choice.complete,
        help=f"What FILE is: {names}.",
        show_default=False,
    )


def import_(
    fmt: Annotated[Format, _format_argument()],
    path: Annotated[
        str,
        typer.Argument(metavar="FILE", help="The file to read; '-' for stdin.", show_default=False),
    ],
    target: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT",
            help="Write the timeline to OUT ('-' for stdout, the default).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
) -> None:
    """Make a timeline from a spreadsheet, TimelineJS or rirtime's own JSON export.

    FORMAT csv reads rirtime's columns or TimelineJS's sheet; timelinejs, TimelineJS3 JSON; json,
    `rirtime export json`. The timeline goes to stdout, or atomically to OUT.

    What cannot be carried over is said on stderr, row by row; the timeline passes `rirtime
    check`, else nothing is written. An existing OUT is replaced only with --force.

    Example: rirtime import csv sheet.csv -o timeline.yaml && rirtime show -f timeline.yaml
    """
    from rirtime import targets
    from rirtime.importing import import_file
    from rirtime.names import plural

    with handle_errors():
        to_file = None if targets.is_stdout(target) else target
        made = import_file(fmt, path, to_file)
        for note in made.notes:
            output.say(str(note))
        if to_file is None:
            sys.stdout.write(made.text)
        else:
            targets.write_output(to_file, made.text, force=force, read=path)
        where = to_file or "stdout"
        warned = f"; check warns of {plural(made.warnings, 'thing')}" if made.warnings else ""
        periods = f" and {plural(made.periods, 'period')}" if made.periods else ""
        imported = f"{plural(made.events, 'event')}{periods}"
        output.say(f"imported {imported} ({fmt.name}) to {where}{warned}")
