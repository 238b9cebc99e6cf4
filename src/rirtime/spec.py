"""THE file format: every kind of entry a timeline file holds, and each of its fields, once.

The loader reads fields by their type from here; the JSON Schema (schema.py), the cache's
entries, the export records, `add`'s key order and the README's format table are derived from
this module or tested against it. A new optional field is one `Field(...)` line here plus its
meaning (a model attribute of the same name; a check, if it needs one).
"""

from __future__ import annotations

import re
from dataclasses import KW_ONLY, dataclass
from dataclasses import field as dataclass_field
from enum import Enum

__all__ = [
    "ACTOR",
    "ALTERNATIVE",
    "EVENT",
    "ID_PATTERN",
    "KINDS",
    "NESTED",
    "PERIOD",
    "SOURCE",
    "TIMELINE",
    "ActorKind",
    "Entry",
    "Field",
    "Type",
    "markdown_table",
]

# Ids of actors, sources and events, and tags: lowercase kebab-case.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ActorKind(str, Enum):
    """What sort of actor an entry of the registry is."""

    STATE = "state"  # a country
    GOVERNMENT = "government"  # a ministry, agency or leadership body of a state
    MILITARY = "military"  # armed forces or a service of a state
    ORGANIZATION = "organization"  # an international organisation or one of its bodies
    GROUP = "group"  # a non-state armed or political group
    COMPANY = "company"
    OTHER = "other"


_KIND_DOCS = {
    ActorKind.GOVERNMENT: "a ministry, agency, leadership body",
    ActorKind.ORGANIZATION: "international body",
    ActorKind.GROUP: "non-state group",
}


class Type(str, Enum):
    """What a field's value is, as the file writes it."""

    LINE = "line"  # text on one line
    TEXT = "text"  # text, line breaks allowed
    ID = "id"  # an id, lowercase kebab-case (a reference to another entry)
    DATE = "date"  # a date in the notation (dates.py)
    ACTOR_KIND = "actor-kind"  # one of model.ActorKind
    TEXTS = "texts"  # a list of text
    IDS = "ids"  # a list of ids
    SOURCES = "sources"  # the mapping of source id -> source
    ACTORS = "actors"  # the mapping of actor id -> actor
    EVENTS = "events"  # the list of events
    PERIODS = "periods"  # the list of periods
    ALTERNATIVES = "alternatives"  # a list of `ALTERNATIVE` entries inside an event

    @property
    def is_list(self) -> bool:
        return self in (Type.TEXTS, Type.IDS)

    @property
    def is_entries(self) -> bool:
        """The top level's mappings and list of entries."""
        return self in (Type.SOURCES, Type.ACTORS, Type.EVENTS, Type.PERIODS)

    @property
    def is_nested(self) -> bool:
        """A list of small entries inside an entry (an event's alternatives)."""
        return self is Type.ALTERNATIVES

    @property
    def is_text(self) -> bool:
        """Plain text as the model holds it (nothing to convert on the way in or out)."""
        return self in (Type.LINE, Type.TEXT, Type.ID)

    @property
    def is_scalar(self) -> bool:
        return self in (Type.LINE, Type.TEXT, Type.ID, Type.ACTOR_KIND)


@dataclass(frozen=True, slots=True)
class Field:
    """One key of an entry: its name, its type, what it means, and whether it must be there."""

    name: str
    type: Type
    doc: str
    _: KW_ONLY
    required: bool = False
    min_items: int = 0  # lists only: at least this many items


@dataclass(frozen=True, slots=True)
class Entry:
    """A kind of entry: the top level, a source, an actor, an event. `keyed` entries live in a
    mapping under their id (sources, actors); the others carry an `id` field or none."""

    name: str
    title: str  # as the README's table names it
    fields: tuple[Field, ...]
    keyed: bool = False
    # The fields' names, and the required ones', made once: the loader asks at every entry.
    names: tuple[str, ...] = dataclass_field(init=False, repr=False, compare=False)
    required: tuple[str, ...] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(f.name for f in self.fields))
        object.__setattr__(self, "required", tuple(f.name for f in self.fields if f.required))

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


_NOTE = "an editor's note"

TIMELINE = Entry(
    "timeline",
    "top level",
    (
        Field("title", Type.LINE, "what the chronology is called", required=True),
        Field("description", Type.TEXT, "what the chronology covers"),
        Field("sources", Type.SOURCES, "the references that events cite"),
        Field("actors", Type.ACTORS, "who acts in the events"),
        Field("events", Type.EVENTS, "what happened, in chronological order"),
        Field(
            "periods",
            Type.PERIODS,
            "stretches of time the events happen against (a war, a presidency), shown as "
            "background",
        ),
    ),
)

