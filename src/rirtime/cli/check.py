"""`rirtime check`: every problem in a timeline, each at FILE:LINE:COL."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import sys
from typing import Annotated

import typer

from rirtime.cli import output
from rirtime.cli.errors import handle_errors, report_diagnostics
from rirtime.cli.options import ColorOption, FileOption, NoCacheOption, format_option
from rirtime.cli.output import ColorMode
from rirtime.errors import ExitCode
from rirtime.formats import FORMATS, Format, Output


def check(
    file: FileOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (order, unused entries).")
    ] = False,
    fmt: Annotated[
        Format | None,
        format_option(
            Output.DATA, text="the default, for people, on stderr", json="an array on stdout"
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CHECK",
            help="Run only this named check (repeat for more; --list-checks names them). "
            "Problems reading the file are always reported.",
            show_default=False,
        ),
    ] = None,
    list_checks: Annotated[
        bool, typer.Option("--list-checks", help="List the named checks and exit.")
    ] = False,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """Check a timeline and report every problem in it, each at FILE:LINE:COL.

    Each problem ends with its code; --select runs only the named checks (see --list-checks).

    Problems reading the file (YAML, keys, types, dates) are always reported.

    Several files (-f A -f B) are checked as one chronology: names resolve across them.

    Exit 0 when it is valid, 1 when it has errors (or warnings, with --strict), 2 on a usage error.
    """
    from rirtime.files import resolve_paths
    from rirtime.formats.content import Data
    from rirtime.workspace import cache_wanted, open_all

    with handle_errors(color):
        chosen = fmt or FORMATS["text"]
        if list_checks:
            _list_checks(chosen, color)
            return
        paths = resolve_paths(file)
        loaded = open_all(paths, use_cache=cache_wanted(no_cache=no_cache))
        if select is not None:
            loaded = loaded.only({n.strip() for s in select for n in s.split(",") if n.strip()})
        if chosen.terminal:  # for people: with the messages, on stderr
            report_diagnostics(
                loaded.path,
                loaded.text,
                loaded.diagnostics,
                color=output.use_color(color, sys.stderr),
                strict=strict,
                timeline=loaded.timeline,
                texts=loaded.texts(),
            )
        else:
            output.data(chosen, Data([d.as_dict() for d in loaded.diagnostics]), color)
    raise typer.Exit(ExitCode.FAILURE if loaded.failed(strict=strict) else ExitCode.OK)


_NARROW = 20  # fewer columns than this left for a check's doc: put it under the name


def _list_checks(chosen: Format, color: ColorMode) -> None:
    """The registry of named checks: name, severity, family and what each holds."""
    from rirtime.checks import CHECKS
    from rirtime.formats.content import Data

    if chosen.terminal:
        import shutil
        import textwrap

        # On a terminal the doc wraps under itself, within the width; in a pipe, a line each.
        columns = shutil.get_terminal_size().columns if output.isatty(sys.stdout) else 0
        width = max(len(c.name) for c in CHECKS)
        for c in CHECKS:
            head = f"{c.name:<{width}}  {c.severity.value:<7}  {c.family:<10}  "
            room = columns - len(head)
            if not columns or room >= _NARROW:
                lines = textwrap.wrap(c.doc, room) if columns else [c.doc]
                indent = " " * len(head)
                sys.stdout.write(head + ("\n" + indent).join(lines) + "\n")
            else:  # too narrow for columns: the doc under the name
                doc = textwrap.wrap(c.doc, max(columns - 2, 10))
                sys.stdout.write(head.rstrip() + "\n" + "".join(f"  {d}\n" for d in doc))
        return
    rows = [
        {"name": c.name, "severity": c.severity.value, "family": c.family, "doc": c.doc}
        for c in CHECKS
    ]
    output.data(chosen, Data(rows), color)
