"""What every command that lists events starts from: a timeline file and a filter -> the valid
timeline, the filter resolved against it, and the events it keeps, ready for a format."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NamedTuple

from rirtime.files import STDIN, STDIN_NAME, resolve_paths
from rirtime.formats.content import Document
from rirtime.model import Event, Timeline
from rirtime.query import Filter, apply, resolve
from rirtime.workspace import Valid, cache_wanted, open_valid

__all__ = ["Selection", "select"]


class Selection(NamedTuple):
    """A valid timeline, the filter resolved against it, and the events that passed it."""

    path: str  # the file read, as resolved: `-` for stdin (the first, when several are)
    valid: Valid
    wanted: Filter  # names resolved to ids
    events: Sequence[Event]  # a list, or the timeline's own events (query.apply)
    matched: int  # how many passed the filters before --limit cut them short
    paths: tuple[str, ...] = ()  # every file read, as resolved

    @property
    def files(self) -> tuple[str, ...]:
        """Every file read, as resolved (`-` for stdin)."""
        return self.paths or (self.path,)

    @property
    def timeline(self) -> Timeline:
        return self.valid.timeline

    @property
    def filtered(self) -> bool:
        """Whether any filter was given (the listings then show only what the events use)."""
        return not self.wanted.is_empty()

    def document(
        self, *, long: bool = False, oneline: bool = False, toc: bool = False, mermaid: bool = False
    ) -> Document:
        """The selection as a format writes it; the file named as the user knows it."""
        names = [STDIN_NAME if p == STDIN else os.path.basename(p) for p in self.files]
        if len(set(names)) < len(names):  # a.yaml and other/a.yaml: as given, to tell them apart
            names = [STDIN_NAME if p == STDIN else p for p in self.files]
        return Document(
            self.timeline,
            self.events,
            ", ".join(names),
            self.wanted.describe(),
            toc=toc,
            mermaid=mermaid,
            json_lines=self.valid.json_lines,
            long=long,
            oneline=oneline,
            matched=self.matched,
            files=tuple(names) if len(names) > 1 else (),
        )


def select(
    file: str | Sequence[str] | None, wanted: Filter, *, no_cache: bool = False
) -> Selection:
    """Read the timeline `--file` names (else RIRTIME_FILE, else the bundled one; several as
    one chronology), refuse it unless it passes `check`, and apply `wanted`; an unknown name
    is a UsageError."""
    paths = tuple(resolve_paths(file))
    valid = open_valid(paths, use_cache=cache_wanted(no_cache=no_cache))
    resolved = resolve(valid.timeline, wanted)
    # The limit is the last step of `apply`: applied here instead, what matched can be counted.
    matching = apply(valid.timeline, resolved._replace(limit=None))
    events = matching if resolved.limit is None else matching[: resolved.limit]
    return Selection(paths[0], valid, resolved, events, len(matching), paths)
