"""The options commands share, declared once: the file, colour, cache, formats and filters."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import functools
import inspect
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Concatenate, ParamSpec

import typer

from rirtime import complete
from rirtime.cli.errors import handle_errors
from rirtime.cli.output import ColorMode
from rirtime.formats import FORMATS, Format, Output

if TYPE_CHECKING:
    from rirtime.query import Filter

__all__ = [
    "BomOption",
    "ColorOption",
    "FileOption",
    "FormatChoice",
    "NoCacheOption",
    "format_argument",
    "format_option",
    "make_filter",
    "with_filters",
]

FileOption = Annotated[
    list[str] | None,
    typer.Option(
        "--file",
        "-f",
        metavar="PATH",
        help="Timeline file to read, '-' for stdin; repeat it to read several files as one "
        "chronology. Default: $RIRTIME_FILE (several paths separated by "
        f"'{os.pathsep}'), else the chronology that ships with rirtime.",
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
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read the file afresh, not from the cache of checked files (or RIRTIME_NO_CACHE=1).",
    ),
]

BomOption = Annotated[
    bool,
    typer.Option(
        "--bom",
        help="csv: start with a UTF-8 byte order mark, so that Excel reads the accents and "
        "scripts right.",
    ),
]


# -- formats, from the registry ------------------------------------------------------------------


class FormatChoice:
    """A format name read against the registry when the command line is parsed, so that a
    format registered after this module was imported is offered too. A command that writes
    more than one kind of output (stats: its numbers, or them as rows) names them all."""

    def __init__(self, output: Output, *more: Output) -> None:
        self.outputs = (output, *more)

    def offered(self) -> list[Format]:
        """The formats that write any of the outputs, in the registry's order."""
        return [f for f in FORMATS.values() if any(f.writes(o) for o in self.outputs)]

    @property
    def __name__(self) -> str:
        # typer shows a parser's name as the option's type in --help: <text|plain|json>.
        return "|".join(f.name for f in self.offered())

    def __call__(self, value: "str | Format") -> Format:
        if isinstance(value, Format):
            return value
        choices = self.offered()
        for f in choices:
            if f.name == value:
                return f
        shown = ", ".join(repr(f.name) for f in choices)
        raise typer.BadParameter(f"{value!r} is not one of {shown}.")

    def complete(self, incomplete: str) -> list[tuple[str, str]]:
        """The format names starting with what was typed, each with its one-line help."""
        return [(f.name, f.help) for f in self.offered() if f.name.startswith(incomplete)]


def _names(choice: FormatChoice, notes: dict[str, str]) -> str:
    """`a (note), b or c`: the formats of a choice, some with a word on when to use them."""
    names = [f"{f.name} ({notes[f.name]})" if f.name in notes else f.name for f in choice.offered()]
    return " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def format_option(output: Output, *more: Output, **notes: str) -> Any:
    """The --format option of a command that writes `output` (or any of `more`); `notes` say
    more of some names."""
    choice = FormatChoice(output, *more)
    return typer.Option(
        "--format",
        parser=choice,
        autocompletion=choice.complete,
        help=_names(choice, notes) + ".",
        show_default=False,
    )


def format_argument(output: Output, more: str, *also: Output) -> Any:
    """A FORMAT argument naming a format that writes `output` (or any of `also`); `more` ends
    its help."""
    choice = FormatChoice(output, *also)
    return typer.Argument(
        metavar="[FORMAT]",
        parser=choice,
        autocompletion=choice.complete,
        help=f"{_names(choice, {})}. {more}",
        show_default=False,
    )


# -- filters -------------------------------------------------------------------------------------


def make_filter(
    *,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            "-a",
            metavar="ID",
            help="Events involving this actor or any actor part of it (id, alias or name; any "
            "case or accents).",
            show_default=False,
            autocompletion=complete.actors,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="Events with this tag.",
            show_default=False,
            autocompletion=complete.tags,
        ),
    ] = None,
    person: Annotated[
        list[str] | None,
        typer.Option(
            "--person",
            metavar="NAME",
            help="Events naming this person (every word, at a word's start; any case or accents).",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="ID",
            help="Events citing this source.",
            show_default=False,
            autocompletion=complete.sources,
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="Events placed on or after DATE ('2015', 'Sept 2015', '2015-09-14'), or "
            "running on into it.",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help="Events placed on or before DATE ('--to 2015': to the end of 2015).",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="Events placed within DATE, or running through it ('--on 2015-09': in "
            "September 2015; 'by Sep 2015' is in it).",
            show_default=False,
        ),
    ] = None,
    possible: Annotated[
        bool,
        typer.Option(
            "--possible",
            help="--on/--from/--to match every day an event could be: 'by Sep 2015' then "
            "matches --to 2001 (default: where it is placed, in Sep 2015).",
        ),
    ] = False,
    search: Annotated[
        list[str] | None,
        typer.Option(
            "--search",
            "-s",
            metavar="TEXT",
            help="Events whose title, summary, people or quote hold every word of TEXT (any "
            "order, case or accents).",
            show_default=False,
        ),
    ] = None,
    not_actor: Annotated[
        list[str] | None,
        typer.Option(
            "--not-actor",
            metavar="ID",
            help="Leave out events involving this actor.",
            show_default=False,
            autocompletion=complete.actors,
        ),
    ] = None,
    not_tag: Annotated[
        list[str] | None,
        typer.Option(
            "--not-tag",
            metavar="TAG",
            help="Leave out events with this tag.",
            show_default=False,
            autocompletion=complete.tags,
        ),
    ] = None,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", help="Repeated --actor or --tag values must all hold (default: any)."
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", "-n", min=0, metavar="N", help="At most N events.", show_default=False
        ),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Newest first.")] = False,
) -> "Filter":
    """The filter options, declared once, as a Filter (names not yet resolved against a
    timeline); a date that cannot be read is a UsageError."""
    from rirtime.query import Filter, window

    return Filter(
        actors=tuple(actor or ()),
        tags=tuple(tag or ()),
        people=tuple(person or ()),
        sources=tuple(source or ()),
        search=tuple(search or ()),
        not_actors=tuple(not_actor or ()),
        not_tags=tuple(not_tag or ()),
        window=window(on, from_, to),
        all_of=all_,
        possible=possible,
        limit=limit,
        reverse=reverse,
    )


_FILTERS = tuple(inspect.signature(make_filter).parameters.values())
_ORDERING = frozenset({"limit", "reverse"})  # only for the commands that list events in order

P = ParamSpec("P")


def with_filters(
    *, ordering: bool = False
) -> "Callable[[Callable[Concatenate[Filter, P], None]], Callable[P, None]]":
    """Give a command the options of `make_filter` (--limit and --reverse only with `ordering`)
    after its own first one; the command takes the Filter they make as its first argument."""
    added = [p for p in _FILTERS if ordering or p.name not in _ORDERING]

    def decorate(command: "Callable[Concatenate[Filter, P], None]") -> Callable[P, None]:
        own = list(inspect.signature(command).parameters.values())[1:]
        parameters = [
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in [*own[:1], *added, *own[1:]]
        ]

        @functools.wraps(command)
        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            given: dict[str, Any] = {p.name: kwargs.pop(p.name) for p in added}
            with handle_errors():
                wanted = make_filter(**given)
            command(wanted, *args, **kwargs)

        del run.__wrapped__  # typer must read the signature below, not the command's own
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return decorate
