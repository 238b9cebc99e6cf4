"""`rirtime diff`: two checked chronologies compared by id, and the sides they are read from.

A side is a file, `-` (standard input), or `REV:PATH`, a file as git holds it at a revision
(`git cat-file blob`). Each side must pass `check`. Entries are compared field by field as
spec.py lists them (an event's every field, its alternatives included; an actor's; a source's; a
period's),
so a field added to the format is compared the day it lands. What differs comes back as a
`Changes` value: its `as_data()` is what `--format json` prints, `render()` what people read.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from rirtime import spec
from rirtime.errors import InvalidTimeline, RirtimeError, UsageError
from rirtime.files import STDIN, max_bytes, read_input
from rirtime.model import Timeline, plain
from rirtime.names import plural
from rirtime.present.safe import visible
from rirtime.workspace import check_bytes

__all__ = [
    "KINDS",
    "Changed",
    "Changes",
    "Section",
    "compare",
    "git_show",
    "read_side",
    "read_sides",
    "render",
]


# -- the sides -----------------------------------------------------------------------------------


def read_sides(old: str, new: str) -> tuple[Timeline, Timeline]:
    """Both sides, each read and checked; standard input may be one of them, not both."""
    if old == STDIN and new == STDIN:
        raise UsageError("only one side can be standard input ('-'): name a file for the other")
    return read_side(old), read_side(new)


def read_side(side: str) -> Timeline:
    """The timeline a side names, once it passes `check` (else InvalidTimeline). /dev/null is
    the empty chronology: git names it as the side of a file added or deleted, to a diff driver."""
    if side == os.devnull:
        return Timeline(side, "", None, {}, {}, ())
    name, data = _side_bytes(side)
    checked = check_bytes(data, name)
    if checked.timeline is None or checked.failed():
        raise InvalidTimeline(checked.path, checked.diagnostics, checked.text)
    return checked.timeline


def _side_bytes(side: str) -> tuple[str, bytes]:
    """The name and bytes of a side. A file that exists is read as a file even when its name
    has a colon in it (`a:b`); only a name that is no file is read as `REV:PATH`."""
    if not side:
        raise UsageError("a side of diff is empty: give a file, '-' or REV:PATH")
    if side == STDIN or os.path.lexists(side) or ":" not in side:
        return read_input(side)
    rev, _, path = side.partition(":")
    return side, git_show(rev, path)


_GIT_ENV = {
    "LC_ALL": "C",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
}
_CHUNK = 1 << 20


def git_show(rev: str, path: str) -> bytes:
    """The bytes of `path` at revision `rev` (`git cat-file blob REV:PATH`, as stored),
    bounded as a timeline file is (RIRTIME_MAX_BYTES); a clear error when there is no git, no
    repository, no such revision or no such file in it."""
    where = f"{rev}:{path}"
    if not rev or rev.startswith("-"):
        raise UsageError(f"{where}: {rev!r} is not a revision: give REV:PATH, e.g. HEAD:{path}")
    if not path:
        raise UsageError(f"{where}: give a path after the colon, e.g. {rev}:timeline.yaml")
    limit = max_bytes()
    # `cat-file blob`, not `show`: the bytes as stored (no textconv, no filters), and PATH as a
    # path, never a pattern (`show HEAD:t.y*` printed nothing and succeeded); --end-of-options:
    # whatever the revision says, git reads it as one, never as an option.
    argv = ["git", "--no-pager", "cat-file", "blob", "--end-of-options", where]
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=errors,
                env={**os.environ, **_GIT_ENV},
            )
        except FileNotFoundError:
            raise RirtimeError(f"{where}: git is not installed, and REV:PATH needs it") from None
        except OSError as exc:
            raise RirtimeError(f"{where}: cannot run git: {exc.strerror or exc}") from None
        data = _read_bounded(proc, where, limit)
        errors.seek(0)
        said = errors.read(4096).decode("utf-8", "replace")
    if proc.returncode != 0:
        raise _git_error(where, rev, path, said)
    return data


def _read_bounded(proc: subprocess.Popen[bytes], where: str, limit: int) -> bytes:
    """What git writes, up to `limit` bytes: past that, git is stopped and the side refused."""
    assert proc.stdout is not None
    chunks: list[bytes] = []
    size = 0
    with proc.stdout:
        while chunk := proc.stdout.read(min(_CHUNK, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                proc.kill()
                proc.wait()
                raise RirtimeError(
                    f"{where}: larger than {limit:,} bytes, the most rirtime reads (set "
                    "RIRTIME_MAX_BYTES to allow more)"
                )
    proc.wait()
    return b"".join(chunks)


def _git_error(where: str, rev: str, path: str, said: str) -> RirtimeError:
    """git's failure as rirtime says it: what is missing, and git's own first line."""
    first = next((line for line in said.splitlines() if line.strip()), "").removeprefix("fatal: ")
    if "not a git repository" in said:
        return UsageError(
            f"{where}: not in a git repository (REV:PATH reads a file as git holds it; "
            "name a file for a file)"
        )
    if "exists on disk, but not in" in said or "does not exist in" in said:
        return UsageError(
            f"{where}: {path} is not in {rev} (git reads PATH from the repository's top; "
            f"./PATH from here): {first}"
        )
    if "bad file" in said:
        return UsageError(f"{where}: is a folder in git, not a timeline file")
    if "invalid object name" in said or "unknown revision" in said or "bad revision" in said:
        return UsageError(f"{where}: {rev} is not a revision git knows ({first})")
    return UsageError(f"{where}: git cannot read it ({first or 'no reason given'})")


# -- comparing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Changed:
    """An entry in both sides that differs: the fields that changed, each side's value of them."""

    id: str
    fields: tuple[str, ...]
    before: Mapping[str, Any]
    after: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Section:
    """What differs in one kind of entry: ids added (in NEW's order), removed (in OLD's order),
    changed (in NEW's order)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[Changed, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def as_data(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [
                {"id": c.id, "fields": list(c.fields), "before": c.before, "after": c.after}
                for c in self.changed
            ],
        }


# The kinds of keyed entry compared besides events, as the JSON names them.
KINDS = ("actors", "sources", "periods")


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything that differs between two chronologies; `old`/`new` keep their entries, for
    the human view's titles and dates."""

    events: Section
    entries: Mapping[str, Section]  # by KINDS
    timeline: tuple[str, ...]  # the top level's fields that changed (title, description)
    old: Timeline
    new: Timeline

    def __bool__(self) -> bool:
        return bool(self.events or any(self.entries.values()) or self.timeline)

    def as_data(self) -> dict[str, Any]:
        """What `--format json` prints: the events' section at the top, the others by kind."""
        out = self.events.as_data()
        for kind in KINDS:
            out[kind] = self.entries[kind].as_data()
        out["timeline"] = list(self.timeline)
        return out


