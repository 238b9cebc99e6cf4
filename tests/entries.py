"""Read and write a cache entry as the cache does (cache.py): its first line (the key, the
timeline but its events' rows, the diagnostics), then the events' rows, cache.BLOCK a line.
For the tests that change an entry by hand, as someone who can write the cache folder might."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rirtime import cache


def read_entry(entry: Path) -> tuple[dict[str, Any], list[list[Any]]]:
    """An entry's first line, and its events' rows from the blocks that follow it."""
    first, *blocks = entry.read_bytes().split(b"\n")[:-1]
    return json.loads(first), [row for block in blocks for row in json.loads(block)]


def write_entry(entry: Path, header: dict[str, Any], rows: list[list[Any]]) -> None:
    """An entry written as the cache writes one."""
    blocks = [rows[at : at + cache.BLOCK] for at in range(0, len(rows), cache.BLOCK)]
    entry.write_text("".join(json.dumps(part) + "\n" for part in [header, *blocks]))
