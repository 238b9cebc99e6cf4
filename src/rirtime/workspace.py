"""The use case every reading command shares: a path (or stdin) -> a checked chronology.

bytes (files) -> cached, or loaded (load) and checked (validate) -> `Checked`. This is the only
user of the cache, so the validator stays pure (model in, diagnostics out) and the model knows
nothing of how it is stored or exported.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rirtime import cache
from rirtime.errors import Diagnostic, InvalidTimeline, Severity, UsageError
from rirtime.files import STDIN, decode, read_input
from rirtime.model import Timeline
from rirtime.texts import SourceTexts

__all__ = ["Checked", "Valid", "cache_wanted", "check_bytes", "open_checked", "open_valid"]


@dataclass(frozen=True, slots=True)
class Checked:
    """A file read and checked: its timeline (None when it could not be read as one), every
    diagnostic in file order, and the text they point into (None when it is not needed)."""

    path: str  # the name the user gave, as messages show it
    text: str | None
    timeline: Timeline | None
    diagnostics: list[Diagnostic]
    # Each event's JSON line, by event index, when the cache had them ready (jsonl writes them).
    json_lines: Sequence[str] | None = None

    def only(self, select: Collection[str]) -> Checked:
        """The same, with only the diagnostics of the named checks, and of reading the file
        (those always count: a file that cannot be read is not checked at all)."""
        from rirtime.checks import BY_NAME, known_checks

        if not select:
            raise UsageError("--select names no check: give one (rirtime check --list-checks)")
        known_checks(select)
        kept = [d for d in self.diagnostics if d.code not in BY_NAME or d.code in select]
        return Checked(self.path, self.text, self.timeline, kept, self.json_lines)

    def failed(self, *, strict: bool = False) -> bool:
        """Whether the file does not pass `check` (with `strict`, warnings fail it too)."""
        return self.timeline is None or any(
            strict or d.severity is Severity.ERROR for d in self.diagnostics
        )


@dataclass(frozen=True, slots=True)
class Valid:
    """A file that passed `check`: its timeline, its warnings, and the JSON lines as in Checked."""

    path: str
    timeline: Timeline
    diagnostics: list[Diagnostic]
    json_lines: Sequence[str] | None = None


def cache_wanted(*, no_cache: bool = False) -> bool:
    """Whether to use the cache: not with --no-cache, nor with RIRTIME_NO_CACHE set (not 0)."""
    return cache.enabled(no_cache=no_cache)


def check_bytes(data: bytes, name: str, texts: SourceTexts | None = None) -> Checked:
    """Load a timeline's bytes and find every problem in them, in file order; the sources'
    text files are read through `texts` (else from the folder of `name`)."""
    # Imported here: a file answered from the cache needs neither YAML nor the checks.
    from rirtime.checks import validate
    from rirtime.load import load_text

    loaded = load_text(data, name)
    diags = list(loaded.diagnostics)
    if loaded.timeline is not None:
        diags += validate(loaded.timeline, texts=texts or SourceTexts.beside(name))
        diags.sort(key=lambda d: (d.loc.line, d.loc.column))
    return Checked(loaded.path, loaded.text, loaded.timeline, diags)


def open_checked(path: str, *, use_cache: bool = False) -> Checked:
    """Read the file at `path` (`-` for stdin) and check it; with `use_cache`, an unchanged
    file is answered from the cache (see cache.py), when its sources' text files are unchanged
    too (their findings depend on them)."""
    name, data = read_input(path)
    real = os.path.realpath(path) if path != STDIN else None
    texts = SourceTexts.beside(name)
    if use_cache and real is not None:
        hit = cache.lookup(real, data, name)
        if hit is not None and hit.depends == texts.identities(hit.timeline):
            text = decode(data, name) if hit.diagnostics else None
            return Checked(name, text, hit.timeline, hit.diagnostics, hit.json_lines)
    checked = check_bytes(data, name, texts)
    if checked.timeline is not None and use_cache and real is not None:
        from rirtime.formats.tabular import json_line

        timeline = checked.timeline
        lines = None
        if all(e.date is not None for e in timeline.events):
            lines = [json_line(e) for e in timeline.events]
        depends = texts.identities(timeline)
        cache.store(real, data, timeline, checked.diagnostics, lines, depends=depends)
    return checked


def open_valid(path: str, *, use_cache: bool = False) -> Valid:
    """The file at `path` when it passes `check`, else InvalidTimeline carrying every
    diagnostic."""
    checked = open_checked(path, use_cache=use_cache)
    if checked.timeline is None or checked.failed():
        raise InvalidTimeline(checked.path, checked.diagnostics, checked.text)
    return Valid(checked.path, checked.timeline, checked.diagnostics, checked.json_lines)
