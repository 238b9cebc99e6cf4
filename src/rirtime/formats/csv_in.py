"""Reading CSV: rirtime's own `export csv` columns, or TimelineJS's spreadsheet template, told
apart by the header row (names matched without regard to case, spaces, `_` or `-`).

rirtime's columns come back as `export csv` wrote them: lists split at `;` (an item in double
quotes whole), an alternative read from `2015-12-05 [n9, n10] why`, the quote mark that defused
a formula taken away again; the columns a date adds (start, end, precision...) are made from the
date again. A CSV file names actors and sources only by id: they come back as placeholders, said
on stderr. Each problem is said at FILE:LINE, the line where its row starts.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator

from rirtime import dates, spec
from rirtime.errors import Diagnostic, InvalidTimeline, Loc, Severity
from rirtime.files import BadText, decode, max_bytes
from rirtime.formats.build import Draft, Record
from rirtime.formats.records import DATE_PARTS, FIELDS
from rirtime.formats.timelinejs_in import Slide, SlideError, add_slide, new_state, unknown_note
from rirtime.spec import ID_PATTERN, Type

__all__ = ["TIMELINEJS_COLUMNS", "read_csv"]

TIMELINEJS_COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)


def _key(header: str) -> str:
    """A column's name as it is matched: `End Year`, `end_year` and `ENDYEAR` are one."""
    return re.sub(r"[\s_\-]+", "", header).casefold()


_TIMELINEJS = {_key(c): c for c in TIMELINEJS_COLUMNS}
_RIRTIME = {_key(c): c for c in FIELDS}
_REQUIRED = ("id", "date", "title", "actors")


