"""A chronology read from another format (a `Draft`), and its text as a rirtime timeline.

Every reader (csv_in, json_in, timelinejs_in) fills a Draft with plain values, field by field as
spec.py names them, and says in a `Note` what it could not carry over; this module writes the
Draft as YAML, keys in the format's order, each value through yaml_text (quoted and escaped
where a plain scalar would not read back as written), and gives the ids it makes: an actor's
or a source's from its name, unique, kebab-case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rirtime import spec
from rirtime.formats.yaml_text import date_scalar, flow_list, quoted, scalar, slug
from rirtime.spec import Type

__all__ = ["Draft", "Ids", "Note", "Record", "Written", "block_ok", "placeholders", "to_yaml"]

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Note:
    """Something of the input that the timeline does not hold, and where it was:
    `FILE:LINE` for a row of CSV, `FILE: events[3].media` for JSON."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(slots=True)
class Draft:
    """A timeline as a reader found it: the top level's fields, the actors and sources by id
    (each a record of its spec's fields), the events and the periods in input order, and the
    notes."""

    title: str
    description: str | None = None
    sources: dict[str, Record] = field(default_factory=dict)
    actors: dict[str, Record] = field(default_factory=dict)
    events: list[Record] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # each event's, as a note names it
    periods: list[Record] = field(default_factory=list)  # in input order
    period_places: list[str] = field(default_factory=list)  # each period's, as `places`
    notes: list[Note] = field(default_factory=list)
    # Whether the input's order is its author's (rirtime's own exports, a file's order), or means
    # nothing (TimelineJS sorts its slides by date itself): then the events are sorted by date.
    ordered: bool = True

    def note(self, where: str, message: str) -> None:
        """Say that something at `where` is not carried over."""
        self.notes.append(Note(where, message))


