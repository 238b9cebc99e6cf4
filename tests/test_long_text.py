"""Long runs of one character in a field never make a command quadratic (regexes that could
match a run in more than one way). Each input below took minutes before its fix; the timeout
only catches that (no test times anything)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_HEAD = (
    "title: T\nsources: {{s: {{citation: C, published: 2015-12-05}}}}\n"
    "actors: {{a: {{name: A, kind: state}}}}\nevents:\n"
    "  - {{id: e, date: 2015-12-05, title: E, actors: [a], sources: [s], {field}: {value}}}\n"
)
CASES = {
    # `export md`'s autolink guard, on one long word with no @ in it
    "markdown": ("summary", "x" * 300_000, ("export", "md")),
    # CSV's formula guard, on a run of line breaks
    "csv": ("summary", '"' + "\\n" * 150_000 + 'x"', ("export", "csv")),
    # day-from-source reading a note with long runs of spaces after a day's name
    "note": ("note", '"' + ("5 December" + " " * 45_000 + "x ") * 30 + '"', ("check",)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_long_run_is_read_in_linear_time(tmp_path: Path, case: str) -> None:
    field, value, command = CASES[case]
    path = tmp_path / "t.yaml"
    path.write_text(_HEAD.format(field=field, value=value), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", *command, "-f", str(path), "--no-cache"],
        capture_output=True,
        timeout=90,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert b"Traceback" not in result.stderr
