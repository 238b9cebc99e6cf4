"""Safe, comment-preserving changes to a timeline file: an event added in its chronological
place, an actor or a source at the end of its mapping; and the starter file `init` writes.

PyYAML cannot write a file back with its comments, so rirtime never re-emits the file: it finds
from the loaded nodes' marks the offset where the new entry belongs and inserts its text there.
Every other byte stays as it was: comments, quoting, key order, blank lines, CRLF line ends.
Before anything is written, the result is checked, every other entry compared with what it was,
and the new entry read back.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rirtime import dates, spec
from rirtime.atomic import locked, write_atomic
from rirtime.errors import InvalidTimeline, RirtimeError, Severity, UsageError
from rirtime.files import Lines, decode, encode_like, read_input
from rirtime.formats.yaml_text import date_scalar as _date_scalar
from rirtime.formats.yaml_text import flow_list as _flow_list
from rirtime.formats.yaml_text import kebab as _kebab
from rirtime.formats.yaml_text import make_id
from rirtime.formats.yaml_text import quoted as _quoted  # noqa: F401 - tests use this name
from rirtime.formats.yaml_text import scalar as _scalar
from rirtime.model import Actor, Event, Source, Timeline
from rirtime.names import did_you_mean
from rirtime.query import sort_key
from rirtime.spec import ID_PATTERN, ActorKind, Type
from rirtime.syntax import MapNode, Node, Scalar, SeqNode, compose
from rirtime.workspace import check_bytes

__all__ = [
    "KINDS",
    "STARTER",
    "NewActor",
    "NewEntry",
    "NewEvent",
    "NewSource",
    "Planned",
    "Problem",
    "add_to_file",
    "date_problem",
    "editable",
    "id_problem",
    "kind_problem",
    "make_id",
    "plan_add",
    "plan_all",
    "reference_problem",
    "render_event",
    "tag_problem",
]


@dataclass(frozen=True)
class NewEvent:
    """The fields of an event to add, as the user gave them."""

    date: str
    title: str
    actors: tuple[str, ...]
    id: str | None = None
    summary: str | None = None
    people: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    quote: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class NewActor:
    """The fields of an actor to add, as the user gave them (`kind` by its name)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class NewSource:
    """The fields of a source to add, as the user gave them (`published` in the notation)."""

    id: str
    citation: str
    url: str | None = None
    published: str | None = None
    note: str | None = None


NewEntry = NewEvent | NewActor | NewSource

# The kinds an actor can be, by name, in the format's order: for --kind, its help and prompts.
KINDS = tuple(k.value for k in ActorKind)


@dataclass(frozen=True)
class Planned:
    """An addition worked out but not written: the new bytes, and where the entry went."""

    data: bytes  # the whole new file
    kind: str  # event, actor, source
    entry_id: str
    entry_text: str  # the entry's YAML as inserted
    line: int  # the 1-based line where it starts in the new file
    after: str | None  # the id of the entry of its kind it follows, None when it comes first
    alone: bool = False  # the only one of its kind
    twin: str | None = None  # an event that was there already with the same date and title

    @property
    def label(self) -> str:
        """The entry as a message names it: an event by its id, `actor irgc`, `source n14`."""
        return self.entry_id if self.kind == "event" else f"{self.kind} {self.entry_id}"

    @property
    def where(self) -> str:
        """Where it goes, for a message: `line 12, after unsc-veto-2011-10-04`."""
        if self.after:
            return f"line {self.line}, after {self.after}"
        if self.alone:
            return f"line {self.line}, the first {self.kind}"
        return f"line {self.line}, before every other {self.kind}"


