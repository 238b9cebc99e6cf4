"""The chronology as a Markdown document for reports and wikis, one that renders on GitHub."""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from rirtime.formats.content import Document
from rirtime.formats.prose import cited_sources, filter_phrases
from rirtime.model import Alternative, Event, Period, Timeline
from rirtime.present.periods import overlapping, shown_window
from rirtime.present.safe import is_link, visible
from rirtime.query import year_label

__all__ = ["MERMAID_EVENTS", "MERMAID_PERIODS", "escape", "safe_url", "slug", "to_markdown"]

# Inline Markdown (CommonMark and GitHub's extensions: tables, strikethrough, math) that text from
# the file could otherwise start: emphasis, code, links, raw HTML, entities, pipes, math.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&$])")
# What would start a block at the beginning of a line: headings, lists, quotes, rules, setext.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
# Beyond what may be a link at all, what an autolink <...> cannot hold.
_NOT_IN_AUTOLINK = re.compile(r"[<>\"'`\\]")


# What GitHub's autolinker (the GFM autolink extension) makes a link of, and more: a URL with a
# scheme or `www.`, an e-mail address (with `mailto:` or `xmpp:` or none), up to the next space.
# Backslash escapes do not stop it (an e-mail address is found in the text as read, escapes
# resolved); only code does, so such a run goes into a code span: the text stays as written,
# and the only links are those rirtime made.
_AUTOLINKABLE = re.compile(
    # an address from the start of its word only: tried at every letter of a long word, the
    # `[\w.+-]+@` arm would rescan the rest of it each time (quadratic)
    r"(?:(?:https?|ftp)://|www\.|(?:mailto|xmpp):|(?<![\w.+-])[\w.+-]+@[\w-]*\.)\S*",
    re.IGNORECASE,
)
_BACKTICKS = re.compile("`+")


def _code(text: str) -> str:
    """`text` as a code span, whatever backticks it holds (CommonMark: a longer fence, and a
    space inside each end when the text itself starts or ends with a backtick)."""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _may_autolink(text: str) -> bool:
    """Whether `text` holds what every autolinkable run holds (`:`, `@` or `www.`): most text
    does not, and the search for the runs themselves was most of a 10k export's time."""
    return ":" in text or "@" in text or "www." in text.lower()


@lru_cache(maxsize=4096)  # the same names come back in every event: an actor's, a source's
def escape(text: str) -> str:
    """Text from the file as literal Markdown: one line, no markup, no HTML, no control codes,
    and no link (what an autolinker would link is code)."""
    one_line = visible(" ".join(text.split()))
    parts = []
    done = 0
    for m in _AUTOLINKABLE.finditer(one_line) if _may_autolink(one_line) else ():
        parts += [_INLINE.sub(r"\\\1", one_line[done : m.start()]), _code(m.group())]
        done = m.end()
    parts.append(_INLINE.sub(r"\\\1", one_line[done:]))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), "".join(parts))


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) or mailto address that an autolink can hold, else None."""
    if url is None or not is_link(url) or _NOT_IN_AUTOLINK.search(url):
        return None
    return url


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


def _describe_filters(filters: dict[str, object]) -> str:
    """The filters in use, as a heading says them: "actor iran; from 2015-01-01; all"."""
    return "; ".join(
        name if shown is None else f"{name} {shown}" for name, shown in filter_phrases(filters)
    )


def _actor_names(timeline: Timeline, ids: Iterable[str]) -> str:
    return ", ".join(escape(timeline.actors[i].name if i in timeline.actors else i) for i in ids)


def _mermaid_text(text: str) -> str:
    """Text for a Mermaid label: its syntax characters written as Mermaid's entity codes."""
    one_line = visible(" ".join(text.split()))
    return re.sub(r"[:;#%<>{}`\"\\]", lambda m: f"#{ord(m.group())};", one_line)


