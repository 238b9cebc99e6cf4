"""A cache of loaded and checked timelines, so that reading a large unchanged file is instant.

An entry lives under the user's cache folder (`$XDG_CACHE_HOME/rirtime`, else `~/.cache/rirtime`),
one file per timeline path, and holds the model (each entry as named fields, as spec.py names
them) and its diagnostics: a first line with all but the events' rows (and each event's id and
the events' `Overview`, what a view needs before its first event), then the rows, BLOCK a line,
read only as they are asked for (`StoredEvents`). It is used only when the path, the size, the
modification time, a BLAKE2 hash of the bytes and a fingerprint of rirtime's own code all match,
so it can never serve stale data, nor data checked by other rules; it is written atomically; an
entry that is corrupt, foreign or from another version is ignored and rebuilt. It is plain JSON
lines, never pickle: reading it runs nothing. The folder is private (0700) and pruned on every
write to the entries used last (MAX_ENTRIES, MAX_TOTAL); each stored JSON line is checked before
it goes to stdout.

A cached timeline knows where each entry starts, not where each of its fields is (its `Places`
are `partial`, and asking one for a field's place raises): nothing that reads from the cache
needs more, because its diagnostics were found before it was stored.
`--no-cache` or `RIRTIME_NO_CACHE=1` turn the cache off.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import chain, islice, starmap
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from rirtime import __version__, dates, spec
from rirtime.errors import Diagnostic, Loc, Severity
from rirtime.files import BLANK, INVISIBLE, blake2b
from rirtime.model import (
    Actor,
    ActorKind,
    Alternative,
    Event,
    Overview,
    Overviewed,
    Period,
    Places,
    Source,
    Timeline,
    overview,
    plain,
)
from rirtime.spec import Type

__all__ = [
    "BLOCK",
    "MAX_ENTRIES",
    "MAX_TOTAL",
    "Hit",
    "StoredEvents",
    "cache_folder",
    "code_fingerprint",
    "enabled",
    "lookup",
    "store",
]

_FORMAT = "rirtime-cache"
_VERSION = 6  # 5: periods; 6: events in blocks after the header, read as asked for
_PACKAGE = Path(__file__).parent
_fingerprint: list[str] = []  # computed once a process


def code_fingerprint() -> str:
    """What identifies the code that reads and checks files: every module of the package, by
    name, size and modification time. In a source checkout the version does not change when
    a rule does; this does, so an entry made by other code is never used."""
    if not _fingerprint:
        h = blake2b(digest_size=16)
        for parts, path in sorted(_modules(str(_PACKAGE))):
            try:
                st = os.stat(path)
            except OSError:
                continue
            name = "/".join(parts)
            h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        _fingerprint.append(h.hexdigest())
    return _fingerprint[0]


def _modules(folder: str, within: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """What `Path(folder).rglob("*.py")` finds, as (its parts below `folder`, its path), in the
    same order once sorted; with os.scandir, as pathlib's walk took a millisecond of each start."""
    try:
        with os.scandir(folder) as entries:
            found = list(entries)
    except PermissionError:  # as rglob: a folder that cannot be listed is skipped
        return
    for entry in found:
        parts = (*within, entry.name)
        if entry.name.endswith(".py"):
            yield parts, entry.path
        if entry.is_dir() and not entry.is_symlink():  # rglob follows no link to a folder
            yield from _modules(entry.path, parts)


def enabled(*, no_cache: bool = False) -> bool:
    """Whether to use the cache: not with --no-cache, nor with RIRTIME_NO_CACHE set (not 0)."""
    env = os.environ.get("RIRTIME_NO_CACHE", "")
    return not no_cache and env.lower() in ("", "0", "false", "no")


def cache_folder() -> Path:
    """`$XDG_CACHE_HOME/rirtime`, else `~/.cache/rirtime`: a relative XDG_CACHE_HOME is ignored,
    as the XDG spec says (it would put a cache in whatever folder a command is run from)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rirtime"


_PRIVATE = 0o700  # the XDG spec's mode for a folder it creates: entries hold a user's data


def _make_folder(folder: Path) -> None:
    """Create the cache folder and any missing parent, each 0700 (mkdir -p would make the
    parents with the umask's mode), and make a folder of ours that is open to others 0700."""
    missing: list[Path] = []
    at = folder
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=_PRIVATE)
    st = os.lstat(folder)
    if stat.S_ISDIR(st.st_mode) and st.st_mode & 0o077 and st.st_uid == os.geteuid():
        os.chmod(folder, _PRIVATE)


