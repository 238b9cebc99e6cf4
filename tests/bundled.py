"""What `rirtime check --strict` may say about the bundled chronology, here.

The article source's `text` points at the seed copy beside the repository
(`../shared/seed/...`), which a main checkout has and a clean clone, a worktree or an installed
package may not. Where a source's text does not resolve, the one finding allowed is an
`unreadable-text` warning at that source's `text` line; any other finding fails.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from rirtime.files import default_path

PATH = default_path()
DATA: dict[str, Any] = yaml.safe_load(PATH.read_text(encoding="utf-8"))


def _text_line(source_id: str) -> int:
    """The line of a source's `text` key in the bundled file (sources are written as blocks)."""
    lines = PATH.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  {source_id}:")
    for number, line in enumerate(lines[start + 1 :], start + 2):
        if re.match(r"  \S", line):
            break
        if line.startswith("    text:"):
            return number
    raise AssertionError(f"source {source_id!r} has no text line")


def unresolved_texts() -> list[str]:
    """The sources whose `text` is not a file from the bundled file's own folder, here."""
    folder = PATH.resolve().parent
    return [
        sid
        for sid, source in DATA["sources"].items()
        if "text" in source and not (folder / source["text"]).is_file()
    ]


def expected_findings() -> list[tuple[str, int, str, str]]:
    """(path, line, severity, code) of each finding allowed here: none when every text resolves."""
    return [(str(PATH), _text_line(s), "warning", "unreadable-text") for s in unresolved_texts()]


def assert_strict_check(exit_code: int, stdout: str) -> None:
    """The result of `check --strict --format json` on the bundled file: clean, or only the
    unreadable texts that do not resolve here (and then a failing exit)."""
    found = [(d["path"], d["line"], d["severity"], d["code"]) for d in json.loads(stdout)]
    expected = expected_findings()
    assert found == expected, stdout
    assert exit_code == (1 if expected else 0), stdout


def summary() -> str:
    """What non-strict `check` says of the bundled file after its path: 'ok (...)' or
    '1 warning (...)' where a text does not resolve."""
    counts = (
        f"({len(DATA['events'])} events, {len(DATA['actors'])} actors, "
        f"{len(DATA['sources'])} sources)"
    )
    warnings = len(expected_findings())
    if not warnings:
        return f"ok {counts}"
    return f"{warnings} warning{'s' if warnings > 1 else ''} {counts}"


__all__ = [
    "DATA",
    "PATH",
    "assert_strict_check",
    "expected_findings",
    "summary",
    "unresolved_texts",
]