# Mermaid's timeline draws each period as a column 200 px wide, and its events as boxes stacked
# under it; the diagram is scaled down to the page's width. One column an event made the whole
# bundled chronology a strip 16,000 px wide, unreadable at any width. So the years are grouped
# into at most this many periods, six columns that a 1000 px page shows at a readable size, and
# a column holds at most MERMAID_EVENTS boxes.
MERMAID_PERIODS = 6
MERMAID_EVENTS = 5  # a period with more shows one fewer, spread across it, and "and N more"


class _Period(NamedTuple):
    """Consecutive year sections of the document's events, as one column of the diagram."""

    first: str  # the year label of its first events ("1995", "Open start")
    last: str  # that of its last events
    start: int  # its events are doc.events[start:end]
    end: int


def _year_sections(events: Sequence[Event]) -> list[_Period]:
    """One period a year label, as the document's sections run."""
    sections: list[_Period] = []
    for i, event in enumerate(events):
        label = year_label(event)
        if sections and sections[-1].last == label:
            sections[-1] = sections[-1]._replace(end=i + 1)
        else:
            sections.append(_Period(label, label, i, i + 1))
    return sections


def _merged(sections: list[_Period], limit: int) -> list[_Period]:
    """At most `limit` periods (and the "Open start" and "Undated" sections, which stand
    alone): the two neighbouring periods with the fewest events between them are joined, again
    and again, so busy years keep columns of their own. A heap: n log n in the sections."""
    size = [s.end - s.start for s in sections]
    after = [*range(1, len(sections)), -1]
    before = [-1, *range(len(sections) - 1)]
    alive = [True] * len(sections)

    def joinable(i: int, j: int) -> bool:
        return i >= 0 and j >= 0 and sections[i].first.isdigit() and sections[j].first.isdigit()

    pairs = [(size[i] + size[i + 1], i, i + 1) for i in range(len(sections) - 1)]
    heap = [p for p in pairs if joinable(p[1], p[2])]
    heapq.heapify(heap)
    count = len(sections)
    while count > limit and heap:
        total, i, j = heapq.heappop(heap)
        if not (alive[i] and alive[j] and after[i] == j and size[i] + size[j] == total):
            continue  # an entry from before one of them was joined to another
        sections[i] = sections[i]._replace(last=sections[j].last, end=sections[j].end)
        size[i], alive[j], after[i] = total, False, after[j]
        if after[j] >= 0:
            before[after[j]] = i
        count -= 1
        for a, b in ((before[i], i), (i, after[i])):
            if joinable(a, b):
                heapq.heappush(heap, (size[a] + size[b], a, b))
    return [s for s, kept in zip(sections, alive, strict=True) if kept]


def _period_name(period: _Period) -> str:
    """The period's year, or its first and last years joined by an en dash, earlier first
    (events may come newest first)."""
    if period.first == period.last:
        return period.first
    a, b = sorted((period.first, period.last), key=int)
    return f"{a}\u2013{b}"


