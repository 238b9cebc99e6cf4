"""The JSON that Knight Lab's TimelineJS3 reads, so a chronology can be published as a web page.

Periods become TimelineJS3's `eras` (a band behind the events: start_date, end_date, a headline):
those that overlap what is shown. An era must end, so a period still under way (`2011-03/..`)
ends at the latest day of the events shown, and its text says it runs on ("from Mar 2011"); one
with an open start (`../2014`) starts at the first day shown, its text "until 2014".
"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import date
from typing import Any

from rirtime.dates import Point
from rirtime.formats.content import Document
from rirtime.formats.tabular import dumps
from rirtime.model import Event, Period
from rirtime.present.periods import overlapping, shown_window
from rirtime.present.safe import one_line, visible

__all__ = ["GROUPS", "to_timelinejs"]

# TimelineJS3 gives each group a row of its navigation, however few its events: grouped by the
# first actor, the bundled chronology made 14 rows that filled 60% of the screen. So there are
# no groups unless asked (`export timelinejs --group-by actor|tag`), and then at most this many:
# the largest ones, and the rest together as "Other actors" ("Other tags").
GROUPS = 6


def _html(text: str) -> str:
    """TimelineJS reads headline and text as HTML: file text goes in escaped."""
    return html.escape(visible(text), quote=True)


# The paragraphs rirtime adds after an event's summary, marked so that `import timelinejs`
# finds them again (TimelineJS shows a class as nothing).
ACTORS_CLASS = "rirtime-actors"
SOURCES_CLASS = "rirtime-sources"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraphs(text: str) -> list[str]:
    """A summary as HTML paragraphs: a blank line between two, a line break a `<br>` (the
    summary's own breaks, as the HTML and Markdown exports keep them)."""
    out = []
    for part in _BLANK_LINE.split(text.strip()):
        lines = [_html(line.strip()) for line in part.splitlines() if line.strip()]
        if lines:
            out.append("<p>" + "<br>".join(lines) + "</p>")
    return out


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


def _event(doc: Document, event: Event, group: str | None) -> dict[str, Any]:
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
    record["display_date"] = _html(span.display())  # shown as HTML, like every text
    text = _paragraphs(event.summary or "")
    names = [doc.timeline.actors[a].name for a in event.actors if a in doc.timeline.actors]
    if names:  # each in an element of its own: a name may hold ", " ("Korea, Republic of")
        spans = ", ".join(f"<span>{_html(name)}</span>" for name in names)
        text.append(f'<p class="{ACTORS_CLASS}">{spans}</p>')
    cites = []
    for source_id in event.sources:
        source = doc.timeline.sources.get(source_id)
        if source is not None:
            cites.append(f"[{_html(source_id)}] {_html(source.citation)}")
    if cites:
        text.append(f'<p class="{SOURCES_CLASS}"><small>' + "<br>".join(cites) + "</small></p>")
    record["text"] = {"headline": _html(one_line(event.title)), "text": "".join(text)}
    if group is not None:
        # TimelineJS3 strips markup from a group with a DOM parse, which decodes entities, and
        # then sets what is left as innerHTML: escaped as the headline is, it stays text.
        record["group"] = _html(group)
    return record


def _key(doc: Document, event: Event) -> str | None:
    """What the event is grouped by: its first actor's name, or its first tag."""
    if doc.group_by == "tag":
        return event.tags[0] if event.tags else None
    if not event.actors:
        return None
    actor = doc.timeline.actors.get(event.actors[0])
    return actor.name if actor is not None else event.actors[0]


def _groups(doc: Document) -> list[str | None]:
    """Each event's group, in order: none unless `group_by`; else its key when that is one of
    the GROUPS largest (all of them when they are no more), else "Other actors" ("Other tags"),
    also for an event with no key, so that there are never more than GROUPS rows."""
    if doc.group_by is None:
        return [None] * len(doc.events)
    keys = [_key(doc, e) for e in doc.events]
    counts = Counter(k for k in keys if k is not None)
    if len(counts) + (None in keys) <= GROUPS:
        kept = set(counts)
    else:
        kept = {k for k, _ in counts.most_common(GROUPS - 1)}  # ties: the first to appear
    other = f"Other {doc.group_by}s"
    return [k if k in kept else other for k in keys]


def _day(day: date) -> dict[str, str]:
    return {"year": str(day.year), "month": str(day.month), "day": str(day.day)}


def _era(period: Period, first_day: date, last_day: date) -> dict[str, Any]:
    """A period as an era; an open or unknown end taken at `last_day` and an open start at
    `first_day` (the first day shown: an era needs both ends, and `../2014` starting at its end
    covered one year of a rivalry under way since before the events), never past the other end;
    the date as written in its text ("until 2014", "from Mar 2011") says which end was taken."""
    span = period.date
    assert span is not None
    known = span.first or span.last
    assert known is not None
    start = _date(span.first) if span.first is not None else _day(first_day)
    if span.first is None and first_day > known.earliest:
        start = _date(known)
    end: dict[str, str] = _date(span.end) if span.end is not None else _day(last_day)
    if span.end is None and last_day < known.earliest:
        end = _date(known)
    return {
        "start_date": start,
        "end_date": end,
        "text": {"headline": _html(one_line(period.title)), "text": _html(span.display())},
    }


def _eras(doc: Document) -> list[dict[str, Any]]:
    """The periods that overlap what is shown, as eras within its first and last days."""
    window = shown_window(doc.filters, doc.events)
    periods = overlapping(doc.timeline.periods, window)
    if window is None or window.start is None or window.end is None:
        return []
    return [_era(p, window.start, window.end) for p in periods]


def to_timelinejs(doc: Document) -> str:
    """`{"title": ..., "events": [...]}` as TimelineJS3 expects it."""
    t = doc.timeline
    title: dict[str, Any] = {"text": {"headline": _html(one_line(t.title))}}
    if t.description:
        title["text"]["text"] = f"<p>{_html(t.description)}</p>"
    if doc.files:  # several files read as one: a line saying which
        came = f"<p>From {_html(', '.join(doc.files))}</p>"
        title["text"]["text"] = title["text"].get("text", "") + came
    groups = _groups(doc)
    events = [_event(doc, e, group) for e, group in zip(doc.events, groups, strict=True)]
    data: dict[str, Any] = {"title": title, "events": events}
    eras = _eras(doc)
    if eras:
        data["eras"] = eras
    return dumps(data, indent=2) + "\n"
