"""The events stand in chronological order, as the file is read."""

from __future__ import annotations

from collections.abc import Iterator

from rirtime.checks.context import Context, Finding, label
from rirtime.dates import Span
from rirtime.model import Event

__all__ = ["chronological_order"]


def chronological_order(ctx: Context) -> Iterator[Finding]:
    # Each dated event against the dated event just before it: one event out of place is one
    # warning, not one for every event after it.
    previous: tuple[Event, Span] | None = None
    previous_key = None
    for event in ctx.timeline.events:
        span = event.date
        if span is None:
            continue
        key = span.sort_key()
        if previous is not None and previous_key is not None and key < previous_key:
            yield (
                event.places.at("date"),
                f"{label(event)} ({span.text}) is out of chronological order: it comes "
                f"after {previous[0].id!r} ({previous[1].text})",
            )
        previous, previous_key = (event, span), key
