"""A cached chronology's events are read a block at a time, as a view asks for them (issue 16's
first screen): counted here, never timed; and a block found bad as it is read is never shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from rirtime import cache
from rirtime.cli import app
from rirtime.dates import parse
from rirtime.formats import text as text_format
from rirtime.model import overview_of
from rirtime.query import Filter
from rirtime.selection import select
from rirtime.workspace import open_checked

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
EVENTS = 1000  # four blocks, the last one short


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blocks") / "t.yaml"
    made = [sys.executable, str(GENERATE), str(EVENTS), "-o", str(path)]
    subprocess.run(made, check=True, timeout=600)
    return path


@pytest.fixture
def copy(generated: Path, tmp_path: Path) -> Path:
    path = tmp_path / "t.yaml"
    path.write_bytes(generated.read_bytes())
    return path


def _entry() -> Path:
    (entry,) = cache.cache_folder().glob("*.json")
    return entry


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The blocks read from entries, as they are read."""
    read: list[int] = []
    real = cache.StoredEvents._read

    def counted(self: cache.StoredEvents, b: int) -> Any:
        read.append(b)
        return real(self, b)

    monkeypatch.setattr(cache.StoredEvents, "_read", counted)
    return read


def _first_lines(path: Path, n: int) -> Iterator[Any]:
    selected = select(str(path), Filter())
    view = text_format.events(selected.document())
    lines = view.lines(Console(width=80, color_system=None), 80)  # type: ignore[union-attr]
    for _, line in zip(range(n), lines, strict=False):
        yield line


def test_a_first_screen_reads_the_first_block_only(copy: Path, reads: list[int]) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["check", "-f", str(copy)]).exit_code == 0
    assert len(list(_first_lines(copy, 40))) == 40
    assert reads == [0]


