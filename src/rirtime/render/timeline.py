"""The human view of a chronology: by year, dates at their own precision, actors in colour."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.text import Text

from rirtime.model import Event, Timeline
from rirtime.names import plural
from rirtime.present.colors import actor_color, palette_of
from rirtime.present.safe import visible
from rirtime.query import year_label
from rirtime.render.styles import colour_style

__all__ = [
    "TimelineView",
    "render_timeline",
    "year_label",
]

_DATE_WIDTH = 22  # the widest date column; a longer date wraps within it
_INDENT = 2
_GAP = 2


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


def _actors_and_tags(event: Event, colors: dict[str, str], console: Console) -> Text:
    meta = Text()
    for i, actor_id in enumerate(event.actors):
        if i:
            meta.append(" ")
        colour = colors.get(actor_id) or actor_color(actor_id)
        meta.append(visible(actor_id), style=colour_style(colour, console))
    if event.tags:
        meta.append("  ")
        meta.append(" ".join(f"#{visible(t)}" for t in event.tags), style="dim")
    return meta


def _append_details(body: Text, timeline: Timeline, event: Event) -> None:
    """What the long view adds: summary, people, quote, note, and each source cited."""
    if event.summary:
        body.append("\n")
        body.append(visible(event.summary.strip(), keep_newlines=True))
    if event.people:
        body.append("\nPeople: ", style="dim")
        body.append(visible(", ".join(event.people)))
    if event.quote:
        body.append("\n")
        body.append(f"\u201c{_one_line(event.quote)}\u201d", style="italic")
    if event.note:
        body.append("\nNote: ", style="dim")
        body.append(_one_line(event.note))
    for source_id in event.sources:
        source = timeline.sources.get(source_id)
        body.append(f"\n[{visible(source_id)}] ", style="dim")
        if source is not None:
            body.append(_one_line(source.citation))
            if source.url:
                body.append(" ")
                body.append(visible(source.url), style="underline")


def _event_body(
    timeline: Timeline, event: Event, colors: dict[str, str], console: Console, *, long: bool
) -> Text:
    """The title, its actors and tags under it, and in the long view the rest of the event."""
    body = Text()
    body.append(_one_line(event.title), style="bold")
    body.append("\n")
    body.append_text(_actors_and_tags(event, colors, console))
    if long:
        _append_details(body, timeline, event)
    return body


class TimelineView:
    """The filtered chronology, laid out at whatever width the console gives it.

    Lines are built by hand rather than with a rich Table so that none ends in padding spaces:
    the text view is also what people copy into notes.
    """

    def __init__(self, timeline: Timeline, events: list[Event], total: int, *, long: bool) -> None:
        self.timeline = timeline
        self.events = events
        self.total = total
        self.long = long

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(_one_line(self.timeline.title), style="bold underline")
        yield Text()
        colors = palette_of(self.timeline)
        shown = [(e, e.date.display() if e.date is not None else "") for e in self.events]
        date_width = min(_DATE_WIDTH, max((cell_len(d) for _, d in shown), default=0))
        body_width = max(20, options.max_width - _INDENT - date_width - _GAP)
        label = None
        for event, when in shown:
            if year_label(event) != label:
                if label is not None and not self.long:  # in the long view, events end blank
                    yield Text()
                label = year_label(event)
                yield Text(label, style="bold cyan")
            dates = Text(when, style="green").wrap(console, date_width)
            text = _event_body(self.timeline, event, colors, console, long=self.long)
            body = text.wrap(console, body_width)
            for i in range(max(len(dates), len(body))):
                line = Text(" " * _INDENT)
                if i < len(dates):
                    line.append_text(dates[i])
                    line.rstrip()
                line.pad_right(_INDENT + date_width + _GAP - line.cell_len)
                if i < len(body):
                    line.append_text(body[i])
                line.rstrip()
                yield line
            if self.long:
                yield Text()
        if not shown:
            yield Text("No events match.", style="dim")
        if not self.long:
            yield Text()
        yield Text(f"{len(shown)} of {plural(self.total, 'event')}", style="dim")


def render_timeline(
    timeline: Timeline,
    events: list[Event],
    total: int,
    long: bool = False,  # noqa: FBT001, FBT002 - called positionally by tests; to be made keyword-only with them
) -> RenderableType:
    """The filtered chronology as a rich renderable; it prints nothing itself."""
    return TimelineView(timeline, events, total, long=long)
