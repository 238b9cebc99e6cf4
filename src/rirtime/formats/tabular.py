"""CSV, TSV, JSON and JSON lines: the formats scripts read, one writer each for any records.

Events are records too (`event_rows`: the event object's keys as columns), so `show --format csv`
and `actors --format csv` go through the same writer, with the same quoting and defusing.
`dumps` is the one JSON encoder of rirtime's output.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Any

from rirtime.formats.content import Data, Document, Rows
from rirtime.formats.records import FIELDS, event_record
from rirtime.model import Event, known_overview
from rirtime.present.safe import BLANK, INVISIBLE, visible

__all__ = [
    "BOM",
    "csv_events",
    "csv_rows",
    "dumps",
    "event_rows",
    "json_data",
    "json_events",
    "json_line",
    "json_rows",
    "jsonl_events",
    "jsonl_rows",
    "tsv_events",
    "tsv_rows",
]

# A spreadsheet runs a cell as a formula when it starts with one of these (Excel reads the
# fullwidth and small forms as the ASCII ones); and it may split a cell where the file's author
# saw none: Excel in a semicolon locale (Russian, German, French) at `;`, LibreOffice's import at
# a tab or `;` as well as `,`. So each part is defused as a cell would be: `Talks;'=cmd()`.
_FORMULA = re.compile(
    # The space before a trigger excludes the separators (tab, CR, LF): a run of line breaks
    # is then read once, not rescanned from each of them (quadratic).
    # The trigger is only looked at, not taken: a tab or CR that starts a formula is also the
    # separator before the next part ("\t=" is "'\t'=").
    # Quote marks before it (`'=`, a quoted list item `"=`) get one more too: the reader takes
    # away exactly one, so a text that itself starts with `'=` comes back as it was.
    "(^|[,;\t\r\n])([^\\S\t\r\n]*)"
    "(?=['\"]*[=+\\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b])"
)


# json.dumps escapes C0 controls itself; these it would leave raw, and they can reorder, hide or
# hijack what a terminal shows (C1 controls, bidi overrides, zero-width and other invisible
# characters) or break JavaScript (LS, PS). An escape loses nothing: a reader gets them back.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{INVISIBLE}{BLANK}]")


# One encoder for every call: json.dumps with options builds a new one each time, which is a
# good part of the cost of writing ten thousand JSON lines.
_COMPACT = json.JSONEncoder(ensure_ascii=False)
_INDENT = 2  # the indented exports' indent, the one with an encoder of its own
_INDENTED = json.JSONEncoder(ensure_ascii=False, indent=_INDENT)


_BMP_END = 0x10000  # past the Basic Multilingual Plane, JSON escapes a character in two halves


def _escape_unsafe(m: re.Match[str]) -> str:
    """A JSON escape: `\\u200b`; beyond the BMP (a tag character) a UTF-16 surrogate pair."""
    code = ord(m.group())
    if code < _BMP_END:
        return f"\\u{code:04x}"
    high, low = divmod(code - _BMP_END, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def _escape_for_tsv(m: re.Match[str]) -> str:
    """A TSV escape: `\\u200b`, or `\\U000e0041` beyond the BMP."""
    code = ord(m.group())
    return f"\\u{code:04x}" if code < _BMP_END else f"\\U{code:08x}"


def dumps(value: Any, indent: int | None = None) -> str:
    """JSON text, UTF-8 as it is, with every character that could act on a terminal escaped."""
    if indent is None:
        text = _COMPACT.encode(value)
    elif indent == _INDENT:
        text = _INDENTED.encode(value)
    else:
        text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(_escape_unsafe, text)


def event_rows(events: Iterable[Event]) -> Rows:
    """Events as records, made one at a time: the event object, its keys as the columns."""
    return Rows(FIELDS, (event_record(e) for e in events))


def _cell(value: Any, list_sep: str, *, quoted: bool = False) -> str:
    """A value as one cell's text; a list's items joined with `list_sep`, and with `quoted`
    (CSV, which is read back) each item that reading at `;` would change written quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        items = (_item(v) for v in value)
        return list_sep.join(_quoted(i) for i in items) if quoted else list_sep.join(items)
    return str(value)


def _item(value: Any) -> str:
    """An item of a list cell; an alternative date as `2015-12-05 [n9] why` (its own parts are
    in the JSON), with `[]` for no sources before a note that starts with `[` (else the note's
    start would read back as its sources)."""
    if not isinstance(value, dict):
        return str(value)
    parts = [str(value["date"])]
    note = value["note"]
    if value["sources"] or (note and str(note).startswith("[")):
        parts.append("[" + ", ".join(value["sources"]) + "]")
    if note:
        parts.append(str(note))
    return " ".join(parts)


