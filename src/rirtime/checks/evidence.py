"""Whether the evidence can bear what an event says: its sources' dates, its day, its quote.

Dates count by their bounds (`dates.Span.earliest`, `.latest`): a qualified date (`2015~`,
`2015?`) by the days it spans, a season by its months, an unknown or open end by nothing.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from datetime import date

from rirtime.checks.context import Context, Finding, label
from rirtime.dates import Precision, Span, parse
from rirtime.model import Event, Source

__all__ = ["early_sources", "source_days", "unfound_quotes", "unreadable_texts"]


def _cited(ctx: Context, event: Event) -> Iterator[tuple[int, Source]]:
    """The sources an event cites that exist, with their position in its `sources`."""
    sources = ctx.timeline.sources
    for i, source_id in enumerate(event.sources):
        source = sources.get(source_id)
        if source is not None:
            yield i, source


def _sources(sources: list[Source]) -> str:
    """How a message names sources: "source 'a'", "sources 'a', 'b'" (each once)."""
    ids = list(dict.fromkeys(s.id for s in sources))
    return ("source " if len(ids) == 1 else "sources ") + ", ".join(map(repr, ids))


# -- a source published before the event -----------------------------------------------------------


def early_sources(ctx: Context) -> Iterator[Finding]:
    # An event whose start is unknown or open has no earliest day: any source may attest it.
    for event in ctx.timeline.events:
        span = event.date
        earliest = span.earliest if span is not None else None
        if span is None or earliest is None:
            continue
        for i, source in _cited(ctx, event):
            published = source.published
            if published is None or published.latest is None or published.latest >= earliest:
                continue
            yield (
                event.places.at("sources", i),
                f"source {source.id!r} was published {published.display()}, before "
                f"{label(event)} ({span.display()}) could have happened: it cannot "
                "attest it",
            )


# -- a day taken from the source -------------------------------------------------------------------


def _one_day(span: Span | None) -> date | None:
    """The day a date names, when it names exactly one (not an interval, known to the day)."""
    if span is None or span.is_interval or span.precision is not Precision.DAY:
        return None
    return span.earliest


_MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)
_SEPTEMBER = 9  # also written "Sept."


def _day_pattern(day: date) -> re.Pattern[str]:
    """The day as a note may write it: 2015-12-05, 5 December 2015, 5 Dec 2015, December 5, 2015,
    Dec. 5th, 2015 (any case, any spacing)."""
    month = _MONTH_NAMES[day.month - 1]
    names = [month, rf"{month[:3]}\.?"] + ([r"sept\.?"] if day.month == _SEPTEMBER else [])
    name = f"(?:{'|'.join(names)})"
    d = f"0?{day.day}(?:st|nd|rd|th)?"
    return re.compile(
        rf"(?<!\d){day.isoformat()}(?!\d)"
        # `\s*(?:,\s*)?`, not `\s*,?\s*`: one way to match a run of spaces, so a note of many
        # spaces is read in linear time (the other way round it backtracks quadratically)
        rf"|(?<!\d){d}\s+(?:of\s+)?{name}\s*(?:,\s*)?{day.year}(?!\d)"
        rf"|\b{name}\s+{d}\s*(?:,\s*)?{day.year}(?!\d)",
        re.IGNORECASE,
    )


# How a note says that the day is the source's, which is what the check is about, not why it holds.
_DATED_BY = re.compile(
    r"\bdated\s+(?:by|from|after|on\s+the\s+basis\s+of)\b|\bdate\s+is\s+(?:that|the\s+one)\s+of\b",
    re.IGNORECASE,
)


def _says_why(note: str | None, day: date) -> bool:
    """Whether the event's note says why the day holds: it names the day itself, and does not
    say the event is dated by a source ("dated by the interview of 5 December 2015")."""
    if note is None or _DATED_BY.search(note):
        return False
    return _day_pattern(day).search(note) is not None


def source_days(ctx: Context) -> Iterator[Finding]:
    for event in ctx.timeline.events:
        span = event.date
        day = _one_day(span)
        if span is None or day is None:
            continue
        same = [s for _, s in _cited(ctx, event) if _one_day(s.published) == day]
        if not same or _says_why(event.note, day):
            continue
        honest = parse(f"/{day}")
        yield (
            event.places.at("date"),
            f"{label(event)} is dated {span.display()}, the day its {_sources(same)} "
            "appeared: a report's day is not the event's; unless the text dates it, write "
            f'date: "{honest.text}" ("{honest.display()}"), or say in the note why the day '
            f"holds (naming it, as {day})",
        )


# -- quotes are verbatim ---------------------------------------------------------------------------


def unreadable_texts(ctx: Context) -> Iterator[Finding]:
    for source in ctx.timeline.sources.values():
        text = ctx.texts.of(source)
        if text is not None and text.problem is not None:
            written = source.text or ""
            where = "" if os.path.isabs(written) else " (a path from the timeline's folder)"
            yield (
                source.places.at("text"),
                f"cannot use the text of source {source.id!r}, {source.text!r}{where}: "
                f"{text.problem}",
            )


# Marks that differ between a copy and a quote without changing the words: quotation marks and
# apostrophes (all one mark), dashes and minus signs (all a hyphen).
_MARKS = str.maketrans(
    dict.fromkeys("'`\u00b4\u2018\u2019\u201a\u201b\u2032\u2035\u201c\u201d\u201e\u201f", '"')
    | dict.fromkeys("\u00ab\u00bb\u2039\u203a\u2033\u2036", '"')
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
)
# A soft hyphen (with a line break after it) and the zero-width characters: never a letter.
_INVISIBLE = re.compile("\u00ad\\s*|[\u200b-\u200d\u2060\ufeff]")
# A word hyphenated at a line break: "co-\noperation" (or a compound that happens to break there).
_BROKEN = re.compile(r"-[ \t]*(?:\r\n|[\n\r\x85\u2028\u2029])\s*")
_SPACE = re.compile(r"\s+")
_DASH = re.compile(r" ?- ?")


def _fold(text: str) -> str:
    """The text as quotes are compared: compatibility forms (ligatures, no-break spaces)
    decomposed, invisible characters dropped, marks made one, case and spacing ignored."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(_MARKS)
    return _DASH.sub("-", _SPACE.sub(" ", text.casefold()))


