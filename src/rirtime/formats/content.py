"""What a format is given to write: a Document (the events, or the whole chronology), Rows (the
records of a listing), or Data (one value).

Named tuples, not dataclasses: a show makes a Document at every start, and creating a dataclass
costs about half a millisecond (a named tuple a tenth of that; typer has made the first already).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from rich.console import RenderableType

    from rirtime.model import Event, Timeline

__all__ = ["Data", "Document", "Rows"]


class Document(NamedTuple):
    """The chronology as a writer sees it: the timeline, the events that passed the filters, and
    how to write them. `show` writes its events from one, `export` the whole of it."""

    timeline: Timeline
    events: Sequence[Event]
    source_name: str  # the file it came from, as the user named it
    filters: Mapping[str, object] = MappingProxyType({})
    toc: bool = False  # md: a table of contents
    mermaid: bool = False  # md: a Mermaid timeline diagram
    json_lines: Sequence[str] | None = None  # each event's JSON line by index, when made already
    long: bool = False  # text: each event's summary, people, quote, note and sources
    oneline: bool = False  # text: one line an event
    matched: int | None = None  # how many passed the filters before --limit; None: all shown
    group_by: str | None = None  # timelinejs: "actor" or "tag", the events' first; None: no groups
    bom: bool = False  # csv: a UTF-8 byte order mark first, which Excel needs to read UTF-8
    lanes: str | None = None  # svg: a lane per "actor" or "tag" (the busiest); None: one lane
    files: Sequence[str] = ()  # the files it came from, when several were read as one


class Rows(NamedTuple):
    """Records with columns, and how a terminal shows them (called only by the text format)."""

    columns: Sequence[str]
    records: Iterable[Mapping[str, Any]]  # read once
    view: Callable[[], RenderableType] | None = None


class Data(NamedTuple):
    """One value of plain data (dicts, lists, strings, numbers), and how a terminal shows it."""

    value: Any
    view: Callable[[], RenderableType] | None = None
