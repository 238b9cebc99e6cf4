"""The named checks of a loaded timeline, and `validate`, which runs them; never prints.

Each check is one function over a shared `Context` (the timeline, its actor graph, its folded
actor names, built once), yielding `(loc, message)` findings. The registry below gives it a
name, which is also the code of every diagnostic it reports (`[undefined-actor]`), so the name a
message ends with is the name that selects its check; a family, which is the module it lives in;
a one-line doc; and the severity of what it reports.

To add a check: write `def my_check(ctx: Context) -> Iterator[Finding]` in the module of its
family, and add one `Check(...)` line to CHECKS. A new family is a new module beside the others.
Keep each function small and linear in the entries and items it reads; use `ctx.graph` for
anything about `part_of` and `rirtime.names.did_you_mean` for suggestions.

CHECKS is in a fixed order, which is also the order of diagnostics that fall on the same line
and column (`validate` sorts by place, stably): an id's problem before its uses, an item's
reference before its repetition.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from rirtime.checks import events, evidence, files, form, order, references, registry, usage
from rirtime.checks.context import Context, Finding
from rirtime.errors import Diagnostic, Severity, UsageError
from rirtime.model import Timeline
from rirtime.names import did_you_mean
from rirtime.texts import SourceTexts

__all__ = ["BY_NAME", "CHECKS", "Check", "Context", "Finding", "known_checks", "validate"]

_E, _W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Check:
    """One named check: what it finds, how bad that is, and the function that finds it."""

    name: str  # also the code of its diagnostics
    family: str  # the module of rirtime.checks it lives in
    severity: Severity
    doc: str
    find: Callable[[Context], Iterable[Finding]]
    # Whether its findings in a file depend on that file alone (its form, its own order, its
    # own texts): with several files it then runs on each, and the others on their merge,
    # where a name in one file may be defined in another.
    per_file: bool = False

    def run(self, ctx: Context) -> Iterator[Diagnostic]:
        severity, name = self.severity, self.name  # looked up once, not for each of 100,000
        for found in self.find(ctx):
            yield Diagnostic(found[0], severity, name, found[1], found[2:])


CHECKS: tuple[Check, ...] = (
    Check(
        "id",
        "form",
        _E,
        "actor, source, event and period ids are lowercase kebab-case",
        form.ids,
        per_file=True,
    ),
    Check(
        "empty",
        "form",
        _E,
        "names, citations and titles (of events and periods) are not blank",
        form.empty_texts,
        per_file=True,
    ),
    Check(
        "multiline",
        "form",
        _E,
        "names, citations and titles are one line",
        form.multiline_texts,
        per_file=True,
    ),
    Check(
        "ambiguous-alias",
        "registry",
        _E,
        "no id or alias names two actors (ignoring case)",
        registry.ambiguous_aliases,
    ),
    Check(
        "undefined-actor",
        "references",
        _E,
        "every part_of and event actor is an actor",
        references.undefined_actors,
    ),
    Check("part-of-cycle", "registry", _E, "no part_of chain goes round", registry.part_of_cycles),
    Check(
        "undefined-source",
        "references",
        _E,
        "every source an event or a period cites is a source",
        references.undefined_sources,
    ),
    Check(
        "duplicate-id",
        "events",
        _E,
        "no two events share an id, nor two periods",
        events.duplicate_ids,
        per_file=True,
    ),
    Check("tag", "form", _E, "tags are lowercase kebab-case", form.tags, per_file=True),
    Check(
        "repeated",
        "events",
        _W,
        "no actor, tag, source or person is listed twice in one event, nor a source in one period",
        events.repeated_items,
        per_file=True,
    ),
    Check(
        "no-source",
        "events",
        _W,
        "every event and period cites a source",
        events.no_source,
        per_file=True,
    ),
    Check(
        "order",
        "order",
        _W,
        "dated events come in chronological order",
        order.chronological_order,
        per_file=True,
    ),
    Check(
        "unreadable-text",
        "evidence",
        _W,
        "every source's text is a readable UTF-8 file (regular, within the size limit)",
        evidence.unreadable_texts,
        per_file=True,
    ),
    Check(
        "early-source",
        "evidence",
        _W,
        "no event cites a source published before the event's earliest possible day",
        evidence.early_sources,
    ),
    Check(
        "day-from-source",
        "evidence",
        _W,
        "an event dated to the day a cited source appeared names that day in its note",
        evidence.source_days,
    ),
    Check(
        "quote-not-found",
        "evidence",
        _W,
        "an event's quote is in the text of a source it cites, when one has a text",
        evidence.unfound_quotes,
    ),
    Check(
        "unused-actor",
        "usage",
        _W,
        "every actor is named by an event, or is part_of one that is",
        usage.unused_actors,
    ),
    Check(
        "unused-source",
        "usage",
        _W,
        "every source is cited (by an event or a period)",
        usage.unused_sources,
    ),
    Check(
        "merge-clash",
        "files",
        _E,
        "files read together define each actor and source the same, and share no event or "
        "period id",
        files.clashes,
    ),
)

BY_NAME: Mapping[str, Check] = {check.name: check for check in CHECKS}


def known_checks(select: Collection[str]) -> None:
    """Raise UsageError when a name in `select` names no check (with the closest, and all)."""
    if isinstance(select, str):  # a str is a Collection[str] too, of one-letter names
        raise TypeError(f"select takes check names, as in {{{select!r}}}, not one string")
    for name in select:
        if name not in BY_NAME:
            known = ", ".join(BY_NAME)
            hint = did_you_mean(name, BY_NAME)
            raise UsageError(f"unknown check {name!r}{hint}; checks: {known}")


def validate(
    timeline: Timeline,
    select: Collection[str] | None = None,
    *,
    texts: SourceTexts | None = None,
    parts: tuple[Timeline, ...] = (),
) -> list[Diagnostic]:
    """Every problem the checks (all, or those named in `select`) find, in file order.

    The sources' text files are read through `texts` (else from the timeline's folder). An
    unknown name in `select` is a UsageError naming the known ones. With `parts`, `timeline`
    is their merge (several files read as one), and only the checks that are not `per_file`
    run: each part has been checked by those on its own.
    """
    if select is not None:
        known_checks(select)
    ctx = Context.of(timeline, texts, parts)
    wanted = [c for c in CHECKS if (select is None or c.name in select)]
    if parts:
        wanted = [c for c in wanted if not c.per_file]
    out = [d for c in wanted for d in c.run(ctx)]
    out.sort(key=lambda d: (d.loc.line, d.loc.column))
    return out
