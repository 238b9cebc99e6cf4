"""The format for people at a terminal: rich renderables, which the command line prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rirtime.formats.content import Data, Document, Rows

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["events", "view"]


def events(doc: Document) -> RenderableType:
    """The chronology grouped by year, wrapped to the terminal, or one line an event
    (render/timeline.py)."""
    from rirtime.present.periods import background
    from rirtime.render.timeline import render_oneline, render_timeline

    if doc.oneline:  # one line an event, nothing else: periods are not shown
        return render_oneline(doc.timeline, list(doc.events), _asked_for(doc))
    total = len(doc.timeline.events)
    periods = background(doc.timeline.periods, doc.filters, doc.events)
    return render_timeline(
        doc.timeline, doc.events, total, doc.long, matched=doc.matched, periods=periods
    )


def _asked_for(doc: Document) -> frozenset[str]:
    """The actors `--actor` asked for, with their parts: --oneline names them first, so that
    no "+2" hides the actor an event was listed for."""
    from rirtime import graph

    asked = doc.filters.get("actors")
    if not isinstance(asked, list) or not asked:
        return frozenset()
    actors = graph.of(doc.timeline)
    return frozenset().union(*(actors.descendants(a) for a in asked))


def view(shown: Rows | Data) -> RenderableType:
    """A listing's or a value's own terminal view: tables and charts differ by command."""
    if shown.view is None:
        raise ValueError("nothing to show on a terminal: no view was given")
    return shown.view()