# -- checking a value as it is given ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a value given for a field cannot be used, and the value probably meant, if any."""

    why: str
    hint: str | None = None

    def __str__(self) -> str:
        """As said to someone answering a prompt: `why; did you mean 2017-09?`"""
        return self.why + (f"; did you mean {self.hint}?" if self.hint else "")

    def about(self, value: str) -> str:
        """Said of the `value` someone typed, naming it once: `'x': why`."""
        said = str(self)
        return said if repr(value) in said else f"{value!r}: {said}"

    def usage(self, option: str, value: str, *, hint_option: bool = True) -> UsageError:
        """As a usage error of the option it came from: `invalid --date 'x': why; did you
        mean --date 2017-09?` (the option is repeated before the hint when `hint_option`)."""
        hint = f"{option} {self.hint}" if hint_option else self.hint
        also = f"; did you mean {hint}?" if self.hint else ""
        return UsageError(f"invalid {option} {value!r}: {self.why}{also}")


def date_problem(text: str) -> Problem | None:
    """Why `text` is not a date in the notation (and its notation, when it is a date as people
    write it: "Sept 2017" -> 2017-09); None when it is one."""
    try:
        dates.parse(text)
    except dates.DateError as exc:
        readings = dates.both_readings(text)  # an all-number date: both, not a guess
        if readings is not None:
            return Problem(f"{exc.message}; {readings}")
        return Problem(exc.message, dates.notation_for(text))
    return None


_KEBAB = "lowercase kebab-case (letters, digits, single hyphens)"


def id_problem(text: str, taken: Collection[str], article: str) -> Problem | None:
    """Why `text` cannot be the id of a new entry (`article`: "an actor"), else None."""
    if not ID_PATTERN.fullmatch(text):
        return Problem(f"ids are {_KEBAB}", _kebab(text))
    if text in taken:
        return Problem(f"{article} has it already")
    return None


def tag_problem(text: str) -> Problem | None:
    """Why `text` cannot be a tag, else None."""
    if ID_PATTERN.fullmatch(text):
        return None
    return Problem(f"tags are {_KEBAB}", _kebab(text))


def kind_problem(text: str) -> Problem | None:
    """Why `text` is not the name of an actor kind, else None."""
    if text in KINDS:
        return None
    return Problem(f"the kinds are {', '.join(KINDS)}{did_you_mean(text, KINDS)}")


def reference_problem(text: str, known: Collection[str], noun: str) -> Problem | None:
    """Why `text` names no entry among `known` (with the closest ids), else None."""
    if text in known:
        return None
    return Problem(f"no {noun} has that id{did_you_mean(text, known)}")


# -- YAML text -----------------------------------------------------------------------------------


def _yaml_value(f: spec.Field, value: object, *, flow: bool) -> str:
    if f.type is Type.DATE:
        return _date_scalar(str(value))
    if f.type.is_list:
        return _flow_list(value)  # type: ignore[arg-type]
    return _scalar(str(value), in_flow=flow)  # an id too: `2015` would read as a number


def _fields(entry: NewEntry, entry_id: str, *, flow: bool = False) -> list[tuple[str, str]]:
    """The entry's keys and their YAML, in the order of the format specification."""
    out = []
    for f in _kind(entry).spec.fields:
        value = entry_id if f.name == "id" else getattr(entry, f.name, None)
        if value:
            out.append((f.name, _yaml_value(f, value, flow=flow)))
    return out


def render_event(
    event: NewEvent, event_id: str, indent: int = 2, key_indent: int | None = None
) -> str:
    """The event as a block sequence item: `- id: ...` at `indent`, its keys under it."""
    fields = _fields(event, event_id)
    first = " " * indent + "- "
    rest = " " * (key_indent if key_indent is not None else indent + 2)
    lines = [f"{first}{fields[0][0]}: {fields[0][1]}"]
    lines += [f"{rest}{k}: {v}" for k, v in fields[1:]]
    return "\n".join(lines) + "\n"


def _render_flow(entry: NewEntry, entry_id: str) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in _fields(entry, entry_id, flow=True)) + "}"


