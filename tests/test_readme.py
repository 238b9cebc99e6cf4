"""The README's promises: its test command is CI's, and its format table names every key."""

from __future__ import annotations

import re
from pathlib import Path

from rirtime import spec

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert len(blocks) >= 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == blocks[1].strip()


def test_the_format_table_is_the_specs() -> None:
    """The README's table of keys is made from spec.py, so it names every key and no other.
    After a change of the spec: `python -m rirtime.spec` prints the table to paste."""
    table = spec.markdown_table()
    assert table in README, "the README's format table is not spec.markdown_table():\n" + table


def test_every_key_of_the_format_is_documented() -> None:
    for entry in spec.KINDS.values():
        for key in entry.names:
            assert f"`{key}`" in README, key


def test_the_event_object_keys_are_the_records() -> None:
    """The README's list of the event object's keys is the one the formats write, in order."""
    from rirtime.formats.records import FIELDS

    start = README.index("An event object has these keys")
    paragraph = README[start : README.index("\n\n", start)]
    keys = [k for k in re.findall(r"`([a-z_]+)`", paragraph) if k != "null"]
    assert keys == list(FIELDS)


def _promises() -> list[tuple[str, str]]:
    """The rows of the README's "What rirtime promises" table: (promise, held by)."""
    start = README.index("## What rirtime promises")
    section = README[start : README.index("\n## ", start + 1)]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith(("| promise", "| ---")):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]  # `\|` is in a cell
        assert len(cells) == 2, line
        rows.append((cells[0], cells[1]))
    return rows


def test_every_promise_names_the_tests_that_hold_it() -> None:
    """Each row of the promises table names test functions (`tests/FILE.py::test_name`), and
    each one it names is there: a renamed or deleted test turns this red."""
    rows = _promises()
    assert len(rows) >= 10
    for promise, held_by in rows:
        named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", held_by)
        assert any(function for _, function in named), f"no test function named for: {promise}"
        for path, function in named:
            source = ROOT / path
            assert source.is_file(), f"{path}, named for: {promise}"
            if function:
                defined = re.search(rf"^def {function}\(", source.read_text("utf-8"), re.M)
                assert defined, f"{path}::{function}, named for: {promise}"
