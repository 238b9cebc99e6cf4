"""Shell completion of actor ids, tags, source ids and format names, as a shell asks for it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import DATA

SHOW = str(DATA / "valid_show.yaml")


def _complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word of `words`."""
    full = {
        **os.environ,
        "_RIRTIME_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        **(env or {}),
    }
    result = subprocess.run(
        [sys.executable, "-c", "from rirtime.cli import main; main()"],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (f"rirtime show -f {SHOW} --actor ir", ["iran", "irgc"]),
        (f"rirtime show -f {SHOW} -a q", ["quds-force"]),
        (f"rirtime show -f {SHOW} --not-actor hez", ["hezbollah"]),
        (f"rirtime show -f {SHOW} --tag v", ["veto", "visit"]),
        (f"rirtime export md -f {SHOW} --source n", ["n14"]),
        (f"rirtime add -f {SHOW} --actor sy", ["syria"]),
        ("rirtime show --format js", ["json", "jsonl"]),
        ("rirtime export ic", ["ics"]),
    ],
)
def test_completion(words: str, expected: list[str]) -> None:
    assert _complete(words) == expected


def test_completion_reads_the_file_from_the_environment() -> None:
    assert _complete("rirtime show -a hez", {"RIRTIME_FILE": SHOW}) == ["hezbollah"]


def test_completion_survives_a_broken_file() -> None:
    broken = str(DATA / "syntax_unclosed.yaml")
    assert _complete(f"rirtime show -f {broken} -a x") == []
