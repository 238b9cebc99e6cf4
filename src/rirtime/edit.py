"""Safe, comment-preserving changes to a timeline file: add an event in its chronological place.

PyYAML cannot write a file back with its comments, so rirtime never re-emits the file: it finds
from the loaded nodes' marks the offset where the new event belongs and inserts its text there.
Every other byte stays as it was: comments, quoting, key order, blank lines, CRLF line ends.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import yaml
from yaml.resolver import Resolver

from rirtime import dates, spec
from rirtime.atomic import locked, write_atomic
from rirtime.errors import InvalidTimeline, RirtimeError, Severity, UsageError
from rirtime.files import Lines, decode, encode_like, read_input
from rirtime.model import Event, Timeline
from rirtime.query import sort_key
from rirtime.spec import ID_PATTERN, Type
from rirtime.syntax import MapNode, Node, Scalar, SeqNode, compose
from rirtime.workspace import check_bytes

__all__ = ["NewEvent", "Planned", "add_to_file", "make_id", "plan_add", "render_event"]


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
class Planned:
    """An addition worked out but not written: the new bytes, and where the event went."""

    data: bytes  # the whole new file
    event_id: str
    event_text: str  # the event's YAML as inserted
    line: int  # the 1-based line where it starts in the new file
    after: str | None  # the id of the event it follows, None when it comes first

    @property
    def where(self) -> str:
        """Where it goes, for a message: `line 12, after unsc-veto-2011-10-04`."""
        after = f", after {self.after}" if self.after else ", before every other event"
        return f"line {self.line}{after}"


_RESOLVER = Resolver()
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'()/&+-]*")


def _scalar(text: str, *, in_flow: bool = False) -> str:
    """A YAML scalar that reads back as exactly `text`: plain when that is safe, else quoted.
    Inside `[...]` or `{...}` a comma ends a plain scalar, so there it is quoted too."""
    plain_ok = (
        _PLAIN.fullmatch(text) is not None
        and not (in_flow and "," in text)
        and not text.endswith(" ")
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        == "tag:yaml.org,2002:str"
    )
    return text if plain_ok else _quoted(text)


# json.dumps escapes C0 controls; these it leaves raw. YAML would read NEL, LS and PS as line
# breaks (and rewrite them), and C1 controls and bidi overrides must not reach a terminal that
# shows the file: write them all as \u escapes, which a double-quoted YAML scalar reads back.
_RAW_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar of `text`, every character that could act written escaped."""
    return _RAW_UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


def _date_scalar(text: str) -> str:
    # A bare year or day reads back as the same notation; anything else (~ ? % / X) is quoted.
    return text if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) else json.dumps(text)


def _flow_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(_scalar(i, in_flow=True) for i in items) + "]"


def _fields(event: NewEvent, event_id: str, *, flow: bool = False) -> list[tuple[str, str]]:
    """The event's keys and their YAML, in the order of the format specification."""
    out = []
    for f in spec.EVENT.fields:
        value = event_id if f.name == "id" else getattr(event, f.name, None)
        if not value:
            continue
        if f.type is Type.DATE:
            out.append((f.name, _date_scalar(value)))
        elif f.type.is_list:
            out.append((f.name, _flow_list(value)))
        else:  # an id too: `2015-07-14` or `2015` would read as a date or a number
            out.append((f.name, _scalar(value, in_flow=flow)))
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


def _render_flow(event: NewEvent, event_id: str) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in _fields(event, event_id, flow=True)) + "}"


def _slug(text: str, words: int = 6) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words])


def make_id(title: str, date_text: str, taken: set[str]) -> str:
    """An event id from the title and the date, kept unique: `rouhani-visits-moscow-2017-03-27`."""
    day = "-".join(re.findall(r"\d+", date_text.split("/", maxsplit=1)[0])) or "undated"
    base = "-".join(p for p in (_slug(title), day) if p) or "event"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


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


def _events_node(root: Node) -> tuple[Scalar | None, Node | None]:
    if isinstance(root, MapNode):
        for key, value in root.items:
            if isinstance(key, Scalar) and key.value == "events":
                return key, value
    return None, None


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


def _insert_first(
    text: Lines, events_key: Node | None, events: Node | None, block: str
) -> tuple[str, str, int]:
    """The first event: under an empty `events:`, or with a new `events:` at the end."""
    nl = text.newline
    src = text.text
    if events_key is not None and events is not None:  # `events:` with nothing after it
        line_end = text.offset(events_key.line, len(text.line_text(events_key.line)))
        insertion = nl + block.rstrip("\r\n")
        new = src[:line_end] + insertion + src[line_end:]
        return new, block, events_key.line + 1
    prefix = "" if not src or src.endswith(("\n", "\r")) else nl
    insertion = f"{prefix}events:{nl}{block}"
    line = len(text.starts) - (0 if prefix or not src else 1)
    return src + insertion, block, line