def _own_folder() -> Path | None:
    """The cache folder when this user owns it (and the link at its name, if it is one), else
    None: a folder someone else controls is neither read nor written, nor pruned."""
    folder = cache_folder()
    me = os.geteuid()
    try:
        if os.lstat(folder).st_uid != me:
            return None
        st = os.stat(folder)
    except OSError:
        return None
    return folder if stat.S_ISDIR(st.st_mode) and st.st_uid == me else None


def _entry_path(real: str, folder: Path) -> Path:
    name = blake2b(real.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return folder / f"{name}.json"


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=32).hexdigest()


def _key(real: str, data: bytes) -> dict[str, Any] | None:
    try:
        st = os.stat(real)
    except OSError:
        return None
    return {
        "format": _FORMAT,
        "version": _VERSION,
        "rirtime": __version__,
        "code": code_fingerprint(),
        "path": real,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "blake2b": _digest(data),
    }


# -- model <-> plain data, field by field as spec.py names them ------------------------------------


def _texts(plain: Any) -> tuple[str, ...]:
    if not isinstance(plain, list) or not all(type(x) is str for x in plain):
        raise TypeError("a list of text")
    return tuple(plain)


def _texts_column(column: Sequence[Any], *, required: bool) -> list[Any]:
    """A column of lists of text as tuples (None where it may be missing), checked as a whole:
    `map(type, ...)` runs in C, where a check of each list in Python was a fifth of a cached
    read of 10,000 events (benchmarks/notes-cacheread.md)."""
    kinds = set(map(type, column))
    if not kinds <= ({list} if required else {list, type(None)}):
        raise TypeError("a list of text")
    if type(None) in kinds:
        lists = [v for v in column if v is not None]
        _check_texts(chain.from_iterable(lists), required=True)
        return [None if v is None else tuple(v) for v in column]
    _check_texts(chain.from_iterable(column), required=True)
    return list(map(tuple, column))


def _alternatives(plain: Any) -> tuple[Alternative, ...]:
    """An event's alternatives as stored: a list of {date, sources, note}, each checked."""
    if not isinstance(plain, list):
        raise TypeError("alternatives")
    out = []
    for item in plain:
        if not isinstance(item, dict) or list(item) != list(spec.ALTERNATIVE.names):
            raise TypeError("an alternative")
        note = item["note"]
        if note is not None and type(note) is not str:
            raise TypeError("an alternative's note")
        out.append(Alternative(dates.parse(item["date"]), _texts(item["sources"]), note))
    return tuple(out)


_CONVERT: dict[Type, Callable[[Any], Any]] = {
    Type.DATE: dates.parse,
    Type.ACTOR_KIND: ActorKind,
    Type.TEXTS: _texts,
    Type.IDS: _texts,
    Type.ALTERNATIVES: _alternatives,
}
# For each kind of entry, its fields and how to read each back (None: text as it is). Made once:
# reading ten thousand cached events is a hundred thousand of these.
_Readers = tuple[tuple[str, Callable[[Any], Any] | None], ...]
_READERS: dict[str, _Readers] = {
    e.name: tuple((f.name, _CONVERT.get(f.type)) for f in e.fields if not f.type.is_entries)
    for e in spec.KINDS.values()
}


def _columns(entry: spec.Entry) -> list[str]:
    """The names of a table's columns: the entry's place, its key for a keyed entry, its fields."""
    return ["@line", "@column", "@length", *(["id"] if entry.keyed else []), *entry.names]


def _rows(entry: spec.Entry, items: Iterable[Any]) -> Iterator[list[Any]]:
    """Each entry as a row of plain values: its place, its key for a keyed entry, its fields."""
    get = attrgetter("id", *entry.names) if entry.keyed else attrgetter(*entry.names)
    first = 1 if entry.keyed else 0
    converted = [(k, f) for k, f in enumerate(entry.fields, start=first) if not f.type.is_text]
    for item in items:
        loc = item.places.entry
        values = list(get(item))
        for k, f in converted:
            values[k] = plain(f, values[k])
        yield [loc.line, loc.column, loc.length, *values]