class _Rows:
    """The rows of a CSV text, each with the line it starts at; a broken one an error there."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name

    def fail(self, line: int, message: str) -> InvalidTimeline:
        diag = Diagnostic(Loc(self.name, line, 1), Severity.ERROR, "csv", message)
        return InvalidTimeline(self.name, [diag], self.text)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(io.StringIO(self.text, newline=""), strict=True)
        line = 1
        # Python's csv refuses a cell over 128 KiB; one may be as large as the file that holds
        # it, and the file is already bounded by max_bytes. Only while this reader reads.
        before = csv.field_size_limit(max(csv.field_size_limit(), min(max_bytes(), sys.maxsize)))
        try:
            for row in reader:
                yield line, row
                line = reader.line_num + 1
        except csv.Error as exc:
            raise self.fail(line, f"not valid CSV: {exc}") from None
        finally:
            csv.field_size_limit(before)


def read_csv(data: bytes, name: str) -> Draft:
    """The CSV file as a Draft: rirtime's columns, or TimelineJS's."""
    try:
        text = decode(data, name)
    except BadText as exc:
        raise InvalidTimeline(name, [exc.diagnostic], None) from None
    if "\x00" in text:
        at = text[: text.index("\x00")].count("\n") + 1
        raise _Rows(text, name).fail(at, "a NUL byte (is this a binary file?)")
    rows = iter(_Rows(text, name))
    first = next(rows, None)
    if first is None:
        raise _Rows(text, name).fail(1, "the file is empty: a header row is needed")
    _, header = first
    keys = [_key(h) for h in header]
    if "headline" in keys or "year" in keys:
        return _timelinejs(_Rows(text, name), header, keys, rows)
    missing = [c for c in _REQUIRED if c not in keys]
    if missing:
        raise _Rows(text, name).fail(
            1,
            "the header is neither rirtime's `export csv` columns (missing "
            + ", ".join(missing)
            + ") nor TimelineJS's template (Year, Month, Day, ... Headline, Text)",
        )
    return _rirtime(_Rows(text, name), header, keys, rows)


def _columns(  # noqa: PLR0913 - the header, and what to make of its names
    source: _Rows,
    header: list[str],
    keys: list[str],
    known: dict[str, str],
    draft: Draft,
    *,
    made: frozenset[str] = frozenset(),
) -> dict[int, str]:
    """Which column holds what (by its name as the format writes it); the `made` ones (made
    from the date again) read past; any other said, once."""
    out: dict[int, str] = {}
    unread: list[str] = []
    for i, (shown, key) in enumerate(zip(header, keys, strict=True)):
        if key in made:
            continue
        if key in known and known[key] not in out.values():
            out[i] = known[key]
        elif key in known:
            raise source.fail(1, f"the column {shown!r} is there twice")
        elif shown.strip():
            unread.append(shown)
    _unread_note(draft, f"{source.name}:1", unread)
    return out


_NAMED = 3  # unread columns said one by one; more are counted, and the first few named


def _unread_note(draft: Draft, where: str, unread: list[str]) -> None:
    """The columns not read, said: one line each when they are few, else one line with their
    number and the first few names (ten thousand columns are not ten thousand lines)."""
    if len(unread) <= _NAMED:
        for shown in unread:
            draft.note(where, f"the column {shown!r} is not read: not carried over")
        return
    names = ", ".join(repr(shown) for shown in unread[:_NAMED])
    draft.note(where, f"{len(unread):,} columns are not read, not carried over: {names}, …")


def _cells(columns: dict[int, str], row: list[str]) -> dict[str, str]:
    return {columns[i]: cell for i, cell in enumerate(row) if i in columns}


# -- rirtime's own columns -----------------------------------------------------------------------

# A quote mark that `export csv` put before a formula start (tabular._FORMULA), taken away: one,
# where quote marks (`'`, a quoted item's `"`) and then a formula start follow.
_DEFUSED = re.compile(
    "(^|[,;\t\r\n])([^\\S\t\r\n]*)'"
    "(?=['\"]*[=+\\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b])"
)
_ALTERNATIVE = re.compile(r"(?P<date>\S+)(?: \[(?P<sources>[^\]]*)\])?(?: (?P<note>.*))?", re.S)
# A list item in double quotes (a quote inside doubled), then the end of the item: `; ` or the
# end of the cell. An item that starts with a quote but is not one of these is read as it is.
_QUOTED_ITEM = re.compile(r' *"((?:[^"]|"")*)" *(?:;|\Z) ?')


def _undefused(cell: str) -> str:
    return _DEFUSED.sub(r"\1\2", cell)


def _items(cell: str, sep: str) -> Iterator[tuple[str, bool]]:
    """The items of a list cell as `export csv` wrote them (tabular._quoted), each with whether
    it was quoted: an item in double quotes is read whole, `;` and spaces in it too; any other
    runs to the next `sep` (as every version has written them)."""
    pos = 0
    while pos < len(cell):
        m = _QUOTED_ITEM.match(cell, pos)
        if m is not None:
            yield m[1].replace('""', '"'), True
            pos = m.end()
            continue
        end = cell.find(sep, pos)
        end = len(cell) if end < 0 else end
        yield cell[pos:end], False
        pos = end + len(sep)


def _list(cell: str) -> list[str]:
    out = []
    for item, quoted in _items(cell, ";"):
        if quoted or item.strip():
            out.append(item if quoted else item.strip())
    return out


def _texts(cell: str) -> list[str]:
    return [item for item, quoted in _items(cell, "; ") if quoted or item]


def _is_date(text: str) -> bool:
    try:
        dates.parse(text)
    except dates.DateError:
        return False
    return True


def _alternatives(cell: str) -> list[Record]:
    """`2015-12-05 [n9, n10] why; "2015-12 [] [sic]; more"` as records. An item in quotes is
    one alternative whole; an unquoted one that does not start with a date goes on the note
    before it (a `;` inside a note, as versions before quoting wrote it)."""
    out: list[Record] = []
    for item, quoted in _items(cell, "; "):
        piece = item if quoted else item.strip()
        m = _ALTERNATIVE.fullmatch(piece)
        if m is not None and _is_date(m["date"]):
            sources = [s.strip() for s in (m["sources"] or "").split(",") if s.strip()]
            out.append({"date": m["date"], "sources": sources, "note": m["note"]})
        elif out and not quoted:
            note = out[-1]["note"]
            out[-1]["note"] = f"{note}; {piece}" if note else piece
        else:
            raise ValueError(f"alternatives: {piece!r} does not start with a date")
    return out


def _field(f: spec.Field, cell: str) -> object:
    if f.type is Type.TEXTS:
        return _texts(cell)
    if f.type is Type.IDS:
        ids = _list(cell)
        bad = [i for i in ids if not ID_PATTERN.fullmatch(i)]
        if bad:
            raise ValueError(f"{f.name}: {bad[0]!r} is not an id (lowercase kebab-case)")
        return ids
    if f.type.is_nested:
        return _alternatives(cell)
    if f.type is Type.DATE:
        problem = None if _is_date(cell) else "is not a date in the notation"
        if problem:
            raise ValueError(f"date {cell!r} {problem}")
    if f.type is Type.ID and not ID_PATTERN.fullmatch(cell):
        raise ValueError(f"{f.name} {cell!r} is not an id (lowercase kebab-case)")
    return cell


def _event(cells: dict[str, str]) -> Record:
    record: Record = {}
    for f in spec.EVENT.fields:
        cell = _undefused(cells.get(f.name, ""))
        if f.type in (Type.ID, Type.DATE):  # a stray space of a spreadsheet; text keeps its own
            cell = cell.strip()
        if cell:
            record[f.name] = _field(f, cell)
        elif f.required:
            raise ValueError(f"{f.name} is empty: every event has one")
    return record


def _rirtime(
    source: _Rows, header: list[str], keys: list[str], rows: Iterator[tuple[int, list[str]]]
) -> Draft:
    draft = Draft(title="Imported events")
    known = {k: v for k, v in _RIRTIME.items() if v not in DATE_PARTS}
    derived = frozenset(_key(p) for p in DATE_PARTS)
    columns = _columns(source, header, keys, known, draft, made=derived)
    seen: dict[str, int] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        try:
            record = _event(_cells(columns, row))
        except ValueError as exc:
            raise source.fail(line, str(exc)) from None
        if record["id"] in seen:
            raise source.fail(
                line, f"id {record['id']!r} is there already, at line {seen[record['id']]}"
            )
        seen[record["id"]] = line
        draft.events.append(record)
        draft.places.append(f"{source.name}:{line}")
    return draft


# -- TimelineJS's template -----------------------------------------------------------------------


def _slide(where: str, cells: dict[str, str]) -> Slide:
    def cell(name: str) -> str:
        return cells.get(name, "")

    return Slide(
        where=where,
        start={
            "year": cell("Year"),
            "month": cell("Month"),
            "day": cell("Day"),
            "time": cell("Time"),
        },
        end={
            "year": cell("End Year"),
            "month": cell("End Month"),
            "day": cell("End Day"),
            "time": cell("End Time"),
        },
        display_date=cell("Display Date"),
        headline=cell("Headline"),
        text=cell("Text"),
        media={
            "url": cell("Media"),
            "credit": cell("Media Credit"),
            "caption": cell("Media Caption"),
            "thumbnail": cell("Media Thumbnail"),
        },
        group=cell("Group"),
        type=cell("Type"),
        background=cell("Background"),
    )


def _timelinejs(
    source: _Rows, header: list[str], keys: list[str], rows: Iterator[tuple[int, list[str]]]
) -> Draft:
    draft = Draft(title="", ordered=False)
    columns = _columns(source, header, keys, _TIMELINEJS, draft)
    state = new_state()
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        slide = _slide(f"{source.name}:{line}", _cells(columns, row))
        try:
            add_slide(draft, state, slide)
        except SlideError as exc:
            raise source.fail(line, str(exc)) from None
    draft.title = draft.title or "Imported from TimelineJS"
    unknown_note(draft, state, source.name)
    return draft
