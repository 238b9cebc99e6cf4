"""`rirtime add`: one event into a timeline file, in its chronological place, from options or by
asking for each field on a terminal."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from rirtime import complete
from rirtime.cli import output
from rirtime.cli.errors import handle_errors
from rirtime.cli.options import ColorOption
from rirtime.cli.output import ColorMode
from rirtime.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from rirtime.edit import NewEvent


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
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="An editor's note.", show_default=False),
    ] = None,
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
    force: Annotated[
        bool,
        typer.Option("--force", help="Write the file even when it is read-only (its mode stays)."),
    ] = False,
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            "-f",
            metavar="PATH",
            help="The timeline file to add to (default: $RIRTIME_FILE). Never standard input, "
            "nor the chronology that ships with rirtime.",
            show_default=False,
        ),
    ] = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Add an event to a timeline file, in its chronological place.

    Everything else in the file stays byte for byte as it was. The result is checked before
    anything is written; if it would not pass `rirtime check`, nothing is written (exit 1).
    With no options on a terminal, it asks for each field in turn.
    """
    from rirtime import targets
    from rirtime.edit import NewEvent, add_to_file, plan_add
    from rirtime.files import read_input

    with handle_errors(color):
        path = targets.writable_timeline(file)
        name, original = read_input(path)
        if date is None and title is None and not actor:
            if not (output.isatty(sys.stdin) and output.isatty(sys.stderr)):
                raise UsageError("add needs --date, --title and at least one --actor")
            fields = _ask(original, path)
        else:
            missing = [
                n for n, v in (("--date", date), ("--title", title), ("--actor", actor)) if not v
            ]
            if missing:
                raise UsageError(f"add needs {', '.join(missing)}")
            assert date is not None
            assert title is not None
            assert actor
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
        if dry_run:
            planned = plan_add(original, name, fields)
            sys.stdout.write(planned.event_text.replace("\r\n", "\n"))
            output.say(f"would add {planned.event_id} to {name} at {planned.where}")
            return
        planned = add_to_file(path, fields, read_only_ok=force)
        output.say(f"added {planned.event_id} to {name} at {planned.where}")


def _ask(original: bytes, path: str) -> "NewEvent":
    """Ask for each field on the terminal, offering what the timeline already has."""
    from rirtime.edit import NewEvent, make_id, render_event
    from rirtime.load import load_text
    from rirtime.present.safe import visible

    loaded = load_text(original, path)
    t = loaded.timeline

    def offer(label: str, names: list[str]) -> None:
        if names:
            shown = ", ".join(sorted(names))
            sys.stderr.write(f"{label}: {visible(shown)}\n")

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
    taken = {e.id for e in t.events} if t is not None else set()
    preview = render_event(event, make_id(event.title, event.date, taken), indent=0)
    sys.stderr.write("\n" + visible(preview, keep_newlines=True) + "\n")
    if not typer.confirm("Add this event?", default=True, err=True):
        raise typer.Exit(ExitCode.FAILURE)
    return event
