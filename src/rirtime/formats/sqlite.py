"""The chronology as a SQLite database, for Datasette, sqlite-utils and any SQL: `export sqlite`.

Tables made from spec.py: `events` (a column a scalar field, a date's parts after it as in the
CSV and JSON: formats/records.py), `actors`, `sources`, one link table a list field
(`event_actors`, `event_sources`, `event_tags`, `event_people`, `actor_aliases`, each with a
`position` that keeps the file's order), `event_alternatives` and `alternative_sources`,
`periods` (every one, whatever the filters, as `export json` keeps them) with `period_sources`,
and a one-row `timeline`. Foreign keys tie the links to their entries; every link table is
indexed by what it points to. The database is built in memory and handed back as bytes, which
the caller writes atomically (targets.write_output): a binary format is written only to a file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from rirtime import spec
from rirtime.formats.content import Document
from rirtime.formats.records import (
    DATE_PARTS,
    date_parts,
    entry_record,
    event_record,
    period_record,
)
from rirtime.model import Period

__all__ = ["LINKS", "Link", "to_sqlite"]


class Link(NamedTuple):
    """A list field as a table: `{owner}_{field}` rows of (owner id, position, value)."""

    column: str  # the value's column
    references: str | None = None  # the table whose id the value is


# A list field's table: its value column, and what it references. A field not named here
# still gets a table, with a `value` column.
LINKS: dict[str, Link] = {
    "actors": Link("actor_id", "actors"),
    "sources": Link("source_id", "sources"),
    "tags": Link("tag"),
    "people": Link("person"),
    "aliases": Link("alias"),
}
_OWNER = {"event": "event_id", "actor": "actor_id", "source": "source_id", "period": "period_id"}


def _q(name: str) -> str:
    """An identifier quoted for SQL (`end` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _columns(entry: spec.Entry) -> list[str]:
    """The scalar columns of an entry's table: its id, its text fields, a date with its parts."""
    out = ["id"] if entry.keyed else []
    for f in entry.fields:
        if f.type.is_list or f.type.is_nested:
            continue
        out.append(f.name)
        if f.type is spec.Type.DATE:
            out += [f"{f.name}_{p}" if f.name != "date" else p for p in DATE_PARTS]
    return out


_NUMBERS = ("position", "approximate", "uncertain")  # integers (a boolean as 0 or 1)


def _typed(column: str) -> str:
    """A column as its table declares it: the id its key, a count or a flag an integer."""
    if column == "id":
        return '"id" TEXT PRIMARY KEY'
    return _q(column) + (" INTEGER" if column.endswith(_NUMBERS) else " TEXT")


def _table(name: str, columns: Sequence[str], extra: Sequence[str] = ()) -> str:
    cols = ", ".join(_typed(c) for c in columns)
    return f"CREATE TABLE {_q(name)} ({', '.join([cols, *extra])})"


def _link_table(owner: spec.Entry, f: spec.Field) -> tuple[str, list[str]]:
    """A list field's table and its statements: (owner id, position, value), keyed by the
    first two, each column referencing what it names, and an index on the value."""
    link = LINKS.get(f.name, Link("value"))
    name = f"{owner.name}_{f.name}"
    key = _OWNER[owner.name]
    refs = [f"FOREIGN KEY ({_q(key)}) REFERENCES {_q(owner.name + 's')}(id)"]
    if link.references:
        refs.append(f"FOREIGN KEY ({_q(link.column)}) REFERENCES {_q(link.references)}(id)")
    create = (
        f"CREATE TABLE {_q(name)} ({_q(key)} TEXT NOT NULL, position INTEGER NOT NULL, "
        f"{_q(link.column)} TEXT NOT NULL, PRIMARY KEY ({_q(key)}, position), {', '.join(refs)})"
    )
    index = f"CREATE INDEX {_q(name + '_' + link.column)} ON {_q(name)}({_q(link.column)})"
    return name, [create, index]


_ALT = _columns(spec.ALTERNATIVE)


def _schema() -> Iterator[str]:
    """Every statement that makes the tables, from the spec."""
    yield _table("timeline", ["title", "description"])
    yield _table(
        "actors",
        [*_columns(spec.ACTOR), "position"],
        ["FOREIGN KEY (part_of) REFERENCES actors(id)"],
    )
    yield "CREATE INDEX actors_part_of ON actors(part_of)"
    yield _table("sources", [*_columns(spec.SOURCE), "position"])
    yield _table("events", [*_columns(spec.EVENT), "position"])
    yield 'CREATE INDEX events_start ON events(start, "end")'
    yield _table("periods", [*_columns(spec.PERIOD), "position"])
    for entry in (spec.ACTOR, spec.SOURCE, spec.EVENT, spec.PERIOD):
        for f in entry.fields:
            if f.type.is_list:
                yield from _link_table(entry, f)[1]
    yield (
        f"CREATE TABLE event_alternatives (event_id TEXT NOT NULL, position INTEGER NOT NULL, "
        f"{', '.join(_typed(c) for c in _ALT)}, PRIMARY KEY (event_id, position), "
        "FOREIGN KEY (event_id) REFERENCES events(id))"
    )
    yield (
        "CREATE TABLE alternative_sources (event_id TEXT NOT NULL, alternative INTEGER NOT NULL, "
        "position INTEGER NOT NULL, source_id TEXT NOT NULL, "
        "PRIMARY KEY (event_id, alternative, position), "
        "FOREIGN KEY (event_id, alternative) REFERENCES event_alternatives(event_id, position), "
        "FOREIGN KEY (source_id) REFERENCES sources(id))"
    )
    yield "CREATE INDEX alternative_sources_source_id ON alternative_sources(source_id)"


def _insert(
    db: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Any]
) -> None:
    marks = ", ".join("?" * len(columns))
    names = ", ".join(_q(c) for c in columns)
    db.executemany(f"INSERT INTO {_q(table)} ({names}) VALUES ({marks})", rows)