def _folded_copy(text: str) -> tuple[str, ...]:
    """A source's text folded; twice when it hyphenates at line breaks: joined ("cooperation")
    and with the hyphen kept ("long-term")."""
    marked = unicodedata.normalize("NFKC", text).translate(_MARKS)
    if _BROKEN.search(marked) is None:
        return (_fold(text),)
    return (_fold(_BROKEN.sub("", marked)), _fold(_BROKEN.sub("-", marked)))


# The most characters of text the quote check searches in one run, all quotes together: a few
# seconds of work. A search is linear, but quotes times texts is not; past this, the remaining
# quotes are named as not checked rather than searched for minutes.
SEARCH_BUDGET = 1 << 31


class _Search:
    """Quotes looked for in folded texts: each text folded once, each (quote, text) looked
    for once, and the whole bounded by SEARCH_BUDGET."""

    def __init__(self) -> None:
        self.copies: dict[str, tuple[str, ...]] = {}
        self.found: dict[tuple[str, str], bool] = {}
        self.searched = 0

    def finds(self, quote: str, path: str, content: str) -> bool | None:
        """Whether the folded text at `path` holds the folded quote; None when over budget."""
        key = (quote, path)
        if key not in self.found:
            copies = self.copies.get(path)
            if copies is None:
                copies = self.copies[path] = _folded_copy(content)
            size = sum(len(c) for c in copies)
            if self.searched + size > SEARCH_BUDGET:
                return None
            self.searched += size
            self.found[key] = any(quote in c for c in copies)
        return self.found[key]


def _quoted_in(
    search: _Search, ctx: Context, event: Event, quote: str
) -> Iterator[tuple[Source, bool | None]]:
    """For each readable text of a source the event cites: whether it holds the quote (None:
    not looked for)."""
    for _, source in _cited(ctx, event):
        text = ctx.texts.of(source)
        if text is not None and text.content is not None:
            yield source, search.finds(quote, text.path, text.content)


def _not_found(ctx: Context, event: Event, searched: list[Source]) -> str:
    message = (
        f"the quote of {label(event)} is not in the text of {_sources(searched)} "
        "(compared ignoring case, spacing, quotation marks and dashes)"
    )
    looked = {s.id for s in searched}
    unread = [s for _, s in _cited(ctx, event) if s.text is not None and s.id not in looked]
    if unread:
        message += f"; the text of {_sources(unread)} cannot be read"
    return message


def unfound_quotes(ctx: Context) -> Iterator[Finding]:
    search = _Search()
    unchecked: list[Event] = []
    for event in ctx.timeline.events:
        quote = _fold(event.quote or "").strip()
        if not quote:
            continue
        results = list(_quoted_in(search, ctx, event, quote))
        found = [r for _, r in results]
        if not results or True in found:
            continue  # no cited source has a text to look in, or one holds the quote
        if None in found:
            unchecked.append(event)
            continue
        yield event.places.at("quote"), _not_found(ctx, event, [s for s, _ in results])
    if unchecked:
        yield (
            unchecked[0].places.at("quote"),
            f"{len(unchecked)} quote(s), this one first, were not looked for in their sources' "
            f"texts: the check searches at most {SEARCH_BUDGET:,} characters of text in a run",
        )