def _record(entry: spec.Entry, item: Any) -> dict[str, Any]:
    """An entry's fields by name, as plain data, as the spec lists them."""
    return {f.name: plain(f, getattr(item, f.name)) for f in entry.fields}


def _section(entry: spec.Entry, old: Mapping[str, Any], new: Mapping[str, Any]) -> Section:
    """Entries by id in two sides: added, removed and changed, field by field."""
    changed = []
    for key, item in new.items():
        if key not in old:
            continue
        before, after = _record(entry, old[key]), _record(entry, item)
        fields = tuple(name for name in after if before.get(name) != after[name])
        if fields:
            changed.append(
                Changed(
                    key,
                    fields,
                    {n: before.get(n) for n in fields},
                    {n: after[n] for n in fields},
                )
            )
    return Section(
        tuple(k for k in new if k not in old), tuple(k for k in old if k not in new), tuple(changed)
    )


def _by_id(items: Iterable[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def compare(old: Timeline, new: Timeline) -> Changes:
    """What differs from `old` to `new`, entry by entry, by id."""
    entries = {
        "actors": _section(spec.ACTOR, old.actors, new.actors),
        "sources": _section(spec.SOURCE, old.sources, new.sources),
        "periods": _section(spec.PERIOD, _by_id(old.periods), _by_id(new.periods)),
    }
    events = _section(spec.EVENT, _by_id(old.events), _by_id(new.events))
    top = tuple(
        f.name
        for f in spec.TIMELINE.fields
        if f.type.is_scalar and getattr(old, f.name) != getattr(new, f.name)
    )
    return Changes(events, entries, top, old, new)


# -- the human view ------------------------------------------------------------------------------

_GREEN, _RED, _YELLOW, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[0m"
_MARKS = {"added": ("+", _GREEN), "removed": ("-", _RED), "changed": ("~", _YELLOW)}
_SINGULAR = {"events": "event", "actors": "actor", "sources": "source", "periods": "period"}
# The fields whose both values a changed line shows: the dates (an event's, a source's, a
# period's).
_SHOWN_BOTH = frozenset(
    f.name for e in spec.KINDS.values() for f in e.fields if f.type is spec.Type.DATE
)
_LONGEST = 80  # characters of a value (a title, a date) a line shows, before an ellipsis


def _short(value: Any) -> str:
    """A value as a line shows it: visible, on one line, and not too long."""
    text = "none" if value is None else str(value)
    text = visible(" ".join(text.split()))
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _items(side: Timeline) -> dict[str, Mapping[str, Any]]:
    """A side's entries by kind and id, made once for the whole view."""
    return {
        "events": _by_id(side.events),
        "actors": side.actors,
        "sources": side.sources,
        "periods": _by_id(side.periods),
    }


def _label(kind: str, item: Any) -> str:
    """What an added or removed entry is, after its id: an event's date (as written) and
    title, an actor's name, a source's citation, a period's title."""
    if kind == "events":
        return f"{_short(item.date.text if item.date else None)}  {_short(item.title)}"
    if kind == "actors":
        return _short(item.name)
    if kind == "sources":
        return _short(item.citation)
    return _short(item.title)


def _what_changed(change: Changed) -> str:
    """`date 2015-07 -> 2015-08-03, title, summary`: every field, the dates with both values."""
    parts = []
    for name in change.fields:
        if name in _SHOWN_BOTH:
            before, after = _short(change.before[name]), _short(change.after[name])
            parts.append(f"{name} {before} -> {after}")
        else:
            parts.append(name)
    return ", ".join(parts)


def _lines(
    kind: str, section: Section, old: Mapping[str, Any], new: Mapping[str, Any]
) -> Iterator[tuple[str, str]]:
    """(how, line) for each entry of a section that differs."""
    one = _SINGULAR[kind]
    for key in section.added:
        yield "added", f"{one} {visible(key)}: {_label(kind, new[key])}"
    for key in section.removed:
        yield "removed", f"{one} {visible(key)}: {_label(kind, old[key])}"
    for change in section.changed:
        yield "changed", f"{one} {visible(change.id)}: {_what_changed(change)}"


def _summary(changes: Changes, paint: Any) -> str:
    """`2 events added, 1 removed, 3 changed; 1 actor added`: one clause a kind that differs."""
    clauses = []
    for kind, section in (("events", changes.events), *changes.entries.items()):
        counts = [(how, len(getattr(section, how))) for how in ("added", "removed", "changed")]
        shown = [(how, n) for how, n in counts if n]
        if not shown:
            continue
        first_how, first_n = shown[0]
        words = [paint(_MARKS[first_how][1], f"{plural(first_n, _SINGULAR[kind])} {first_how}")]
        words += [paint(_MARKS[how][1], f"{n} {how}") for how, n in shown[1:]]
        clauses.append(", ".join(words))
    if changes.timeline:
        clauses.append(paint(_YELLOW, "top level changed: " + ", ".join(changes.timeline)))
    return "; ".join(clauses)


def render(changes: Changes, *, color: bool = False) -> str:
    """The differences as people read them, a line an entry (green added, red removed, yellow
    changed, as `git diff --stat` colours them), then a line counting them; every text from
    the files shown with visible stand-ins for what could act on a terminal."""

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    if not changes:
        return "no differences\n"
    out = []
    for name in changes.timeline:
        before, after = getattr(changes.old, name), getattr(changes.new, name)
        out.append(paint(_YELLOW, f"~ {name}: {_short(before)} -> {_short(after)}"))
    old, new = _items(changes.old), _items(changes.new)
    for kind, section in (("events", changes.events), *changes.entries.items()):
        for how, line in _lines(kind, section, old[kind], new[kind]):
            mark, code = _MARKS[how]
            out.append(paint(code, f"{mark} {line}"))
    out.append(_summary(changes, paint))
    return "\n".join(out) + "\n"
