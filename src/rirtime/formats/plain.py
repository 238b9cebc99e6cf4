"""One record a line, tab-separated, no header: the default in a pipe, for cut, grep, awk, sort."""

from __future__ import annotations

from collections.abc import Iterable

from rirtime.formats.content import Document, Rows
from rirtime.model import Event
from rirtime.present.safe import visible

__all__ = ["events", "plain_lines", "rows"]


def _field(text: str) -> str:
    # A tab or line break inside a value would split the record: fold them to spaces.
    return visible(" ".join(text.replace("\t", " ").splitlines()))


def plain_lines(events: Iterable[Event]) -> str:
    """`date<TAB>id<TAB>title<TAB>actors` a line: the date as written, actors comma-joined."""
    out = []
    for e in events:
        date = e.date.text if e.date is not None else ""
        out.append(f"{_field(date)}\t{_field(e.id)}\t{_field(e.title)}\t{','.join(e.actors)}\n")
    return "".join(out)


def events(doc: Document) -> str:
    """The document's events, one a line (see plain_lines)."""
    return plain_lines(doc.events)


def rows(table: Rows) -> str:
    """Every column of each record, as TSV writes it, without the header."""
    from rirtime.formats.tabular import tsv_rows  # not for events: `show` needs only this module

    return tsv_rows(table, header=False)
