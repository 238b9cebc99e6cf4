"""Several files read as one chronology hold together: no id means two things (see merge.py)."""

from __future__ import annotations

from collections.abc import Iterator

from rirtime.checks.context import Context, Finding
from rirtime.merge import clashes as merge_clashes
from rirtime.model import Source

__all__ = ["clashes"]


def clashes(ctx: Context) -> Iterator[Finding]:
    # Found between the files' own timelines: their merge keeps only the first definition.
    # A source's `text` as each file's folder resolves it: one `src.txt` may be two files.
    def text_of(source: Source) -> tuple[str, str] | None:
        text = ctx.texts.of(source)
        return None if text is None else (text.path, text.identity)

    yield from merge_clashes(ctx.parts, text_of)
