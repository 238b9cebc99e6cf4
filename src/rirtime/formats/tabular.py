"""Events as JSON, JSON lines, CSV and TSV: the formats scripts read."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from rirtime.formats.records import FIELDS, LIST_FIELDS, event_record
from rirtime.model import Event
from rirtime.render.safe import visible

__all__ = ["dumps", "to_csv", "to_json", "to_jsonl", "to_tsv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# json.dumps escapes C0 controls itself; these it would leave raw, and they can reorder or
# hijack what a terminal shows (C1 controls, bidi overrides) or break JavaScript (LS, PS).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


# One encoder for every call: json.dumps with options builds a new one each time, which is a
# good part of the cost of writing ten thousand JSON lines.
_COMPACT = json.JSONEncoder(ensure_ascii=False)
_INDENTED = json.JSONEncoder(ensure_ascii=False, indent=2)


def _escape_unsafe(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def dumps(value: Any, indent: int | None = None) -> str:
    """JSON text, UTF-8 as it is, with every character that could act on a terminal escaped."""
    if indent is None:
        text = _COMPACT.encode(value)
    elif indent == 2:
        text = _INDENTED.encode(value)
    else:
        text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(_escape_unsafe, text)


def to_json(events: Iterable[Event]) -> str:
    """A JSON array of event objects."""
    return dumps([event_record(e) for e in events], indent=2) + "\n"


def json_line(event: Event) -> str:
    """The event object as one line of JSON (no newline)."""
    return dumps(event_record(event))


def to_jsonl(events: Iterable[Event], prepared: Sequence[str] | None = None) -> str:
    """One event object a line; `prepared` holds lines already made, by event index."""
    if prepared is not None:
        return "".join(prepared[e.index] + "\n" for e in events)
    return "".join(json_line(e) + "\n" for e in events)


def _cell(name: str, value: Any, list_sep: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if name in LIST_FIELDS:
        return list_sep.join(value)
    return str(value)


def to_csv(events: Iterable[Event]) -> str:
    """RFC 4180 CSV with a header row; lists joined with '; '. A cell that a spreadsheet would
    run as a formula (starting with = + - @, a tab or CR) is prefixed with a quote mark; control
    characters other than newline and tab are shown as visible stand-ins (like `show`)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for event in events:
        record = event_record(event)
        row = []
        for name in FIELDS:
            cell = _cell(name, record[name], "; ")
            if cell.startswith(_FORMULA_START):
                cell = "'" + cell
            row.append(visible(cell, keep_newlines=True, keep_tabs=True))
        writer.writerow(row)
    return out.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
# After those four: every other control character, and what _JSON_UNSAFE names, as \uXXXX.
_TSV_UNSAFE = re.compile("[\x00-\x1f" + _JSON_UNSAFE.pattern[1:])


def _tsv_cell(text: str) -> str:
    escaped = text.translate(_TSV_ESCAPES)
    return _TSV_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)


def to_tsv(events: Iterable[Event]) -> str:
    """Tab-separated values with a header row; a tab, newline, CR or backslash inside a value is
    written as \\t, \\n, \\r or \\\\, and any other control character as \\uXXXX, so that
    every record stays on one line and nothing acts on a terminal."""
    lines = ["\t".join(FIELDS)]
    for event in events:
        record = event_record(event)
        lines.append("\t".join(_tsv_cell(_cell(n, record[n], ",")) for n in FIELDS))
    return "\n".join(lines) + "\n"


def rows_csv(columns: list[str], records: Iterable[dict[str, Any]]) -> str:
    """Any records as CSV with a header row (lists joined with '; ', formulas defused)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        row = []
        for name in columns:
            value = record[name]
            cell = "; ".join(value) if isinstance(value, list) else _cell(name, value, "; ")
            if cell.startswith(_FORMULA_START):
                cell = "'" + cell
            row.append(visible(cell, keep_newlines=True, keep_tabs=True))
        writer.writerow(row)
    return out.getvalue()


def rows_plain(columns: list[str], records: Iterable[dict[str, Any]]) -> str:
    """Any records one a line, tab-separated, no header, lists comma-joined."""
    lines = []
    for record in records:
        cells = []
        for name in columns:
            value = record[name]
            cell = ",".join(value) if isinstance(value, list) else _cell(name, value, ",")
            cells.append(_tsv_cell(cell))
        lines.append("\t".join(cells) + "\n")
    return "".join(lines)


def rows_json(records: Iterable[dict[str, Any]]) -> str:
    """Any records as a JSON array."""
    return dumps(list(records), indent=2) + "\n"
