"""YAML text -> light nodes that carry their marks; what YAML itself could do wrong is judged here.

The YAML is read as a stream of parser events (libyaml's C parser when present) and composed here,
iteratively, into nodes. Composing ourselves instead of calling `yaml.load` buys, in one pass:

- the place of every value, taken from the events' marks;
- no Python object is ever constructed from a tag, so no tag can run code;
- anchors and aliases are refused where they stand and never expanded, so an alias bomb costs
  nothing; tags are reported and their values read as plain text, lists and mappings, so the
  rest of the file is still checked;
- depth is counted as we go, so deep nesting is refused before anything recurses;
- duplicate keys are seen (PyYAML keeps the last one silently);
- YAML's implicit typing is told (`implicit_type`): `title: NO` is an error, not a silent False.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import yaml
import yaml.events as ev
from yaml.resolver import Resolver

from rirtime.errors import Diagnostic, Loc, Severity
from rirtime.files import Lines, split_lines

__all__ = [
    "MAX_DEPTH",
    "NULL",
    "TYPE_NAMES",
    "MapNode",
    "Node",
    "Refused",
    "Scalar",
    "SeqNode",
    "compose",
    "implicit_type",
]

MAX_DEPTH = 64  # the format needs five levels; anything far deeper is not a timeline


def _error(loc: Loc, code: str, message: str) -> Diagnostic:
    return Diagnostic(loc, Severity.ERROR, code, message)


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

    def __init__(self, e: Any) -> None:
        """From a ScalarEvent, which a parser always gives with its marks."""
        self.value: str = e.value
        self.plain = not e.style  # '' from libyaml, None from the pure-Python parser
        s, t = e.start_mark, e.end_mark
        self.line, self.col, self.end_line, self.end_col = s.line, s.column, t.line, t.column
        self.tag = e.tag


class MapNode(Node):
    __slots__ = ("flow", "items", "key", "seen")

    def __init__(self, line: int, col: int, tag: str | None = None, *, flow: bool = False) -> None:
        self.flow = flow  # written {a: b}; its end is then the closing brace
        self.items: list[tuple[Node, Node]] = []
        self.key: Node | None = None
        self.seen: dict[str, Node] = {}
        self.line, self.col, self.end_line, self.end_col = line, col, line, col + 1
        self.tag = tag


class SeqNode(Node):
    __slots__ = ("flow", "items", "take")

    def __init__(self, line: int, col: int, tag: str | None = None, *, flow: bool = False) -> None:
        self.flow = flow  # written [a, b]; its end is then the closing bracket
        self.items: list[Node] = []
        # A list of the top level whose items are handed over as each is composed (`compose`'s
        # `stream`); `items` then stays empty.
        self.take: Take | None = None
        self.line, self.col, self.end_line, self.end_col = line, col, line, col + 1
        self.tag = tag


class Refused(Node):
    """A value that cannot be read as written (an alias): reported where it stands, and kept in
    its place so that the rest composes and is checked; the builder says nothing more of it."""

    __slots__ = ()

    def __init__(self, line: int, col: int, end_col: int) -> None:
        self.line, self.col, self.end_line, self.end_col = line, col, line, end_col
        self.tag = None


_Parent = MapNode | SeqNode
Take = Callable[[Node], None]


def _parser(text: str) -> Any:
    """A parser of `text`'s events: libyaml's C one when present, else PyYAML's own (the same
    events, slower)."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return yaml.SafeLoader(text)
    return CParser(text)


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
        return _error(Lines(text).loc(path, exc.position), "yaml", f"invalid YAML: {exc.reason}")
    return _error(Loc(path, 1, 1), "yaml", f"invalid YAML: {exc}")


class _Stop(Exception):
    """Composing ends here: what follows cannot be read (nested too deep, a second document)."""