def _record_row(record: dict[str, Any], columns: Sequence[str], key: str, at: int) -> list[Any]:
    """A table's row from an entry's record: its columns' values (a boolean as 0 or 1)."""
    out: list[Any] = []
    for c in columns:
        if c == "id":
            out.append(key)
        elif c == "position":
            out.append(at)
        else:
            value = record[c]
            out.append(int(value) if isinstance(value, bool) else value)
    return out


def _entries(db: sqlite3.Connection, entry: spec.Entry, items: Sequence[Any]) -> None:
    """Keyed entries (actors, sources) and their list fields' rows."""
    columns = [*_columns(entry), "position"]
    rows = []
    for at, item in enumerate(items):
        record = entry_record(entry, item)
        for f in entry.fields:
            if f.type is spec.Type.DATE:  # a source's `published`: `published_start`, ...
                parts = date_parts(getattr(item, f.name))
                record.update({f"{f.name}_{p}": v for p, v in parts.items()})
        rows.append(_record_row(record, columns, item.id, at))
    table = f"{entry.name}s"
    _insert(db, table, columns, rows)
    for f in entry.fields:
        if f.type.is_list:
            _links(db, entry, f, [(item.id, getattr(item, f.name)) for item in items])


def _links(
    db: sqlite3.Connection, entry: spec.Entry, f: spec.Field, owned: Iterable[tuple[str, Any]]
) -> None:
    name, _ = _link_table(entry, f)
    link = LINKS.get(f.name, Link("value"))
    rows = [(key, i, value) for key, values in owned for i, value in enumerate(values)]
    _insert(db, name, [_OWNER[entry.name], "position", link.column], rows)


def _events(db: sqlite3.Connection, doc: Document) -> None:
    columns = [*_columns(spec.EVENT), "position"]
    rows, alternatives, alt_sources = [], [], []
    for at, event in enumerate(doc.events):
        record = event_record(event)
        rows.append(_record_row(record, columns, event.id, at))
        for i, alt in enumerate(record["alternatives"]):
            alternatives.append([event.id, i, *(_record_row(alt, _ALT, event.id, i))])
            alt_sources += [(event.id, i, j, s) for j, s in enumerate(alt["sources"])]
    _insert(db, "events", columns, rows)
    for f in spec.EVENT.fields:
        if f.type.is_list:
            _links(db, spec.EVENT, f, [(e.id, getattr(e, f.name)) for e in doc.events])
    _insert(db, "event_alternatives", ["event_id", "position", *_ALT], alternatives)
    _insert(
        db, "alternative_sources", ["event_id", "alternative", "position", "source_id"], alt_sources
    )


def _periods(db: sqlite3.Connection, periods: Sequence[Period]) -> None:
    """Every period (background, as in `export json`: no filter removes one) and its lists."""
    columns = [*_columns(spec.PERIOD), "position"]
    rows = [_record_row(period_record(p), columns, p.id, at) for at, p in enumerate(periods)]
    _insert(db, "periods", columns, rows)
    for f in spec.PERIOD.fields:
        if f.type.is_list:
            _links(db, spec.PERIOD, f, [(p.id, getattr(p, f.name)) for p in periods])


def _fill(db: sqlite3.Connection, doc: Document) -> None:
    for statement in _schema():
        db.execute(statement)
    t = doc.timeline
    _insert(db, "timeline", ["title", "description"], [(t.title, t.description)])
    _entries(db, spec.ACTOR, list(t.actors.values()))
    _entries(db, spec.SOURCE, list(t.sources.values()))
    _events(db, doc)
    _periods(db, t.periods)
    db.commit()


def to_sqlite(doc: Document) -> bytes:
    """The database's bytes: every actor, source and period, the events that passed the
    filters and their rows in the link tables. The same chronology gives the same bytes."""
    serialize = getattr(sqlite3.Connection, "serialize", None)  # Python 3.11 and later
    if serialize is not None:
        db = sqlite3.connect(":memory:")
        try:
            _fill(db, doc)
            data: bytes = serialize(db)
            return data
        finally:
            db.close()
    fd, scratch = tempfile.mkstemp(suffix=".db")  # Python 3.10: built in a scratch file
    os.close(fd)
    try:
        db = sqlite3.connect(scratch)
        try:
            _fill(db, doc)
        finally:
            db.close()
        with open(scratch, "rb") as built:
            return built.read()
    finally:
        os.unlink(scratch)
