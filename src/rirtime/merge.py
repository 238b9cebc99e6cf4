"""Several timelines read as one chronology: their merge, and what clashes between them.

Pure: models in, a model (or clashes) out; reading, checking and caching each file is the
workspace's job. An actor or a source defined in two files is one when every field the spec
names is the same (its places never count); defined otherwise, or an event or a period id in
two files, is a clash, found at the later place and naming the first. The merge keeps the
first definition of each id and every event, each file's after the previous file's, so that
ordering by placement (`query.sort_key`) breaks ties by file order, then by order in the file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from rirtime import spec
from rirtime.errors import Loc
from rirtime.model import Actor, Event, Source, Timeline, plain

__all__ = ["Clash", "TextOf", "clashes", "differences", "merge"]

# Where the clash is (the later place), what to say, and where the id was met first.
Clash = tuple[Loc, str, Loc]
# A source's `text` file as its file's folder resolves it: (the path read, what it is: equal
# for one content), or None when it names none. The caller reads it; the merge only compares.
TextOf = Callable[[Source], tuple[str, str] | None]


def differences(entry: spec.Entry, first: Actor | Source, other: Actor | Source) -> list[str]:
    """The names of the fields in which two definitions of one id differ, in the spec's order
    (values compared as written: a date by its notation, a list item by item)."""
    return [
        f.name
        for f in entry.fields
        if plain(f, getattr(first, f.name)) != plain(f, getattr(other, f.name))
    ]


def _defined(
    kind: str,
    entry: spec.Entry,
    registries: Iterable[Mapping[str, Actor | Source]],
    text_of: TextOf | None = None,
) -> Iterator[Clash]:
    """Each id of a registry (actors, sources) defined otherwise than in an earlier file."""
    seen: dict[str, Actor | Source] = {}
    for registry in registries:
        for key, item in registry.items():
            first = seen.setdefault(key, item)
            if first is item:
                continue
            differ = differences(entry, first, item)
            if differ:
                verb = "differs" if len(differ) == 1 else "differ"
                yield (
                    item.places.entry,
                    f"{kind} {key!r} is defined differently in {first.places.entry} "
                    f"({', '.join(differ)} {verb}): define it once, or the same in each file",
                    first.places.entry,
                )
            elif text_of is not None and isinstance(item, Source) and isinstance(first, Source):
                yield from _other_text(key, first, item, text_of)


def _other_text(key: str, first: Source, item: Source, text_of: TextOf) -> Iterator[Clash]:
    """A clash when one `text: src.txt`, written alike, is two texts: a relative path is read
    from each file's own folder, and the merge keeps one of them for both files' quotes."""
    mine, theirs = text_of(item), text_of(first)
    if mine is None or theirs is None or mine[1] == theirs[1]:
        return
    yield (
        item.places.entry,
        f"source {key!r} is defined differently in {first.places.entry} (text differs: "
        f"{item.text!r} is {theirs[0]!r} there and {mine[0]!r} here): define it once, or give "
        "each its own id",
        first.places.entry,
    )


def _ids(kind: str, groups: Iterable[Iterable[tuple[str, Loc]]]) -> Iterator[Clash]:
    """Each id (of an event, a period) that an earlier file has already: ids name one entry of
    the whole chronology. Repeats within one file are the `duplicate-id` check's."""
    seen: dict[str, Loc] = {}
    for group in groups:
        mine: dict[str, Loc] = {}
        for key, loc in group:
            if not key:
                continue
            first = seen.get(key)
            if first is not None:
                yield loc, f"{kind} id {key!r} is in {first} too: give one of them another", first
            else:
                mine.setdefault(key, loc)
        seen.update(mine)


def clashes(parts: Sequence[Timeline], text_of: TextOf | None = None) -> Iterator[Clash]:
    """What keeps the files from being one chronology, each at the later of its two places;
    with `text_of`, a source written alike whose `text` is not the same file's content too."""
    if len(parts) < 2:  # noqa: PLR2004 - one file clashes with nothing
        return
    yield from _defined("actor", spec.ACTOR, (t.actors for t in parts))
    yield from _defined("source", spec.SOURCE, (t.sources for t in parts), text_of)
    yield from _ids("event", (((e.id, e.places.entry) for e in t.events) for t in parts))
    yield from _ids("period", (((p.id, p.places.entry) for p in t.periods) for t in parts))


def _first_of_each(registries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for registry in registries:
        for key, item in registry.items():
            out.setdefault(key, item)
    return out


def _events(parts: Sequence[Timeline]) -> tuple[Event, ...]:
    """Every event, the files one after another, each renumbered past the previous file's so
    that the index (the last tie-breaker of the order) puts file order before file position."""
    out: list[Event] = []
    offset = 0
    for t in parts:
        if offset:
            out += [dataclasses.replace(e, index=offset + e.index) for e in t.events]
        else:
            out += t.events
        offset += t.events[-1].index + 1 if t.events else 0
    return tuple(out)


def merge(parts: Sequence[Timeline]) -> Timeline:
    """One timeline of `parts` (at least one): the first file's path, title and description,
    the first definition of each actor and source, every event and period."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    return Timeline(
        path=first.path,
        title=first.title,
        description=first.description,
        sources=_first_of_each(t.sources for t in parts),
        actors=_first_of_each(t.actors for t in parts),
        events=_events(parts),
        periods=tuple(p for t in parts for p in t.periods),
    )
