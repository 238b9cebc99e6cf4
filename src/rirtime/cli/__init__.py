"""The command line: typer's app, adapters over the library, one module a command family.

    options.py  the options commands share, the filters declared once (with_filters)
    output.py   stdout or the console, colour, and the chosen format's writing
    errors.py   the one place where failures become messages and exit codes
    check.py, show.py, chart.py, export.py, lists.py (actors, tags, sources, stats), schema.py
    diff.py     two chronologies compared, either side a file or REV:PATH
    init.py     a new timeline to start from
    add.py      add, add-actor, add-source; ask.py asks for an event's fields on a terminal

Each command reads its options, calls the library, and hands what it returns to output.py; what
to read, filter, write or refuse is decided in the library (selection.py, targets.py, formats/).
"""

# No `from __future__ import annotations` in the modules of cli/ that declare options: typer
# reads the commands' annotations at every start, and string annotations cost it an eval() each
# (measured: about 20 ms a run). Names imported only for type checking are quoted instead. The
# command modules import only typer and each other at start; each command imports what it uses.

import gc
import importlib
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from rirtime import __version__
from rirtime.cli import errors, output

__all__ = ["COMMANDS", "app", "main"]

# Each command's name -> its module in cli/ and its function there, in the order `rirtime
# --help` lists them. A run of one command imports and declares that one only (main): typer
# reads every declared command's options at each start, and the ten other modules and their
# options were a fifth of a cached `show`.
COMMANDS = {
    "init": ("init", "init"),
    "check": ("check", "check"),
    "show": ("show", "show"),
    "chart": ("chart", "chart"),
    "export": ("export", "export"),
    "diff": ("diff", "diff"),
    "add": ("add", "add"),
    "add-actor": ("add", "add_actor"),
    "add-source": ("add", "add_source"),
    "actors": ("lists", "actors"),
    "tags": ("lists", "tags"),
    "sources": ("lists", "sources"),
    "stats": ("lists", "stats"),
    "schema": ("schema", "schema"),
    "import": ("imports", "import_"),  # `import` is a Python keyword
}


@contextmanager
def _visible_usage_errors() -> Iterator[None]:
    """typer's own usage errors quote what was typed ("No such option: --x", "Got unexpected
    extra argument(s) (x)") as it was: show it with visible stand-ins, as every message is."""
    try:
        yield
    except Exception as exc:
        # click's errors, vendored by typer or not, carry the text they show in `message`.
        message = getattr(exc, "message", None)
        if isinstance(message, str):
            from rirtime.present.safe import visible

            exc.message = visible(message)  # type: ignore[attr-defined]
        raise


class _Group(TyperGroup):
    """typer's command group, with its usage errors made safe to print (_visible_usage_errors):
    the group's own (an unknown command) and its commands' (an option or value)."""

    def make_context(
        self, info_name: "str | None", args: "list[str]", parent: Any = None, **extra: Any
    ) -> Any:
        with _visible_usage_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with _visible_usage_errors():
            return super().invoke(ctx)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """typer's main, with its usage errors said as rirtime says every error: one line on
        stderr, `rirtime: error: ...`, never a box drawn into a pipe or a file (errors.py)."""
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - click's, re-raised unless it is a usage error
            sys.exit(errors.click_failure(exc))
        except SystemExit as done:
            # rich and typer end a help text whose reader went away (`--help | grep -q`) with
            # 1: a closed stdout ends quietly, with 0, as every data command's does.
            gone = isinstance(done.__context__, BrokenPipeError)
            if done.code == 1 and (gone or type(sys.stdout).__name__ == "PacifyFlushWrapper"):
                output.quiet_stdout()
                sys.exit(0)
            raise
        sys.exit(code if isinstance(code, int) else 0)


def _app(names: Iterable[str]) -> typer.Typer:
    """The app with these commands declared (each imported from its module)."""
    made = typer.Typer(
        cls=_Group,
        name="rirtime",
        help=_root.__doc__,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    made.callback()(_root)
    for name in names:
        module, function = COMMANDS[name]
        command = getattr(importlib.import_module(f"rirtime.cli.{module}"), function)
        made.command(name=name)(command)
    return made


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"rirtime {__version__}\n")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Keep a chronology of Russian-Iranian relations in YAML: check it, show it, export it."""


app: typer.Typer  # every command declared, made when first asked for (__getattr__)


def __getattr__(name: str) -> Any:
    """`app`, made on first use (the tests, `from rirtime.cli import app`), so that importing
    this module for `main` imports no command's module."""
    if name == "app":
        made = globals()["app"] = _app(COMMANDS)
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The console script."""
    # A command runs for a moment and makes many small objects but no garbage cycles worth
    # collecting: the cyclic collector would only rescan them (a third of a cached `show`).
    gc.disable()
    output.open_missing_streams()
    output.sane_size()
    errors.run(_app_for(sys.argv[1:]))


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command these arguments run, when they name one first; else
    every command (the group's `--help` lists them all, completion completes them all, and an
    unknown name is answered with its close ones). The command's own `--help`, options and
    errors are the same either way: they are the command's."""
    if args and args[0] in COMMANDS and "_RIRTIME_COMPLETE" not in os.environ:
        return _app([args[0]])
    return _app(COMMANDS)
