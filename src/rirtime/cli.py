"""The command line: parse options, call the library, print, and turn errors into exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, TextIO

import typer

from rirtime import __version__
from rirtime.errors import ExitCode, InvalidTimeline, RirtimeError, Severity

app = typer.Typer(
    name="rirtime",
    help="Keep a chronology of Russian-Iranian relations in YAML: check it, show it, export it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ColorMode(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class CheckFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


FileOption = Annotated[
    str | None,
    typer.Option(
        "--file",
        "-f",
        metavar="PATH",
        help="Timeline file to read, '-' for stdin. "
        "Default: $RIRTIME_FILE, else the chronology that ships with rirtime.",
        show_default=False,
    ),
]
ColorOption = Annotated[
    ColorMode,
    typer.Option(
        "--color",
        help="Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never.",
    ),
]


def use_color(mode: ColorMode, stream: TextIO) -> bool:
    """Whether to colour what goes to `stream`."""
    if mode is ColorMode.ALWAYS:
        return True
    if mode is ColorMode.NEVER or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _report_invalid(exc: InvalidTimeline, color: bool, strict: bool = False) -> None:
    from rirtime.load import split_lines
    from rirtime.render.diagnostics import render_diagnostics, summary

    lines = split_lines(exc.text) if exc.text is not None else None
    if exc.diagnostics:
        sys.stderr.write(render_diagnostics(exc.diagnostics, lines, color) + "\n")
    sys.stderr.write(summary(exc.path, exc.diagnostics, strict, "") + "\n")


def _quiet_stdout() -> None:
    """The reader went away (`| head`): send what is left of stdout nowhere, without noise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@contextmanager
def _errors(color: ColorMode = ColorMode.AUTO) -> Iterator[None]:
    """Turn expected failures into a message on stderr and an exit code; never a traceback."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        raise typer.Exit(ExitCode.OK) from None
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except InvalidTimeline as exc:
        _report_invalid(exc, use_color(color, sys.stderr))
        raise typer.Exit(exc.exit_code) from None
    except RirtimeError as exc:
        sys.stderr.write(f"rirtime: error: {exc}\n")
        raise typer.Exit(exc.exit_code) from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"rirtime {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Keep a chronology of Russian-Iranian relations in YAML: check it, show it, export it."""


@app.command()
def check(
    file: FileOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (order, unused entries).")
    ] = False,
    fmt: Annotated[
        CheckFormat,
        typer.Option("--format", help="text: for people, on stderr; json: an array on stdout."),
    ] = CheckFormat.TEXT,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Check a timeline and report every problem in it, each at FILE:LINE:COL.

    Exit 0 when it is valid, 1 when it has errors (or warnings, with --strict), 2 on a usage error.
    """
    from rirtime.load import resolve_path, split_lines
    from rirtime.render.diagnostics import diagnostics_json, render_diagnostics, summary
    from rirtime.validate import diagnose

    with _errors(color):
        loaded, diags = diagnose(resolve_path(file))
    failed = loaded.timeline is None or any(d.severity is Severity.ERROR or strict for d in diags)
    if fmt is CheckFormat.JSON:
        sys.stdout.write(diagnostics_json(diags) + "\n")
    else:
        if diags:
            lines = split_lines(loaded.text) if loaded.text is not None else None
            rendered = render_diagnostics(diags, lines, use_color(color, sys.stderr))
            sys.stderr.write(rendered + "\n")
        counts = ""
        if loaded.timeline is not None:
            t = loaded.timeline
            counts = f"{len(t.events)} events, {len(t.actors)} actors, {len(t.sources)} sources"
        sys.stderr.write(summary(loaded.path, diags, strict, counts) + "\n")
    raise typer.Exit(ExitCode.FAILURE if failed else ExitCode.OK)


def main() -> None:
    """The console script."""
    try:
        app(prog_name="rirtime")
    except KeyboardInterrupt:  # raised outside a command, e.g. while importing
        sys.stderr.write("\n")
        sys.exit(ExitCode.INTERRUPTED)
