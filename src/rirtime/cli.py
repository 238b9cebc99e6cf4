"""The command line: parse options, call the library, print, and turn errors into exit codes."""

# No `from __future__ import annotations` here, unlike the rest of the package: typer reads the
# commands' annotations at every start, and string annotations cost it an eval() each (measured:
# about 20 ms a run). Names imported only for type checking are quoted instead.

import functools
import gc
import inspect
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar, cast

import typer

from rirtime import __version__, cache, complete
from rirtime.errors import ExitCode, InvalidTimeline, RirtimeError, UsageError
from rirtime.formats import FORMATS, Format, Output, offered

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from rirtime.edit import NewEvent
    from rirtime.model import Event, Timeline
    from rirtime.query import Filter

app = typer.Typer(
    name="rirtime",
    help="Keep a chronology of Russian-Iranian relations in YAML: check it, show it, export it.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ColorMode(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


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


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read the file afresh, not from the cache of checked files (or RIRTIME_NO_CACHE=1).",
    ),
]


class FormatChoice:
    """A --format value read against the format registry, when the command line is parsed
    (so a format registered after this module was imported is offered too)."""

    def __init__(self, output: Output) -> None:
        self.output = output

    @property
    def __name__(self) -> str:
        # typer shows a parser's name as the option's type in --help: <text|plain|json>.
        return "|".join(f.name for f in offered(self.output))

    def __call__(self, value: "str | Format") -> Format:
        if isinstance(value, Format):
            return value
        choices = offered(self.output)
        for f in choices:
            if f.name == value:
                return f
        shown = ", ".join(repr(f.name) for f in choices)
        raise typer.BadParameter(f"{value!r} is not one of {shown}.")

    def complete(self, incomplete: str) -> list[tuple[str, str]]:
        """The format names starting with what was typed, each with its one-line help."""
        return [(f.name, f.help) for f in offered(self.output) if f.name.startswith(incomplete)]


def format_help(output: Output, notes: dict[str, str]) -> str:
    """`a (note), b or c.`: the names of the formats that write `output`, with notes on some."""
    names = [f"{f.name} ({notes[f.name]})" if f.name in notes else f.name for f in offered(output)]
    return (", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)) + "."


def format_option(output: Output, **notes: str) -> Any:
    """The --format option of a command that writes `output`; `notes` say more of some names."""
    choice = FormatChoice(output)
    return typer.Option(
        "--format",
        parser=choice,
        autocompletion=choice.complete,
        help=format_help(output, notes),
        show_default=False,
    )


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


def _report_invalid(exc: InvalidTimeline, color: bool) -> None:
    from rirtime.load import split_lines
    from rirtime.render.diagnostics import render_diagnostics, summary

    lines = split_lines(exc.text) if exc.text is not None else None
    if exc.preface:
        sys.stderr.write(f"rirtime: {exc.preface}\n")
    if exc.diagnostics:
        sys.stderr.write(render_diagnostics(exc.diagnostics, lines, color) + "\n")
    sys.stderr.write(summary(exc.path, exc.diagnostics, False, None) + "\n")


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
        Format | None,
        format_option(Output.DATA, text="for people, on stderr", json="an array on stdout"),
    ] = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """Check a timeline and report every problem in it, each at FILE:LINE:COL.

    Exit 0 when it is valid, 1 when it has errors (or warnings, with --strict), 2 on a usage error.
    """
    from rirtime.load import resolve_path, split_lines
    from rirtime.render.diagnostics import diagnostics_json, render_diagnostics, summary
    from rirtime.workspace import open_checked

    with _errors(color):
        loaded = open_checked(resolve_path(file), use_cache=cache.enabled(no_cache))
        diags = loaded.diagnostics
        failed = loaded.failed(strict)
        if fmt is not None and not fmt.terminal:
            sys.stdout.write(diagnostics_json(diags) + "\n")
        else:
            if diags:
                lines = split_lines(loaded.text) if loaded.text is not None else None
                rendered = render_diagnostics(diags, lines, use_color(color, sys.stderr))
                sys.stderr.write(rendered + "\n")
            sys.stderr.write(summary(loaded.path, diags, strict, loaded.timeline) + "\n")
    raise typer.Exit(ExitCode.FAILURE if failed else ExitCode.OK)


ActorFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="ID",
        help="Events involving this actor or any actor part of it (id or alias, any case).",
        show_default=False,
        autocompletion=complete.actors,
    ),
]
TagFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Events with this tag.",
        show_default=False,
        autocompletion=complete.tags,
    ),
]
PersonFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--person",
        metavar="NAME",
        help="Events naming this person (part of the name, any case).",
        show_default=False,
    ),
]
SourceFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        metavar="ID",
        help="Events citing this source.",
        show_default=False,
        autocompletion=complete.sources,
    ),
]
FromFilter = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Events on or after DATE ('2015', 'Sept 2015', '2015-09-14').",
        show_default=False,
    ),
]
ToFilter = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="DATE",
        help="Events on or before DATE ('--to 2015': to the end of 2015).",
        show_default=False,
    ),
]
OnFilter = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="Events within DATE ('--on 2015-09': in September 2015).",
        show_default=False,
    ),
]
SearchFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--search",
        "-s",
        metavar="TEXT",
        help="Events whose title, summary, people or quote contain TEXT (any case).",
        show_default=False,
    ),
]
NotActorFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--not-actor",
        metavar="ID",
        help="Leave out events involving this actor.",
        show_default=False,
        autocompletion=complete.actors,
    ),
]
NotTagFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--not-tag",
        metavar="TAG",
        help="Leave out events with this tag.",
        show_default=False,
        autocompletion=complete.tags,
    ),
]
AllFilter = Annotated[
    bool,
    typer.Option("--all", help="Repeated --actor or --tag values must all hold (default: any)."),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=0, metavar="N", help="At most N events.", show_default=False),
]
ReverseOption = Annotated[bool, typer.Option("--reverse", help="Newest first.")]


# The filters every listing command takes, declared once: `with_filters` adds them to a
# command's options and hands the command a Filter value instead.
_FILTERS: dict[str, tuple[object, object]] = {
    "actor": (ActorFilter, None),
    "tag": (TagFilter, None),
    "person": (PersonFilter, None),
    "source": (SourceFilter, None),
    "from_": (FromFilter, None),
    "to": (ToFilter, None),
    "on": (OnFilter, None),
    "search": (SearchFilter, None),
    "not_actor": (NotActorFilter, None),
    "not_tag": (NotTagFilter, None),
    "all_": (AllFilter, False),
}
_ORDERING: dict[str, tuple[object, object]] = {
    "limit": (LimitOption, None),
    "reverse": (ReverseOption, False),
}

_Command = TypeVar("_Command", bound=Callable[..., None])


def _filter(values: dict[str, Any]) -> "Filter":
    """The filter options as a Filter value (names not yet resolved against a timeline)."""
    from rirtime.query import Filter, window

    def many(name: str) -> tuple[str, ...]:
        return tuple(values.get(name) or ())

    return Filter(
        actors=many("actor"),
        tags=many("tag"),
        people=many("person"),
        sources=many("source"),
        search=many("search"),
        not_actors=many("not_actor"),
        not_tags=many("not_tag"),
        window=window(values.get("on"), values.get("from_"), values.get("to")),
        all_of=bool(values.get("all_")),
        limit=values.get("limit"),
        reverse=bool(values.get("reverse")),
    )


def with_filters(ordering: bool = False) -> Callable[[_Command], _Command]:
    """Give a command the filter options (and --limit/--reverse with `ordering`); the command
    itself takes `wanted: Filter`, built from them (a bad date there is a usage error)."""
    extra = {**_FILTERS, **(_ORDERING if ordering else {})}

    def decorate(command: _Command) -> _Command:
        own = [p for p in inspect.signature(command).parameters.values() if p.name != "wanted"]
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a)
            for name, (a, d) in extra.items()
        ]
        kinds = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
        parameters = kinds[:1] + added + kinds[1:]  # the file first, then the filters

        @functools.wraps(command)
        def run(**kwargs: Any) -> None:
            values = {name: kwargs.pop(name) for name in extra}
            with _errors():
                wanted = _filter(values)
            command(wanted=wanted, **kwargs)

        del run.__wrapped__  # typer must see the signature below, not the command's own
        run.__signature__ = inspect.Signature(parameters, return_annotation=None)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return cast(_Command, run)

    return decorate


@app.command()
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
    from rirtime.formats import Document, write_events
    from rirtime.load import resolve_path
    from rirtime.query import apply, resolve
    from rirtime.workspace import open_valid

    with _errors(color):
        checked = open_valid(resolve_path(file), use_cache=cache.enabled(no_cache))
        timeline = checked.timeline
        events = apply(timeline, resolve(timeline, wanted))
        tty = _isatty(sys.stdout)
        chosen = fmt or FORMATS["text" if tty else "plain"]
        doc = Document(timeline, events, checked.path, json_lines=checked.json_lines, long=long)
        _emit(chosen, write_events(chosen, doc), color)
        if not chosen.terminal and not events and tty:
            sys.stderr.write("rirtime: no events match\n")


