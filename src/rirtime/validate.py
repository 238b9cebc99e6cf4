"""Model -> every problem it has, as diagnostics; never prints."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rirtime.dates import Span
from rirtime.errors import Diagnostic, Loc, Severity
from rirtime.load import did_you_mean
from rirtime.model import Event, Timeline
from rirtime.spec import ID_PATTERN

__all__ = ["validate"]


def _error(loc: Loc, code: str, message: str) -> Diagnostic:
    return Diagnostic(loc, Severity.ERROR, code, message)


def _warning(loc: Loc, code: str, message: str) -> Diagnostic:
    return Diagnostic(loc, Severity.WARNING, code, message)


def _check_id(value: str, what: str, loc: Loc) -> Iterable[Diagnostic]:
    if value and not ID_PATTERN.fullmatch(value):
        yield _error(
            loc,
            "id",
            f"{what} {value!r} is not lowercase kebab-case (letters a-z, digits, single "
            "hyphens between them, as in 'un-security-council')",
        )


def _check_duplicates(
    items: tuple[str, ...], field: str, what: str, at: Callable[[str, int], Loc]
) -> Iterable[Diagnostic]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item in seen:
            loc = at(field, i)
            yield _warning(loc, "repeated", f"{item!r} is listed twice in {field} of {what}")
        seen.add(item)


def _check_text(value: str, name: str, what: str, loc: Loc) -> Iterable[Diagnostic]:
    if not value.strip():
        yield _error(loc, "empty", f"{name} of {what} is empty")
    elif "\n" in value.strip() or "\r" in value:
        yield _error(loc, "multiline", f"{name} of {what} must be one line")


def validate(timeline: Timeline) -> list[Diagnostic]:
    """Every semantic problem of a loaded timeline: references, ids, order, unused entries."""
    out: list[Diagnostic] = []
    actors, sources = timeline.actors, timeline.sources

    # The registries.
    names: dict[str, str] = {}  # every id and alias, folded, -> the actor it names
    for actor in actors.values():
        where = actor.places
        out += _check_id(actor.id, "actor id", where.entry)
        if actor.name:
            out += _check_text(actor.name, "name", f"actor {actor.id!r}", where.at("name"))
        for i, name in enumerate((actor.id, *actor.aliases)):
            folded = name.casefold()
            other = names.get(folded)
            if other is not None and other != actor.id:
                loc = where.entry if i == 0 else where.at("aliases", i - 1)
                out.append(
                    _error(
                        loc,
                        "ambiguous-alias",
                        f"{name!r} names both actor {other!r} and actor {actor.id!r}",
                    )
                )
            names.setdefault(folded, actor.id)
        if actor.part_of is not None and actor.part_of not in actors:
            out.append(
                _error(
                    where.at("part_of"),
                    "undefined-actor",
                    f"actor {actor.id!r} is part_of {actor.part_of!r}, which is not an actor"
                    + did_you_mean(actor.part_of, actors),
                )
            )
    out += _cycles(timeline)
    for source in sources.values():
        out += _check_id(source.id, "source id", source.places.entry)
        if source.citation:
            out += _check_text(
                source.citation, "citation", f"source {source.id!r}", source.places.at("citation")
            )

    # The events.
    first_line: dict[str, int] = {}
    used_actors: set[str] = set()
    used_sources: set[str] = set()
    previous: tuple[Event, Span] | None = None
    for event in timeline.events:
        at = event.places.at
        what = f"event {event.id!r}" if event.id else f"event {event.index + 1}"
        if event.id:
            out += _check_id(event.id, "event id", at("id"))
            if event.id in first_line:
                out.append(
                    _error(
                        at("id"),
                        "duplicate-id",
                        f"event id {event.id!r} is already used at line {first_line[event.id]}",
                    )
                )
            else:
                first_line[event.id] = at("id").line
        if event.title:
            out += _check_text(event.title, "title", what, at("title"))
        for i, actor_id in enumerate(event.actors):
            used_actors.add(actor_id)
            if actor_id not in actors:
                out.append(
                    _error(
                        at("actors", i),
                        "undefined-actor",
                        f"{actor_id!r} is not an actor" + did_you_mean(actor_id, actors),
                    )
                )
        for i, source_id in enumerate(event.sources):
            used_sources.add(source_id)
            if source_id not in sources:
                out.append(
                    _error(
                        at("sources", i),
                        "undefined-source",
                        f"{source_id!r} is not a source" + did_you_mean(source_id, sources),
                    )
                )
        for i, tag in enumerate(event.tags):
            if not ID_PATTERN.fullmatch(tag):
                out.append(_error(at("tags", i), "tag", f"tag {tag!r} is not lowercase kebab-case"))
        for field in ("actors", "tags", "sources", "people"):
            out += _check_duplicates(getattr(event, field), field, what, at)
        if not event.sources:
            out.append(_warning(event.places.entry, "no-source", f"{what} cites no source"))
        if event.date is not None:
            if previous is not None and event.date.sort_key() < previous[1].sort_key():
                out.append(
                    _warning(
                        at("date"),
                        "order",
                        f"{what} ({event.date.text}) is out of chronological order: it comes "
                        f"after {previous[0].id!r} ({previous[1].text})",
                    )
                )
            previous = (event, event.date)

    # An actor counts as used when an event names it or any actor that is part of it.
    reached: set[str] = set()
    for actor_id in used_actors:
        current: str | None = actor_id
        while current is not None and current in actors and current not in reached:
            reached.add(current)
            current = actors[current].part_of
    for actor in actors.values():
        if actor.id not in reached:
            out.append(
                _warning(actor.places.entry, "unused-actor", f"actor {actor.id!r} is never used")
            )
    for source in sources.values():
        if source.id not in used_sources:
            out.append(
                _warning(
                    source.places.entry, "unused-source", f"source {source.id!r} is never cited"
                )
            )
    out.sort(key=lambda d: (d.loc.line, d.loc.column))
    return out


def _cycles(timeline: Timeline) -> Iterable[Diagnostic]:
    """Each `part_of` cycle once, at its first actor in file order."""
    actors = timeline.actors
    reported: set[str] = set()
    for start in actors.values():
        path: list[str] = []
        current: str | None = start.id
        while current is not None and current in actors and current not in path:
            path.append(current)
            current = actors[current].part_of
        if current is None or current not in path:
            continue
        cycle = path[path.index(current) :]
        if reported.intersection(cycle):
            continue
        reported.update(cycle)
        first = cycle[0]
        chain = " -> ".join([*cycle, first])
        yield _error(
            actors[first].places.at("part_of"),
            "part-of-cycle",
            f"part_of goes round in a circle: {chain}",
        )
