"""Tables and charts for the registry commands (actors, tags, sources) and for stats.

Each is made when the console that draws it is known: actor colours are styled for its colour
system (see rirtime.render.styles), and the actors table picks its layout for its width. No
line ends in spaces (rich pads every cell of a table): what a listing prints is also what
people pipe into files and notes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from rirtime.names import plural
from rirtime.present.colors import actor_color
from rirtime.present.safe import visible
from rirtime.render.styles import colour_style
from rirtime.stats import ActorRow, SourceRow, Stats, TagRow

__all__ = ["actors_table", "footer", "sources_table", "stats_view", "tags_table"]

_GAP = 2  # between two columns: rich's padding of one space on each side of a cell
_NAME_LEAST = 16  # a name column narrower than this is the narrow layout's cue
PARTS_NOTE = "events: its own and its parts', as --actor counts them"
_TO = " \u2192 "  # first -> last, under a name in the narrow layout


def _plain(text: str | None) -> Text:
    return Text(" ".join(visible(text or "").split()))


def _firsts_lasts(rows: Sequence[ActorRow | TagRow]) -> tuple[list[str], list[str]]:
    """Each row's first and last as people read them: where the earliest known event starts and
    where the latest ends ("c. Sep 2015", not the whole "c. Sep 2015 - ?"), never split."""
    firsts = [r.first.display_first() if r.first else "" for r in rows]
    lasts = [r.last.display_last() if r.last else "" for r in rows]
    return firsts, lasts


def _first_to_last(first: str, last: str) -> str:
    return f"{first}{_TO}{last}" if first or last else ""


def footer(shown: int, total: int, noun: str) -> Text:
    """ "37 actors", or "10 of 37 actors" when --limit cut the list short."""
    said = plural(total, noun)
    return Text(said if shown == total else f"{shown} of {said}", style="dim")


def _trimmed(line: list[Segment]) -> Iterator[Segment]:
    """A rendered line without the spaces that end it."""
    while line and not line[-1].control and not line[-1].text.rstrip():
        line = line[:-1]
    if line and not line[-1].control:
        last = line[-1]
        line = [*line[:-1], Segment(last.text.rstrip(), last.style)]
    yield from line


class _View:
    """A renderable made for the console and width that draw it, its lines trimmed."""

    def __init__(self, make: Callable[[Console, int], RenderableType]) -> None:
        self._make = make

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        made = self._make(console, options.max_width)
        for line in console.render_lines(made, options, pad=False):
            yield from _trimmed(line)
            yield Segment.line()


def _actor_id(actor_id: str, colors: dict[str, str], console: Console) -> Text:
    colour = colors.get(actor_id) or actor_color(actor_id)
    return Text(visible(actor_id), style=colour_style(colour, console))


# -- actors --------------------------------------------------------------------------------------


def actors_table(
    rows: list[ActorRow], colors: dict[str, str], total: int | None = None
) -> RenderableType:
    """The actors with their counts and dates; `total` is how many there were before --limit."""
    listed = len(rows) if total is None else total
    return _View(lambda console, width: _actors_table(rows, colors, listed, console, width))


def _widest(header: str, values: Iterable[str]) -> int:
    return max([cell_len(header), *(cell_len(v) for v in values)])


def _actor_layout(rows: list[ActorRow], width: int) -> tuple[list[str], str]:
    """The columns of the actors table that have something in them, and the layout that fits:
    "wide" (the dates in columns of their own beside a name of readable width), "narrow" (the
    dates under each name), or "list" (each actor a line and its facts under it)."""
    columns = {
        "id": [visible(r.id) for r in rows],
        "kind": [r.kind for r in rows],
        "part of": [visible(r.part_of or "") for r in rows],
        "events": [str(r.events) for r in rows],
    }
    shown = [name for name, values in columns.items() if any(values)]
    need = sum(_widest(name, columns[name]) for name in shown) + _GAP * len(shown)
    need += min(_widest("name", (_plain(r.name).plain for r in rows)), _NAME_LEAST)
    if need > width:
        return shown, "list"
    firsts, lasts = _firsts_lasts(rows)
    if not any(firsts) and not any(lasts):
        return shown, "wide"
    if need + _widest("first", firsts) + _widest("last", lasts) + 2 * _GAP <= width:
        return shown, "wide"
    # Under each name, "first -> last" on one line: the name column must hold the longest.
    spread = max(cell_len(_first_to_last(a, b)) for a, b in zip(firsts, lasts, strict=True))
    least = min(_widest("name", (_plain(r.name).plain for r in rows)), _NAME_LEAST)
    return shown, "narrow" if need - least + spread <= width else "list"


def _actors_table(
    rows: list[ActorRow], colors: dict[str, str], total: int, console: Console, width: int
) -> Group:
    """Empty columns left out; the dates in columns of their own when they fit beside a name of
    readable width, else under each name, and on a console too narrow for a table, a list: no
    name is cut to a few letters to make room."""
    shown, layout = _actor_layout(rows, width)
    end = [Text(), footer(len(rows), total, "actor"), Text(PARTS_NOTE, style="dim")]
    if layout == "list":
        return Group(*_actors_list(rows, colors, console, width), *end)
    firsts, lasts = _firsts_lasts(rows)
    wide = layout == "wide" and (any(firsts) or any(lasts))
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    if layout == "wide":
        table.add_column("name")
    else:
        spread = max(cell_len(_first_to_last(a, b)) for a, b in zip(firsts, lasts, strict=True))
        table.add_column(f"name, first{_TO}last", min_width=spread)
    for header in shown[1:]:
        justify = "right" if header == "events" else "left"
        table.add_column(header, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    if wide:
        table.add_column("first", no_wrap=True)
        table.add_column("last", no_wrap=True)
    for r, first, last in zip(rows, firsts, lasts, strict=True):
        named = _plain(r.name)
        if layout == "narrow" and (first or last):
            named.append(f"\n{_first_to_last(first, last)}", style="dim")
        cells: dict[str, str | Text] = {
            "kind": r.kind,
            "part of": _plain(r.part_of),
            "events": str(r.events),
            "first": first,
            "last": last,
        }
        more = shown[1:] + (["first", "last"] if wide else [])
        table.add_row(_actor_id(r.id, colors, console), named, *(cells[c] for c in more))
    return Group(table, *end)


def _hanging(text: Text, width: int, console: Console, indent: int = 2) -> Iterator[Text]:
    """`text` wrapped by words: the first line as wide as `width`, the others indented."""
    lines = text.wrap(console, max(1, width))
    first = lines[0] if lines else Text()
    rest = text[len(first.plain) :]
    first.rstrip()
    yield first
    if rest.plain.strip():
        for line in rest.wrap(console, max(1, width - indent)):
            line.rstrip()
            yield Text(" " * indent).append_text(line)


def _actors_list(
    rows: list[ActorRow], colors: dict[str, str], console: Console, width: int
) -> Iterator[Text]:
    """Each actor as its id and name, then under them what the table's other columns say."""
    for r, first, last in zip(rows, *_firsts_lasts(rows), strict=True):
        head = _actor_id(r.id, colors, console).append("  ").append_text(_plain(r.name))
        yield from _hanging(head, width, console)
        facts = [r.kind] if r.kind else []
        facts += [f"part of {visible(r.part_of)}"] if r.part_of else []
        facts.append(plural(r.events, "event"))
        said = "    " + ", ".join(facts)
        dates = _first_to_last(first, last)
        if dates and cell_len(said) + 2 + cell_len(dates) <= width:
            said, dates = f"{said}, {dates}", ""
        yield from _hanging(Text(said, style="dim"), width, console, 6)
        if dates:  # on a line of its own rather than broken across two
            yield from _hanging(Text(f"    {dates}", style="dim"), width, console, 6)