class _Composer:
    """The state of one composition: the open collections, the root, what went wrong so far."""

    __slots__ = ("diags", "documents", "flows", "path", "root", "stack", "stream")

    def __init__(self, path: str, stream: Mapping[str, Take]) -> None:
        self.path = path
        self.stream = stream
        self.diags: list[Diagnostic] = []
        self.stack: list[_Parent] = []
        # For each open collection, its mark when it is a flow one ([...], {...}).
        self.flows: list[Any] = []
        self.root: Node | None = None
        self.documents = 0

    def here(self, mark: Any, length: int = 1) -> Loc:
        return Loc(self.path, mark.line + 1, mark.column + 1, length)

    def attach(self, node: Node) -> None:
        """Put a node where it belongs: the root, a list's next item, a mapping's key or value."""
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if isinstance(parent, SeqNode):
            if parent.take is None:
                parent.items.append(node)
            elif not isinstance(node, _Parent):  # a list or a mapping is handed over at its end
                parent.take(node)
        elif parent.key is None:
            parent.key = node
        else:
            key = parent.key
            parent.key = None
            if isinstance(key, Scalar):
                first = parent.seen.get(key.value)
                if first is not None:
                    self.diags.append(
                        _error(
                            Loc(self.path, key.line + 1, key.col + 1, len(key.value) or 1),
                            "duplicate-key",
                            f"duplicate key {key.value!r}: it is also at line {first.line + 1} "
                            "(YAML would silently keep the last)",
                        )
                    )
                    return
                parent.seen[key.value] = key
                if len(self.stack) == 1 and isinstance(node, SeqNode):
                    node.take = self.stream.get(key.value)
            parent.items.append((key, node))

    def check_properties(self, e: Any) -> None:
        """Report a value's anchor and any tag but the plain ones (the value is still read)."""
        if e.anchor is not None:
            self.diags.append(
                _error(
                    self.here(e.start_mark, len(e.anchor) + 1),
                    "anchor",
                    f"anchors (&{e.anchor}) and aliases are not supported: write each value out",
                )
            )
        if e.tag not in _ALLOWED_TAGS and e.tag != "!":
            shown = e.tag.replace("tag:yaml.org,2002:", "!!")
            self.diags.append(
                _error(
                    self.here(e.start_mark, len(shown)),
                    "yaml-tag",
                    f"YAML tags such as {shown} are not supported: rirtime reads "
                    "plain text, lists and mappings only",
                )
            )

    def open(self, e: Any) -> None:
        """A mapping or a list starts."""
        if e.anchor is not None or e.tag is not None:
            self.check_properties(e)
        mark = e.start_mark
        node: _Parent = (MapNode if type(e) is ev.MappingStartEvent else SeqNode)(
            mark.line, mark.column, e.tag, flow=bool(e.flow_style)
        )
        self.attach(node)
        self.stack.append(node)
        self.flows.append(mark if e.flow_style else None)
        if len(self.stack) > MAX_DEPTH:
            self.diags.append(
                _error(
                    self.here(e.start_mark),
                    "too-deep",
                    f"nested more than {MAX_DEPTH} levels deep; a timeline needs five",
                )
            )
            raise _Stop

    def close(self, e: Any) -> None:
        """A mapping or a list ends; a flow one ends at its closing bracket."""
        ended = self.stack.pop()
        self.flows.pop()
        if ended.flow:
            ended.end_line, ended.end_col = e.end_mark.line, e.end_mark.column
        if self.stack:
            parent = self.stack[-1]
            if isinstance(parent, SeqNode) and parent.take is not None:
                parent.take(ended)

    def alias(self, e: Any) -> None:
        """Refuse an alias, never expanding it; a Refused node stands in its place."""
        self.diags.append(
            _error(
                self.here(e.start_mark, len(e.anchor) + 1),
                "alias",
                f"aliases (*{e.anchor}) are not supported: write the value out",
            )
        )
        mark = e.start_mark
        self.attach(Refused(mark.line, mark.column, mark.column + len(e.anchor) + 1))

    def document(self, e: Any) -> None:
        """A document starts: the first is the timeline, a second one ends composing."""
        self.documents += 1
        if self.documents > 1:
            self.diags.append(
                _error(
                    self.here(e.start_mark, 3),
                    "documents",
                    "a second YAML document: a timeline file holds one document "
                    "(remove the `---` line)",
                )
            )
            raise _Stop


def compose(
    text: str, path: str, stream: Mapping[str, Take] | None = None
) -> tuple[Node | None, list[Diagnostic]]:
    """Events -> nodes, without recursion; report aliases, anchors, tags, duplicate keys, and
    stop at a depth past MAX_DEPTH or a second document.

    `stream` names lists of the top-level mapping (`events`) whose items are handed to its
    function each as soon as it is composed, in order, and not kept in the tree: the whole tree
    of a large file then never stands in memory. What the functions make of the items is theirs
    to drop when composing fails (the root is then None)."""
    c = _Composer(path, stream or {})
    try:
        next_event = _parser(text).get_event
        # Looked up once, not at each of a large file's millions of events.
        scalar_event, attach = ev.ScalarEvent, c.attach
        others: dict[type, Callable[[Any], None]] = {
            ev.MappingStartEvent: c.open,
            ev.SequenceStartEvent: c.open,
            ev.MappingEndEvent: c.close,
            ev.SequenceEndEvent: c.close,
            ev.AliasEvent: c.alias,
            ev.DocumentStartEvent: c.document,
        }
        while (e := next_event()) is not None:
            if type(e) is scalar_event:
                if e.anchor is not None or e.tag is not None:  # rare: no call for most values
                    c.check_properties(e)
                attach(Scalar(e))
            elif (handle := others.get(type(e))) is not None:
                handle(e)
    except _Stop:
        return None, c.diags
    except yaml.YAMLError as exc:
        opener = next((m for m in reversed(c.flows) if m is not None), None)
        c.diags.append(_yaml_error(exc, text, path, opener))
        return None, c.diags
    # A tagged value is read as the plain text, list or mapping it is written as, an anchored one
    # as itself, an alias as a Refused node: each is reported once, and the rest of the file is
    # checked as usual, so that one tag does not hide every other problem.
    return c.root, c.diags


_RESOLVER = Resolver()
TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "null (no value)",
}
NULL = "tag:yaml.org,2002:null"


# The first characters for which YAML's resolver tries a type (its table is keyed by them): a
# plain scalar starting with any other is text, told without the resolver's call and regexps
# (most values of a timeline: its titles, summaries, ids). Derived from the resolver's own
# table, and only when it has no pattern for every first character nor a path resolver.
_TYPED_FIRST: frozenset[str] | None = (
    frozenset(k for k in Resolver.yaml_implicit_resolvers if k)
    if None not in Resolver.yaml_implicit_resolvers and not _RESOLVER.yaml_path_resolvers
    else None
)


def implicit_type(node: Scalar) -> str | None:
    """The YAML type other tools would give a plain scalar, when it is not text."""
    if not node.plain or node.tag is not None:
        return None
    value = node.value
    if value and _TYPED_FIRST is not None and value[0] not in _TYPED_FIRST:
        return None
    tag: str = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, node.value, (True, False)
    )
    return tag if tag in TYPE_NAMES else None
