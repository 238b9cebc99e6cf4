"""Tables and charts for the registry commands (actors, tags, sources) and for stats."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from rirtime.dates import Span
from rirtime.names import plural
from rirtime.present.colors import actor_color
from rirtime.present.safe import visible
from rirtime.render.styles import colour_style
from rirtime.stats import ActorRow, SourceRow, Stats, TagRow

__all__ = ["actors_table", "sources_table", "stats_view", "tags_table"]


def _plain(text: str | None) -> Text:
    return Text(" ".join(visible(text or "").split()))


def _when(span: Span | None) -> str:
    return span.display() if span is not None else ""


def _footer(shown: int, noun: str) -> Text:
    return Text(plural(shown, noun), style="dim")


class _ForConsole:
    """A renderable made when the console that draws it is known, so that actor colours are
    styled for its colour system (see rirtime.render.styles)."""

    def __init__(self, make: Callable[[Console], RenderableType]) -> None:
        self._make = make

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._make(console)


def actors_table(rows: list[ActorRow], colors: dict[str, str]) -> RenderableType:
    return _ForConsole(lambda console: _actors_table(rows, colors, console))


def _actors_table(rows: list[ActorRow], colors: dict[str, str], console: Console) -> Group:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify, nowrap in (
        ("id", "left", True),
        ("name", "left", False),
        ("kind", "left", True),
        ("part of", "left", True),
        ("events", "right", True),
        ("first", "left", False),
        ("last", "left", False),
    ):
        table.add_column(name, justify=justify, no_wrap=nowrap)  # type: ignore[arg-type]
    for r in rows:
        table.add_row(
            Text(visible(r.id), style=colour_style(colors.get(r.id) or actor_color(r.id), console)),
            _plain(r.name),
            r.kind,
            _plain(r.part_of),
            str(r.events),
            _when(r.first),
            _when(r.last),
        )
    return Group(table, Text(), _footer(len(rows), "actor"))


def tags_table(rows: list[TagRow]) -> RenderableType:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("tag")
    table.add_column("events", justify="right")
    table.add_column("first")
    table.add_column("last")
    for r in rows:
        table.add_row(_plain(r.tag), str(r.events), _when(r.first), _when(r.last))
    return Group(table, Text(), _footer(len(rows), "tag"))


def sources_table(rows: list[SourceRow]) -> RenderableType:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("events", justify="right", no_wrap=True)
    table.add_column("citation", ratio=1)
    for r in rows:
        count = Text(str(len(r.events))) if r.used else Text("unused", style="yellow")
        citation = _plain(r.citation)
        if r.url:
            citation.append(" ")
            citation.append(visible(r.url), style="underline")
        table.add_row(_plain(r.id), count, citation)
    unused = sum(not r.used for r in rows)
    footer = _footer(len(rows), "source")
    if unused:
        footer.append(f", {unused} unused", style="yellow")
    return Group(table, Text(), footer)


def _bar(n: int, most: int, width: int) -> str:
    if most == 0:
        return ""
    eighths = round(n / most * width * 8)
    full, rest = divmod(eighths, 8)
    return "\u2588" * full + ("" if rest == 0 else chr(0x2590 - rest))


def stats_view(s: Stats, colors: dict[str, str], bar_width: int = 40) -> RenderableType:
    """Events per year as bars, the busiest actors, and who appears with whom."""
    return _ForConsole(lambda console: _stats_view(s, colors, bar_width, console))


def _stats_view(s: Stats, colors: dict[str, str], bar_width: int, console: Console) -> Group:
    parts: list[RenderableType] = [
        Text(f"{s.events} of {s.total} events", style="bold"),
        Text(),
        Text("Events per year", style="bold underline"),
    ]
    years = Table.grid(padding=(0, 1))
    years.add_column(justify="right", style="cyan")
    years.add_column(justify="right")
    years.add_column()
    most = max((n for _, n in s.per_year), default=0)
    for year, n in s.per_year:
        years.add_row(year, str(n), Text(_bar(n, most, bar_width), style="green"))
    parts += [years, Text(), Text("Busiest actors (events naming them)", style="bold underline")]
    actors = Table.grid(padding=(0, 1))
    actors.add_column()
    actors.add_column(justify="right")
    actors.add_column()
    top = s.actors[: max(len(s.matrix_actors), 10)]
    most = max((n for _, n in top), default=0)
    for actor_id, n in top:
        colour = colour_style(colors.get(actor_id) or actor_color(actor_id), console)
        actors.add_row(
            Text(visible(actor_id), style=colour), str(n), Text(_bar(n, most, 30), style=colour)
        )
    parts += [actors]
    if len(s.matrix_actors) >= 2:  # noqa: PLR2004 - "who appears with whom" takes two actors
        parts += [Text(), Text("Who appears with whom (shared events)", style="bold underline")]
        matrix = Table(box=None, pad_edge=False, header_style="bold")
        matrix.add_column("")
        for i, _ in enumerate(s.matrix_actors):
            matrix.add_column(str(i + 1), justify="right")
        for i, a in enumerate(s.matrix_actors):
            cells = []
            for j, b in enumerate(s.matrix_actors):
                n = s.shared(a, b) if i != j else 0
                cells.append(Text("\u00b7", style="dim") if i == j or n == 0 else Text(str(n)))
            style = colour_style(colors.get(a) or actor_color(a), console)
            matrix.add_row(Text(f"{i + 1} {visible(a)}", style=style), *cells)
        parts.append(matrix)
    return Group(*parts)