@pytest.mark.parametrize(
    ("command", "blocks"),
    [
        (["show", "--format", "jsonl"], []),  # the stored lines, checked: no event is read
        (["show", "--format", "text"], [0, 1, 2, 3]),  # each block once, in order
        (["show", "--format", "plain", "--limit", "3"], [0]),
        (["show", "--format", "plain", "--reverse", "--limit", "1"], [3, 0, 1, 2]),
        (["check"], []),
        (["export", "md"], [0, 1, 2, 3]),
    ],
)
def test_each_block_is_read_once_and_only_when_asked_for(
    copy: Path, reads: list[int], command: list[str], blocks: list[int]
) -> None:
    runner = CliRunner()
    expected = runner.invoke(app, [*command, "-f", str(copy), "--no-cache"]).stdout
    assert runner.invoke(app, [*command, "-f", str(copy)]).exit_code == 0  # fills the cache
    result = runner.invoke(app, [*command, "-f", str(copy)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected
    assert sorted(reads) == sorted(blocks) if "--reverse" in command else reads == blocks


def test_the_stored_overview_is_what_the_events_give(copy: Path) -> None:
    fresh = open_checked(str(copy)).timeline
    assert open_checked(str(copy), use_cache=True).timeline is not None  # stored
    cached = open_checked(str(copy), use_cache=True).timeline
    assert fresh is not None
    assert cached is not None
    assert isinstance(cached.events, cache.StoredEvents)
    assert cached.events.overview == overview_of(fresh.events)
    assert [e.id for e in cached.events] == [e.id for e in fresh.events]
    assert [e.index for e in cached.events] == list(range(EVENTS))
    assert cached.events[-1] == cached.events[EVENTS - 1]
    assert cached.events[2:5] == list(cached.events)[2:5]
    with pytest.raises(IndexError):
        cached.events[EVENTS]


def _read(entry: Path) -> tuple[bytes, list[bytes]]:
    first, *blocks = entry.read_bytes().split(b"\n")[:-1]
    return first, blocks


def _rows(block: bytes) -> list[list[Any]]:
    rows = json.loads(block)
    assert isinstance(rows, list)
    return rows


def _set(column: str, value: object) -> Callable[[bytes, list[bytes]], list[bytes]]:
    def damage(first: bytes, blocks: list[bytes]) -> list[bytes]:
        columns = json.loads(first)["timeline"]["events"]["columns"]
        rows = _rows(blocks[2])
        rows[5][columns.index(column)] = value
        return [*blocks[:2], json.dumps(rows).encode(), *blocks[3:]]

    return damage


def _swap_ids(first: bytes, blocks: list[bytes]) -> list[bytes]:
    columns = json.loads(first)["timeline"]["events"]["columns"]
    rows = _rows(blocks[1])
    at = columns.index("id")
    rows[0][at], rows[1][at] = rows[1][at], rows[0][at]
    return [blocks[0], json.dumps(rows).encode(), *blocks[2:]]


DAMAGE: dict[str, Callable[[bytes, list[bytes]], list[bytes]]] = {
    "impossible-date": _set("date", "2015-02-30"),
    "a-number-for-a-title": _set("title", 7),
    "a-control-character": _set("title", "\x1b]52;c;cHduZWQ=\x07"),  # still text: shown safely
    "truncated-block": lambda _, b: [*b[:2], b[2][:-9], *b[3:]],
    "ids-swapped": _swap_ids,
    "a-block-missing": lambda _, b: [*b[:1], *b[2:]],
    "a-block-more": lambda _, b: [*b, b[0]],
    "blocks-swapped": lambda _, b: [b[1], b[0], *b[2:]],
    "not-a-list": lambda _, b: [*b[:3], b"{}"],
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
@pytest.mark.parametrize("fmt", ["text", "plain", "json"])
def test_a_bad_block_found_as_it_is_read_is_never_shown(
    copy: Path, damage: Callable[[bytes, list[bytes]], list[bytes]], fmt: str
) -> None:
    """A damaged block after the first (the view has begun) gives way to the file read afresh,
    from that block on: the output is what a fresh read gives, line for line, and the entry is
    made anew."""
    runner = CliRunner()
    command = ["show", "-f", str(copy), "--format", fmt, "--color", "never"]
    expected = runner.invoke(app, [*command, "--no-cache"]).stdout
    assert runner.invoke(app, ["check", "-f", str(copy)]).exit_code == 0
    entry = _entry()
    first, blocks = _read(entry)
    damaged = damage(first, blocks)
    entry.write_bytes(b"".join(line + b"\n" for line in [first, *damaged]))
    stamp = os.stat(entry).st_mtime_ns
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.stderr
    if damage is DAMAGE["a-control-character"]:
        assert "\x1b" not in result.stdout  # the view shows text safely, whatever it holds
        return
    assert result.stdout == expected
    assert _read(_entry())[1] == blocks  # stored anew, as it was
    assert os.stat(_entry()).st_mtime_ns != stamp


def test_a_bad_block_with_no_fallback_is_no_hit(copy: Path) -> None:
    """Read without a fallback (`cache.lookup` as tests and tools call it), every block is read
    at once, and a bad one means no hit."""
    runner = CliRunner()
    assert runner.invoke(app, ["check", "-f", str(copy)]).exit_code == 0
    entry = _entry()
    first, blocks = _read(entry)
    entry.write_bytes(
        b"".join(line + b"\n" for line in [first, *DAMAGE["truncated-block"](first, blocks)])
    )
    assert cache.lookup(os.path.realpath(copy), copy.read_bytes(), "t.yaml") is None


def test_every_date_displayed_is_one_cell_a_character(generated: Path) -> None:
    """The overview's widest date counts characters; the text view's column counts cells: the
    same for every date the bundled and a generated chronology write, and more forms."""
    from rich.cells import cell_len

    from rirtime.files import default_path

    forms = ["2015~", "2015?", "2015%", "2015-21", "201X", "/2015-09", "2015-09/", "../2015"]
    forms += ["2015/..", "2015-09-01/2015-09-03", "2015-01/2015-03", "2014/2016", "2015-09~/2016?"]
    for path in (generated, default_path()):
        timeline = open_checked(str(path)).timeline
        assert timeline is not None
        forms += [e.date.text for e in timeline.events if e.date is not None]
    for form in forms:
        shown = parse(form).display()
        assert cell_len(shown) == len(shown), form


OVERVIEW_DAMAGE: dict[str, Callable[[dict[str, Any]], None]] = {
    "count": lambda o: o.update(count=o["count"] + 1),
    "in-order-not-a-bool": lambda o: o.update(in_order="yes"),
    "widest-negative": lambda o: o.update(widest_date=-3),
    "widest-not-a-number": lambda o: o.update(widest_date="12"),
    "a-mention-negative": lambda o: o["mentions"].update(iran=-1),
    "more-mentions-than-events": lambda o: o["mentions"].update(iran=o["count"] + 1),
    "mentions-not-numbers": lambda o: o["mentions"].update(iran="9"),
    "last-before-first": lambda o: o.update(first=o["last"], last=o["first"]),
    "one-end-only": lambda o: o.update(first=None),
    "not-a-day": lambda o: o.update(first="2015-02-30"),
    "a-key-missing": lambda o: o.pop("mentions"),
}


@pytest.mark.parametrize("damage", OVERVIEW_DAMAGE.values(), ids=OVERVIEW_DAMAGE.keys())
def test_an_overview_that_cannot_be_is_no_hit(
    copy: Path, damage: Callable[[dict[str, Any]], None]
) -> None:
    runner = CliRunner()
    command = ["show", "-f", str(copy), "--format", "text", "--color", "never"]
    expected = runner.invoke(app, [*command, "--no-cache"]).stdout
    assert runner.invoke(app, ["check", "-f", str(copy)]).exit_code == 0
    entry = _entry()
    first, blocks = _read(entry)
    header = json.loads(first)
    damage(header["timeline"]["events"]["overview"])
    entry.write_bytes(b"".join(line + b"\n" for line in [json.dumps(header).encode(), *blocks]))
    assert cache.lookup(os.path.realpath(copy), copy.read_bytes(), "t.yaml") is None
    assert runner.invoke(app, command).stdout == expected


def _forge_ids(change: Callable[[list[str]], list[str]]) -> Callable[[dict[str, Any]], None]:
    def forge(header: dict[str, Any]) -> None:
        events = header["timeline"]["events"]
        events["ids"] = change(events["ids"])
        overview = events["overview"]
        overview["count"] = len(events["ids"])
        if not events["ids"]:
            overview.update(mentions={}, first=None, last=None)
        else:
            overview["mentions"] = {
                a: min(n, overview["count"]) for a, n in overview["mentions"].items()
            }

    return forge


HEADER_FORGERIES: dict[str, Callable[[dict[str, Any]], None]] = {
    "one-id-more": _forge_ids(lambda ids: [*ids, "one-more"]),
    "one-id-fewer": _forge_ids(lambda ids: ids[:-1]),
    "a-block-of-ids-fewer": _forge_ids(lambda ids: ids[: -cache.BLOCK]),
    "no-ids": _forge_ids(lambda _: []),
}


@pytest.mark.parametrize("forge", HEADER_FORGERIES.values(), ids=HEADER_FORGERIES.keys())
@pytest.mark.parametrize("fmt", ["plain", "text", "jsonl"])
def test_a_header_that_miscounts_the_events_ends_well(
    copy: Path, forge: Callable[[dict[str, Any]], None], fmt: str
) -> None:
    """Ids and an overview forged to count other events than the blocks hold: never a traceback;
    the events shown are the file's (the entry is not used, or the file is read afresh the
    moment a block disagrees)."""
    runner = CliRunner()
    command = ["show", "-f", str(copy), "--format", fmt, "--color", "never"]
    expected = runner.invoke(app, [*command, "--no-cache"]).stdout
    assert runner.invoke(app, command).exit_code == 0  # stored, with its JSON lines
    entry = _entry()
    first, blocks = _read(entry)
    header = json.loads(first)
    forge(header)
    entry.write_bytes(b"".join(line + b"\n" for line in [json.dumps(header).encode(), *blocks]))
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert result.stdout == expected


def test_an_entry_larger_than_its_file_could_make_is_not_read(copy: Path) -> None:
    """An entry is about the size of its file (and its diagnostics): one far larger is not ours,
    and is ignored unread (a 600 MB one was read whole, then ignored)."""
    runner = CliRunner()
    assert runner.invoke(app, ["check", "-f", str(copy)]).exit_code == 0
    entry = _entry()
    size = copy.stat().st_size
    with entry.open("r+b") as f:
        f.truncate(64 * size + (1 << 20) + 1)  # sparse: nothing is written
    assert cache.lookup(os.path.realpath(copy), copy.read_bytes(), "t.yaml") is None
    assert runner.invoke(app, ["check", "-f", str(copy)]).exit_code == 0
    assert _entry().stat().st_size < size * 2  # made anew