def _render_keyed(entry: NewActor | NewSource, indent: int, key_indent: int | None) -> str:
    """An actor or a source under its id: its keys below it at `key_indent`, or (None) a
    `{...}` mapping on the id's line."""
    key = " " * indent + _scalar(entry.id) + ":"
    if key_indent is None:
        return f"{key} {_render_flow(entry, entry.id)}\n"
    return "\n".join([key, *(f"{' ' * key_indent}{k}: {v}" for k, v in _fields(entry, ""))]) + "\n"


# -- the kinds of entry --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Kind:
    noun: str
    article: str
    section: str  # the top-level key that holds them
    spec: spec.Entry


_EVENT = _Kind("event", "an event", "events", spec.EVENT)
_ACTOR = _Kind("actor", "an actor", "actors", spec.ACTOR)
_SOURCE = _Kind("source", "a source", "sources", spec.SOURCE)


def _kind(entry: NewEntry) -> _Kind:
    if isinstance(entry, NewEvent):
        return _EVENT
    return _ACTOR if isinstance(entry, NewActor) else _SOURCE


def _entries(timeline: Timeline, kind: _Kind) -> Sequence[Event | Actor | Source]:
    """The entries of a kind, in the file's order."""
    if kind is _EVENT:
        return timeline.events
    return tuple((timeline.actors if kind is _ACTOR else timeline.sources).values())


def _new_id(entry: NewEntry, timeline: Timeline) -> str:
    """The new entry's id (an event's made from its title and date when not given), once it is
    known to be one: a UsageError says why not."""
    kind = _kind(entry)
    taken = {x.id for x in _entries(timeline, kind)}
    if isinstance(entry, NewEvent):
        problem = date_problem(entry.date)
        if problem is not None:
            raise problem.usage("--date", entry.date)
        entry_id = entry.id or make_id(entry.title, entry.date, taken)
        option, hint_option = "--id", True
    else:
        entry_id, option, hint_option = entry.id, f"{kind.noun} id", False
    problem = id_problem(entry_id, taken, kind.article)
    if problem is not None:
        raise problem.usage(option, entry_id, hint_option=hint_option)
    return entry_id


# What Python makes of bytes in a command line that are not UTF-8 (surrogateescape): no text
# a file can hold, nor a character to escape.
_NOT_TEXT = re.compile("[\ud800-\udfff]")


def _check_text(entry: NewEntry) -> None:
    """Refuse a value that holds bytes that are not text (`--title $'\\x9b'` in a shell)."""
    for f in dataclasses.fields(entry):
        value = getattr(entry, f.name)
        if any(_NOT_TEXT.search(v) for v in (value if isinstance(value, tuple) else (value,)) if v):
            raise UsageError(
                f"invalid {f.name.replace('_', '-')}: it holds bytes that are not UTF-8 text"
            )


def _check_values(entry: NewEntry, timeline: Timeline) -> None:
    """The values a check would refuse less clearly, refused as usage errors of their option."""
    checks: list[tuple[str, str, Problem | None]] = []
    if isinstance(entry, NewActor):
        checks.append(("--kind", entry.kind, kind_problem(entry.kind)))
        if entry.part_of is not None:
            found = reference_problem(entry.part_of, timeline.actors, "actor")
            checks.append(("--part-of", entry.part_of, found))
    elif isinstance(entry, NewSource) and entry.published:
        checks.append(("--published", entry.published, date_problem(entry.published)))
    for option, value, problem in checks:
        if problem is not None:
            raise problem.usage(option, value)


# -- where it goes -------------------------------------------------------------------------------


def _last_position(node: Node) -> tuple[int, int]:
    """Where the last character of a node's content ends: its last scalar or closing bracket."""
    if isinstance(node, Scalar) or getattr(node, "flow", False):
        return (node.end_line, node.end_col)
    if isinstance(node, MapNode):
        children = [v for _, v in node.items] or [k for k, _ in node.items]
    elif isinstance(node, SeqNode):
        children = node.items
    else:
        children = []
    if not children:
        return (node.line, node.col)
    return max(_last_position(c) for c in children)


