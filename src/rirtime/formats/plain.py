"""One event a line, tab-separated, for cut, grep, awk and sort."""

from __future__ import annotations

from collections.abc import Iterable

from rirtime.model import Event
from rirtime.render.safe import visible

__all__ = ["plain_lines"]


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