def _table(entry: spec.Entry, items: Iterable[Any]) -> dict[str, Any]:
    """Entries as a table whose header names its columns (rows of plain values, compact)."""
    return {"columns": _columns(entry), "rows": list(_rows(entry, items))}


def _untable(entry: spec.Entry, table: dict[str, Any], path: str) -> Iterator[tuple[Any, ...]]:
    """Each row as the model's positional arguments: its id for a keyed entry, its fields in
    the spec's order (the model's own, held by a test), and partial places (only the entry's
    own place is kept: its diagnostics were found before it was stored). Column by column, as
    the cost of a cached read is mostly this."""
    if table["columns"] != _columns(entry):
        raise ValueError(f"{entry.name}: stored by another version of the format")
    rows = table["rows"]
    width = len(table["columns"])
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [()] * width
    if len(columns) != width:
        raise ValueError("rows")
    first = 3
    if entry.keyed:
        first = 4
        _check_texts(columns[3], required=True)
    for k, (name, convert) in enumerate(_READERS[entry.name], start=first):
        required = name in entry.required
        if convert is None:
            _check_texts(columns[k], required=required)
        elif convert is _texts:
            columns[k] = _texts_column(columns[k], required=required)
        else:
            if required and any(v is None for v in columns[k]):
                raise TypeError(f"{name}: required")
            columns[k] = [None if v is None else convert(v) for v in columns[k]]
    if not set(map(type, chain.from_iterable(columns[:3]))) <= {int}:
        raise TypeError("place")
    places = [
        Places(Loc(path, line, col, length), partial=True)
        for line, col, length in zip(columns[0], columns[1], columns[2], strict=True)
    ]
    return zip(*columns[3:], places, strict=True)


def _check_texts(column: Iterable[Any], *, required: bool = False) -> None:
    if not set(map(type, column)) <= ({str} if required else {str, type(None)}):
        raise TypeError("text")


def _dump_timeline(t: Timeline) -> dict[str, Any]:
    """The timeline but its events' rows, which follow the entry's first line in blocks
    (`_blocks`); the events' ids and overview are here, so that a view can start, and the
    JSON lines be checked, before the events are read."""
    top = {f.name: plain(f, getattr(t, f.name)) for f in spec.TIMELINE.fields if f.type.is_scalar}
    return {
        **top,
        "sources": _table(spec.SOURCE, t.sources.values()),
        "actors": _table(spec.ACTOR, t.actors.values()),
        "events": {
            "columns": _columns(spec.EVENT),
            "block": BLOCK,
            "ids": [e.id for e in t.events],
            "overview": _dump_overview(overview(t.events)),
        },
        "periods": _table(spec.PERIOD, t.periods),
    }


BLOCK = 256  # events a line of an entry holds: a view's first screen reads one or two


def _blocks(events: Sequence[Event]) -> Iterator[str]:
    """The events' rows, BLOCK a line, each line a JSON array encoded in one go (C)."""
    rows = _rows(spec.EVENT, events)
    for _ in range(0, len(events), BLOCK):
        yield _ENCODE(list(islice(rows, BLOCK))) + "\n"


def _dump_overview(o: Overview) -> dict[str, Any]:
    return {
        "count": o.total,
        "in_order": o.in_order,
        "widest_date": o.widest_date,
        "first": o.first.isoformat() if o.first else None,
        "last": o.last.isoformat() if o.last else None,
        "mentions": dict(o.mentions),
    }


def _load_overview(data: Any, count: int) -> Overview:
    if not isinstance(data, dict) or data.get("count") != count:
        raise ValueError("overview")
    in_order, widest, mentions = data["in_order"], data["widest_date"], data["mentions"]
    if type(in_order) is not bool or type(widest) is not int or type(mentions) is not dict:
        raise TypeError("overview")
    _check_texts(mentions, required=True)
    if not set(map(type, mentions.values())) <= {int}:
        raise TypeError("overview: mentions")
    if widest < 0 or any(n < 1 or n > count for n in mentions.values()):
        raise ValueError("overview: not counts")
    ends = [data["first"], data["last"]]
    _check_texts(ends)
    first, last = (None if d is None else date.fromisoformat(d) for d in ends)
    if (first is None) != (last is None) or (first and last and first > last):
        raise ValueError("overview: not a stretch of days")
    return Overview(count, in_order, widest, first, last, mentions)