def _section(root: Node, name: str) -> tuple[Scalar | None, Node | None]:
    """The top-level key `name` and its value, or (None, None)."""
    if isinstance(root, MapNode):
        for key, value in root.items:
            if isinstance(key, Scalar) and key.value == name:
                return key, value
    return None, None


def _empty(node: Node | None) -> bool:
    """Nothing there yet: no value (`events:`), or an empty `[]` or `{}`."""
    if node is None or (isinstance(node, Scalar) and not node.value):
        return True
    return isinstance(node, MapNode | SeqNode) and node.flow and not node.items


def _comment_block_start(text: Lines, line: int, floor: int = 0) -> int:
    """The first line of the comment lines directly above `line` (or `line` itself), never
    above `floor`: lines that only look like comments (`#IranDeal` at the end of a `|` block)
    belong to the value above them."""
    while line > floor and text.line_text(line - 1).lstrip().startswith("#"):
        line -= 1
    return line


def _first_free_line(node: Node) -> int:
    """The first line after everything a node holds (a block scalar's content included)."""
    end_line, end_col = _last_position(node)
    return end_line if end_col == 0 and end_line > node.line else end_line + 1


def _position(timeline: Timeline, new_date: dates.Span) -> int:
    """The index among the file's events before which the new event goes (chronological)."""
    earliest, latest = new_date.sort_key()
    key = (earliest, latest, len(timeline.events))
    for i, event in enumerate(timeline.events):
        if sort_key(event) > key:
            return i
    return len(timeline.events)


def _at_line(text: Lines, line: int, block: str) -> tuple[str, str, int]:
    """`block` (whole lines) inserted as 0-based `line`; at the end of a file with no final
    line break, it gets one before it and keeps none after."""
    src = text.text
    at = text.line_start(line)
    if at == len(src) and src and not src.endswith(("\n", "\r")):
        return src + text.newline + block.rstrip("\r\n"), block, line
    return src[:at] + block + src[at:], block, line


def _under_key(text: Lines, key: Scalar, value: Node | None, block: str) -> tuple[str, str, int]:
    """The first entry of a section that has a key but nothing under it (`events:`), or only
    an empty `[]` or `{}`, which gives way to the block (a trailing comment stays)."""
    src = text.text
    brackets = value is not None and not isinstance(value, Scalar)
    first, last = (key.line, key.line)
    if value is not None and brackets:
        first, last = (value.line, value.end_line)
    line_end = text.offset(last, len(text.line_text(last)))
    head = src[:line_end]
    if value is not None and brackets:  # `[]` or `{}`: cut it out, with the blanks before it
        start = text.offset(value.line, value.col)
        while start > 0 and src[start - 1] in " \t":
            start -= 1
        head = src[:start] + src[text.offset(value.end_line, value.end_col) : line_end]
    new = head + text.newline + block.rstrip("\r\n") + src[line_end:]
    return new, block, first + 1


def _new_section(text: Lines, root: Node, name: str, block: str) -> tuple[str, str, int]:
    """A section the file does not have, with its first entry: before the first top-level key
    that the format places after it (and the comments heading that key), else at the end."""
    nl = text.newline
    later = spec.TIMELINE.names[spec.TIMELINE.names.index(name) + 1 :]
    items = root.items if isinstance(root, MapNode) and not root.flow else []
    for i, (key, _) in enumerate(items):
        if isinstance(key, Scalar) and key.value in later:
            floor = _first_free_line(items[i - 1][1]) if i > 0 else 0
            line = _comment_block_start(text, key.line, floor)
            new, _, _ = _at_line(text, line, f"{name}:{nl}{block}")
            return new, block, line + 1
    src = text.text
    prefix = "" if not src or src.endswith(("\n", "\r")) else nl
    key_line = len(text.starts) - 1 + (1 if prefix else 0)
    return f"{src}{prefix}{name}:{nl}{block}", block, key_line + 1


