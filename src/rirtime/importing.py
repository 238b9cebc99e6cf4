"""The use case of `import`: a file in another format -> the text of a timeline that passes
`rirtime check`, and what could not be carried over.

read (files.read_input, bounded) -> the format's reader (formats/*_in.py: a Draft) ->
placeholders for what events name and the input does not define -> YAML (formats/build.py) ->
checked as `check` would (workspace.check_bytes) and read back, every event compared with what
was read: a timeline that would fail, or read back otherwise, is an error and nothing is
written.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rirtime import dates, spec
from rirtime.errors import Diagnostic, RirtimeError, Severity
from rirtime.files import read_input
from rirtime.formats import Format
from rirtime.formats.build import Draft, Note, Record, Written, placeholders, to_yaml
from rirtime.model import Event, Period, plain
from rirtime.workspace import check_bytes

__all__ = ["Imported", "import_file"]


@dataclass(frozen=True, slots=True)
class Imported:
    """A timeline made from another format: its text, what was not carried over, and counts."""

    text: str
    notes: list[Note]
    events: int
    warnings: int  # what `rirtime check` would warn of in it
    periods: int = 0


def _same(value: Any) -> Any:
    """A value as compared after reading back: nothing is None, a list a list."""
    if value in (None, "", [], ()):
        return None
    if isinstance(value, list | tuple):
        return [_same(v) if isinstance(v, dict) else v for v in value]
    if isinstance(value, dict):
        return {k: _same(v) for k, v in value.items()}
    return value


def _differs(entry: spec.Entry, item: Event | Period, record: Record) -> str | None:
    """The first field of the loaded event (or period) that is not what the reader gave."""
    for f in entry.fields:
        got = _same(plain(f, getattr(item, f.name)))
        wanted = record.get(f.name)
        if f.type.is_nested and wanted:
            entry = spec.NESTED[f.type]
            wanted = [{g.name: item.get(g.name) for g in entry.fields} for item in wanted]
        if got != _same(wanted):
            return f.name
    return None


_SAID = 5  # problems a refusal names; the rest are counted


def _refusal(name: str, written: Written, errors: list[Diagnostic]) -> RirtimeError:
    """What `check` finds in the YAML, said of the input's entries it came from."""
    lines = [line for line, _ in written.starts]
    said = []
    for d in errors[:_SAID]:
        at = bisect.bisect_right(lines, d.loc.line) - 1
        label = written.starts[at][1] if at >= 0 else "the top level"
        where = label if label.startswith(name) else f"{name}: {label}"
        said.append(f"{where}: {d.message}")
    more = f" (and {len(errors) - _SAID} more)" if len(errors) > _SAID else ""
    return RirtimeError(f"{'; '.join(said)}{more}; nothing was written")


def _read_back(
    entry: spec.Entry,
    items: Sequence[Event | Period],
    records: list[Record],
    places: list[str],
) -> None:
    """An error at the first entry that does not read back as the reader gave it."""
    for item, record, where in zip(items, records, places, strict=True):
        differs = _differs(entry, item, record)
        if differs is not None:
            raise RirtimeError(
                f"{where}: {differs} would not read back as it was read; nothing was written"
            )


def _checked(name: str, draft: Draft, written: Written, target: str) -> int:
    """The number of warnings `check` gives the text; an error if it would not pass, or if an
    event or a period would not read back as it was read."""
    checked = check_bytes(written.text.encode("utf-8"), target)
    errors = [d for d in checked.diagnostics if d.severity is Severity.ERROR]
    if checked.timeline is None or errors:
        raise _refusal(name, written, errors)
    t = checked.timeline
    _read_back(spec.EVENT, t.events, draft.events, draft.places)
    _read_back(spec.PERIOD, t.periods, draft.periods, draft.period_places)
    return len(checked.diagnostics)


def _in_order(draft: Draft) -> None:
    """A TimelineJS sheet's or JSON's events in chronological order, as `check` wants them
    (TimelineJS sorts slides itself, so a sheet is often kept newest first, or as typed); events
    of the same date keep the input's order. rirtime's own exports keep the order they give (a
    round trip gives the file back), and a date that does not read leaves it: `check` says where."""
    if draft.ordered:
        return
    try:
        keys = [dates.parse(str(e.get("date", ""))).sort_key() for e in draft.events]
    except dates.DateError:
        return
    order = sorted(range(len(draft.events)), key=keys.__getitem__)
    draft.events[:] = [draft.events[i] for i in order]
    draft.places[:] = [draft.places[i] for i in order]


def import_file(fmt: Format, path: str, target: str | None) -> Imported:
    """The file at `path` (`-` for stdin) in `fmt` as a timeline's text, checked as if it
    were at `target` (the file it will be written to; None for stdout)."""
    name, data = read_input(path)
    draft: Draft = fmt.reader()(data, name)
    placeholders(draft)
    _in_order(draft)
    written = to_yaml(draft)
    warnings = _checked(name, draft, written, target or "<stdout>")
    return Imported(written.text, draft.notes, len(draft.events), warnings, len(draft.periods))