@app.command()
@with_filters(ordering=True)
def export(
    wanted: "Filter",
    fmt: Annotated[
        Format | None,
        typer.Argument(
            metavar="[FORMAT]",
            parser=FormatChoice(Output.DOCUMENT),
            autocompletion=FormatChoice(Output.DOCUMENT).complete,
            help=format_help(Output.DOCUMENT, {})[:-1]
            + ". Optional with -o FILE: the extension tells it.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE ('-' for stdout).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    toc: Annotated[bool, typer.Option("--toc", help="md: add a table of contents.")] = False,
    mermaid: Annotated[
        bool, typer.Option("--mermaid", help="md: add a Mermaid timeline diagram.")
    ] = False,
    file: FileOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Write the (filtered) chronology as FORMAT, to stdout or atomically to a file.

    An existing file is replaced only with --force; the timeline itself is never written over.
    """
    from rirtime.atomic import write_atomic
    from rirtime.formats import Document, for_path, write_document
    from rirtime.load import STDIN, resolve_path
    from rirtime.query import apply, resolve
    from rirtime.workspace import open_valid

    with _errors():
        to_file = output not in (None, "-")
        if fmt is None:
            fmt = for_path(output, Output.DOCUMENT) if output and to_file else None
            if fmt is None:
                names = ", ".join(f.name for f in offered(Output.DOCUMENT))
                known = ", ".join(sorted(e for f in offered(Output.DOCUMENT) for e in f.extensions))
                raise UsageError(
                    f"name a FORMAT ({names}), or give -o FILE with a known extension ({known})"
                )
        path = resolve_path(file)
        checked = open_valid(path, use_cache=cache.enabled(no_cache))
        timeline = checked.timeline
        resolved = resolve(timeline, wanted)
        events = apply(timeline, resolved)
        name = "<stdin>" if path == STDIN else os.path.basename(path)
        doc = Document(
            timeline,
            events,
            name,
            resolved.describe(),
            toc=toc,
            mermaid=mermaid,
            json_lines=checked.json_lines,
        )
        text = write_document(fmt, doc)
        if not to_file:
            sys.stdout.write(text)
            return
        assert output is not None
        write_atomic(
            output, text.encode("utf-8"), force=force, protect=None if path == STDIN else path
        )
        noun = "event" if len(events) == 1 else "events"
        sys.stderr.write(f"rirtime: wrote {output} ({fmt.name}, {len(events)} {noun})\n")


@app.command()
def add(
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="DATE",
            help="The date, in the notation (2017-05-04, "
            '2015-09, "2017~", "2017-03-27/2017-03-29").',
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="One line.", show_default=False)
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            "-a",
            metavar="ID",
            help="An actor id (repeat for more).",
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
            help="A tag (repeat for more).",
            show_default=False,
            autocompletion=complete.tags,
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="ID",
            help="A source id it cites (repeat for more).",
            show_default=False,
            autocompletion=complete.sources,
        ),
    ] = None,
    person: Annotated[
        list[str] | None,
        typer.Option(
            "--person", metavar="NAME", help="A person named (repeat for more).", show_default=False
        ),
    ] = None,
    summary: Annotated[
        str | None, typer.Option("--summary", metavar="TEXT", show_default=False)
    ] = None,
    quote: Annotated[
        str | None, typer.Option("--quote", metavar="TEXT", show_default=False)
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", show_default=False)] = None,
    event_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="Default: made from the title and the date.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print the event and where it would go; write nothing."),
    ] = False,
    file: FileOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Add an event to a timeline file, in its chronological place.

    Everything else in the file stays byte for byte as it was. The result is checked before
    anything is written; if it would not pass `rirtime check`, nothing is written (exit 1).
    With no options on a terminal, it asks for each field in turn.
    """
    from rirtime.atomic import write_atomic
    from rirtime.edit import NewEvent, plan_add
    from rirtime.load import STDIN, read_input

    with _errors(color):
        path = file or os.environ.get("RIRTIME_FILE")
        if not path:
            raise UsageError(
                "add writes to a timeline of your own: give -f PATH or set RIRTIME_FILE "
                "(the chronology that ships with rirtime is read-only)"
            )
        if path == STDIN:
            raise UsageError("add cannot write to standard input: give -f PATH")
        name, original = read_input(path)
        if date is None and title is None and not actor:
            if not (_isatty(sys.stdin) and _isatty(sys.stderr)):
                raise UsageError("add needs --date, --title and at least one --actor")
            fields = _ask(original, path)
        else:
            missing = [
                n for n, v in (("--date", date), ("--title", title), ("--actor", actor)) if not v
            ]
            if missing:
                raise UsageError(f"add needs {', '.join(missing)}")
            assert date is not None and title is not None and actor
            fields = NewEvent(
                date=date.strip(),
                title=title,
                actors=tuple(actor),
                id=event_id,
                summary=summary,
                people=tuple(person or ()),
                tags=tuple(tag or ()),
                sources=tuple(source or ()),
                quote=quote,
                note=note,
            )
        planned = plan_add(original, name, fields)
        where = f"line {planned.line}" + (
            f", after {planned.after}" if planned.after else ", before every other event"
        )
        if dry_run:
            sys.stdout.write(planned.event_text.replace("\r\n", "\n"))
            sys.stderr.write(f"rirtime: would add {planned.event_id} to {name} at {where}\n")
            return
        if read_input(path)[1] != original:
            raise RirtimeError(f"{name}: changed while rirtime was working; nothing was written")
        write_atomic(path, planned.data, force=True)
        sys.stderr.write(f"rirtime: added {planned.event_id} to {name} at {where}\n")


def _ask(original: bytes, path: str) -> "NewEvent":
    """Ask for each field on the terminal, offering what the timeline already has."""
    from rirtime.edit import NewEvent
    from rirtime.load import load_text

    loaded = load_text(original, path)
    t = loaded.timeline

    def offer(label: str, names: list[str]) -> None:
        if names:
            shown = ", ".join(sorted(names))
            sys.stderr.write(f"{label}: {shown}\n")

    def many(prompt: str) -> tuple[str, ...]:
        raw: str = typer.prompt(prompt, default="", show_default=False, err=True)
        return tuple(p.strip() for p in raw.split(",") if p.strip())

    date: str = typer.prompt("Date (e.g. 2017-05-04, 2015-09, 2017~)", err=True)
    title: str = typer.prompt("Title", err=True)
    if t is not None:
        offer("Known actors", list(t.actors))
    actors = many("Actors (ids, comma-separated)")
    if t is not None:
        offer("Known tags", sorted({tag for e in t.events for tag in e.tags}))
    tags = many("Tags (comma-separated, optional)")
    if t is not None:
        offer("Known sources", list(t.sources))
    sources = many("Sources (ids, comma-separated, optional)")
    people = many("People (comma-separated, optional)")
    summary: str = typer.prompt("Summary (optional)", default="", show_default=False, err=True)
    event = NewEvent(
        date=date.strip(),
        title=title.strip(),
        actors=actors,
        tags=tags,
        sources=sources,
        people=people,
        summary=summary.strip() or None,
    )
    from rirtime.edit import make_id, render_event

    taken = {e.id for e in t.events} if t is not None else set()
    preview = render_event(event, make_id(event.title, event.date, taken), indent=0)
    sys.stderr.write("\n" + preview + "\n")
    if not typer.confirm("Add this event?", default=True, err=True):
        raise typer.Exit(ExitCode.FAILURE)
    return event


ListFormatOption = Annotated[
    Format | None,
    format_option(
        Output.ROWS, text="the default on a terminal", plain="tab-separated, the default in a pipe"
    ),
]


def _selected(
    file: str | None, wanted: "Filter", no_cache: bool
) -> tuple["Timeline", "list[Event]", bool]:
    """The valid timeline, the events the filter keeps, and whether any filter was given."""
    from rirtime.load import resolve_path
    from rirtime.query import apply, resolve
    from rirtime.workspace import open_valid

    timeline = open_valid(resolve_path(file), use_cache=cache.enabled(no_cache)).timeline
    resolved = resolve(timeline, wanted)
    return timeline, apply(timeline, resolved), not wanted.is_empty()


def _emit(fmt: Format, written: "RenderableType", color: ColorMode) -> None:
    """Print what a format wrote: a terminal format's renderable on the console, else text."""
    if fmt.terminal:
        _console(color).print(written)
    else:
        assert isinstance(written, str)
        sys.stdout.write(written)


def _emit_rows(
    fmt: Format | None,
    color: ColorMode,
    columns: list[str],
    records: list[dict[str, object]],
    view: "Callable[[], RenderableType]",
) -> None:
    """Write records in the chosen format; `view` builds the rich renderable for text."""
    from rirtime.formats import Rows, write_rows

    chosen = fmt or FORMATS["text" if _isatty(sys.stdout) else "plain"]
    _emit(chosen, write_rows(chosen, Rows(columns, records, view)), color)


def _console(color: ColorMode) -> "Console":
    from rich.console import Console

    colored = use_color(color, sys.stdout)
    return Console(
        file=sys.stdout,
        color_system="auto" if colored else None,
        force_terminal=colored,
        highlight=False,
        markup=False,
        emoji=False,
    )


@app.command()
@with_filters()
def actors(
    wanted: "Filter",
    file: FileOption = None,
    fmt: ListFormatOption = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """List the actors: id, name, kind, part of, events, first and last date.

    An actor's events include those of the actors that are part of it, as --actor counts them.
    With filters, only the actors of the matching events are listed.
    """
    from rirtime.stats import actor_rows

    with _errors(color):
        timeline, events, filtered = _selected(file, wanted, no_cache)
        rows = actor_rows(timeline, events, only_used=filtered)

        def view() -> "RenderableType":
            from rirtime.render.colors import palette
            from rirtime.render.tables import actors_table

            return actors_table(rows, palette(timeline.actors))

        columns = ["id", "name", "kind", "part_of", "events", "first", "last"]
        _emit_rows(fmt, color, columns, [r.record() for r in rows], view)


@app.command()
@with_filters()
def tags(
    wanted: "Filter",
    file: FileOption = None,
    fmt: ListFormatOption = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """List the tags of the (matching) events, most used first, with first and last date."""
    from rirtime.stats import tag_rows

    with _errors(color):
        _, events, _ = _selected(file, wanted, no_cache)
        rows = tag_rows(events)

        def view() -> "RenderableType":
            from rirtime.render.tables import tags_table

            return tags_table(rows)

        columns = ["tag", "events", "first", "last"]
        _emit_rows(fmt, color, columns, [r.record() for r in rows], view)


@app.command()
@with_filters()
def sources(
    wanted: "Filter",
    file: FileOption = None,
    fmt: ListFormatOption = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """List the sources: citation, link, and the events that cite each; unused ones marked.

    With filters, only the sources the matching events cite are listed.
    """
    from rirtime.stats import source_rows

    with _errors(color):
        timeline, events, filtered = _selected(file, wanted, no_cache)
        rows = source_rows(timeline, events, only_used=filtered)

        def view() -> "RenderableType":
            from rirtime.render.tables import sources_table

            return sources_table(rows)

        columns = ["id", "citation", "url", "events", "used"]
        _emit_rows(fmt, color, columns, [r.record() for r in rows], view)


@app.command()
@with_filters()
def stats(
    wanted: "Filter",
    file: FileOption = None,
    top: Annotated[
        int, typer.Option("--top", min=2, max=30, help="How many actors the matrix shows.")
    ] = 8,
    fmt: Annotated[
        Format | None,
        format_option(Output.DATA, text="charts; the default", json="the same numbers"),
    ] = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoCacheOption = False,
) -> None:
    """Events per year as a bar chart, the busiest actors, and who appears with whom."""
    from rirtime.formats import Data, write_data
    from rirtime.stats import stats as compute

    with _errors(color):
        timeline, events, _ = _selected(file, wanted, no_cache)
        numbers = compute(timeline, events, top)

        def view() -> "RenderableType":
            from rirtime.render.colors import palette
            from rirtime.render.tables import stats_view

            return stats_view(numbers, palette(timeline.actors))

        chosen = fmt or FORMATS["text"]
        _emit(chosen, write_data(chosen, Data(numbers.record(), view)), color)


@app.command()
def schema() -> None:
    """Print a JSON Schema of the timeline format, for editors that check YAML as you type.

    Save it next to your timeline and put `# yaml-language-server: $schema=timeline.schema.json`
    at the top of the file.
    """
    from rirtime.formats import Data, write_data
    from rirtime.schema import timeline_schema

    with _errors():
        json = FORMATS["json"]
        _emit(json, write_data(json, Data(timeline_schema())), ColorMode.NEVER)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    """The console script."""
    # A command runs for a moment and makes many small objects but no garbage cycles worth
    # collecting: the cyclic collector would only rescan them (a third of a cached `show`).
    gc.disable()
    # `kill` (SIGTERM) unwinds like Ctrl-C does, so a file being written is cleaned up.
    signal.signal(signal.SIGTERM, _terminated)
    # Started with stdout or stderr closed (`rirtime show >&-`): write into nothing, quietly,
    # as when the reader of a pipe has gone.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - it lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    try:
        app(prog_name="rirtime")
    except KeyboardInterrupt:  # raised outside a command, e.g. while importing
        sys.stderr.write("\n")
        sys.exit(ExitCode.INTERRUPTED)
