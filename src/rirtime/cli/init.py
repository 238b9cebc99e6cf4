"""`rirtime init`: a small commented timeline to start from, which passes `rirtime check`."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import sys
from typing import Annotated

import typer

from rirtime.cli import output
from rirtime.cli.errors import handle_errors


def init(
    file: Annotated[
        str,
        typer.Argument(
            metavar="[FILE]",
            help="The file to write: default timeline.yaml in the current folder; '-' for stdout.",
            show_default=False,
        ),
    ] = "timeline.yaml",
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Start a timeline: write a small commented one (a title, a source, an actor, no events).

    It passes `rirtime check`; add to it with `rirtime add`, `add-actor` and `add-source`. An
    existing FILE is replaced only with --force; the write is atomic.

    Example: rirtime init my-timeline.yaml && rirtime show -f my-timeline.yaml
    """
    from rirtime import targets
    from rirtime.edit import STARTER

    with handle_errors():
        if targets.is_stdout(file):
            sys.stdout.write(STARTER)
            return
        targets.write_new_timeline(file, STARTER, force=force)
        output.say(
            f"wrote {file}: a timeline to start from; check it with `rirtime check -f {file}`"
        )