def _open_section(
    text: Lines, root: Node, kind: _Kind, key: Scalar | None, block: str
) -> tuple[str, str, int]:
    """The first entry of its kind, in block style."""
    block = block.replace("\n", text.newline)
    if key is None:
        return _new_section(text, root, kind.section, block)
    _, value = _section(root, kind.section)
    return _under_key(text, key, value, block)


def _insert_flow(text: Lines, events: SeqNode, index: int, item: str) -> tuple[str, str, int]:
    """Into a flow list, `[a, b]`: before the item at `index`, or after the last."""
    src = text.text
    if index < len(events.items):
        nxt = events.items[index]
        at = text.offset(nxt.line, nxt.col)
        return src[:at] + item + ", " + src[at:], item, nxt.line
    last = _last_position(events.items[-1])
    at = text.offset(*last)
    return src[:at] + ", " + item + src[at:], item, last[0]


def _insert_block(
    text: Lines, items: list[Node], index: int, event: NewEvent, event_id: str
) -> tuple[str, str, int]:
    """Into a block list: indented like its neighbour, before the item at `index` (and the
    comments just above it), or after the last."""
    sample = items[min(index, len(items) - 1)]
    dash_line = text.line_text(sample.line)
    dash = dash_line[: sample.col].rstrip().rfind("-")
    dash = max(dash, 0)
    if isinstance(sample, MapNode) and sample.flow:
        block = " " * dash + "- " + _render_flow(event, event_id) + "\n"
    else:
        block = render_event(event, event_id, indent=dash, key_indent=sample.col)
    block = block.replace("\n", text.newline)
    if index < len(items):
        floor = _first_free_line(items[index - 1]) if index > 0 else 0
        return _at_line(text, _comment_block_start(text, items[index].line, floor), block)
    return _at_line(text, _first_free_line(items[-1]), block)


def _insert_event(
    text: Lines, root: Node, timeline: Timeline, event: NewEvent, event_id: str
) -> tuple[str, str, int]:
    key, events = _section(root, "events")
    if _empty(events):
        return _open_section(text, root, _EVENT, key, render_event(event, event_id))
    if not isinstance(events, SeqNode):
        raise RirtimeError("`events` is not a list; fix the file first (`rirtime check`)")
    index = _position(timeline, dates.parse(event.date))
    if events.flow:
        return _insert_flow(text, events, index, _render_flow(event, event_id))
    return _insert_block(text, events.items, index, event, event_id)


def _past_own_comments(text: Lines, line: int, col: int) -> int:
    """The line after the comment lines right below an entry, indented deeper than its key
    (a field commented out): they stay with it."""
    while line < len(text.starts):
        row = text.line_text(line)
        if not row.lstrip().startswith("#") or len(row) - len(row.lstrip()) <= col:
            break
        line += 1
    return line


def _insert_keyed(
    text: Lines, root: Node, kind: _Kind, entry: NewActor | NewSource
) -> tuple[str, str, int]:
    """At the end of the `actors:` or `sources:` mapping, in the style of the entry before it:
    its keys in a block, or a `{...}` on one line; in a `{...}` mapping, as its last item."""
    key, section = _section(root, kind.section)
    if _empty(section):
        return _open_section(text, root, kind, key, _render_keyed(entry, 2, 4))
    if not isinstance(section, MapNode):
        raise RirtimeError(
            f"`{kind.section}` is not a mapping; fix the file first (`rirtime check`)"
        )
    last_key, last_value = section.items[-1]
    if section.flow:
        item = f"{_scalar(entry.id, in_flow=True)}: {_render_flow(entry, entry.id)}"
        line, col = _last_position(last_value)
        at = text.offset(line, col)
        return text.text[:at] + ", " + item + text.text[at:], item, line
    key_indent = None  # a `{...}` before it (or a value check would refuse): one line
    if isinstance(last_value, MapNode) and not last_value.flow and last_value.items:
        key_indent = last_value.items[0][0].col
    block = _render_keyed(entry, last_key.col, key_indent).replace("\n", text.newline)
    free = _past_own_comments(text, _first_free_line(last_value), last_key.col)
    return _at_line(text, free, block)


