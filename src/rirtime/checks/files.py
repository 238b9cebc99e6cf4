"""Several files read as one chronology hold together: no id means two things (see merge.py)."""

from __future__ import annotations

from collections.abc import Iterator

from rirtime.checks.context import Context, Finding
from rirtime.merge import clashes as merge_clashes

__all__ = ["clashes"]


def clashes(ctx: Context) -> Iterator[Finding]:
    # Found between the files' own timelines: their merge keeps only the first definition.
    yield from merge_clashes(ctx.parts)
