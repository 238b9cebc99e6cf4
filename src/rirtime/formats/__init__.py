"""The output formats, in one registry: their names, file extensions, and what each writes.

A format writes some of five things: the events `show` lists (EVENTS), the records with columns
that `actors`, `tags` and `sources` list (ROWS), the whole chronology for `export` (DOCUMENT),
one nested value such as `stats`' numbers or `check`'s diagnostics (DATA), and the whole
chronology as a binary file that `export -o FILE` writes and stdout never gets (FILE: bytes).
Each writer lives in a module named in its entry, imported only when that format is chosen, so
that `show --format plain` never loads the HTML exporter and no machine format loads rich.
Adding a format is adding one module and one entry to `FORMATS`; the command line's choices,
help and completion, and `export -o FILE`'s guess from the extension, all read this registry.
What the writers are given (Document, Rows, Data) is in content.py, imported only when something
is written: every command imports this module at start. A format that `import` reads names
its reader in `reads` (a module of its own: csv_in, json_in, timelinejs_in).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from rich.console import RenderableType

    from rirtime.formats.content import Data, Document, Rows

__all__ = [
    "FORMATS",
    "Format",
    "Output",
    "extensions",
    "for_path",
    "offered",
    "readable",
    "write_data",
    "write_document",
    "write_events",
    "write_file",
    "write_rows",
]


class Output(str, Enum):
    """What a format can be asked to write."""

    EVENTS = "events"  # show: the events that matched
    ROWS = "rows"  # actors, tags, sources: records with columns
    DOCUMENT = "document"  # export: the whole chronology
    DATA = "data"  # stats, check: one nested value of plain data
    FILE = "file"  # export -o FILE only: the whole chronology as a binary file (a database)


class Format(NamedTuple):
    """One output format: its name and one-line help, the file extensions that mean it, and for
    each Output it can write, the function that writes it, as "module:function". (A named tuple:
    every start imports the registry, and a dataclass costs five times as much to create.)"""

    name: str
    help: str
    extensions: tuple[str, ...] = ()
    events: str | None = None  # (Document) -> str
    rows: str | None = None  # (Rows) -> str
    document: str | None = None  # (Document) -> str
    data: str | None = None  # (Data) -> str
    file: str | None = None  # (Document) -> bytes, written only to a file, never to stdout
    terminal: bool = False  # writes rich renderables for the console instead of text
    reads: str | None = None  # (bytes, name) -> build.Draft: `import` reads this format

    def writes(self, output: Output) -> bool:
        """Whether this format can write `output`."""
        return self._where(output) is not None

    def writer(self, output: Output) -> Callable[[Any], Any]:
        """The function that writes `output` in this format; its module is imported now."""
        where = self._where(output)
        if where is None:
            raise ValueError(f"the {self.name} format cannot write {output.value}")
        module, _, function = where.partition(":")
        found: Callable[[Any], Any] = getattr(importlib.import_module(module), function)
        return found

    def reader(self) -> Callable[[bytes, str], Any]:
        """The function that reads this format for `import`; its module is imported now."""
        if self.reads is None:
            raise ValueError(f"the {self.name} format cannot be read")
        module, _, function = self.reads.partition(":")
        found: Callable[[bytes, str], Any] = getattr(importlib.import_module(module), function)
        return found

    def _where(self, output: Output) -> str | None:
        return {
            Output.EVENTS: self.events,
            Output.ROWS: self.rows,
            Output.DOCUMENT: self.document,
            Output.DATA: self.data,
            Output.FILE: self.file,
        }[output]


_TABULAR = "rirtime.formats.tabular:"
_TEXT = "rirtime.formats.text:"

# In the order the command line offers them.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "text",
            "a readable view for a terminal, wrapped to its width, in colour",
            events=_TEXT + "events",
            rows=_TEXT + "view",
            data=_TEXT + "view",
            terminal=True,
        ),
        Format(
            "plain",
            "one record a line, tab-separated, no header: for cut, grep, awk and sort",
            events="rirtime.formats.plain:events",
            rows="rirtime.formats.plain:rows",
        ),
        Format(
            "md",
            "Markdown for reports and wikis: a section a year, sources as footnotes",
            extensions=(".md", ".markdown"),
            document="rirtime.formats.markdown:to_markdown",
        ),
        Format(
            "json",
            "JSON: an array of records; with export, the whole document",
            extensions=(".json",),
            events=_TABULAR + "json_events",
            rows=_TABULAR + "json_rows",
            document="rirtime.formats.document:to_json_document",
            data=_TABULAR + "json_data",
            reads="rirtime.formats.json_in:read_json",
        ),
        Format(
            "jsonl",
            "one JSON object a line",
            extensions=(".jsonl", ".ndjson"),
            events=_TABULAR + "jsonl_events",
            document=_TABULAR + "jsonl_events",
        ),
        Format(
            "csv",
            "RFC 4180 with a header row, for spreadsheets (formulas defused)",
            extensions=(".csv",),
            events=_TABULAR + "csv_events",
            rows=_TABULAR + "csv_rows",
            document=_TABULAR + "csv_events",
            reads="rirtime.formats.csv_in:read_csv",
        ),
        Format(
            "tsv",
            "tab-separated values with a header row, escapes for tabs and line breaks",
            extensions=(".tsv",),
            events=_TABULAR + "tsv_events",
        ),
        Format(
            "ics",
            "iCalendar: an all-day event for each event, for calendars",
            extensions=(".ics", ".ical"),
            document="rirtime.formats.ics:to_ics",
        ),
        Format(
            "timelinejs",
            "the JSON that Knight Lab's TimelineJS3 reads, for the web",
            document="rirtime.formats.timelinejs:to_timelinejs",
            reads="rirtime.formats.timelinejs_in:read_timelinejs",
        ),
        Format(
            "html",
            "one self-contained page, no scripts, readable on a phone",
            extensions=(".html", ".htm"),
            document="rirtime.formats.html:to_html",
        ),
        Format(
            "sqlite",
            "a SQLite database (with -o FILE only), for Datasette, sqlite-utils and SQL",
            extensions=(".db", ".sqlite", ".sqlite3"),
            file="rirtime.formats.sqlite:to_sqlite",
        ),
        Format(
            "svg",
            "one self-contained SVG picture of the events on a time axis, for reports",
            extensions=(".svg",),
            document="rirtime.formats.svg:to_svg",
        ),
    )
}


def offered(output: Output) -> list[Format]:
    """The formats that can write `output`, in the registry's order."""
    return [f for f in FORMATS.values() if f.writes(output)]


