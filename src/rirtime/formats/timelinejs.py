"""The JSON that Knight Lab's TimelineJS3 reads, so a chronology can be published as a web page."""

from __future__ import annotations

import html
from typing import Any

from rirtime.dates import Point
from rirtime.formats.content import Document
from rirtime.formats.tabular import dumps
from rirtime.model import Event
from rirtime.present.safe import one_line, visible

__all__ = ["to_timelinejs"]


def _html(text: str) -> str:
    """TimelineJS reads headline and text as HTML: file text goes in escaped."""
    return html.escape(visible(text), quote=True)


def _date(point: Point) -> dict[str, str]:
    """Only the parts of the date that are known: a year, a month, a day."""
    out = {"year": str(point.year)}
    if point.month is not None:
        out["month"] = str(point.month)
    if point.day is not None:
        out["day"] = str(point.day)
    if point.season is not None:  # TimelineJS has no seasons: the season's first month
        out["month"] = str(point.earliest.month)
    return out


def _event(doc: Document, event: Event) -> dict[str, Any]:
    span = event.date
    assert span is not None
    # Placed as every view places it (dates.Span.first/last); TimelineJS needs a start, so an
    # open start takes the end; an unknown end (`2013-11/`) is a point at the start.
    start = span.first or span.last
    assert start is not None
    record: dict[str, Any] = {"unique_id": event.id, "start_date": _date(start)}
    end = span.last
    if end is not None and end is not start:
        record["end_date"] = _date(end)
    record["display_date"] = span.display()
    text = []
    if event.summary:
        text.append(f"<p>{_html(event.summary.strip())}</p>")
    names = [doc.timeline.actors[a].name for a in event.actors if a in doc.timeline.actors]
    if names:
        text.append(f"<p>{_html(', '.join(names))}</p>")
    cites = []
    for source_id in event.sources:
        source = doc.timeline.sources.get(source_id)
        if source is not None:
            cites.append(f"[{_html(source_id)}] {_html(source.citation)}")
    if cites:
        text.append("<p><small>" + "<br>".join(cites) + "</small></p>")
    record["text"] = {"headline": _html(one_line(event.title)), "text": "".join(text)}
    group = event.actors[0] if event.actors else (event.tags[0] if event.tags else None)
    if group is not None:
        actor = doc.timeline.actors.get(group)
        # TimelineJS3 strips markup from a group with a DOM parse, which decodes entities, and
        # then sets what is left as innerHTML: escaped as the headline is, it stays text.
        record["group"] = _html(actor.name if actor else group)
    return record


def to_timelinejs(doc: Document) -> str:
    """`{"title": ..., "events": [...]}` as TimelineJS3 expects it."""
    t = doc.timeline
    title: dict[str, Any] = {"text": {"headline": _html(one_line(t.title))}}
    if t.description:
        title["text"]["text"] = f"<p>{_html(t.description)}</p>"
    data = {"title": title, "events": [_event(doc, e) for e in doc.events]}
    return dumps(data, indent=2) + "\n"
