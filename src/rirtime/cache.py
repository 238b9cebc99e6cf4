"""A cache of loaded and checked timelines, so that reading a large unchanged file is instant.

An entry lives under the user's cache folder (`$XDG_CACHE_HOME/rirtime`, else `~/.cache/rirtime`),
one file per timeline path, and holds the model and its diagnostics. It is used only when the
path, the size, the modification time and a BLAKE2 hash of the bytes all match, so it can never
serve stale data; it is written atomically; an entry that is corrupt, foreign or from another
version is ignored and rebuilt. It is plain JSON, never pickle: reading it runs nothing.

A cached timeline knows where each entry starts, not where each of its fields is: nothing that
reads from the cache needs more, because its diagnostics were found before it was stored.
`--no-cache` or `RIRTIME_NO_CACHE=1` turn the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rirtime import __version__, dates
from rirtime.errors import Diagnostic, Loc, Severity
from rirtime.model import Actor, ActorKind, Event, Places, Source, Timeline

__all__ = ["Hit", "cache_folder", "enabled", "lookup", "store"]

_FORMAT = "rirtime-cache"
_VERSION = 3


def enabled(no_cache: bool = False) -> bool:
    """Whether to use the cache: not with --no-cache, nor with RIRTIME_NO_CACHE set (not 0)."""
    env = os.environ.get("RIRTIME_NO_CACHE", "")
    return not no_cache and env.lower() in ("", "0", "false", "no")


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rirtime"


def _entry_path(real: str) -> Path:
    name = hashlib.blake2b(real.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return cache_folder() / f"{name}.json"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=32).hexdigest()


def _key(real: str, data: bytes) -> dict[str, Any] | None:
    try:
        st = os.stat(real)
    except OSError:
        return None
    return {
        "format": _FORMAT,
        "version": _VERSION,
        "rirtime": __version__,
        "path": real,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "blake2b": _digest(data),
    }


# -- model <-> plain data ------------------------------------------------------------------------


def _places(loc: Loc) -> list[int]:
    return [loc.line, loc.column, loc.length]


def _dump_timeline(t: Timeline) -> dict[str, Any]:
    return {
        "title": t.title,
        "description": t.description,
        "sources": [
            [
                s.id,
                s.citation,
                s.url,
                s.published.text if s.published else None,
                s.note,
                _places(s.places.entry),
            ]
            for s in t.sources.values()
        ],
        "actors": [
            [
                a.id,
                a.name,
                a.kind.value if a.kind else None,
                list(a.aliases),
                a.part_of,
                a.note,
                _places(a.places.entry),
            ]
            for a in t.actors.values()
        ],
        "events": [
            [
                e.id,
                e.date.text if e.date else None,
                e.title,
                e.summary,
                list(e.actors),
                list(e.people),
                list(e.tags),
                list(e.sources),
                e.quote,
                e.note,
                _places(e.places.entry),
            ]
            for e in t.events
        ],
    }


def _span(text: str | None) -> dates.Span | None:
    return dates.parse(text) if text is not None else None


def _load_timeline(data: dict[str, Any], path: str) -> Timeline:
    def place(p: list[int]) -> Places:
        return Places(Loc(path, p[0], p[1], p[2]))

    sources = {
        r[0]: Source(r[0], r[1], r[2], _span(r[3]), r[4], place(r[5])) for r in data["sources"]
    }
    actors = {
        r[0]: Actor(
            r[0], r[1], ActorKind(r[2]) if r[2] else None, tuple(r[3]), r[4], r[5], place(r[6])
        )
        for r in data["actors"]
    }
    events = tuple(
        Event(
            r[0],
            _span(r[1]),
            r[2],
            r[3],
            tuple(r[4]),
            tuple(r[5]),
            tuple(r[6]),
            tuple(r[7]),
            r[8],
            r[9],
            place(r[10]),
            i,
        )
        for i, r in enumerate(data["events"])
    )
    if not isinstance(data["title"], str):
        raise ValueError("title")
    return Timeline(path, data["title"], data["description"], sources, actors, events)


def _dump_diagnostics(diagnostics: list[Diagnostic]) -> list[list[Any]]:
    return [
        [d.loc.line, d.loc.column, d.loc.length, d.severity.value, d.code, d.message]
        for d in diagnostics
    ]


def _load_diagnostics(rows: list[list[Any]], path: str) -> list[Diagnostic]:
    return [
        Diagnostic(Loc(path, int(r[0]), int(r[1]), int(r[2])), Severity(r[3]), str(r[4]), str(r[5]))
        for r in rows
    ]


# -- the cache itself ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """What the cache had for a file: the timeline, its diagnostics, and each event's JSON line
    (None when they were not stored)."""

    timeline: Timeline
    diagnostics: list[Diagnostic]
    json_lines: Sequence[str] | None


def lookup(real: str, data: bytes, shown: str) -> Hit | None:
    """The cached timeline and diagnostics for these exact bytes at this path, else None.

    `shown` is the name the user gave the file: messages and places use it."""
    key = _key(real, data)
    if key is None:
        return None
    try:
        entry_path = _entry_path(real)
        with open(entry_path, "rb") as f:
            entry = json.loads(f.read())
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        lines = None
        if entry.get("jsonl") is not None:
            # Each event's JSON line, kept beside the entry as plain text: decoding them inside
            # the JSON entry would cost as much again as the rest of it.
            with open(entry_path.with_suffix(".jsonl"), "rb") as f:
                raw = f.read()
            if _digest(raw) != entry["jsonl"]:
                return None
            lines = raw.decode("utf-8").split("\n")[:-1]
            if len(lines) != len(entry["timeline"]["events"]):
                return None
        timeline = _load_timeline(entry["timeline"], shown)
        return Hit(timeline, _load_diagnostics(entry["diagnostics"], shown), lines)
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None  # missing, corrupt or foreign: load the file instead, and store it anew
    except dates.DateError:
        return None


def store(
    real: str,
    data: bytes,
    timeline: Timeline,
    diagnostics: list[Diagnostic],
    json_lines: Sequence[str] | None = None,
) -> None:
    """Remember a loaded timeline (and, when given, each event's JSON line); any failure to
    write is ignored (the cache is an extra)."""
    key = _key(real, data)
    if key is None:
        return
    lines = None
    if json_lines is not None:
        lines = "".join(line + "\n" for line in json_lines).encode()
    entry = {
        "key": key,
        "jsonl": _digest(lines) if lines is not None else None,
        "timeline": _dump_timeline(timeline),
        "diagnostics": _dump_diagnostics(diagnostics),
    }
    target = _entry_path(real)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if lines is not None:
            _write(target.with_suffix(".jsonl"), lines)
        _write(target, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode())
    except OSError:
        pass


def _write(target: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so a reader never sees half an entry."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".entry.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
