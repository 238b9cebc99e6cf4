"""`rirtime export`: the (filtered) chronology in a format for other tools, to stdout or a file."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from rirtime.cli import output
from rirtime.cli.errors import handle_errors
from rirtime.cli.options import (
    BomOption,
    FileOption,
    NoCacheOption,
    format_argument,
    with_filters,
)
from rirtime.errors import UsageError
from rirtime.formats import Format, Output, extensions, for_path, offered

if TYPE_CHECKING:
    from rirtime.query import Filter


_LANES = 6  # formats/svg.py's LANES, which is not imported at start


class GroupBy(str, Enum):
    """What TimelineJS groups events by (their first actor, or their first tag), and what the
    chart's rows and the SVG's lanes are."""

    ACTOR = "actor"
    TAG = "tag"


_OUTPUTS = (Output.DOCUMENT, Output.FILE)  # text to stdout or a file; binary to a file only


def _from_extension(target: str | None) -> Format:
    """The format FILE's extension names, or a UsageError naming every format and extension."""
    found = next((f for o in _OUTPUTS if target is not None and (f := for_path(target, o))), None)
    if found is None:
        names = ", ".join(f.name for o in _OUTPUTS for f in offered(o))
        known = ", ".join(sorted(e for o in _OUTPUTS for e in extensions(o)))
        raise UsageError(
            f"name a FORMAT ({names}), or give -o FILE with a known extension ({known})"
        )
    return found


@with_filters(ordering=True)
def export(
    wanted: "Filter",
    fmt: Annotated[
        Format | None,
        format_argument(
            Output.DOCUMENT, "Optional with -o FILE: the extension tells it.", Output.FILE
        ),
    ] = None,
    target: Annotated[
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
    group_by: Annotated[
        GroupBy | None,
        typer.Option(
            "--group-by",
            help="timelinejs: group the events by their first actor or tag, in 6 groups at "
            "most (the largest; the rest as 'Other actors' or 'Other tags'). Default: no groups.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            "--by",
            help=f"svg: a lane for each of the {_LANES} busiest actors or tags (the rest in one "
            "more). Default: one lane.",
            show_default=False,
        ),
    ] = None,
    bom: BomOption = False,
    file: FileOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Write the (filtered) chronology as FORMAT, to stdout or atomically to a file.

    An existing file is replaced only with --force; the timeline itself is never written over.
    """
    from rirtime import targets
    from rirtime.formats import write_document, write_file
    from rirtime.selection import select

    with handle_errors():
        to_file = None if targets.is_stdout(target) else target
        chosen = fmt or _from_extension(to_file)
        binary = chosen.writes(Output.FILE)
        if binary and to_file is None:
            raise UsageError(
                f"{chosen.name} writes a binary file, never to stdout: give -o FILE "
                f"(rirtime export {chosen.name} -o timeline{chosen.extensions[0]})"
            )
        _ignored(
            chosen, group_by=group_by is not None, bom=bom, by=by is not None, md=toc or mermaid
        )
        selected = select(file, wanted, no_cache=no_cache)
        doc = selected.document(toc=toc, mermaid=mermaid)
        doc = doc._replace(
            group_by=group_by.value if group_by else None, bom=bom, lanes=by.value if by else None
        )
        text = write_file(chosen, doc) if binary else write_document(chosen, doc)
        if to_file is None:
            assert isinstance(text, str)
            sys.stdout.write(text)
            return
        targets.write_output(to_file, text, force=force, read=selected.files)
        count = len(selected.events)
        from rirtime.names import plural

        output.say(f"wrote {to_file} ({chosen.name}, {plural(count, 'event')})")


def _ignored(chosen: Format, *, group_by: bool, bom: bool, by: bool, md: bool) -> None:
    """Say on stderr that an option of one format does nothing for the format chosen."""
    options = (
        (group_by, "--group-by", "timelinejs"),
        (bom, "--bom", "csv"),
        (by, "--by", "svg"),
        (md, "--toc or --mermaid", "md"),
    )
    for given, name, only in options:
        if given and chosen.name != only:
            output.say(f"{name} changes only the {only} export; {chosen.name} ignores it")
