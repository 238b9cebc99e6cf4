"""YAML text -> model, keeping file:line:column for every value.

The YAML is read as a stream of parser events (libyaml's C parser when present) and composed here,
iteratively, into light nodes that carry their marks. Composing ourselves instead of calling
`yaml.load` buys, in one pass and with no second reading of the text:

- the place of every value, taken from the events' marks;
- no Python object is ever constructed from a tag, so no tag can run code;
- anchors and aliases are refused where they stand, so an alias bomb costs nothing;
- depth is counted as we go, so deep nesting is refused before anything recurses;
- duplicate keys are seen (PyYAML keeps the last one silently);
- YAML's implicit typing is judged by us: `title: NO` is an error, not a silent False.
"""

from __future__ import annotations

import difflib
import gc
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
import yaml.events as ev
from yaml.resolver import Resolver

from rirtime import dates
from rirtime.errors import Diagnostic, Loc, RirtimeError, Severity, UsageError
from rirtime.model import Actor, ActorKind, Event, Places, Source, Timeline

__all__ = [
    "KEYS",
    "MAX_DEPTH",
    "Loaded",
    "decode",
    "default_path",
    "load_text",
    "read_input",
    "split_lines",
]

MAX_DEPTH = 64  # the format needs five levels; anything far deeper is not a timeline
STDIN = "-"
STDIN_NAME = "<stdin>"

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Characters YAML does not allow in a stream (tab, LF and CR are allowed; so is NEL, U+0085).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


# -- which file ----------------------------------------------------------------------------------


def default_path() -> Path:
    """The chronology that ships with rirtime (in a source checkout: the repository's own)."""
    packaged = Path(__file__).parent / "data" / "timeline.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "timeline.yaml"


def resolve_path(option: str | None) -> str:
    """`--file`, else `RIRTIME_FILE`, else the bundled chronology."""
    if option:
        return option
    env = os.environ.get("RIRTIME_FILE")
    if env:
        return env
    return str(default_path())


def read_input(path: str) -> tuple[str, bytes]:
    """The display name and the bytes of a timeline file, `-` being standard input."""
    if path == STDIN:
        return STDIN_NAME, sys.stdin.buffer.read()
    p = Path(path)
    try:
        return path, p.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, not a timeline file") from None
    except PermissionError:
        raise RirtimeError(f"{path}: permission denied") from None
    except OSError as exc:
        raise RirtimeError(f"{path}: cannot read: {exc.strerror or exc}") from None


# -- bytes -> text -------------------------------------------------------------------------------


