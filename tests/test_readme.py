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
    """The README's table of keys is made from spec.py, so it names every key and no other."""
    assert spec.markdown_table() in README


def test_every_key_of_the_format_is_documented() -> None:
    for entry in spec.KINDS.values():
        for key in entry.names:
            assert f"`{key}`" in README, key