def _quoted(item: str) -> str:
    """The item as it is when it reads back so (`csv_in._items`): not empty, no `;` or `"` in
    it, no space at either end; else in double quotes, a quote inside doubled (as CSV does)."""
    if item and item.strip() == item and ";" not in item and '"' not in item:
        return item
    return '"' + item.replace('"', '""') + '"'


# -- JSON ----------------------------------------------------------------------------------------


def json_rows(rows: Rows) -> str:
    """A JSON array of the records."""
    return dumps(list(rows.records), indent=2) + "\n"


def json_events(doc: Document) -> str:
    """A JSON array of event objects."""
    return json_rows(event_rows(doc.events))


def json_data(data: Data) -> str:
    """The value as indented JSON."""
    return dumps(data.value, indent=2) + "\n"


def json_line(event: Event) -> str:
    """The event object as one line of JSON (no newline)."""
    return dumps(event_record(event))


def jsonl_rows(rows: Rows) -> str:
    """One record a line."""
    return "".join(dumps(record) + "\n" for record in rows.records)


def jsonl_events(doc: Document) -> str:
    """One event object a line, from the lines the cache made already when it has them."""
    prepared = doc.json_lines
    if prepared is not None:
        if doc.events is doc.timeline.events and known_overview(doc.events) is not None:
            # All of a cached chronology, in order: its lines as they are, its events unread.
            return "".join(line + "\n" for line in prepared)
        return "".join(prepared[e.index] + "\n" for e in doc.events)
    return jsonl_rows(event_rows(doc.events))


# -- CSV -----------------------------------------------------------------------------------------


def _defused(cell: str) -> str:
    """The cell with a quote mark before each formula start: at its beginning, and after every
    `,`, `;`, tab or line break (and the spaces after it) where a spreadsheet may split it."""
    return _FORMULA.sub(r"\1\2'", cell)


def csv_rows(rows: Rows) -> str:
    """RFC 4180 CSV with a header row, every field quoted; lists joined with '; ', an item that
    would not read back so in double quotes (`_quoted`). A cell, or a
    part of one after `,` `;` or a tab, that a spreadsheet would run as a formula (starting
    with = + - @, a tab or CR, or their fullwidth forms) gets a quote mark first; control and
    invisible characters other than newline and tab are shown as visible stand-ins (as `show`
    does)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(rows.columns)
    for record in rows.records:
        cells = (_cell(record[name], "; ", quoted=True) for name in rows.columns)
        writer.writerow(_defused(visible(c, keep_newlines=True, keep_tabs=True)) for c in cells)
    return out.getvalue()


# Excel on Windows reads a CSV file as the system's code page (Windows-1252, 1251...) unless it
# starts with a UTF-8 byte order mark, and "Erdoğan" or "Россия" comes out as mojibake. Opt-in, as
# other readers (Python's csv, pandas without utf-8-sig, cut) take the mark for a character.
BOM = "\ufeff"


def csv_events(doc: Document) -> str:
    """The events as CSV, one a row; with `doc.bom`, a byte order mark first, for Excel."""
    return (BOM if doc.bom else "") + csv_rows(event_rows(doc.events))


# -- TSV -----------------------------------------------------------------------------------------

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
# After those four: every other control character, and what _JSON_UNSAFE names, as \uXXXX.
_TSV_UNSAFE = re.compile("[\x00-\x1f" + _JSON_UNSAFE.pattern[1:])


def _tsv_cell(text: str) -> str:
    escaped = text.translate(_TSV_ESCAPES)
    return _TSV_UNSAFE.sub(_escape_for_tsv, escaped)


def tsv_rows(rows: Rows, *, header: bool = True) -> str:
    """Tab-separated values, lists comma-joined; a tab, newline, CR or backslash inside a value
    is written as \\t, \\n, \\r or \\\\, and any other control or invisible character as
    \\uXXXX (\\UXXXXXXXX beyond the BMP), so that every record stays on one line and nothing
    acts on a terminal."""
    lines = ["\t".join(rows.columns)] if header else []
    for record in rows.records:
        lines.append("\t".join(_tsv_cell(_cell(record[n], ",")) for n in rows.columns))
    return "".join(line + "\n" for line in lines)


def tsv_events(doc: Document) -> str:
    """The events as TSV with a header row, one a line."""
    return tsv_rows(event_rows(doc.events))