def _insert(
    text: Lines, root: Node, timeline: Timeline, entry: NewEntry, entry_id: str
) -> tuple[str, str, int]:
    """The new text, the inserted entry's text and its 0-based start line."""
    if isinstance(entry, NewEvent):
        return _insert_event(text, root, timeline, entry, entry_id)
    return _insert_keyed(text, root, _kind(entry), entry)


# -- what the file holds, before and after -------------------------------------------------------


def _content(
    timeline: Timeline, kind: _Kind | None = None, skip: str | None = None
) -> tuple[object, ...]:
    """What a file holds, places aside: every field of the top level and of every entry (but
    the `kind` entry whose id is `skip`)."""

    def values(entry: spec.Entry, item: object) -> tuple[object, ...]:
        return tuple(getattr(item, f.name) for f in entry.fields if not f.type.is_entries)

    def kept(of: _Kind) -> list[Event | Actor | Source]:
        return [x for x in _entries(timeline, of) if of is not kind or x.id != skip]

    return (
        values(spec.TIMELINE, timeline),
        [(s.id, values(spec.SOURCE, s)) for s in kept(_SOURCE)],
        [(a.id, values(spec.ACTOR, a)) for a in kept(_ACTOR)],
        [values(spec.EVENT, e) for e in kept(_EVENT)],
        [values(spec.PERIOD, p) for p in timeline.periods],
    )


def _as_loaded(f: spec.Field, value: object) -> object:
    """A value as the user gave it, as the model holds it once loaded."""
    if not value:
        return () if f.type.is_list else None
    if f.type is Type.DATE:
        return dates.parse(str(value))
    if f.type is Type.ACTOR_KIND:
        return ActorKind(value)
    return tuple(value) if f.type.is_list else value  # type: ignore[arg-type]


def _reads_as_asked(placed: Event | Actor | Source, entry: NewEntry) -> bool:
    """Whether the entry as loaded from the new file holds exactly what was asked for."""
    for f in _kind(entry).spec.fields:
        if f.name == "id" or not hasattr(entry, f.name):
            continue
        if _as_loaded(f, getattr(entry, f.name)) != getattr(placed, f.name):
            return False
    return True


def _verified(
    before: Timeline, data: bytes, path: str, entry: NewEntry, at: tuple[str, str, int]
) -> Planned:
    """The plan, once the new file passes check, holds every other entry as it was, and reads
    the new one back as given; else an error saying why, and nothing is written."""
    kind = _kind(entry)
    entry_id, inserted, line = at
    after = check_bytes(data, path)
    errors = [d for d in after.diagnostics if d.severity is Severity.ERROR]
    if after.timeline is None or errors:
        preface = (
            f"nothing was written: with the new {kind.noun} at line {line + 1}, {path} would have:"
        )
        raise InvalidTimeline(path, errors, after.text, preface)
    entries = _entries(after.timeline, kind)
    added = [x for x in entries if x.id == entry_id]
    if len(added) != 1 or _content(before) != _content(after.timeline, kind, entry_id):
        raise RirtimeError(
            f"{path}: the new {kind.noun} could not be placed without changing what the file "
            "already holds; nothing was written"
        )
    if not _reads_as_asked(added[0], entry):
        raise RirtimeError(
            f"{path}: the new {kind.noun} would not read back as given (a value YAML would "
            "change); nothing was written"
        )
    ids = [x.id for x in entries]
    n = ids.index(entry_id)
    previous = ids[n - 1] if n else None
    twin = _twin(before, added[0]) if isinstance(added[0], Event) else None
    return Planned(data, kind.noun, entry_id, inserted, line + 1, previous, len(ids) == 1, twin)


