"""What every check reads: the timeline, its actor graph, its folded names and its sources'
text files, each computed (or read) once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rirtime import graph
from rirtime.errors import Loc
from rirtime.graph import ActorGraph, folded_names
from rirtime.model import Event, Timeline
from rirtime.texts import SourceTexts

__all__ = ["Context", "Finding", "label"]

# What a check function yields: where the problem is and what to say, and perhaps another place
# it is about (where a clashing id was met first); the registry adds the check's name (the
# diagnostic's code) and its severity.
Finding = tuple[Loc, str] | tuple[Loc, str, Loc]


@dataclass(frozen=True, slots=True)
class Context:
    """One timeline as the checks see it; built once for all the checks that run."""

    timeline: Timeline
    graph: ActorGraph
    names: Mapping[str, str]  # every actor id and alias, folded -> the first actor it names
    # The sources' `text` files, read on first use: the only files a check reads.
    texts: SourceTexts
    # The files' own timelines when `timeline` is their merge (workspace); () for one file.
    parts: tuple[Timeline, ...] = ()

    @classmethod
    def of(
        cls, timeline: Timeline, texts: SourceTexts | None = None, parts: tuple[Timeline, ...] = ()
    ) -> Context:
        """The context of `timeline`; its texts from `texts`, else from the timeline's folder."""
        if texts is None:
            texts = SourceTexts.beside(timeline.path)
        return cls(timeline, graph.of(timeline), folded_names(timeline.actors), texts, parts)


def label(event: Event) -> str:
    """How messages name an event: by its id, else by its position."""
    return f"event {event.id!r}" if event.id else f"event {event.index + 1}"
