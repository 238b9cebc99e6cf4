"""The use case every reading command shares: a path (or stdin) -> a checked chronology.

bytes (files) -> cached, or loaded (load) and checked (validate) -> `Checked`. This is the only
user of the cache, so the validator stays pure (model in, diagnostics out) and the model knows
nothing of how it is stored or exported.

Several files are one chronology (`open_all`): each is read and checked on its own, through
the cache as one file is, by the checks whose findings depend on it alone (`per_file`); their
timelines are merged (merge.py), and the other checks, whose names may be defined in another
file, run once on the merge.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import NamedTuple

from rirtime import cache
from rirtime.errors import Diagnostic, InvalidTimeline, Severity, UsageError
from rirtime.files import STDIN, decode, read_input
from rirtime.model import Event, Source, Timeline
from rirtime.texts import SourceText, SourceTexts

__all__ = [
    "Checked",
    "Valid",
    "cache_wanted",
    "check_bytes",
    "open_all",
    "open_checked",
    "open_valid",
]


class Checked(NamedTuple):
    """A file read and checked: its timeline (None when it could not be read as one), every
    diagnostic in file order, and the text they point into (None when it is not needed)."""

    path: str  # the name the user gave, as messages show it
    text: str | None
    timeline: Timeline | None
    diagnostics: list[Diagnostic]
    # Each event's JSON line, by event index, when the cache had them ready (jsonl writes them).
    json_lines: Sequence[str] | None = None
    # The files, each as read and checked on its own, when several were read as one (`path`
    # then names them all, and `timeline` is their merge); () for one file.
    parts: tuple[Checked, ...] = ()

    def texts(self) -> dict[str, str | None]:
        """The text of each file read, by its name (what a diagnostic's place names)."""
        return {p.path: p.text for p in self.parts} or {self.path: self.text}

    def only(self, select: Collection[str]) -> Checked:
        """The same, with only the diagnostics of the named checks, and of reading the file
        (those always count: a file that cannot be read is not checked at all)."""
        from rirtime.checks import BY_NAME, known_checks

        if not select:
            raise UsageError("--select names no check: give one (rirtime check --list-checks)")
        known_checks(select)
        kept = [d for d in self.diagnostics if d.code not in BY_NAME or d.code in select]
        return Checked(self.path, self.text, self.timeline, kept, self.json_lines, self.parts)

    def failed(self, *, strict: bool = False) -> bool:
        """Whether the file does not pass `check` (with `strict`, warnings fail it too)."""
        return self.timeline is None or any(
            strict or d.severity is Severity.ERROR for d in self.diagnostics
        )


class Valid(NamedTuple):
    """A file that passed `check`: its timeline, its warnings, and the JSON lines as in Checked."""

    path: str
    timeline: Timeline
    diagnostics: list[Diagnostic]
    json_lines: Sequence[str] | None = None


def cache_wanted(*, no_cache: bool = False) -> bool:
    """Whether to use the cache: not with --no-cache, nor with RIRTIME_NO_CACHE set (not 0)."""
    return cache.enabled(no_cache=no_cache)


def check_bytes(data: bytes, name: str, texts: SourceTexts | None = None) -> Checked:
    """Load a timeline's bytes and find every problem in them, in file order; the sources'
    text files are read through `texts` (else from the folder of `name`)."""
    # Imported here: a file answered from the cache needs neither YAML nor the checks.
    from rirtime.checks import validate
    from rirtime.load import load_text

    loaded = load_text(data, name)
    diags = list(loaded.diagnostics)
    if loaded.timeline is not None:
        diags += validate(loaded.timeline, texts=texts or SourceTexts.beside(name))
        if loaded.diagnostics:  # else they are validate's, already in file order
            diags.sort(key=lambda d: (d.loc.line, d.loc.column))
    return Checked(loaded.path, loaded.text, loaded.timeline, diags)


def open_checked(path: str, *, use_cache: bool = False, lines: bool = False) -> Checked:
    """Read the file at `path` (`-` for stdin) and check it; with `use_cache`, an unchanged
    file is answered from the cache (see cache.py), when its sources' text files are unchanged
    too (their findings depend on them)."""
    return _open(path, use_cache=use_cache, lines=lines).checked


class _Opened(NamedTuple):
    """A file read and checked, the sources' texts as its checks read them (the merge's
    checks read them again, each file once), and whether the cache answered."""

    checked: Checked
    texts: SourceTexts
    cached: bool = False


def _open(path: str, *, use_cache: bool, lines: bool = False) -> _Opened:
    """open_checked, with what a merge needs besides."""
    name, data = read_input(path)
    real = os.path.realpath(path) if path != STDIN else None
    texts = SourceTexts.beside(name)
    if use_cache and real is not None:
        afresh = _afresh(real, data, name, texts)
        hit = cache.lookup(real, data, name, remake=_json_lines, fallback=afresh)
        if hit is not None and hit.depends == texts.identities(hit.timeline):
            text = decode(data, name) if hit.diagnostics else None
            found = Checked(name, text, hit.timeline, hit.diagnostics, hit.json_lines)
            return _Opened(found, texts, cached=True)
    checked = check_bytes(data, name, texts)
    if checked.timeline is not None and use_cache and real is not None:
        _store(real, data, checked, texts, lines=lines)
    return _Opened(checked, texts)


def _store(
    real: str, data: bytes, checked: Checked, texts: SourceTexts, *, lines: bool = False
) -> None:
    """Remember a file read and checked, with its events' JSON lines when `lines` (a view's
    first read: `check` does not need them, and they were a fifth of its time; the first
    cached jsonl makes and stores them then, cache._LinesWhenRead)."""
    timeline = checked.timeline
    assert timeline is not None
    if len(checked.diagnostics) > _WORTH_STORING * _entries(timeline) + 1000:
        return
    made = None
    # A file with errors is never shown (open_valid refuses it), so its lines would be made for
    # nothing (0.11 s of H4's 7,000 events); read with files that make it whole, jsonl makes
    # them from the events.
    if lines and not checked.failed() and all(e.date is not None for e in timeline.events):
        made = map(_json_line(), timeline.events)
    depends = texts.identities(timeline)
    cache.store(real, data, timeline, checked.diagnostics, made, depends=depends)


# A check whose findings far outnumber the file's entries is not stored: reading back 100,000
# diagnostics of one line cost what finding them again did (0.8 s against 0.9 s), and writing
# them a third of the first check (benchmarks/RESULTS.md, H5).
_WORTH_STORING = 10


def _entries(timeline: Timeline) -> int:
    t = timeline
    return len(t.events) + len(t.actors) + len(t.sources) + len(t.periods)


def _afresh(real: str, data: bytes, name: str, texts: SourceTexts) -> Callable[[], Sequence[Event]]:
    """What stands in for a cached file's events if one of them is found bad as it is read
    (cache.StoredEvents): the same bytes read and checked afresh, and stored anew. They passed
    `check` when they were stored; if they do not now, that is said, as for any invalid file."""

    def events() -> Sequence[Event]:
        checked = check_bytes(data, name, texts)
        if checked.timeline is None or checked.failed():
            raise InvalidTimeline(name, checked.diagnostics, checked.text)
        _store(real, data, checked, texts, lines=True)
        return checked.timeline.events

    return events


def _json_lines(events: Sequence[Event]) -> list[str]:
    """Each event's JSON line, as `--format jsonl` writes it (stored in the cache beside it)."""
    return list(map(_json_line(), events))


def _json_line() -> Callable[[Event], str]:
    from rirtime.formats.tabular import json_line

    return json_line


def open_valid(path: str | Sequence[str], *, use_cache: bool = False) -> Valid:
    """The file at `path` (or the files at `path`, as one) when it passes `check`, else
    InvalidTimeline carrying every diagnostic."""
    paths = [path] if isinstance(path, str) else path
    checked = open_all(paths, use_cache=use_cache, lines=True)
    if checked.timeline is None or checked.failed():
        raise InvalidTimeline(
            checked.path, checked.diagnostics, checked.text, texts=checked.texts()
        )
    return Valid(checked.path, checked.timeline, checked.diagnostics, checked.json_lines)


# -- several files as one ------------------------------------------------------------------------


class _TextsByFile(SourceTexts):
    """The sources' texts of several files: each source's beside the file that defines it."""

    __slots__ = ("_by_file",)

    def __init__(self, by_file: Mapping[str, SourceTexts]) -> None:
        super().__init__(".")
        self._by_file = by_file

    def of(self, source: Source) -> SourceText | None:
        own = self._by_file.get(source.places.entry.path)
        return own.of(source) if own is not None else super().of(source)


def _identity(path: str) -> object:
    """What one file is, however it is named: its device and inode (a hard link has no other
    path in common with it), else (not there: reading it says so) its resolved path."""
    if path == STDIN:
        return path
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return os.path.realpath(path)
    return (st.st_dev, st.st_ino)


def _distinct(paths: Sequence[str]) -> None:
    """UsageError when two of `paths` name one file (or standard input twice): each file is
    read once, and one file twice would clash with itself on every id."""
    seen: dict[object, str] = {}
    for path in paths:
        if not path:
            raise UsageError("--file is empty: give a path, or '-' for standard input")
        key = _identity(path)
        if key in seen:
            what = "standard input" if path == STDIN else "the same file"
            raise UsageError(
                f"{seen[key]!r} and {path!r} are {what}: give each file once"
                if seen[key] != path
                else f"{path!r} is given twice: give each file once"
            )
        seen[key] = path


def open_all(paths: Sequence[str], *, use_cache: bool = False, lines: bool = False) -> Checked:
    """The files at `paths` read and checked as one chronology (one path: `open_checked`)."""
    if len(paths) == 1:
        return open_checked(paths[0], use_cache=use_cache, lines=lines)
    if not paths:
        raise UsageError("no timeline file given")
    _distinct(paths)
    opened = [_open(p, use_cache=use_cache, lines=lines) for p in paths]
    merged = _merged(opened)
    if merged is None:  # a cached file's places are too few for what the merge's checks found:
        # those files afresh (only those: standard input, never cached, cannot be read again)
        opened = [
            _open(p, use_cache=False) if o.cached else o for p, o in zip(paths, opened, strict=True)
        ]
        merged = _merged(opened, fresh=True)
    assert merged is not None
    return merged


def _merged(opened: list[_Opened], *, fresh: bool = False) -> Checked | None:
    """The files as one: each file's own diagnostics, then what the merge's checks find; None
    when those need places a cached file does not know (unless every file was read `fresh`)."""
    from rirtime.checks import BY_NAME, validate
    from rirtime.merge import merge

    parts = [o.checked for o in opened]
    # A file's own findings: of reading it, and of the checks that need only it.
    own = [
        d for p in parts for d in p.diagnostics if d.code not in BY_NAME or BY_NAME[d.code].per_file
    ]
    label = ", ".join(p.path for p in parts)
    timelines = tuple(p.timeline for p in parts if p.timeline is not None)
    if len(timelines) < len(parts):  # a file that is no timeline: nothing to merge it with
        return Checked(label, None, None, _in_order(own, parts), parts=tuple(parts))
    timeline = merge(timelines)
    texts = _TextsByFile({o.checked.path: o.texts for o in opened})
    try:
        found = validate(timeline, texts=texts, parts=timelines)
    except LookupError:  # Places.at of an entry from the cache
        if fresh or not any(o.cached for o in opened):
            raise
        return None
    if found:  # to show the lines they point into
        parts = [_with_text(p) for p in parts]
    lines = None
    if all(p.json_lines is not None for p in parts):
        lines = [line for p in parts for line in p.json_lines or ()]
    diagnostics = _in_order(own + found, parts)
    return Checked(label, None, timeline, diagnostics, lines, tuple(parts))


def _with_text(part: Checked) -> Checked:
    """The part with its text (the cache answers a clean file without it)."""
    if part.text is not None:  # read afresh (standard input always is)
        return part
    name, data = read_input(part.path)
    return Checked(name, decode(data, name), part.timeline, part.diagnostics, part.json_lines)


def _in_order(diagnostics: list[Diagnostic], parts: Sequence[Checked]) -> list[Diagnostic]:
    """File by file in the order given, each in file order (of one place: as found)."""
    rank = {p.path: n for n, p in enumerate(parts)}
    return sorted(diagnostics, key=lambda d: (rank.get(d.loc.path, 0), d.loc.line, d.loc.column))