def _twin(before: Timeline, new: Event) -> str | None:
    """An event the file had already with the same date (as written) and title (any case and
    spacing): the same command run twice, most likely."""
    title = " ".join(new.title.casefold().split())
    written = new.date.text if new.date is not None else None
    for event in before.events:
        same = event.date is not None and event.date.text == written
        if same and " ".join(event.title.casefold().split()) == title:
            return event.id
    return None


def editable(original: bytes, path: str) -> Timeline:
    """The timeline in `original`, which must pass `rirtime check` to be added to: else
    InvalidTimeline, with every diagnostic."""
    loaded = check_bytes(original, path)
    if loaded.timeline is None or loaded.failed():
        raise InvalidTimeline(loaded.path, loaded.diagnostics, loaded.text)
    return loaded.timeline


def plan_add(original: bytes, path: str, entry: NewEntry) -> Planned:
    """Work out the file with `entry` added in its place; raise InvalidTimeline if it would not
    pass `rirtime check` (the diagnostics say why), writing nothing."""
    _check_text(entry)
    timeline = editable(original, path)
    entry_id = _new_id(entry, timeline)
    _check_values(entry, timeline)
    text = Lines(decode(original, path))
    root, _ = compose(text.text, path)
    assert root is not None
    new_text, inserted, line = _insert(text, root, timeline, entry, entry_id)
    data = encode_like(new_text, original)
    return _verified(timeline, data, path, entry, (entry_id, inserted, line))


def plan_all(original: bytes, path: str, entries: Sequence[NewEntry]) -> tuple[Planned, ...]:
    """Each entry planned on the file with the ones before it (a new actor, then the event that
    names it); the last plan's data holds them all."""
    planned: list[Planned] = []
    data = original
    for entry in entries:
        planned.append(plan_add(data, path, entry))
        data = planned[-1].data
    return tuple(planned)


def add_to_file(path: str, *entries: NewEntry, read_only_ok: bool = False) -> tuple[Planned, ...]:
    """Add `entries` to the timeline file at `path` in one write, or raise and leave the file
    as it was.

    The folder's change lock is held from reading to renaming, so two `add`s at once take turns
    and neither loses the other's entry; a change made meanwhile by anything else (an editor
    saving) is seen just before the rename, and then nothing is written."""
    if not entries:
        raise ValueError("add_to_file needs an entry to add")
    with locked(path):
        name, original = read_input(path)
        planned = plan_all(original, name, entries)
        write_atomic(path, planned[-1].data, force=True, expect=original, read_only_ok=read_only_ok)
    return planned


# -- a new file ----------------------------------------------------------------------------------

STARTER = """\
# yaml-language-server: $schema=timeline.schema.json
# A chronology for rirtime. `rirtime check -f FILE` checks it, `rirtime show -f FILE` shows it.
# The line above lets an editor with the YAML language server (VS Code, Neovim, Helix...)
# check and complete this file as you type, once `rirtime schema > timeline.schema.json` has
# written the schema beside it. Comments like these are kept by every rirtime command.
title: Russian-Iranian relations
# description: What this chronology covers, in a few sentences.

# What the events cite, each under an id of its own. Add one with
#   rirtime add-source -f FILE ID --citation "..." [--url URL] [--published DATE]
sources:
  article:
    citation: >-
      “Russian-Iranian Relations through the Prism of the Syrian Crisis,” Insight Turkey, 2017
    published: "2017"

# Who acts in the events. `kind` is one of: state, government, military, organization, group,
# company, other. Add one with
#   rirtime add-actor -f FILE ID --name NAME --kind KIND [--part-of ID] [--alias NAME]
actors:
  russia:
    name: Russia
    kind: state

# What happened, in chronological order. Add an event with
#   rirtime add -f FILE --date 2015-09-30 --title "..." --actor russia --source article
# or, on a terminal, `rirtime add -f FILE` asks for each field. Until an event names them,
# `rirtime check` warns that the actor and the source above are not used.
events: []
"""
