"""`rirtime add`, `add-actor` and `add-source`: one entry into a timeline file, in its place,
from options, or (`add` on a terminal) by asking for each field (ask.py)."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from rirtime import complete
from rirtime.cli import output
from rirtime.cli.errors import handle_errors
from rirtime.cli.options import ColorOption
from rirtime.cli.output import ColorMode
from rirtime.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from rirtime.edit import NewEntry

DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Print the entry and where it would go; write nothing."),
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Write the file even when it is read-only (its mode stays)."),
]
TargetOption = Annotated[
    list[str] | None,  # a list, so that a second -f is refused rather than silently taken
    typer.Option(
        "--file",
        "-f",
        metavar="PATH",
        help="The timeline file to add to (default: $RIRTIME_FILE). Never standard input, "
        "nor the chronology that ships with rirtime.",
        show_default=False,
    ),
]
NoteOption = Annotated[
    str | None,
    typer.Option("--note", metavar="TEXT", help="An editor's note.", show_default=False),
]
# The kinds as spec.ActorKind names them (a test holds the two together: importing spec here
# would cost every start).
KIND_HELP = (
    "What sort of actor (required): state, government, military, organization, group, "
    "company or other."
)
NO_SOURCE = "warning: the event cites no source (`rirtime check` warns of that): give --source ID"


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
        str | None,
        typer.Option(
            "--summary",
            metavar="TEXT",
            help="What happened, in your own words.",
            show_default=False,
        ),
    ] = None,
    quote: Annotated[
        str | None,
        typer.Option(
            "--quote", metavar="TEXT", help="A short verbatim phrase.", show_default=False
        ),
    ] = None,
    note: NoteOption = None,
    event_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="Default: made from the title and the date.",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    force: ForceOption = False,
    file: TargetOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Add an event to a timeline file, in its chronological place.

    Everything else in the file stays byte for byte as it was. The result is checked before
    anything is written; if it would not pass `rirtime check`, nothing is written (exit 1).
    With no options on a terminal, it asks for each field in turn, checking each answer.

    Example: rirtime add -f my.yaml --date 2017-05-04 --title "Astana memorandum" -a russia -a iran
    """
    from rirtime import targets
    from rirtime.edit import NewEvent
    from rirtime.files import read_input

    with handle_errors(color):
        path = targets.writable_timeline(file)
        if date is None and title is None and not actor:
            if not (output.isatty(sys.stdin) and output.isatty(sys.stderr)):
                raise UsageError("add needs --date, --title and at least one --actor")
            _interactive(path, dry_run=dry_run, force=force)
            return
        _require("add", {"--date": date, "--title": title, "--actor": actor})
        assert date is not None
        assert title is not None
        assert actor
        event = NewEvent(
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
        if not event.sources:
            output.say(NO_SOURCE)  # at once, not after the write: it may be a slip
        name, original = read_input(path)
        _write(path, name, original, [event], dry_run=dry_run, force=force)


def _kinds(incomplete: str) -> list[str]:
    """The actor kinds starting with what was typed."""
    from rirtime.spec import ActorKind

    return [k.value for k in ActorKind if k.value.startswith(incomplete)]


def add_actor(
    actor_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The new actor's id: lowercase kebab-case (irgc, russian-mfa).",
            show_default=False,
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option(
            "--name", metavar="TEXT", help="Its name, on one line (required).", show_default=False
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", metavar="KIND", help=KIND_HELP, show_default=False, autocompletion=_kinds
        ),
    ] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option(
            "--alias",
            metavar="NAME",
            help="Another name it goes by, which --actor matches too (repeat for more).",
            show_default=False,
        ),
    ] = None,
    part_of: Annotated[
        str | None,
        typer.Option(
            "--part-of",
            metavar="ID",
            help="The actor it is part of: the IRGC is part of Iran (Hezbollah is not).",
            show_default=False,
            autocompletion=complete.actors,
        ),
    ] = None,
    note: NoteOption = None,
    dry_run: DryRunOption = False,
    force: ForceOption = False,
    file: TargetOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Add an actor to a timeline file, after the last of its `actors`.

    Everything else in the file stays byte for byte as it was, and the result is checked before
    anything is written. An id that is there already, an unknown --part-of or --kind is a usage
    error (exit 2).

    Example: rirtime add-actor -f my.yaml irgc --name "Islamic Revolutionary Guard Corps"
    --kind military --part-of iran
    """
    from rirtime.edit import NewActor

    with handle_errors(color):
        _require("add-actor", {"--name": name, "--kind": kind})
        assert name is not None
        assert kind is not None
        actor = NewActor(actor_id, name, kind, tuple(alias or ()), part_of, note)
        _add("add-actor", file, actor, dry_run=dry_run, force=force)


def add_source(
    source_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The new source's id: lowercase kebab-case (n14, latukhina-2015).",
            show_default=False,
        ),
    ],
    citation: Annotated[
        str | None,
        typer.Option(
            "--citation",
            metavar="TEXT",
            help="The reference as printed, on one line (required).",
            show_default=False,
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", metavar="URL", help="Where to find it.", show_default=False),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="When it appeared, in the date notation (2015-10-22, 2017).",
            show_default=False,
        ),
    ] = None,
    note: NoteOption = None,
    dry_run: DryRunOption = False,
    force: ForceOption = False,
    file: TargetOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Add a source to a timeline file, after the last of its `sources`.

    Everything else in the file stays byte for byte as it was, and the result is checked before
    anything is written. An id that is there already or a --published that is not a date is a
    usage error (exit 2).

    Example: rirtime add-source -f my.yaml n44 --citation "A. Author, Title, Journal, 2018"
    --url https://example.org/a --published 2018-03
    """
    from rirtime.edit import NewSource

    with handle_errors(color):
        _require("add-source", {"--citation": citation})
        assert citation is not None
        source = NewSource(source_id, citation, url, published and published.strip(), note)
        _add("add-source", file, source, dry_run=dry_run, force=force)


