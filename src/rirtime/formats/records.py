"""The entries as plain data, every machine format's shared shape, derived from spec.py.

Every field of the specification appears under its own name, in the spec's order; a date adds,
after its text as written, what a program needs and should not have to parse: its earliest and
latest possible ISO days, precision, qualifiers, and the date as the views show it. An event's
alternatives are records of the same shape: `{date, start, end, ..., display, sources, note}`.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from rirtime import spec
from rirtime.dates import Span
from rirtime.model import Actor, Alternative, Event, Period, Source, plain
from rirtime.spec import Type

__all__ = [
    "DATE_PARTS",
    "FIELDS",
    "LIST_FIELDS",
    "alternative_record",
    "date_parts",
    "entry_record",
    "event_record",
    "period_record",
]

# What a date field adds after itself (in an event and its alternatives: `date`, then these).
DATE_PARTS = ("start", "end", "precision", "approximate", "uncertain", "display")


def _names(entry: spec.Entry) -> tuple[str, ...]:
    out: list[str] = []
    for f in entry.fields:
        out.append(f.name)
        if f.name == "date":
            out += DATE_PARTS
    return tuple(out)


FIELDS = _names(spec.EVENT)
LIST_FIELDS = frozenset(f.name for f in spec.EVENT.fields if f.type.is_list)


def _date_parts(span: Span) -> tuple[Any, ...]:
    return (
        span.earliest.isoformat() if span.earliest else None,
        span.latest.isoformat() if span.latest else None,
        span.precision.value,
        span.approximate,
        span.uncertain,
        span.display(),
    )


def date_parts(span: Span | None) -> dict[str, Any]:
    """A date's parts by name (each None when there is no date), as the records show them."""
    if span is None:
        return dict.fromkeys(DATE_PARTS)
    return dict(zip(DATE_PARTS, _date_parts(span), strict=True))


_ALTERNATIVE_NAMES = _names(spec.ALTERNATIVE)


def alternative_record(alternative: Alternative) -> dict[str, Any]:
    """Another date of an event, with the same parts as the event's own date."""
    span = alternative.date
    values = (span.text, *_date_parts(span), list(alternative.sources), alternative.note)
    return dict(zip(_ALTERNATIVE_NAMES, values, strict=True))


# Made once from the spec, for speed: `export jsonl` and the cache make one record an event,
# ten thousand of them at a time. All fields are read in one call; only the few that are not
# plain text are converted; a date's parts follow it.
_EVENT_NAMES = spec.EVENT.names
_GET_EVENT = attrgetter(*_EVENT_NAMES)
_CONVERTED = tuple(
    (i, f) for i, f in enumerate(spec.EVENT.fields) if not f.type.is_text and not f.type.is_nested
)
_NESTED = tuple((i, f) for i, f in enumerate(spec.EVENT.fields) if f.type.is_nested)
_DATE_AT = _EVENT_NAMES.index("date") + 1
_HEAD, _TAIL = _EVENT_NAMES[:_DATE_AT], _EVENT_NAMES[_DATE_AT:]


def event_record(event: Event) -> dict[str, Any]:
    """An event as plain data: `date` as written, `start`/`end` its earliest and latest ISO days
    (null when that end is open or unknown)."""
    span = event.date
    assert span is not None, "only a validated timeline is exported"
    values = list(_GET_EVENT(event))
    for i, f in _CONVERTED:
        values[i] = plain(f, values[i])
    for i, _ in _NESTED:
        values[i] = [alternative_record(a) for a in values[i]]
    out = dict(zip(_HEAD, values[:_DATE_AT], strict=True))
    out.update(zip(DATE_PARTS, _date_parts(span), strict=True))
    out.update(zip(_TAIL, values[_DATE_AT:], strict=True))
    return out


def entry_record(entry: spec.Entry, item: Source | Actor) -> dict[str, Any]:
    """A source or an actor as plain data: its fields by name (its id is the key it is under)."""
    return {f.name: plain(f, getattr(item, f.name)) for f in entry.fields}


def period_record(period: Period) -> dict[str, Any]:
    """A period as plain data: its fields in the spec's order, its date followed by the same
    parts as an event's (`start`, `end`, ..., `display`)."""
    span = period.date
    assert span is not None, "only a validated timeline is exported"
    out: dict[str, Any] = {}
    for f in spec.PERIOD.fields:
        out[f.name] = plain(f, getattr(period, f.name))
        if f.type is Type.DATE:
            out.update(zip(DATE_PARTS, _date_parts(span), strict=True))
    return out
