"""Timeline -> text in the formats other tools read; one module a format, each returns a str.

`EXPORTERS` maps a format name to where its function lives; a module is imported only when its
format is asked for, so adding a format is adding one module and one line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rirtime.model import Event, Timeline

__all__ = ["EXPORTERS", "EXTENSIONS", "Document", "exporter"]


@dataclass(frozen=True)
class Document:
    """What an exporter writes: the timeline, the events that passed the filters, and how."""

    timeline: Timeline
    events: list[Event]
    source_name: str  # the file it came from, as the user named it
    filters: Mapping[str, object] = field(default_factory=dict)
    toc: bool = False  # md: a table of contents
    mermaid: bool = False  # md: a Mermaid timeline diagram
    json_lines: Sequence[str] | None = None  # each event's JSON line by index, when made already


EXPORTERS: dict[str, tuple[str, str]] = {
    "md": ("rirtime.formats.markdown", "to_markdown"),
    "json": ("rirtime.formats.document", "to_json_document"),
    "jsonl": ("rirtime.formats.document", "to_jsonl"),
    "csv": ("rirtime.formats.document", "to_csv"),
    "ics": ("rirtime.formats.ics", "to_ics"),
    "timelinejs": ("rirtime.formats.timelinejs", "to_timelinejs"),
    "html": ("rirtime.formats.html", "to_html"),
}

# What `-o FILE` means when no format is named.
EXTENSIONS: dict[str, str] = {
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".ics": "ics",
    ".ical": "ics",
    ".html": "html",
    ".htm": "html",
}


def exporter(name: str) -> Callable[[Document], str]:
    """The export function of a format, imported now."""
    module_name, function = EXPORTERS[name]
    module = importlib.import_module(module_name)
    func: Callable[[Document], str] = getattr(module, function)
    return func