def _require(command: str, given: dict[str, object]) -> None:
    """A usage error naming the options of `given` that have no value."""
    missing = [option for option, value in given.items() if not value]
    if missing:
        raise UsageError(f"{command} needs {', '.join(missing)}")


def _add(
    command: str, file: list[str] | None, entry: "NewEntry", *, dry_run: bool, force: bool
) -> None:
    from rirtime import targets
    from rirtime.files import read_input

    path = targets.writable_timeline(file, command)
    name, original = read_input(path)
    _write(path, name, original, [entry], dry_run=dry_run, force=force)


def _interactive(path: str, *, dry_run: bool, force: bool) -> None:
    """Ask for the event (and the actors and sources it needs), show it, and write it when the
    answer is yes: everything is planned, so checked, before that question."""
    from rirtime.cli import ask
    from rirtime.edit import editable, plan_all
    from rirtime.files import read_input

    name, original = read_input(path)
    entries = ask.ask(editable(original, name))
    if dry_run:
        _write(path, name, original, entries, dry_run=True, force=force)
        return
    if not ask.confirm(plan_all(original, name, entries)):
        output.say("nothing was written")
        raise typer.Exit(ExitCode.FAILURE)
    _write(path, name, original, entries, dry_run=False, force=force)


def _write(
    path: str,
    name: str,
    original: bytes,
    entries: "Sequence[NewEntry]",
    *,
    dry_run: bool,
    force: bool,
) -> None:
    """Write the entries to the file (or, with `dry_run`, print them), saying where each went."""
    from rirtime.edit import add_to_file, plan_all

    if dry_run:
        for planned in plan_all(original, name, entries):
            text = planned.entry_text.replace("\r\n", "\n")
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            output.say(f"would add {planned.label} to {name} at {planned.where}")
            if planned.twin is not None:
                output.say(f"warning: {planned.twin} has the same date and title")
        return
    for planned in add_to_file(path, *entries, read_only_ok=force):
        output.say(f"added {planned.label} to {name} at {planned.where}")
        if planned.twin is not None:
            output.say(
                f"warning: {planned.twin} has the same date and title: run twice? "
                f"(`rirtime show -s` finds both; remove one from the file)"
            )