SOURCE = Entry(
    "source",
    "source",
    (
        Field("citation", Type.LINE, "the reference as printed", required=True),
        Field("url", Type.TEXT, "where to find it"),
        Field("published", Type.DATE, "when it appeared"),
        Field(
            "text",
            Type.LINE,
            "a path to a local plain-text copy (UTF-8), from the timeline's folder: quotes "
            "are checked against it",
        ),
        Field("note", Type.TEXT, _NOTE),
    ),
    keyed=True,
)

ACTOR = Entry(
    "actor",
    "actor",
    (
        Field("name", Type.LINE, "the actor's name", required=True),
        Field("kind", Type.ACTOR_KIND, "what sort of actor", required=True),
        Field("aliases", Type.TEXTS, "other names (`--actor` matches them, ignoring case)"),
        Field(
            "part_of",
            Type.ID,
            "the actor this one is part of: the IRGC is part of Iran (Hezbollah is not)",
        ),
        Field("note", Type.TEXT, _NOTE),
    ),
    keyed=True,
)

ALTERNATIVE = Entry(
    "alternative",
    "event's alternative",
    (
        Field("date", Type.DATE, "the date another source (or the same one) gives", required=True),
        Field("sources", Type.IDS, "what gives that date"),
        Field("note", Type.TEXT, "why it differs"),
    ),
)

EVENT = Entry(
    "event",
    "event",
    (
        Field("id", Type.ID, "unique among the events", required=True),
        Field("date", Type.DATE, "when it happened", required=True),
        Field(
            "alternatives",
            Type.ALTERNATIVES,
            "other dates the evidence gives, when it disagrees (`date` alone places the event)",
        ),
        Field("title", Type.LINE, "what happened, in your own words", required=True),
        Field("summary", Type.TEXT, "in your own words"),
        Field("actors", Type.IDS, "who took part, at least one", required=True, min_items=1),
        Field("people", Type.TEXTS, "people named, in full"),
        Field("tags", Type.IDS, "what it is about"),
        Field("sources", Type.IDS, "what attests it (a warning when empty)"),
        Field("quote", Type.TEXT, "a short verbatim phrase"),
        Field("note", Type.TEXT, _NOTE),
    ),
)

PERIOD = Entry(
    "period",
    "period",
    (
        Field(
            "id", Type.ID, "unique among the periods (events have ids of their own)", required=True
        ),
        Field("title", Type.LINE, "what the stretch of time was, in your own words", required=True),
        Field(
            "date",
            Type.DATE,
            "when it lasted, usually an interval: `2011-03/..` (ongoing), `2013-08/2021-08`",
            required=True,
        ),
        Field("note", Type.TEXT, _NOTE),
        Field("sources", Type.IDS, "what dates it (a warning when empty)"),
    ),
)

KINDS: dict[str, Entry] = {e.name: e for e in (TIMELINE, SOURCE, ACTOR, EVENT, ALTERNATIVE, PERIOD)}
NESTED: dict[Type, Entry] = {Type.ALTERNATIVES: ALTERNATIVE}  # the entry of each nested type


_VALUES = {
    Type.LINE: "text, one line",
    Type.TEXT: "text",
    Type.ID: "an id",
    Type.DATE: "a date in the notation",
    Type.ACTOR_KIND: ", ".join(
        f"`{k.value}`" + (f" ({_KIND_DOCS[k]})" if k in _KIND_DOCS else "") for k in ActorKind
    ),
    Type.TEXTS: "list of text",
    Type.IDS: "list of ids",
    Type.SOURCES: "mapping of source id to source",
    Type.ACTORS: "mapping of actor id to actor",
    Type.EVENTS: "list of events",
    Type.PERIODS: "list of periods",
    Type.ALTERNATIVES: "list of `{date, sources, note}`",
}


def markdown_table() -> str:
    """The README's table of the format, one row a key (the README is tested against this)."""
    rows = ["| entry | key | required | value | meaning |", "| --- | --- | --- | --- | --- |"]
    for entry in KINDS.values():
        for i, f in enumerate(entry.fields):
            first = entry.title if i == 0 else ""
            required = "yes" if f.required else ""
            rows.append(f"| {first} | `{f.name}` | {required} | {_VALUES[f.type]} | {f.doc} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