def readable() -> list[Format]:
    """The formats `import` reads, in the registry's order."""
    return [f for f in FORMATS.values() if f.reads is not None]


def extensions(output: Output) -> list[str]:
    """Every file extension that names a format writing `output`, sorted."""
    return sorted(ext for f in offered(output) for ext in f.extensions)


def for_path(path: str, output: Output) -> Format | None:
    """The format that writes `output` and that the extension of `path` names, if any."""
    suffix = os.path.splitext(path)[1].lower()
    for f in offered(output):
        if suffix in f.extensions:
            return f
    return None


# A writer returns text (a str), or, for a terminal format, anything rich can print.


def write_events(fmt: Format, doc: Document) -> RenderableType:
    """`doc`'s events in `fmt`."""
    written: RenderableType = fmt.writer(Output.EVENTS)(doc)
    return written


def write_rows(fmt: Format, rows: Rows) -> RenderableType:
    """`rows` in `fmt`."""
    written: RenderableType = fmt.writer(Output.ROWS)(rows)
    return written


def write_document(fmt: Format, doc: Document) -> str:
    """The whole document in `fmt`."""
    text: str = fmt.writer(Output.DOCUMENT)(doc)
    return text


def write_file(fmt: Format, doc: Document) -> bytes:
    """The whole document in a binary `fmt`, as the bytes of the file to write."""
    data: bytes = fmt.writer(Output.FILE)(doc)
    return data


def write_data(fmt: Format, data: Data) -> RenderableType:
    """`data` in `fmt`."""
    written: RenderableType = fmt.writer(Output.DATA)(data)
    return written