class _Fatal(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def split_lines(text: str) -> list[str]:
    """The text's lines as YAML counts them (CRLF, CR, LF, NEL, LS and PS all end a line)."""
    return _LINE_BREAK.split(text)


def _loc_of_index(path: str, text: str, index: int) -> Loc:
    before = text[:index]
    line = len(_LINE_BREAK.findall(before)) + 1
    last = max((m.end() for m in _LINE_BREAK.finditer(before)), default=0)
    return Loc(path, line, index - last + 1)


def _error(loc: Loc, code: str, message: str) -> Diagnostic:
    return Diagnostic(loc, Severity.ERROR, code, message)


def decode(data: bytes, path: str) -> str:
    """Bytes -> text: UTF-8 (a BOM is fine), or UTF-16 told by its BOM or by its zero bytes."""
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(data) >= 2 and data[0] == 0 and data[1] != 0:
        encoding = "utf-16-be"  # YAML's own rule for a stream without a BOM
    elif len(data) >= 2 and data[0] != 0 and data[1] == 0:
        encoding = "utf-16-le"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            loc = Loc(path, 1, 1)
            message = f"not valid {encoding.upper()}: {exc.reason}"
            raise _Fatal(_error(loc, "encoding", message)) from None
        good = data[: exc.start].decode("utf-8")
        loc = _loc_of_index(path, good, len(good))
        raise _Fatal(
            _error(
                loc,
                "encoding",
                f"not valid UTF-8 (byte 0x{data[exc.start]:02X}); rirtime reads UTF-8 files "
                "(or UTF-16 with a BOM): convert it, e.g. with `iconv -f latin1 -t utf-8`",
            )
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _check_characters(text: str, path: str) -> None:
    m = _FORBIDDEN.search(text)
    if m is None:
        return
    ch = m.group()
    what = (
        "a NUL byte (is this a binary file?)"
        if ch == "\x00"
        else f"the control character U+{ord(ch):04X}"
    )
    raise _Fatal(
        _error(
            _loc_of_index(path, text, m.start()),
            "control-character",
            f"{what} cannot stand in a YAML file; inside double quotes write it as an escape "
            f"(\\x{ord(ch):02x})",
        )
    )


# -- text -> nodes -------------------------------------------------------------------------------


class Node:
    __slots__ = ("col", "end_col", "end_line", "line", "tag")

    line: int
    col: int
    end_line: int
    end_col: int
    tag: str | None


class Scalar(Node):
    __slots__ = ("plain", "value")

    def __init__(self, e: ev.ScalarEvent) -> None:
        self.value: str = e.value
        self.plain = not e.style  # '' from libyaml, None from the pure-Python parser
        s, t = e.start_mark, e.end_mark
        assert s is not None and t is not None
        self.line, self.col, self.end_line, self.end_col = s.line, s.column, t.line, t.column
        self.tag = e.tag


class MapNode(Node):
    __slots__ = ("flow", "items", "key", "seen")

    def __init__(self, line: int, col: int, tag: str | None = None, flow: bool = False) -> None:
        self.flow = flow  # written {a: b}; its end is then the closing brace
        self.items: list[tuple[Node, Node]] = []
        self.key: Node | None = None
        self.seen: dict[str, Node] = {}
        self.line, self.col, self.end_line, self.end_col = line, col, line, col + 1
        self.tag = tag


class SeqNode(Node):
    __slots__ = ("flow", "items")

    def __init__(self, line: int, col: int, tag: str | None = None, flow: bool = False) -> None:
        self.flow = flow  # written [a, b]; its end is then the closing bracket
        self.items: list[Node] = []
        self.line, self.col, self.end_line, self.end_col = line, col, line, col + 1
        self.tag = tag


_Parent = MapNode | SeqNode


def _parser_events(text: str) -> Iterator[Any]:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml: same events, slower
        parser: Any = yaml.SafeLoader(text)
    else:
        parser = CParser(text)
    while (event := parser.get_event()) is not None:
        yield event


_ALLOWED_TAGS = {None, "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _yaml_error(exc: yaml.YAMLError, text: str, path: str, opener: Any = None) -> Diagnostic:
    """A parser error as a diagnostic; `opener` is the mark of the innermost open `[` or `{`."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        loc = Loc(path, mark.line + 1, mark.column + 1)
        lines = split_lines(text)
        if "nesting depth" in (exc.problem or ""):  # libyaml 0.2.5+ has a limit of its own
            return _error(loc, "too-deep", f"nested too deeply (YAML: {exc.problem})")
        if opener is not None and opener.line < len(lines):
            bracket = lines[opener.line][opener.column : opener.column + 1]
            return _error(
                loc,
                "yaml",
                f"invalid YAML: {exc.problem}; the {bracket!r} at line {opener.line + 1}, "
                f"column {opener.column + 1} is not closed",
            )
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1] and not line[: mark.column].strip(" \t"):
            return _error(
                loc,
                "tab",
                "a tab is used for indentation; YAML indents with spaces only",
            )
        problem = exc.problem or "invalid YAML"
        message = f"invalid YAML: {problem}"
        if exc.context and exc.context_mark is not None:
            message += f" ({exc.context} at line {exc.context_mark.line + 1})"
        return _error(loc, "yaml", message)
    if isinstance(exc, yaml.reader.ReaderError):
        return _error(
            _loc_of_index(path, text, exc.position), "yaml", f"invalid YAML: {exc.reason}"
        )
    return _error(Loc(path, 1, 1), "yaml", f"invalid YAML: {exc}")


def compose(text: str, path: str) -> tuple[Node | None, list[Diagnostic]]:
    """Events -> nodes, without recursion; refuse aliases, anchors, tags, depth, duplicate keys."""
    diags: list[Diagnostic] = []
    stack: list[_Parent] = []
    flows: list[Any] = []  # for each open collection, its mark when it is a flow one ([...], {...})
    root: Node | None = None
    documents = 0

    def here(mark: Any, length: int = 1) -> Loc:
        return Loc(path, mark.line + 1, mark.column + 1, length)

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, SeqNode):
            parent.items.append(node)
        elif parent.key is None:
            parent.key = node
        else:
            key = parent.key
            parent.key = None
            if isinstance(key, Scalar):
                first = parent.seen.get(key.value)
                if first is not None:
                    diags.append(
                        _error(
                            Loc(path, key.line + 1, key.col + 1, len(key.value) or 1),
                            "duplicate-key",
                            f"duplicate key {key.value!r}: it is also at line {first.line + 1} "
                            "(YAML would silently keep the last)",
                        )
                    )
                    return
                parent.seen[key.value] = key
            parent.items.append((key, node))

    try:
        for e in _parser_events(text):
            cls = type(e)
            if cls is ev.ScalarEvent or cls is ev.MappingStartEvent or cls is ev.SequenceStartEvent:
                if e.anchor is not None:
                    diags.append(
                        _error(
                            here(e.start_mark, len(e.anchor) + 1),
                            "anchor",
                            f"anchors (&{e.anchor}) and aliases are not supported: "
                            "write each value out",
                        )
                    )
                if e.tag not in _ALLOWED_TAGS and e.tag != "!":
                    shown = e.tag.replace("tag:yaml.org,2002:", "!!")
                    diags.append(
                        _error(
                            here(e.start_mark, len(shown)),
                            "tag",
                            f"YAML tags such as {shown} are not supported: rirtime reads "
                            "plain text, lists and mappings only",
                        )
                    )
                if cls is ev.ScalarEvent:
                    attach(Scalar(e))
                    continue
                mark = e.start_mark
                node: _Parent = (MapNode if cls is ev.MappingStartEvent else SeqNode)(
                    mark.line, mark.column, e.tag, bool(e.flow_style)
                )
                attach(node)
                stack.append(node)
                flows.append(mark if e.flow_style else None)
                if len(stack) > MAX_DEPTH:
                    diags.append(
                        _error(
                            here(e.start_mark),
                            "too-deep",
                            f"nested more than {MAX_DEPTH} levels deep; a timeline needs five",
                        )
                    )
                    return None, diags
            elif cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
                ended = stack.pop()
                flows.pop()
                if ended.flow:
                    ended.end_line, ended.end_col = e.end_mark.line, e.end_mark.column
            elif cls is ev.AliasEvent:
                diags.append(
                    _error(
                        here(e.start_mark, len(e.anchor) + 1),
                        "alias",
                        f"aliases (*{e.anchor}) are not supported: write the value out",
                    )
                )
                attach(SeqNode(e.start_mark.line, e.start_mark.column))
            elif cls is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    diags.append(
                        _error(
                            here(e.start_mark, 3),
                            "documents",
                            "a second YAML document: a timeline file holds one document "
                            "(remove the `---` line)",
                        )
                    )
                    return None, diags
    except yaml.YAMLError as exc:
        opener = next((m for m in reversed(flows) if m is not None), None)
        diags.append(_yaml_error(exc, text, path, opener))
        return None, diags
    if any(d.code in ("anchor", "alias", "tag") for d in diags):
        root = None  # the values behind these cannot be read as written; the rest is reported
    return root, diags


# -- nodes -> model ------------------------------------------------------------------------------

_RESOLVER = Resolver()
_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "null (no value)",
}
_NULL = "tag:yaml.org,2002:null"


def _implicit_type(node: Scalar) -> str | None:
    """The YAML type other tools would give a plain scalar, when it is not text."""
    if not node.plain or node.tag is not None:
        return None
    tag: str = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, node.value, (True, False)
    )
    return tag if tag in _TYPE_NAMES else None


# Every key of the format, for each kind of entry, and whether it is required; the schema
# (schema.py) and the README's table are held to this list.
KEYS: dict[str, dict[str, bool]] = {
    "timeline": {
        "title": True,
        "description": False,
        "sources": False,
        "actors": False,
        "events": False,
    },
    "source": {"citation": True, "url": False, "published": False, "note": False},
    "actor": {"name": True, "kind": True, "aliases": False, "part_of": False, "note": False},
    "event": {
        "id": True,
        "date": True,
        "title": True,
        "summary": False,
        "actors": True,
        "people": False,
        "tags": False,
        "sources": False,
        "quote": False,
        "note": False,
    },
}


def did_you_mean(word: str, choices: list[str] | tuple[str, ...] | Any) -> str:
    """` (did you mean 'title'?)` when a choice is close to the word, else an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.diags: list[Diagnostic] = []

    def loc(self, node: Node) -> Loc:
        length = node.end_col - node.col if node.end_line == node.line else 1
        return Loc(self.path, node.line + 1, node.col + 1, max(length, 1))

    def error(self, node: Node, code: str, message: str) -> None:
        self.diags.append(_error(self.loc(node), code, message))

    def _shape(self, node: Node) -> str:
        if isinstance(node, MapNode):
            return "a mapping"
        if isinstance(node, SeqNode):
            return "a list"
        return "text"

    def mapping(self, node: Node, what: str) -> MapNode | None:
        if isinstance(node, MapNode):
            return node
        if isinstance(node, Scalar) and _implicit_type(node) == _NULL:
            return MapNode(node.line, node.col)
        self.error(
            node, "type", f"{what} must be a mapping (key: value lines), not {self._shape(node)}"
        )
        return None

    def fields(self, node: MapNode, schema: str, what: str) -> dict[str, tuple[Scalar, Node]]:
        """The known keys of a mapping; unknown and missing keys reported."""
        allowed = KEYS[schema]
        out: dict[str, tuple[Scalar, Node]] = {}
        for key, value in node.items:
            if not isinstance(key, Scalar):
                self.error(key, "key", f"a key in {what} must be plain text")
                continue
            if key.value not in allowed:
                hint = did_you_mean(key.value, allowed)
                known = ", ".join(allowed)
                self.error(
                    key,
                    "unknown-key",
                    f"unknown key {key.value!r} in {what}{hint}; known keys: {known}",
                )
                continue
            out[key.value] = (key, value)
        for name, required in allowed.items():
            if required and name not in out:
                self.error(node, "missing-key", f"{what} has no {name!r}")
        return out

    def text(self, node: Node, name: str, what: str, required: bool = False) -> str | None:
        """A scalar read as text; other YAML types are refused, never converted."""
        if not isinstance(node, Scalar):
            self.error(node, "type", f"{name} of {what} must be text, not {self._shape(node)}")
            return None
        implicit = _implicit_type(node)
        if implicit == _NULL:
            if required:
                self.error(node, "empty", f"{name} of {what} has no value")
            return None
        if implicit is not None:
            self.error(
                node,
                "implicit-type",
                f"YAML reads {node.value!r} as {_TYPE_NAMES[implicit]}, not text; "
                f'quote it to mean the text: "{node.value}"',
            )
            return None
        return node.value

    def date(self, node: Node, name: str, what: str) -> dates.Span | None:
        """A date in the notation; an unquoted year or day (YAML's int, date) is read as written."""
        if not isinstance(node, Scalar):
            self.error(node, "type", f"{name} of {what} must be a date, not {self._shape(node)}")
            return None
        implicit = _implicit_type(node)
        if implicit == _NULL:
            self.error(node, "empty", f"{name} of {what} has no value")
            return None
        if implicit not in (None, "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"):
            self.error(
                node,
                "date",
                f"invalid date {node.value!r}: YAML reads it as {_TYPE_NAMES[implicit]}",
            )
            return None
        try:
            return dates.parse(node.value)
        except dates.DateError as exc:
            loc = self.loc(node)
            if node.line == node.end_line and "\n" not in node.value:
                quote = 0 if node.plain else 1
                loc = Loc(self.path, loc.line, loc.column + quote + exc.offset, 1)
            self.diags.append(_error(loc, "date", f"invalid date {node.value!r}: {exc.message}"))
            return None

    def text_list(
        self, node: Node, name: str, what: str, places: dict[str | tuple[str, int], Loc]
    ) -> tuple[str, ...]:
        if not isinstance(node, SeqNode):
            if isinstance(node, Scalar) and _implicit_type(node) == _NULL:
                return ()
            example = node.value if isinstance(node, Scalar) else "..."
            self.error(
                node,
                "type",
                f"{name} of {what} must be a list, as in [{example}], not {self._shape(node)}",
            )
            return ()
        out: list[str] = []
        if not node.items and name == "actors":
            self.error(node, "no-actor", f"{what} needs at least one actor")
        for i, item in enumerate(node.items):
            value = self.text(item, f"item {i + 1} of {name}", what, required=True)
            if value is not None:
                places[(name, len(out))] = self.loc(item)
                out.append(value)
        return tuple(out)

    # entries

    def _optional(
        self,
        fields: dict[str, tuple[Scalar, Node]],
        name: str,
        what: str,
        places: dict[str | tuple[str, int], Loc],
    ) -> str | None:
        if name not in fields:
            return None
        node = fields[name][1]
        places[name] = self.loc(node)
        return self.text(node, name, what)

    def _required(
        self,
        fields: dict[str, tuple[Scalar, Node]],
        name: str,
        what: str,
        places: dict[str | tuple[str, int], Loc],
    ) -> str:
        if name not in fields:
            return ""
        node = fields[name][1]
        places[name] = self.loc(node)
        return self.text(node, name, what, required=True) or ""

    def source(self, key: Scalar, node: Node) -> Source | None:
        what = f"source {key.value!r}"
        m = self.mapping(node, what)
        if m is None:
            return None
        f = self.fields(m, "source", what)
        places: dict[str | tuple[str, int], Loc] = {"id": self.loc(key)}
        published = None
        if "published" in f:
            places["published"] = self.loc(f["published"][1])
            published = self.date(f["published"][1], "published", what)
        return Source(
            id=key.value,
            citation=self._required(f, "citation", what, places),
            url=self._optional(f, "url", what, places),
            published=published,
            note=self._optional(f, "note", what, places),
            places=Places(self.loc(key), places),
        )

    def actor(self, key: Scalar, node: Node) -> Actor | None:
        what = f"actor {key.value!r}"
        m = self.mapping(node, what)
        if m is None:
            return None
        f = self.fields(m, "actor", what)
        places: dict[str | tuple[str, int], Loc] = {"id": self.loc(key)}
        kind: ActorKind | None = None
        kind_text = self._required(f, "kind", what, places)
        if kind_text:
            try:
                kind = ActorKind(kind_text)
            except ValueError:
                kinds = [k.value for k in ActorKind]
                hint = did_you_mean(kind_text, kinds)
                self.error(
                    f["kind"][1],
                    "kind",
                    f"unknown kind {kind_text!r} for {what}{hint}; kinds: {', '.join(kinds)}",
                )
        aliases: tuple[str, ...] = ()
        if "aliases" in f:
            aliases = self.text_list(f["aliases"][1], "aliases", what, places)
        return Actor(
            id=key.value,
            name=self._required(f, "name", what, places),
            kind=kind,
            aliases=aliases,
            part_of=self._optional(f, "part_of", what, places),
            note=self._optional(f, "note", what, places),
            places=Places(self.loc(key), places),
        )

    def event(self, node: Node, index: int) -> Event | None:
        what = f"event {index + 1}"
        m = self.mapping(node, what)
        if m is None:
            return None
        for key, value in m.items:  # name the event by its id in every message, when it has one
            if isinstance(key, Scalar) and key.value == "id" and isinstance(value, Scalar):
                if value.value and _implicit_type(value) is None:
                    what = f"event {value.value!r}"
                break
        f = self.fields(m, "event", what)
        places: dict[str | tuple[str, int], Loc] = {}
        event_id = self._required(f, "id", what, places)
        span = None
        if "date" in f:
            places["date"] = self.loc(f["date"][1])
            span = self.date(f["date"][1], "date", what)
        lists: dict[str, tuple[str, ...]] = {}
        for name in ("actors", "people", "tags", "sources"):
            if name in f:
                places[name] = self.loc(f[name][1])
                lists[name] = self.text_list(f[name][1], name, what, places)
        return Event(
            id=event_id,
            date=span,
            title=self._required(f, "title", what, places),
            summary=self._optional(f, "summary", what, places),
            actors=lists.get("actors", ()),
            people=lists.get("people", ()),
            tags=lists.get("tags", ()),
            sources=lists.get("sources", ()),
            quote=self._optional(f, "quote", what, places),
            note=self._optional(f, "note", what, places),
            places=Places(self.loc(m), places),
            index=index,
        )

    def registry(
        self, node: Node, name: str, make: Callable[[Scalar, Node], Any]
    ) -> dict[str, Any]:
        m = self.mapping(node, name)
        out: dict[str, Any] = {}
        if m is None:
            return out
        for key, value in m.items:
            if not isinstance(key, Scalar):
                self.error(key, "key", f"an id in {name} must be plain text")
                continue
            if _implicit_type(key) not in (None, _NULL):
                self.text(key, "id", name)
                continue
            entry = make(key, value)
            if entry is not None:
                out[key.value] = entry
        return out

    def timeline(self, root: Node) -> Timeline | None:
        if not isinstance(root, MapNode):
            self.error(
                root,
                "type",
                "the top level of a timeline must be a mapping (title:, sources:, actors:, "
                f"events:), not {self._shape(root)}",
            )
            return None
        m = root
        f = self.fields(m, "timeline", "the timeline")
        places: dict[str | tuple[str, int], Loc] = {}
        title = self._required(f, "title", "the timeline", places)
        description = self._optional(f, "description", "the timeline", places)
        sources = self.registry(f["sources"][1], "sources", self.source) if "sources" in f else {}
        actors = self.registry(f["actors"][1], "actors", self.actor) if "actors" in f else {}
        events: list[Event] = []
        if "events" in f:
            node = f["events"][1]
            if isinstance(node, SeqNode):
                for i, item in enumerate(node.items):
                    event = self.event(item, i)
                    if event is not None:
                        events.append(event)
            elif not (isinstance(node, Scalar) and _implicit_type(node) == _NULL):
                self.error(
                    node, "type", f"events must be a list of events, not {self._shape(node)}"
                )
        return Timeline(self.path, title, description, sources, actors, tuple(events))


# -- the whole way -------------------------------------------------------------------------------


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
        _check_characters(text, path)
    except _Fatal as fatal:
        return Loaded(path, None, None, [fatal.diagnostic])
    if not text.strip():
        return Loaded(path, text, None, [_error(Loc(path, 1, 1), "empty", "the file is empty")])
    # Loading makes hundreds of thousands of small objects and no cycles; the cyclic garbage
    # collector would rescan them again and again, for half the time of a large load (measured
    # in benchmarks/RESULTS.md). Reference counting still frees everything.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        root, diags = compose(text, path)
        if root is None:
            if not diags:
                message = "the file holds only comments: no timeline"
                diags.append(_error(Loc(path, 1, 1), "empty", message))
            return Loaded(path, text, None, diags)
        builder = _Builder(path)
        builder.diags = diags
        timeline = builder.timeline(root)
        return Loaded(path, text, timeline, builder.diags)
    finally:
        if was_enabled:
            gc.enable()