def _shown(events: Sequence[Event]) -> list[Event]:
    """All of a period's events when they fit its column; else one fewer than fit, spread evenly
    from its first to its last, so that the column shows the whole period."""
    n = len(events)
    if n <= MERMAID_EVENTS:
        return list(events)
    k = MERMAID_EVENTS - 1
    return [events[i * (n - 1) // (k - 1)] for i in range(k)]


def _mermaid_note(years: int, periods: int, shown: int, total: int) -> str | None:
    """What the diagram leaves out, said under it; None when it shows every event by year."""
    said = []
    if periods < years:
        said.append(f"its {years} years are grouped into {periods} periods")
    if shown < total:
        unit = "period" if periods < years else "year"
        said.append(
            f"a {unit} of more than {MERMAID_EVENTS} events shows {MERMAID_EVENTS - 1} of them, "
            "spread across it, and how many more"
        )
    if not said:
        return None
    return (
        f"*The diagram shows {shown} of the {total} events: {', and '.join(said)}. "
        "Every event is listed below.*"
    )


def _mermaid(doc: Document) -> list[str]:
    """A Mermaid timeline: a column a year, or a period of years when there are more than
    MERMAID_PERIODS, each with at most MERMAID_EVENTS boxes; a note says what it leaves out."""
    lines = ["```mermaid", "timeline", f"    title {_mermaid_text(doc.timeline.title)}"]
    sections = _year_sections(doc.events)
    years = sum(s.first.isdigit() for s in sections)
    periods = _merged(list(sections), MERMAID_PERIODS)
    shown = 0
    for period in periods:
        events = doc.events[period.start : period.end]
        picked = _shown(events)
        shown += len(picked)
        boxes = [_mermaid_event(event) for event in picked]
        if len(picked) < len(events):
            boxes.append(f"and {len(events) - len(picked)} more")
        lines.append(f"    {_mermaid_text(_period_name(period))} : {boxes[0]}")
        lines += [f"        : {box}" for box in boxes[1:]]
    lines.append("```")
    note = _mermaid_note(years, len(periods), shown, len(doc.events))
    return [*lines, "", note] if note else lines


def _mermaid_event(event: Event) -> str:
    """An event's box: its date and title, "Mar 2001 — Khatami visits Moscow"."""
    when = event.date.display() if event.date else "Undated"
    return _mermaid_text(f"{when} \u2014 {event.title}")


def _event(doc: Document, event: Event) -> list[str]:
    t = doc.timeline
    when = event.date.display() if event.date else ""
    meta = [f"**{escape(when)}**", _actor_names(t, event.actors)]
    if event.tags:
        meta.append("tags: " + ", ".join(escape(tag) for tag in event.tags))
    refs = "".join(f"[^{s}]" for s in event.sources)
    lines = [f"### {escape(event.title)}", "", " · ".join(meta) + (f" {refs}" if refs else "")]
    if event.summary:
        lines += ["", escape(event.summary)]
    if event.people:
        lines += ["", "People: " + ", ".join(escape(p) for p in event.people)]
    if event.quote:
        lines += ["", f"> {escape(event.quote)}"]
    if event.note:
        lines += ["", f"*Note: {escape(event.note)}*"]
    for alternative in event.alternatives:
        lines += ["", _also(alternative)]
    return [*lines, ""]


def _also(alternative: Alternative) -> str:
    """Another date the evidence gives: "*Also dated 5 Dec 2015*[^n9]: why"."""
    refs = "".join(f"[^{s}]" for s in alternative.sources)
    note = f": {escape(alternative.note)}" if alternative.note else ""
    return f"*Also dated {escape(alternative.date.display())}*{refs}{note}"


def _heading(doc: Document) -> list[str]:
    """The title, the description and what the document holds, of how many, filtered how."""
    t = doc.timeline
    lines = [f"# {escape(t.title)}", ""]
    if t.description:
        lines += [escape(t.description), ""]
    holds = f"From {escape(doc.source_name)}: {len(doc.events)} of {len(t.events)} events"
    if doc.filters:
        holds += f", filtered by {escape(_describe_filters(dict(doc.filters)))}"
    return [*lines, f"*{holds}.*", ""]


def _contents(doc: Document) -> list[str]:
    """A link to each year's section and to the sources; nothing when no event is shown."""
    years: list[str] = []
    for event in doc.events:
        if not years or years[-1] != year_label(event):
            years.append(year_label(event))
    if not years:
        return []
    links = [f"- [{escape(y)}](#{slug(y)})" for y in years]
    return ["## Contents", "", *links, "- [Sources](#sources)", ""]


def _sources(timeline: Timeline, cited: Iterable[str]) -> list[str]:
    """A footnote for each cited source: its id, then its citation, with its URL as a link when
    it may be. The id is in the text because renderers renumber footnotes (GitHub shows
    `[^n9]` as 1, 2, ...), and a reader checking the article's endnote 9 needs "n9"."""
    lines = ["## Sources", ""]
    for source_id in cited:
        source = timeline.sources.get(source_id)
        text = escape(source_id) + (f" \u2014 {escape(source.citation)}" if source else "")
        url = safe_url(source.url) if source else None
        if source is not None and source.url and url is None:
            text += f" ({escape(source.url)})"
        lines.append(f"[^{source_id}]: {text}" + (f" <{url}>" if url else ""))
    return [*lines, ""]


# A year's section lists at most this many of the periods under way in it, then how many more:
# every period in every year it covers made 2,000 periods across 2,000 years 116 MB.
SECTION_PERIODS = 8


class _UnderWay(NamedTuple):
    """The periods a year's section names (the first SECTION_PERIODS in file order), and how
    many more are under way in it."""

    named: list[Period]
    more: int


def _under_way(years: Iterable[int], periods: Sequence[Period]) -> dict[int, _UnderWay]:
    """For each year, the periods under way in it (by their placed days), swept once in the
    years' order: a period joins a heap (by file order) when its year comes and leaves for good
    once a year after its end is reached; so the work is the periods plus, a year, what it
    names, never years times periods."""
    placed = [(p.date.placed, i, p) for i, p in enumerate(periods) if p.date is not None]
    starts = sorted(placed, key=lambda x: (x[0][0] or date.min, x[1]))
    ends = sorted(last or date.max for (_, last), _, _ in placed)
    heap: list[tuple[int, Period, date | None]] = []
    joined, found = 0, {}
    for year in sorted(set(years)):
        first_day, last_day = date(year, 1, 1), date(year, 12, 31)
        while joined < len(starts) and (starts[joined][0][0] or date.min) <= last_day:
            (_, last), index, period = starts[joined]
            heapq.heappush(heap, (index, period, last))
            joined += 1
        named: list[tuple[int, Period, date | None]] = []
        while heap and len(named) < SECTION_PERIODS:
            item = heapq.heappop(heap)
            if item[2] is None or item[2] >= first_day:
                named.append(item)  # else it ended before this year, and so before every later one
        for item in named:
            heapq.heappush(heap, item)
        under_way = joined - bisect.bisect_left(ends, first_day)
        found[year] = _UnderWay([p for _, p, _ in named], under_way - len(named))
    return found


def _periods_of(label: str, under_way: dict[int, _UnderWay]) -> list[str]:
    """At the top of a year's section, the periods under way in it, a line each: "- Period:
    **Syrian civil war**, from Mar 2011[^article]"; none for a section that is not a year."""
    if not label.isdigit() or int(label) not in under_way:
        return []
    named, more = under_way[int(label)]
    lines = []
    for period in named:
        assert period.date is not None
        refs = "".join(f"[^{s}]" for s in period.sources)
        shown = escape(period.date.display())
        lines.append(f"- Period: **{escape(period.title)}**, {shown}{refs}")
    if more:
        lines.append(f"- and {more:,} more period{'s' if more > 1 else ''} under way")
    return [*lines, ""] if lines else []


def to_markdown(doc: Document) -> str:
    """A title, what it holds, a section a year with each event, then every cited source once."""
    lines = _heading(doc)
    if doc.toc:
        lines += _contents(doc)
    if doc.mermaid and doc.events:
        lines += [*_mermaid(doc), ""]

    label = None
    periods = overlapping(doc.timeline.periods, shown_window(doc.filters, doc.events))
    years = (int(y) for y in map(year_label, doc.events) if y.isdigit())
    under_way = _under_way(years, periods)
    for event in doc.events:
        if year_label(event) != label:
            label = year_label(event)
            lines += [f"## {escape(label)}", ""]
            lines += _periods_of(label, under_way)
        lines += _event(doc, event)
    if not doc.events:
        lines += ["No events match.", ""]
    cited = cited_sources(doc.timeline, doc.events)  # n1, n2, ..., n10: as a reader looks
    cited += [s for s in dict.fromkeys(s for p in periods for s in p.sources) if s not in cited]
    if cited:
        lines += _sources(doc.timeline, cited)
    return "\n".join(lines).rstrip("\n") + "\n"