class StoredEvents(Overviewed):
    """A cached chronology's events, read a block (BLOCK events) at a time as they are asked
    for: a view of ten thousand shows its first screen after reading one. Their number, ids
    and overview were read with the entry's first line. A block found corrupt or forged as it
    is read (its JSON, its types, its ids) is never shown: the events `fallback` gives (the
    file loaded afresh) stand in for all of them from then on; with no fallback, every block
    is read at once (`read_all`), and a bad one is a ValueError."""

    __slots__ = ("_blocks", "_fallback", "_ids", "_overview", "_path", "_raw", "_starts", "_table")

    def __init__(  # noqa: PLR0913 - what a block is read from, each named
        self,
        raw: bytes,
        start: int,
        table: dict[str, Any],
        *,
        ids: list[str],
        known: Overview,
        path: str,
        fallback: Callable[[], Sequence[Event]] | None,
    ) -> None:
        self._raw, self._table, self._ids, self._overview = raw, table, ids, known
        self._path, self._fallback = path, fallback
        self._starts = [start]  # where each block's line starts, as far as found
        self._blocks: dict[int, Sequence[Event]] = {}

    @property
    def overview(self) -> Overview:
        return self._overview

    @property
    def ids(self) -> Sequence[str]:
        """Each event's id, in file order, known without reading the events."""
        return self._ids

    def __len__(self) -> int:
        replaced = self._blocks.get(-1)
        return len(self._ids) if replaced is None else len(replaced)

    def __iter__(self) -> Iterator[Event]:
        b = 0
        while b < self._count_blocks():  # the events read afresh, if a block was bad, may be more
            yield from self._block(b)
            b += 1

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError(index)
        return self._block(i // BLOCK)[i % BLOCK]

    def read_all(self) -> None:
        """Read every block now (ValueError, TypeError... when one is not what was stored)."""
        for b in range(self._count_blocks()):
            self._block(b)

    def _count_blocks(self) -> int:
        return -(-len(self) // BLOCK)

    def _block(self, b: int) -> Sequence[Event]:
        found = self._blocks.get(b)
        if found is not None:
            return found
        replaced = self._blocks.get(-1)
        if replaced is None:
            try:
                with _collector_paused():
                    found = self._read(b)
            except _BAD_ENTRY:
                if self._fallback is None:
                    raise
                # From here on, the file's own events (and their number) are the events.
                replaced = self._blocks[-1] = self._fallback()
        if replaced is not None:
            found = replaced[b * BLOCK : (b + 1) * BLOCK]
        assert found is not None
        self._blocks[b] = found
        return found

    def _read(self, b: int) -> list[Event]:
        raw, starts = self._raw, self._starts
        while len(starts) <= b + 1:  # the lines before this one's end, found in order
            cut = raw.find(b"\n", starts[-1])
            if cut < 0:
                raise ValueError("blocks: fewer lines than events")
            starts.append(cut + 1)
        first, end = b * BLOCK, starts[b + 1]
        if b == self._count_blocks() - 1 and end != len(raw):
            raise ValueError("blocks: more lines than events")
        rows = json.loads(raw[starts[b] : end])
        expected = self._ids[first : first + BLOCK]
        if type(rows) is not list or len(rows) != len(expected):
            raise ValueError("blocks: not the rows stored")
        table = {"columns": self._table["columns"], "rows": rows}
        made = _untable(spec.EVENT, table, self._path)
        events = list(starmap(Event, ((*v, first + k) for k, v in enumerate(made))))
        if [e.id for e in events] != expected:
            raise ValueError("blocks: not the events of the ids stored")
        return events


def _load_timeline(
    data: dict[str, Any],
    path: str,
    blocks: tuple[bytes, int],
    fallback: Callable[[], Sequence[Event]] | None,
) -> Timeline:
    top: dict[str, Any] = {}
    for name, _ in _READERS["timeline"]:
        value = data[name]
        if type(value) is not str and (value is not None or name in spec.TIMELINE.required):
            raise TypeError(name)
        top[name] = value
    sources = [Source(*v) for v in _untable(spec.SOURCE, data["sources"], path)]
    actors = [Actor(*v) for v in _untable(spec.ACTOR, data["actors"], path)]
    table = data["events"]
    if table["columns"] != _columns(spec.EVENT) or table["block"] != BLOCK:
        raise ValueError("events: stored by another version of the format")
    ids = table["ids"]
    if type(ids) is not list:
        raise TypeError("ids")
    _check_texts(ids, required=True)
    known = _load_overview(table["overview"], len(ids))
    raw, start = blocks
    if raw.count(b"\n", start) != -(-len(ids) // BLOCK) or not raw.endswith(b"\n"):
        raise ValueError("events: not a line for each block of the ids stored")
    events = StoredEvents(*blocks, table, ids=ids, known=known, path=path, fallback=fallback)
    if fallback is None:
        events.read_all()
    periods = tuple(Period(*v) for v in _untable(spec.PERIOD, data["periods"], path))
    return Timeline(
        path=path,
        sources={s.id: s for s in sources},
        actors={a.id: a for a in actors},
        events=events,
        periods=periods,
        **top,
    )


class _Encoded(str):
    """A value already encoded as `_ENCODE` encodes it: `_encoded` writes it as it is."""

    __slots__ = ()


def _dump_diagnostics(diagnostics: list[Diagnostic]) -> _Encoded:
    """The JSON array of each diagnostic's `{"@": [line, column, length], "severity": ..., "code":
    ..., "message": ...}`, the bytes that encoding those rows gives, each row written at once:
    a dict and a list made for each of 100,000 diagnostics and then encoded took 0.14 s of a
    failed check (H5), this 0.05 s. Each text is encoded as _ENCODE encodes it in a row."""
    severities = {sev: _ENCODE(sev.value) for sev in Severity}
    codes: dict[str, str] = {}
    rows = []
    for d in diagnostics:
        loc = d.loc
        code = codes.get(d.code)
        if code is None:
            code = codes[d.code] = _ENCODE(d.code)
        rows.append(
            f'{{"@":[{loc.line:d},{loc.column:d},{loc.length:d}],"severity":'
            f'{severities[d.severity]},"code":{code},"message":{_ENCODE(d.message)}}}'
        )
    return _Encoded(f"[{','.join(rows)}]")


def _load_diagnostics(rows: list[dict[str, Any]], path: str) -> list[Diagnostic]:
    out = []
    for r in rows:
        line, column, length = r["@"]
        loc = Loc(path, int(line), int(column), int(length))
        out.append(Diagnostic(loc, Severity(r["severity"]), str(r["code"]), str(r["message"])))
    return out


# -- the cache itself ----------------------------------------------------------------------------


class Hit(NamedTuple):
    """What the cache had for a file: the timeline, its diagnostics, each event's JSON line
    (None when they were not stored), and what else the diagnostics depended on, as the caller
    stored it (workspace: the sources' text files), for the caller to compare."""

    timeline: Timeline
    diagnostics: list[Diagnostic]
    json_lines: Sequence[str] | None
    depends: Any = None


# What may not stand raw in a line that goes to stdout as it is: C0 controls (JSON escapes them
# all), DEL and C1 controls, the line and paragraph separators, every invisible character; those
# that formats.tabular.dumps escapes, which made every line the cache stored.
# Only a read of the JSON lines matches it: left as text, re compiles it then (once compiled at
# import, its ranges past U+FFFF took 0.4 ms of every start).
_RAW_UNSAFE = f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE}{BLANK}]"
_DECODER = json.JSONDecoder()
_PRINTABLE_ASCII = b"\n" + bytes(range(0x20, 0x7F))


def _beyond_printable_ascii(raw: bytes) -> bytes:
    """`raw` without its line breaks and printable ASCII: its controls and its non-ASCII
    characters, still whole (a byte below 0x80 is never part of a longer UTF-8 character), so
    `_RAW_UNSAFE` finds in it exactly what it finds in all of `raw`. bytes.translate does this
    at C speed; the regex over the whole text of 10,000 lines took a third of a cached read
    (benchmarks/notes-cacheread.md), over what remains it takes nothing."""
    return raw.translate(None, _PRINTABLE_ASCII)


def _stored_lines(entry_path: Path, digest: Any, ids: Sequence[str]) -> list[str]:
    """Each event's JSON line, stored beside the entry as plain text (decoding them inside the
    JSON entry would cost as much again as the rest of it); ValueError when they are not what
    was stored. They go to stdout as they are, and a digest stored beside them proves nothing to
    someone who can write both: so each line must be one JSON object, of its event's id, with no
    character a terminal acts on."""
    raw = _read_entry(entry_path.with_suffix(".jsonl"), most=_MAX_ENTRY)
    if _digest(raw) != digest:
        raise ValueError("jsonl: not the lines stored")
    text = raw.decode("utf-8")
    if re.search(_RAW_UNSAFE, _beyond_printable_ascii(raw).decode("utf-8")):
        raise ValueError("jsonl: a raw control character")
    lines = text.split("\n")[:-1]
    if len(lines) != len(ids):
        raise ValueError("jsonl: not a line for each event")
    for line, event_id in zip(lines, ids, strict=True):
        value, end = _DECODER.raw_decode(line)
        if end != len(line) or type(value) is not dict or value.get("id") != event_id:
            raise ValueError("jsonl: not the event's JSON object")
    return lines


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while an entry is read: it makes a few hundred thousand objects,
    none in a cycle, and each generation-2 collection walks them all again (a sixth of a cached
    read of 10,000 events, benchmarks/notes-cacheread.md). The collector's state is restored."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _LinesWhenRead(Sequence[str]):
    """The stored JSON lines, read and checked (`_stored_lines`) when first asked for: only
    `--format jsonl` reads them, and their check was a fifth of every other cached view's read
    (benchmarks/notes-cacheread.md). When none were stored (a first `check` does not make them:
    only jsonl needs them), or they are not what was stored, the lines `remake` makes from the
    events stand in (a forged line is never shown), and are stored for the next time."""

    __slots__ = ("_digest", "_events", "_lines", "_path", "_remake", "_store")

    def __init__(
        self,
        path: Path,
        digest: Any,
        events: StoredEvents,
        remake: Callable[[Sequence[Event]], list[str]],
        store: Callable[[list[str]], None],
    ) -> None:
        self._path, self._digest, self._events, self._remake = path, digest, events, remake
        self._store = store
        self._lines: list[str] | None = None

    def _checked(self) -> list[str]:
        if self._lines is None:
            try:
                if self._digest is None:
                    raise ValueError("jsonl: none stored")
                self._lines = _stored_lines(self._path, self._digest, self._events.ids)
            except (OSError, ValueError, TypeError, RecursionError):
                self._lines = self._remake(self._events)
                self._store(self._lines)
        return self._lines

    def __len__(self) -> int:
        return len(self._events)

    def __getitem__(self, index: Any) -> Any:
        return self._checked()[index]


def _adding_lines(
    entry_path: Path, entry: dict[str, Any], raw: bytes, start: int
) -> Callable[[list[str]], None]:
    """What stores JSON lines made for an entry read: the lines beside it, then the entry again
    with their digest (its blocks as they were read, `raw` from `start`, not copied unless
    written); best effort, as every write of the cache."""

    def store_lines(lines: list[str]) -> None:
        with contextlib.suppress(OSError, ValueError):
            hasher = blake2b(digest_size=32)
            _write(entry_path.with_suffix(".jsonl"), _hashed(_joined(lines), hasher))
            header = {**entry, "jsonl": hasher.hexdigest()}
            pieces = (piece.encode() for piece in chain(_encoded(header), "\n"))
            _write(entry_path, chain(pieces, [memoryview(raw)[start:]]))

    return store_lines


def lookup(
    real: str,
    data: bytes,
    shown: str,
    *,
    remake: Callable[[Sequence[Event]], list[str]] | None = None,
    fallback: Callable[[], Sequence[Event]] | None = None,
) -> Hit | None:
    """The cached timeline and diagnostics for these exact bytes at this path, else None.

    `shown` is the name the user gave the file: messages and places use it. Without `remake`,
    stored JSON lines that are not what was stored make it None; with it, they are checked
    only when first asked for, and `remake` makes them from the events if they fail. Without
    `fallback`, every event is read now (a bad one makes it None); with it, the events are read
    as they are asked for, and what `fallback` gives (the file loaded afresh) stands in for them
    if one is found bad then (StoredEvents)."""
    with _collector_paused():
        key = _key(real, data)
        folder = _own_folder()
        if key is None or folder is None:
            return None
        return _hit(real, folder, key, shown, (remake, fallback))


# What reading an entry that is missing, corrupt or foreign can raise: the entry is then not used.
_BAD_ENTRY = (
    OSError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    OverflowError,
    RecursionError,
    dates.DateError,
)


def _hit(
    real: str,
    folder: Path,
    key: dict[str, Any],
    shown: str,
    makers: tuple[
        Callable[[Sequence[Event]], list[str]] | None, Callable[[], Sequence[Event]] | None
    ],
) -> Hit | None:
    """lookup, once the cache folder and the key the entry must hold are known. An entry is
    its first line (the key, the timeline but its events' rows, the diagnostics), then the
    events' rows a block a line."""
    remake, fallback = makers
    try:
        entry_path = _entry_path(real, folder)
        raw = _read_entry(entry_path, touch=True, most=_most(key["size"]))
        cut = raw.find(b"\n")
        if cut < 0:
            return None
        entry = json.loads(raw[:cut])
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        timeline = _load_timeline(entry["timeline"], shown, (raw, cut + 1), fallback)
        events = timeline.events
        assert isinstance(events, StoredEvents)
        lines: Sequence[str] | None = None
        digest = entry.get("jsonl")
        if remake is not None:  # checked, or made and stored, when first asked for
            store_lines = _adding_lines(entry_path, entry, raw, cut + 1)
            lines = _LinesWhenRead(entry_path, digest, events, remake, store_lines)
        elif digest is not None:  # checked now: ValueError when they are not what was stored
            lines = _stored_lines(entry_path, digest, events.ids)
        diagnostics = _load_diagnostics(entry["diagnostics"], shown)
        return Hit(timeline, diagnostics, lines, entry.get("depends"))
    except _BAD_ENTRY:
        return None  # missing, corrupt or foreign: load the file instead, and store it anew


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # C, in one go
_CHUNK_ITEMS = 1024


def _encoded(value: Any, depth: int = 3) -> Iterator[str]:
    """`value` as JSON in pieces: the outer mappings key by key, a list some items at a time,
    what is `depth` levels in in one go. The whole entry as one string, then as bytes,
    was a third of a first `check`'s peak memory (benchmarks/RESULTS.md); encoding it all piece
    by piece (`iterencode`) runs Python's own encoder, not C's, and cost 0.7 s of a failed check
    of 100,000 diagnostics."""
    if isinstance(value, _Encoded):
        yield value
        return
    if depth == 0 or not isinstance(value, (dict, list)) or not value:
        yield _ENCODE(value)
        return
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + _ENCODE(key) + ":"
            yield from _encoded(item, depth - 1)
        yield "}"
        return
    yield "["
    for at in range(0, len(value), _CHUNK_ITEMS):  # a long list (a column) some items at a time
        chunk = _ENCODE(value[at : at + _CHUNK_ITEMS])[1:-1]
        yield ("," if at else "") + chunk
    yield "]"


def store(  # noqa: PLR0913 - what an entry holds, each named
    real: str,
    data: bytes,
    timeline: Timeline,
    diagnostics: list[Diagnostic],
    json_lines: Iterable[str] | None = None,
    *,
    depends: Any = None,
) -> None:
    """Remember a loaded timeline (and, when given, each event's JSON line, made as they are
    written, and what else its diagnostics depend on, as plain data); any failure to write is
    ignored (the cache is an extra)."""
    key = _key(real, data)
    if key is None:
        return
    try:
        _make_folder(cache_folder())
        folder = _own_folder()
        if folder is None:
            return
        target = _entry_path(real, folder)
        digest = None
        if json_lines is not None:  # written a thousand at a time, never all in memory at once
            hasher = blake2b(digest_size=32)
            _write(target.with_suffix(".jsonl"), _hashed(_joined(json_lines), hasher))
            digest = hasher.hexdigest()
        entry = {
            "key": key,
            "jsonl": digest,
            "timeline": _dump_timeline(timeline),
            "diagnostics": _dump_diagnostics(diagnostics),
            "depends": depends,
        }
        pieces = chain(_encoded(entry), "\n", _blocks(timeline.events))
        _write(target, (piece.encode() for piece in pieces))
        _prune(folder, keep=target.stem)
    except (OSError, ValueError):  # ValueError: a path or a text that is not valid Unicode
        pass


# -- pruning: the cache never grows without bound -------------------------------------------------

MAX_ENTRIES = 64  # the most files remembered; the least recently used go first
MAX_TOTAL = 512 * 1024 * 1024  # and the most bytes all entries may take (the newest always stays)
_STALE_TEMP = 3600  # seconds after which a temporary file is a crashed write's, not a live one
_ENTRY_NAME = re.compile(r"([0-9a-f]{32})\.jsonl?")
_TEMP_NAME = re.compile(r"\.entry\..+\.tmp")


def _prune(folder: Path, keep: str) -> None:
    """Remove the least recently used entries past MAX_ENTRIES or MAX_TOTAL bytes, and the
    temporary files crashed writes left, best effort. Only names the cache makes are removed;
    an entry counts from its last use (a hit touches it)."""
    entries: dict[str, list[tuple[str, float, int]]] = {}  # stem -> (name, mtime, size)
    now = time.time()
    with os.scandir(folder) as found:
        for item in found:
            with contextlib.suppress(OSError):
                st = item.stat(follow_symlinks=False)
                if _TEMP_NAME.fullmatch(item.name) and now - st.st_mtime > _STALE_TEMP:
                    os.unlink(item.path)
                elif (m := _ENTRY_NAME.fullmatch(item.name)) and not stat.S_ISDIR(st.st_mode):
                    entries.setdefault(m.group(1), []).append((item.name, st.st_mtime, st.st_size))
    newest_first = sorted(
        entries.items(), key=lambda kv: (kv[0] != keep, -max(t for _, t, _ in kv[1]))
    )
    total = 0
    for rank, (_, files) in enumerate(newest_first):
        total += sum(size for _, _, size in files)
        if rank == 0 or (rank < MAX_ENTRIES and total <= MAX_TOTAL):
            continue
        for name, _, _ in files:
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _joined(lines: Iterable[str]) -> Iterator[bytes]:
    """Lines, each ended by a newline, as UTF-8 a thousand lines at a time."""
    it = iter(lines)
    while batch := list(islice(it, 1024)):
        yield "".join(line + "\n" for line in batch).encode()


def _hashed(pieces: Iterable[bytes], hasher: Any) -> Iterator[bytes]:
    """The pieces, each added to `hasher` as it passes."""
    for piece in pieces:
        hasher.update(piece)
        yield piece


def _write(target: Path, pieces: Iterable[bytes | memoryview]) -> None:
    """Replace an entry's name in one step, so a reader never sees half of one. Not through
    atomic.write_atomic: that follows a symlink to replace its target (right for a user's
    file), while whatever stands at an entry's name (a link someone planted, a FIFO) must be
    replaced itself, never followed."""
    import tempfile  # only a write needs it (random, shutil...): a cached read does not

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".entry.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines(pieces)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_MAX_ENTRY = 1 << 31  # an entry larger than any file rirtime reads would ever make


def _most(size: int) -> int:
    """The most bytes an entry for a file of `size` bytes can hold: its text, marks and ids are
    each about the file's size, and a diagnostic (about 150 bytes) stands for at least a few bytes
    of the file (100,000 unknown ids on one line: 1 MB, an entry of 17 MB). Anything larger is
    not one of ours, and is not read (a 600 MB forged entry was read whole, then ignored)."""
    return min(_MAX_ENTRY, 64 * size + (1 << 20))


def _read_entry(path: Path, *, touch: bool = False, most: int = _MAX_ENTRY) -> bytes:
    """An entry's bytes: only a regular file, never followed through a link, never blocking
    on a FIFO, never more than an entry can hold (OSError otherwise: the entry is ignored).
    With `touch`, its time becomes now: pruning keeps the entries in use."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > most:
            raise OSError(f"{path}: not a cache entry")
        if touch and os.utime in os.supports_fd:
            with contextlib.suppress(OSError):
                os.utime(fd)
        chunks = []
        left = most + 1  # a file that grows as it is read is still never read past `most`
        while left > 0 and (chunk := os.read(fd, min(1 << 24, left))):
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise OSError(f"{path}: larger than a cache entry can be")
        return b"".join(chunks)
    finally:
        os.close(fd)
