"""The chronology as an iCalendar file (RFC 5545): one all-day event per event, for calendars."""

from __future__ import annotations

from datetime import date, timedelta

from rirtime import __version__
from rirtime.formats.content import Document
from rirtime.model import Event
from rirtime.present.safe import one_line, visible

__all__ = ["to_ics"]


def _text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newline escaped (RFC 5545, 3.3.11)."""
    value = visible(value, keep_newlines=True).replace("\r\n", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


_MAX_OCTETS = 75  # RFC 5545, 3.1: longer content lines are folded


def _fold(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF and a space, never inside a character."""
    out: list[str] = []
    current = ""
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > _MAX_OCTETS:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _date(day: date) -> str:
    """A DATE value: exactly eight digits, YYYYMMDD (RFC 5545, 3.3.4), the year zero-padded.

    Not strftime's %Y, which writes the year 999 as `999` on glibc."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _when_note(event: Event) -> str | None:
    span = event.date
    assert span is not None
    notes = []
    if span.approximate:
        notes.append("approximate")
    if span.uncertain:
        notes.append("uncertain")
    if span.earliest is None or span.latest is None:
        notes.append("one end open or unknown")
    if not notes:
        return None
    return f"Date: {span.display()} ({', '.join(notes)})"


def _vevent(event: Event, doc: Document) -> list[str]:
    span = event.date
    assert span is not None
    # An all-day event needs both ends: it spans what is known of it (dates.Span.known), an
    # open or unknown end shrinking to the known one, as every view places it.
    first, last = span.known
    title = event.title
    # A calendar shows the days; what it cannot show (about, maybe, by then, ongoing) the
    # title says, as the views do: "Talks (by Sep 2015)".
    if not span.exact:
        title = f"{title} ({span.display()})"
    description = []
    if event.summary:
        description.append(event.summary.strip())
    note = _when_note(event)
    if note:
        description.append(note)
    if event.actors:
        names = [doc.timeline.actors[a].name for a in event.actors if a in doc.timeline.actors]
        description.append("Actors: " + ", ".join(names))
    for source_id in event.sources:
        source = doc.timeline.sources.get(source_id)
        if source is not None:
            url = f" {source.url}" if source.url else ""
            description.append(f"[{source_id}] {source.citation}{url}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@rirtime",
        # DTSTAMP is required; the event's own first day keeps the file deterministic.
        f"DTSTAMP:{_date(first)}T000000Z",
        f"DTSTART;VALUE=DATE:{_date(first)}",
        # DTEND is exclusive: the day after the last. When the last day is 9999-12-31 that day
        # cannot be written (DATE has four year digits, and Python has no year 10000), so the
        # same span is given as a length in days instead, which RFC 5545 allows in DTEND's
        # place; clamping DTEND to 9999-12-31 would drop the last day.
        f"DTEND;VALUE=DATE:{_date(last + timedelta(days=1))}"
        if last < date.max
        else f"DURATION:P{(last - first).days + 1}D",
        f"SUMMARY:{_text(one_line(title))}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{_text(chr(10).join(description))}")
    if event.tags:
        lines.append("CATEGORIES:" + ",".join(_text(t) for t in event.tags))
    lines.append("END:VEVENT")
    return lines


def to_ics(doc: Document) -> str:
    """A VCALENDAR of all-day VEVENTs from each event's earliest to latest day, CRLF-ended."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//rirtime//rirtime {__version__}//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(one_line(doc.timeline.title))}",
    ]
    if doc.files:  # several files read as one: say which
        lines.append(f"X-WR-CALDESC:{_text(one_line('From ' + ', '.join(doc.files)))}")
    for event in doc.events:
        lines += _vevent(event, doc)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