class Ids:
    """Ids made from names, each once: `Islamic Revolutionary Guard Corps` ->
    `islamic-revolutionary-guard-corps`, then `-2`, `-3` for another of the same name. A
    counter a base, so a thousand namesakes cost a thousand steps, not their square."""

    __slots__ = ("_next", "taken")

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())
        self._next: dict[str, int] = {}

    def make(self, name: str, fallback: str) -> str:
        """A new id for `name` (`fallback` when it has no ASCII word: "Россия")."""
        return self.unique(slug(name) or fallback)

    def unique(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`... the first not taken; taken from now on."""
        candidate = base
        n = self._next.get(base, 2)
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self._next[base] = n
        self.taken.add(candidate)
        return candidate


def _named(event: Record, field_name: str) -> Iterator[str]:
    """The ids an event names in a field, and for sources those its alternatives name."""
    yield from event.get(field_name) or ()
    if field_name == "sources":
        for alternative in event.get("alternatives") or ():
            yield from alternative.get("sources") or ()


def _naming(draft: Draft, field_name: str) -> Iterator[tuple[Record, str]]:
    """Each entry that may name ids in `field_name`, with its place: the events, and for
    sources the periods (which cite them too)."""
    yield from zip(draft.events, draft.places, strict=True)
    if field_name == "sources":
        yield from zip(draft.periods, draft.period_places, strict=True)


def placeholders(draft: Draft) -> None:
    """An actor or a source that events (or periods) name and the input does not define, made
    with its id as its name (kind `other`; a source cited by its id), and said once, where
    first named."""
    for field_name, entries, what in (
        ("actors", draft.actors, "actor"),
        ("sources", draft.sources, "source"),
    ):
        for event, where in _naming(draft, field_name):
            for ref in _named(event, field_name):
                if ref in entries:
                    continue
                made = {"name": ref, "kind": "other"} if what == "actor" else {"citation": ref}
                entries[ref] = made
                draft.note(where, f"{what} `{ref}` is named but not defined here: a placeholder")


# -- YAML ----------------------------------------------------------------------------------------

# A literal block (`|-`) reads back as written when the text is lines of printable characters
# joined by LF alone: no other line break (YAML would turn it into LF), no control, invisible
# or bidi character (they are written as escapes, which only a quoted scalar has), no space or
# tab at the start of the first line (it would set the indentation) nor at the end of a line
# (editors strip it), no empty line at either end (`|-` strips the last).
_NOT_IN_BLOCK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[ \t]\n|[ \t]$|^[ \t\n]|\n$"
)


def block_ok(text: str) -> bool:
    """Whether `text` can be written as a literal block scalar and read back the same."""
    return "\n" in text and _NOT_IN_BLOCK.search(text) is None and quoted(text) == _json(text)


def _json(text: str) -> str:
    """The quoted form without the escapes of invisible characters: equal only if it has none."""
    return json.dumps(text, ensure_ascii=False)


def _text(value: str, indent: int) -> str:
    """A text value: a literal block for several lines that read back as written, else a scalar."""
    if block_ok(value):
        pad = " " * indent
        return "|-\n" + "\n".join(pad + line if line else "" for line in value.split("\n"))
    return scalar(value)


def _value(f: spec.Field, value: Any, indent: int) -> str:
    if f.type is Type.DATE:
        return date_scalar(str(value))
    if f.type.is_list:
        return flow_list([str(v) for v in value])
    if f.type is Type.TEXT:
        return _text(str(value), indent)
    return scalar(str(value))


def _empty(value: Any) -> bool:
    return value is None or value in ("", [], ())


def _mapping(entry: spec.Entry, record: Record, indent: int) -> Iterator[str]:
    """The record's keys that have a value, in the spec's order, at `indent`."""
    pad = " " * indent
    for f in entry.fields:
        value = record.get(f.name)
        if _empty(value):
            continue
        if f.type.is_nested:
            yield f"{pad}{f.name}:"
            for item in value or ():
                lines = list(_mapping(spec.NESTED[f.type], item, indent + 4))
                yield f"{pad}  - {lines[0].lstrip()}"
                yield from lines[1:]
            continue
        yield f"{pad}{f.name}: {_value(f, value, indent + 2)}"


class Written(NamedTuple):
    """A draft's YAML, and where each entry starts in it: (1-based line, what the input calls
    it), in order, so that a problem `check` finds can be said of the input, not of the YAML."""

    text: str
    starts: list[tuple[int, str]]


class _Lines:
    """The lines of the YAML being written, counted as they come (a block scalar is several)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.line = 1
        self.starts: list[tuple[int, str]] = []

    def add(self, *parts: str) -> None:
        for part in parts:
            self.parts.append(part)
            self.line += part.count("\n") + 1

    def entry(self, label: str) -> None:
        """The next line starts the entry that the input calls `label`."""
        self.starts.append((self.line, label))


def _keyed(out: _Lines, name: str, entry: spec.Entry, entries: dict[str, Record]) -> None:
    if not entries:
        return
    out.add(f"{name}:")
    for entry_id, record in entries.items():
        out.entry(f"{entry.name} `{entry_id}`")
        out.add(f"  {scalar(entry_id)}:", *_mapping(entry, record, 4))


def _listed(out: _Lines, entry: spec.Entry, items: list[Record], places: list[str]) -> None:
    """Entries with an id of their own (events, periods) as the items of a list, keys in the
    spec's order."""
    for item, place in zip(items, places, strict=True):
        body = list(_mapping(entry, item, 4))
        out.entry(place)
        out.add(f"  - {body[0].lstrip()}", *body[1:])


def to_yaml(draft: Draft) -> Written:
    """The draft as a timeline file: the top level's keys in the format's order, each source
    and actor as a block under its id, each event as an item of `events`, each period of
    `periods` (only when there are some)."""
    out = _Lines()
    out.add("# Made by `rirtime import`; check it with `rirtime check -f FILE`.")
    out.entry("the title")
    out.add(*_mapping(spec.TIMELINE, {"title": draft.title, "description": draft.description}, 0))
    _keyed(out, "sources", spec.SOURCE, draft.sources)
    _keyed(out, "actors", spec.ACTOR, draft.actors)
    if not draft.events:
        out.add("events: []")
    else:
        out.add("events:")
    _listed(out, spec.EVENT, draft.events, draft.places)
    if draft.periods:
        out.add("periods:")
        _listed(out, spec.PERIOD, draft.periods, draft.period_places)
    return Written("\n".join(out.parts) + "\n", out.starts)
