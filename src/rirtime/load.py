"""Nodes -> model, read field by field as the format specification (spec.py) describes them.

Every value keeps its place (file:line:column); every problem found on the way is a diagnostic,
and loading goes on past it, so that one run reports them all.
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rirtime import dates, spec
from rirtime.errors import Diagnostic, Loc, Severity
from rirtime.files import BadText, check_characters, decode
from rirtime.model import (
    Actor,
    ActorKind,
    Alternative,
    Event,
    FieldKey,
    PackedPlaces,
    Period,
    Places,
    Source,
    Timeline,
    packed,
)
from rirtime.names import Suggester
from rirtime.spec import Type
from rirtime.syntax import (
    NULL,
    TYPE_NAMES,
    MapNode,
    Node,
    Refused,
    Scalar,
    SeqNode,
    compose,
    implicit_type,
)

__all__ = ["Loaded", "load_text"]

_Places = dict[FieldKey, Loc | int]
# A field's reader: its value from its node, the field, what the entry is called, its places.
_Read = Callable[[Node, spec.Field, str, _Places], Any]
# For each field of an entry kind, in order: the field, its reader, its value when absent.
_Plan = tuple[tuple[spec.Field, _Read, Any], ...]


_NESTED_MODELS: dict[Type, Callable[..., Any]] = {Type.ALTERNATIVES: Alternative}


def _error(loc: Loc, code: str, message: str) -> Diagnostic:
    return Diagnostic(loc, Severity.ERROR, code, message)


def _shape(node: Node) -> str:
    if isinstance(node, MapNode):
        return "a mapping"
    if isinstance(node, SeqNode):
        return "a list"
    return "text"


def _is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and implicit_type(node) == NULL


def _named(m: MapNode, kind: str, index: int) -> str:
    """How messages name an entry of a list: by its id, when it has a plain one, else by its
    position ("event 'x'", "period 3")."""
    for key, value in m.items:
        if isinstance(key, Scalar) and key.value == "id" and isinstance(value, Scalar):
            if value.value and implicit_type(value) is None:
                return f"{kind} {value.value!r}"
            break
    return f"{kind} {index + 1}"


class _Streamed:
    """The entries of a top-level list built as the composer handed them over, and what was
    found in them (given out where the list's own would have been, so the order is the same)."""

    __slots__ = ("built", "count", "diags")

    def __init__(self) -> None:
        self.built: list[Any] = []
        self.diags: list[Diagnostic] = []
        self.count = 0  # the items handed over, built or not


class _Builder:
    def __init__(self, path: str, diags: list[Diagnostic]) -> None:
        self.path = path
        self.diags = diags
        self.streamed: dict[str, _Streamed] = {}
        # What many entries share, kept once: the index of each set of fields' places, each
        # text of a list (the ids an event names: actors, tags, sources), each date's Span.
        self.layouts: dict[tuple[FieldKey, ...], dict[FieldKey, int]] = {}
        self.shared: dict[str, str] = {}
        self.spans: dict[str, dates.Span] = {}
        # One Suggester a set of names, so that ten thousand misspelt keys cost a bounded number
        # of comparisons (names.Suggester), the same for each repeated word.
        self.keys = {e.name: Suggester(e.names) for e in spec.KINDS.values()}
        self.kinds = Suggester(k.value for k in ActorKind)
        # Each kind's fields read as planned once, not told apart by type at every value.
        self.plans: dict[str, _Plan] = {
            e.name: tuple((f, *self.reader(f)) for f in e.fields) for e in spec.KINDS.values()
        }

    def loc(self, node: Node) -> Loc:
        length = node.end_col - node.col if node.end_line == node.line else 1
        return Loc(self.path, node.line + 1, node.col + 1, max(length, 1))

    def packed(self, node: Node) -> Loc | int:
        """`model.pack(self.loc(node))`, without making the Loc (most places are never asked
        for)."""
        length = node.end_col - node.col if node.end_line == node.line else 1
        return packed(self.path, node.line + 1, node.col + 1, length if length > 1 else 1)

    def places(self, entry: Loc, fields: _Places) -> Places:
        """An entry's places; its fields' packed in one array when they all pack."""
        packed = [v for v in fields.values() if type(v) is int]
        if len(packed) == len(fields):
            keys = tuple(fields)
            index = self.layouts.get(keys)
            if index is None:
                index = self.layouts[keys] = {key: i for i, key in enumerate(keys)}
            try:
                return Places(entry, PackedPlaces(index, array("Q", packed)))
            except OverflowError:  # a line past 2**22: kept as it is
                pass
        return Places(entry, fields)

    def error(self, node: Node, code: str, message: str) -> None:
        # A Refused node (an alias) was reported where it stands; what cannot be read from it
        # follows from that, and would only repeat it.
        if not isinstance(node, Refused):
            self.diags.append(_error(self.loc(node), code, message))

    def mapping(self, node: Node, what: str) -> MapNode | None:
        if isinstance(node, MapNode):
            return node
        if _is_null(node):
            return MapNode(node.line, node.col)
        self.error(node, "type", f"{what} must be a mapping (key: value lines), not {_shape(node)}")
        return None

    def fields(self, node: MapNode, entry: spec.Entry, what: str) -> dict[str, Node]:
        """The known keys of a mapping and their values; unknown and missing keys reported."""
        allowed = entry.names
        out: dict[str, Node] = {}
        for key, value in node.items:
            if not isinstance(key, Scalar):
                self.error(key, "key", f"a key in {what} must be plain text")
            elif key.value not in allowed:
                hint = self.keys[entry.name](key.value)
                known = ", ".join(allowed)
                self.error(
                    key,
                    "unknown-key",
                    f"unknown key {key.value!r} in {what}{hint}; known keys: {known}",
                )
            else:
                out[key.value] = value
        for name in entry.required:
            if name not in out:
                self.error(node, "missing-key", f"{what} has no {name!r}")
        return out

    # values, by type

    def text(self, node: Node, name: str, what: str, *, required: bool = False) -> str | None:
        """A scalar read as text; other YAML types are refused, never converted."""
        if not isinstance(node, Scalar):
            self.error(node, "type", f"{name} of {what} must be text, not {_shape(node)}")
            return None
        implicit = implicit_type(node)
        if implicit == NULL:
            if required:
                self.error(node, "no-value", f"{name} of {what} has no value")
            return None
        if implicit is not None:
            self.error(
                node,
                "implicit-type",
                f"YAML reads {node.value!r} as {TYPE_NAMES[implicit]}, not text; "
                f'quote it to mean the text: "{node.value}"',
            )
            return None
        return node.value

    def date(self, node: Node, name: str, what: str) -> dates.Span | None:
        """A date in the notation; an unquoted year or day (YAML's int, date) is read as written."""
        if not isinstance(node, Scalar):
            self.error(node, "type", f"{name} of {what} must be a date, not {_shape(node)}")
            return None
        implicit = implicit_type(node)
        if implicit == NULL:
            self.error(node, "no-value", f"{name} of {what} has no value")
            return None
        if implicit not in (None, "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"):
            self.error(
                node,
                "date",
                f"invalid date {node.value!r}: YAML reads it as {TYPE_NAMES[implicit]}",
            )
            return None
        span = self.spans.get(node.value)
        if span is not None:
            return span
        try:
            span = self.spans[node.value] = dates.parse(node.value)
        except dates.DateError as exc:
            loc = self.loc(node)
            if node.line == node.end_line and "\n" not in node.value:
                quote = 0 if node.plain else 1
                loc = Loc(self.path, loc.line, loc.column + quote + exc.offset, 1)
            message = f"invalid date {node.value!r}: {exc.message}{dates.human_hint(node.value)}"
            self.diags.append(_error(loc, "date", message))
            return None
        return span

    def kind(self, node: Node, name: str, what: str) -> ActorKind | None:
        text = self.text(node, name, what, required=True)
        if not text:
            return None
        try:
            return ActorKind(text)
        except ValueError:
            kinds = [k.value for k in ActorKind]
            hint = self.kinds(text)
            self.error(
                node, "kind", f"unknown kind {text!r} for {what}{hint}; kinds: {', '.join(kinds)}"
            )
            return None

    def text_list(self, node: Node, f: spec.Field, what: str, places: _Places) -> tuple[str, ...]:
        name = f.name
        if not isinstance(node, SeqNode):
            if _is_null(node):
                return ()
            example = node.value if isinstance(node, Scalar) else "..."
            self.error(
                node,
                "type",
                f"{name} of {what} must be a list, as in [{example}], not {_shape(node)}",
            )
            return ()
        if len(node.items) < f.min_items:
            singular = name.removesuffix("s")
            self.error(node, f"no-{singular}", f"{what} needs at least one {singular}")
        out: list[str] = []
        for i, item in enumerate(node.items):
            if type(item) is Scalar and implicit_type(item) is None:  # text: most items
                value: str | None = item.value
            else:
                value = self.text(item, f"item {i + 1} of {name}", what, required=True)
            if value is not None:
                places[(name, len(out))] = self.packed(item)
                out.append(self.shared.setdefault(value, value))
        return tuple(out)

    def nested(self, node: Node, f: spec.Field, what: str, places: _Places) -> tuple[Any, ...]:
        """A list of small entries (an event's alternatives), each read as the spec says; the
        places of their fields go with the outer entry's, as `alternatives[0].date`."""
        if not isinstance(node, SeqNode):
            if _is_null(node):
                return ()
            self.error(node, "type", f"{f.name} of {what} must be a list, not {_shape(node)}")
            return ()
        entry = spec.NESTED[f.type]
        out: list[Any] = []
        for i, item in enumerate(node.items):
            inner = f"item {i + 1} of {f.name} of {what}"
            m = self.mapping(item, inner)
            if m is None:
                continue
            own: _Places = {}
            values = self.entry(m, entry, inner, own)
            if any(values[name] is None for name in entry.required):
                continue  # reported: a required field is missing or unreadable
            prefix = f"{f.name}[{len(out)}]."
            places[(f.name, len(out))] = self.packed(item)
            for key, loc in own.items():
                name, index = key if isinstance(key, tuple) else (key, None)
                places[prefix + name if index is None else (prefix + name, index)] = loc
            out.append(_NESTED_MODELS[f.type](**values))
        return tuple(out)

    def reader(self, f: spec.Field) -> tuple[_Read, Any]:
        """How a field's value is read, by its type, and its value when absent: None (or empty:
        "" when required text, () for a list), its problem reported by `fields`."""
        if f.type.is_list:
            return self.text_list, ()
        if f.type.is_nested:
            return self.nested, ()
        if f.type is Type.DATE:
            return self.date_field, None
        if f.type is Type.ACTOR_KIND:
            return self.kind_field, None
        return self.text_field, "" if f.required and f.type.is_text else None

    def date_field(self, node: Node, f: spec.Field, what: str, _places: _Places) -> Any:
        return self.date(node, f.name, what)

    def kind_field(self, node: Node, f: spec.Field, what: str, _places: _Places) -> Any:
        return self.kind(node, f.name, what)

    def text_field(self, node: Node, f: spec.Field, what: str, _places: _Places) -> Any:
        value = self.text(node, f.name, what, required=f.required)
        return (value or "") if f.required else value

    def values(
        self, plan: _Plan, given: dict[str, Node], what: str, places: _Places
    ) -> dict[str, Any]:
        """The planned fields' values, by name, each given one's place kept."""
        out: dict[str, Any] = {}
        for f, read, absent in plan:
            node = given.get(f.name)
            if node is None:
                out[f.name] = absent
            else:
                places[f.name] = self.packed(node)
                out[f.name] = read(node, f, what, places)
        return out

    def entry(self, m: MapNode, entry: spec.Entry, what: str, places: _Places) -> dict[str, Any]:
        """Every field of a mapping as the spec describes it, by name."""
        return self.values(self.plans[entry.name], self.fields(m, entry, what), what, places)

    # entries

    def source(self, key: Scalar, node: Node) -> Source | None:
        what = f"source {key.value!r}"
        m = self.mapping(node, what)
        if m is None:
            return None
        places: _Places = {"id": self.packed(key)}
        values = self.entry(m, spec.SOURCE, what, places)
        return Source(id=key.value, places=self.places(self.loc(key), places), **values)

    def actor(self, key: Scalar, node: Node) -> Actor | None:
        what = f"actor {key.value!r}"
        m = self.mapping(node, what)
        if m is None:
            return None
        places: _Places = {"id": self.packed(key)}
        values = self.entry(m, spec.ACTOR, what, places)
        return Actor(id=key.value, places=self.places(self.loc(key), places), **values)

    def event(self, node: Node, index: int) -> Event | None:
        m = self.mapping(node, f"event {index + 1}")
        if m is None:
            return None
        what = _named(m, "event", index)
        places: _Places = {}
        values = self.entry(m, spec.EVENT, what, places)
        return Event(places=self.places(self.loc(m), places), index=index, **values)

    def period(self, node: Node, index: int) -> Period | None:
        m = self.mapping(node, f"period {index + 1}")
        if m is None:
            return None
        what = _named(m, "period", index)
        places: _Places = {}
        values = self.entry(m, spec.PERIOD, what, places)
        return Period(places=self.places(self.loc(m), places), **values)

    def registry(
        self, node: Node | None, name: str, make: Callable[[Scalar, Node], Any]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        m = self.mapping(node, name) if node is not None else None
        if m is None:
            return out
        for key, value in m.items:
            if not isinstance(key, Scalar):
                self.error(key, "key", f"an id in {name} must be plain text")
                continue
            if implicit_type(key) not in (None, NULL):
                self.text(key, "id", name)
                continue
            entry = make(key, value)
            if entry is not None:
                out[key.value] = entry
        return out

    def streams(self) -> dict[str, Callable[[Node], None]]:
        """For `compose`: the top-level lists of entries, each item built as soon as it is
        composed, so that the whole tree never stands in memory (on 100k events it was half of
        a check's peak)."""
        makers = {Type.EVENTS: self.event, Type.PERIODS: self.period}
        return {
            f.name: self.taker(f.name, makers[f.type])
            for f in spec.TIMELINE.fields
            if f.type in makers
        }

    def taker(self, name: str, make: Callable[[Node, int], Any]) -> Callable[[Node], None]:
        streamed = self.streamed[name] = _Streamed()

        def take(node: Node) -> None:
            diags, self.diags = self.diags, streamed.diags
            try:
                entry = make(node, streamed.count)
            finally:
                self.diags = diags
            streamed.count += 1
            if entry is not None:
                streamed.built.append(entry)

        return take

    def listed(self, node: Node | None, name: str) -> tuple[Any, ...]:
        """A top-level list of entries (events, periods): built already, each as it was
        composed (`streams`); what was found in them is told here, in the list's turn."""
        if node is None or _is_null(node):
            return ()
        if not isinstance(node, SeqNode):
            self.error(node, "type", f"{name} must be a list of {name}, not {_shape(node)}")
            return ()
        assert node.take is not None, "a top-level list is handed over as it is composed"
        streamed = self.streamed[name]
        self.diags.extend(streamed.diags)
        return tuple(streamed.built)

    def timeline(self, root: Node) -> Timeline | None:
        if not isinstance(root, MapNode):
            self.error(
                root,
                "type",
                "the top level of a timeline must be a mapping (title:, sources:, actors:, "
                f"events:), not {_shape(root)}",
            )
            return None
        what = "the timeline"
        given = self.fields(root, spec.TIMELINE, what)
        places: _Places = {}
        scalars = tuple(p for p in self.plans[spec.TIMELINE.name] if p[0].type.is_scalar)
        values = self.values(scalars, given, what, places)
        return Timeline(
            path=self.path,
            sources=self.registry(given.get("sources"), "sources", self.source),
            actors=self.registry(given.get("actors"), "actors", self.actor),
            events=self.listed(given.get("events"), "events"),
            periods=self.listed(given.get("periods"), "periods"),
            **values,
        )


@dataclass(frozen=True)
class Loaded:
    """What loading gave: the timeline (None when the file could not be read as one) and why."""

    path: str
    text: str | None
    timeline: Timeline | None
    diagnostics: list[Diagnostic]


def load_text(data: bytes, path: str) -> Loaded:
    """Read bytes as a timeline: every problem found on the way comes back as a diagnostic."""
    try:
        text = decode(data, path)
        check_characters(text, path)
    except BadText as bad:
        return Loaded(path, None, None, [bad.diagnostic])
    if not text.strip():
        return Loaded(
            path, text, None, [_error(Loc(path, 1, 1), "empty-file", "the file is empty")]
        )
    # Loading makes hundreds of thousands of small objects and no cycles; the cyclic garbage
    # collector would rescan them again and again, for half the time of a large load (measured
    # in benchmarks/RESULTS.md). Reference counting still frees everything.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        builder = _Builder(path, [])
        root, diags = compose(text, path, builder.streams())
        if root is None:  # what the builder made of the items handed over is dropped
            if not diags:
                message = "the file holds only comments: no timeline"
                diags.append(_error(Loc(path, 1, 1), "empty-file", message))
            return Loaded(path, text, None, diags)
        builder.diags = diags
        timeline = builder.timeline(root)
        return Loaded(path, text, timeline, diags)
    finally:
        if was_enabled:
            gc.enable()
