"""`add` counts lines as the loader does: NEL, LS and PS above the insertion point, and in the
values it writes."""

from __future__ import annotations

import pytest
import yaml

from rirtime.edit import NewEvent, plan_add
from rirtime.files import LINE_BREAK, Lines, split_lines
from rirtime.workspace import check_bytes

HEAD = """title: T
actors:
  iran: {name: Iran, kind: state}
events:
"""


def _event(i: int, date: str, note: str = "") -> str:
    extra = f"    note: {note}\n" if note else ""
    return f"  - id: e{i}\n    date: {date}\n    title: Event {i}\n    actors: [iran]\n{extra}"


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
@pytest.mark.parametrize("where", ["comment", "quoted", "description"])
def test_unusual_line_breaks_above_the_insertion_point(brk: str, where: str) -> None:
    head = HEAD
    first = _event(1, "2001")
    if where == "comment":
        head = f"# a comment{brk}# and more\n" + head
    elif where == "quoted":
        first = _event(1, "2001", note=f'"one{brk}two"')
    else:
        head = head.replace("title: T\n", f'title: T\ndescription: "a{brk}b"\n')
    text = head + first + _event(2, "2003") + _event(3, "2005")
    data = text.encode("utf-8")
    assert check_bytes(data, "t.yaml").timeline is not None
    planned = plan_add(data, "t.yaml", NewEvent(date="2004", title="New", actors=("iran",)))
    after = check_bytes(planned.data, "t.yaml")
    assert after.timeline is not None
    assert [e.id for e in after.timeline.events] == ["e1", "e2", planned.entry_id, "e3"]
    before = check_bytes(data, "t.yaml").timeline
    assert before is not None
    # Every other event loads exactly as before.
    old = {e.id: (e.date, e.title, e.note) for e in before.events}
    new = {e.id: (e.date, e.title, e.note) for e in after.timeline.events if e.id in old}
    assert new == old
    # The line it reports is the line the loader gives the new event.
    placed = next(e for e in after.timeline.events if e.id == planned.entry_id)
    assert placed.places.entry.line == planned.line


@pytest.mark.parametrize(
    "char", ["\x85", "\u2028", "\u2029", "\u202e", "\u2066", "\x9b", "\x7f", "\u200f"]
)
def test_such_characters_in_a_value_are_written_escaped(char: str) -> None:
    data = (HEAD + _event(1, "2001")).encode()
    title = f"a{char}b"
    planned = plan_add(data, "t.yaml", NewEvent(date="2002", title=title, actors=("iran",)))
    assert char not in planned.data.decode("utf-8")
    assert char not in planned.entry_text
    after = check_bytes(planned.data, "t.yaml").timeline
    assert after is not None
    assert [e.title for e in after.events if e.id == planned.entry_id] == [title]
    assert yaml.safe_load(planned.data)["events"][-1]["title"] == title


def test_one_line_model() -> None:
    text = "a\r\nb\rc\nd\x85e\u2028f\u2029g"
    lines = Lines(text)
    assert [lines.line_text(i) for i in range(len(lines.starts))] == split_lines(text)
    assert split_lines(text) == list("abcdefg")
    assert lines.newline == "\r\n"
    assert len(LINE_BREAK.findall(text)) == len(lines.starts) - 1
    assert lines.loc("p", text.index("f")).line == 6


@pytest.mark.parametrize("style", ["|", "|-", "|+", ">", ">-", "|2"])
@pytest.mark.parametrize("tail", ["", "\n", "\n\n", "  # a real comment\n"])
@pytest.mark.parametrize("date", ["2014", "2016", "2018"])
def test_add_never_lands_inside_a_block_scalar(style: str, tail: str, date: str) -> None:
    """A block scalar whose last lines start with `#` (hashtags) keeps every line."""
    block = f"    note: {style}\n      Some text\n      #IranDeal #Vienna\n      # and more\n"
    text = HEAD + _event(1, "2015").rstrip("\n") + "\n" + block + tail + _event(2, "2017")
    data = text.encode()
    before = check_bytes(data, "t.yaml").timeline
    assert before is not None
    assert "#IranDeal" in (before.events[0].note or "")
    planned = plan_add(data, "t.yaml", NewEvent(date=date, title="New", actors=("iran",)))
    after = check_bytes(planned.data, "t.yaml").timeline
    assert after is not None
    assert [e.note for e in after.events if e.id == "e1"] == [before.events[0].note]
    assert planned.data.decode().count("#IranDeal #Vienna") == 1


def test_add_refuses_when_the_file_would_read_differently(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The last line of defence: whatever the insertion did, other entries must load as before."""
    from rirtime import edit

    data = (HEAD + _event(1, "2001") + _event(2, "2003")).encode()
    real = edit._insert

    def clumsy(*args: object, **kwargs: object) -> tuple[str, str, int]:
        new, block, line = real(*args, **kwargs)  # type: ignore[arg-type]
        return new.replace("title: Event 1", "title: Event one"), block, line

    monkeypatch.setattr(edit, "_insert", clumsy)
    with pytest.raises(edit.RirtimeError, match="without changing what the file already holds"):
        plan_add(data, "t.yaml", NewEvent(date="2002", title="New", actors=("iran",)))


@pytest.mark.parametrize("flow", [False, True], ids=["block", "flow"])
def test_values_read_back_as_given(flow: bool) -> None:
    """A comma in a list item, a title YAML would read as a date or a number, an id made from
    a title with no Latin letters: each reads back as given, in block and flow files."""
    head = HEAD
    first = _event(1, "2001")
    if flow:
        first = "  - {id: e1, date: 2001, title: Event 1, actors: [iran]}\n"
    data = (head + first).encode()
    event = NewEvent(
        date="2015-07-14",
        title="Визит Путина в Тегеран, 2015",
        actors=("iran",),
        people=("Lavrov, Sergey", "Zarif, Mohammad Javad"),
        tags=("a",),
    )
    planned = plan_add(data, "t.yaml", event)
    loaded = yaml.safe_load(planned.data)["events"]
    added = next(e for e in loaded if e["id"] == planned.entry_id)
    assert added["title"] == event.title
    assert added["people"] == list(event.people)
    assert isinstance(added["id"], str)
    numeric = NewEvent(date="2015", title="2015", actors=("iran",), id="2015")
    again = plan_add(data, "t.yaml", numeric)
    assert yaml.safe_load(again.data)["events"][-1]["id"] == "2015"