# -- tags, sources -------------------------------------------------------------------------------


def tags_table(rows: list[TagRow], total: int | None = None) -> RenderableType:
    """The tags with their counts and dates; `total` is how many there were before --limit."""
    listed = len(rows) if total is None else total
    return _View(lambda console, width: _tags_table(rows, listed, console, width))


def _tags_table(rows: list[TagRow], total: int, console: Console, width: int) -> Group:
    """A table, or on a console too narrow for one, each tag a line and its dates under it."""
    firsts, lasts = _firsts_lasts(rows)
    need = _widest("tag", (visible(r.tag) for r in rows)) + _widest("events", ["0"]) + 2 * _GAP
    if need + _widest("first", firsts) + _GAP + _widest("last", lasts) > width:
        listed: list[Text] = []
        for r, first, last in zip(rows, firsts, lasts, strict=True):
            listed += _hanging(
                _plain(r.tag).append(f"  {plural(r.events, 'event')}"), width, console
            )
            listed += _hanging(
                Text(f"  {_first_to_last(first, last)}", style="dim"), width, console, 4
            )
        return Group(*listed, Text(), footer(len(rows), total, "tag"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("tag", no_wrap=True)
    table.add_column("events", justify="right", no_wrap=True)
    table.add_column("first", no_wrap=True)
    table.add_column("last", no_wrap=True)
    for r, first, last in zip(rows, firsts, lasts, strict=True):
        table.add_row(_plain(r.tag), str(r.events), first, last)
    return Group(table, Text(), footer(len(rows), total, "tag"))


def sources_table(rows: list[SourceRow], total: int | None = None) -> RenderableType:
    """The sources with the number of events citing each; `total` is how many there were
    before --limit."""
    listed = len(rows) if total is None else total
    return _View(lambda _console, _width: _sources_table(rows, listed))


def _sources_table(rows: list[SourceRow], total: int) -> Group:
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
    said = footer(len(rows), total, "source")
    if unused:
        said.append(f", {unused} unused", style="yellow")
    return Group(table, Text(), said)


# -- stats ---------------------------------------------------------------------------------------


def _bar(n: int, most: int, width: int) -> str:
    if most == 0:
        return ""
    eighths = round(n / most * width * 8)
    full, rest = divmod(eighths, 8)
    return "\u2588" * full + ("" if rest == 0 else chr(0x2590 - rest))


def stats_view(s: Stats, colors: dict[str, str], bar_width: int = 40) -> RenderableType:
    """Events per year as bars, the busiest actors, and who appears with whom; the bars as long
    as the width leaves them (up to `bar_width`), the matrix's actors named in a legend above
    it when their names do not fit beside it."""
    return _View(lambda console, width: _stats_view(s, colors, bar_width, console, width))


def _bars(
    rows: list[tuple[Text, int]], longest: int, width: int, style: Callable[[Text], str | Style]
) -> Table:
    """A label, a count and a bar a row; the bars no longer than the width leaves them."""
    labels = max((t.cell_len for t, _ in rows), default=0)
    counts = max((len(str(n)) for _, n in rows), default=0)
    room = max(1, min(longest, width - labels - counts - 2))
    most = max((n for _, n in rows), default=0)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    for label, n in rows:
        grid.add_row(label, str(n), Text(_bar(n, most, room), style=style(label)))
    return grid


def _matrix(s: Stats, colors: dict[str, str], console: Console, width: int) -> list[Table | Text]:
    """Who appears with whom: a row and a column an actor; when the names beside the rows
    would not leave the matrix room, they are numbers, named in a legend above."""
    labels = [_actor_id(a, colors, console) for a in s.matrix_actors]
    counts = [len(str(n)) for _, _, n in s.pairs] or [1]
    cells = max(*counts, len(str(len(labels)))) + _GAP
    beside = max(t.cell_len for t in labels) + len(str(len(labels))) + 1
    legend = beside + cells * len(labels) > width
    matrix = Table(box=None, pad_edge=False, header_style="bold")
    matrix.add_column("")
    for i, _ in enumerate(s.matrix_actors):
        matrix.add_column(str(i + 1), justify="right")
    for i, a in enumerate(s.matrix_actors):
        row = []
        for j, b in enumerate(s.matrix_actors):
            n = s.shared(a, b) if i != j else 0
            row.append(Text("\u00b7", style="dim") if i == j or n == 0 else Text(str(n)))
        label = Text(str(i + 1), style=labels[i].style)
        matrix.add_row(label if legend else label.append(" ").append_text(labels[i]), *row)
    if not legend:
        return [matrix]
    items = [
        Text(f"{i + 1} ", style=label.style).append_text(label) for i, label in enumerate(labels)
    ]
    return [*_packed(items, width), matrix]


def _packed(items: list[Text], width: int) -> Iterator[Text]:
    """The items on as few lines as fit `width`, two spaces apart, none broken."""
    line = Text()
    for item in items:
        if line.cell_len and line.cell_len + _GAP + item.cell_len > width:
            yield line
            line = Text()
        line.append(" " * _GAP if line.cell_len else "").append_text(item)
    if line.cell_len:
        yield line


def _stats_view(
    s: Stats, colors: dict[str, str], bar_width: int, console: Console, width: int
) -> Group:
    years = [(Text(y, style="cyan", justify="right"), n) for y, n in s.per_year]
    top = [(_actor_id(a, colors, console), n) for a, n in s.actors[: max(len(s.matrix_actors), 10)]]
    parts: list[RenderableType] = [
        Text(f"{s.events} of {s.total} events", style="bold"),
        Text(),
        Text("Events per year", style="bold underline"),
        _bars(years, bar_width, width, lambda _label: "green"),
        Text(),
        Text("Busiest actors (events naming each; its parts not counted)", style="bold underline"),
        _bars(top, 30, width, lambda label: label.style),
    ]
    if len(s.matrix_actors) >= 2:  # noqa: PLR2004 - "who appears with whom" takes two actors
        parts += [Text(), Text("Who appears with whom (shared events)", style="bold underline")]
        parts += _matrix(s, colors, console, width)
    return Group(*parts)