def _insert_flow(text: Lines, events: SeqNode, index: int, item: str) -> tuple[str, str, int]:
    """Into a flow list, `[a, b]`: before the item at `index`, or after the last."""
    src = text.text
    if not events.items:
        at = text.offset(events.line, events.col + 1)
        return src[:at] + item + src[at:], item, events.line
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
    nl = text.newline
    src = text.text
    sample = items[min(index, len(items) - 1)]
    dash_line = text.line_text(sample.line)
    dash = dash_line[: sample.col].rstrip().rfind("-")
    dash = max(dash, 0)
    if isinstance(sample, MapNode) and sample.flow:
        block = " " * dash + "- " + _render_flow(event, event_id) + "\n"
    else:
        block = render_event(event, event_id, indent=dash, key_indent=sample.col)
    block = block.replace("\n", nl)
    if index < len(items):
        floor = _first_free_line(items[index - 1]) if index > 0 else 0
        line = _comment_block_start(text, items[index].line, floor)
        at = text.line_start(line)
        return src[:at] + block + src[at:], block, line
    free = _first_free_line(items[-1])
    at = text.line_start(free)
    if at == len(src) and src and not src.endswith(("\n", "\r")):
        return src + nl + block.rstrip("\r\n"), block, free
    return src[:at] + block + src[at:], block, free


def _insert(
    text: Lines, root: Node, index: int, event: NewEvent, event_id: str
) -> tuple[str, str, int]:
    """The new text, the inserted event text and its 0-based start line."""
    events_key, events = _events_node(root)
    if events is None or (isinstance(events, Scalar) and not events.value):
        block = render_event(event, event_id).replace("\n", text.newline)
        return _insert_first(text, events_key, events, block)
    if not isinstance(events, SeqNode):
        raise RirtimeError("`events` is not a list; fix the file first (`rirtime check`)")
    if events.flow:
        return _insert_flow(text, events, index, _render_flow(event, event_id))
    return _insert_block(text, events.items, index, event, event_id)


def _content(timeline: Timeline, events: Sequence[Event]) -> tuple[object, ...]:
    """What a file holds, places aside: every field of the top level and of every entry."""

    def values(entry: spec.Entry, item: object) -> tuple[object, ...]:
        return tuple(getattr(item, f.name) for f in entry.fields if not f.type.is_entries)

    return (
        values(spec.TIMELINE, timeline),
        [(s.id, values(spec.SOURCE, s)) for s in timeline.sources.values()],
        [(a.id, values(spec.ACTOR, a)) for a in timeline.actors.values()],
        [values(spec.EVENT, e) for e in events],
    )


def _reads_as_asked(placed: Event, event: NewEvent, span: dates.Span) -> bool:
    """Whether the event as loaded from the new file holds exactly what was asked for."""
    for f in spec.EVENT.fields:
        if f.name in ("id", "date") or not hasattr(event, f.name):
            continue
        asked = getattr(event, f.name)
        if (asked or (() if f.type.is_list else None)) != getattr(placed, f.name):
            return False
    return placed.date == span


def plan_add(original: bytes, path: str, event: NewEvent) -> Planned:
    """Work out the file with `event` added in its place; raise InvalidTimeline if it would not
    pass `rirtime check` (the diagnostics say why), writing nothing."""
    loaded = check_bytes(original, path)
    before = loaded.diagnostics
    if loaded.timeline is None or loaded.failed():
        raise InvalidTimeline(loaded.path, before, loaded.text)
    timeline = loaded.timeline

    taken = {e.id for e in timeline.events}
    event_id = event.id or make_id(event.title, event.date, taken)
    try:
        span = dates.parse(event.date)
    except dates.DateError as exc:
        hint = dates.human_hint(event.date).replace("did you mean ", "did you mean --date ")
        raise UsageError(f"invalid --date {event.date!r}: {exc.message}{hint}") from None
    if not ID_PATTERN.fullmatch(event_id):
        raise UsageError(f"invalid --id {event_id!r}: ids are lowercase kebab-case")
    if event_id in taken:
        raise UsageError(f"invalid --id {event_id!r}: an event has it already")

    text = Lines(decode(original, path))
    root, _ = compose(text.text, path)
    assert root is not None
    index = _position(timeline, span)
    new_text, inserted, line = _insert(text, root, index, event, event_id)
    data = encode_like(new_text, original)

    # The result must pass check, and hold exactly one more event: the one we meant.
    after = check_bytes(data, path)
    errors = [d for d in after.diagnostics if d.severity is Severity.ERROR]
    if after.timeline is None or errors:
        preface = f"nothing was written: with the new event at line {line + 1}, {path} would have"
        raise InvalidTimeline(path, errors, after.text, preface + ":")
    added = [e for e in after.timeline.events if e.id == event_id]
    others = [e for e in after.timeline.events if e.id != event_id]
    if len(added) != 1 or _content(timeline, timeline.events) != _content(after.timeline, others):
        raise RirtimeError(
            f"{path}: the new event could not be placed without changing what the file already "
            "holds; nothing was written"
        )
    placed = added[0]
    if not _reads_as_asked(placed, event, span):
        raise RirtimeError(
            f"{path}: the new event would not read back as given (a value YAML would change); "
            "nothing was written"
        )
    previous = [e.id for e in after.timeline.events[: placed.index]]
    return Planned(data, event_id, inserted, line + 1, previous[-1] if previous else None)


def add_to_file(path: str, event: NewEvent, *, read_only_ok: bool = False) -> Planned:
    """Add `event` to the timeline file at `path`, or raise and leave the file as it was.

    The folder's change lock is held from reading to renaming, so two `add`s at once take turns
    and neither loses the other's event; a change made meanwhile by anything else (an editor
    saving) is seen just before the rename, and then nothing is written."""
    with locked(path):
        name, original = read_input(path)
        planned = plan_add(original, name, event)
        write_atomic(path, planned.data, force=True, expect=original, read_only_ok=read_only_ok)
    return planned
