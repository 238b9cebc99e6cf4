"""The README's promises: its test command is CI's, and its format table names every key."""

from __future__ import annotations

import re
from pathlib import Path

from rirtime.load import KEYS

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert len(blocks) >= 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == blocks[1].strip()


def test_every_key_of_the_format_is_documented() -> None:
    for schema in KEYS.values():
        for key in schema:
            assert f"`{key}`" in README, key
