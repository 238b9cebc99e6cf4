"""The chronology as one self-contained HTML page: a vertical timeline readable anywhere, offline.

The page loads nothing (no script, stylesheet, font or image from anywhere; a CSP says so), and
nothing from the file can become markup: every text is made visible (controls, bidi overrides)
and then escaped, and a URL becomes a link only when its scheme is http, https or mailto.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from html import escape
from typing import NamedTuple

from rirtime.dates import Point, Precision, Span
from rirtime.formats.content import Document
from rirtime.formats.prose import cited_sources, filter_phrases
from rirtime.model import Alternative, Event, Period, Timeline
from rirtime.present.colors import actor_color, contrast, palette_of
from rirtime.present.periods import Boundary, background, covering, overlapping, shown_window
from rirtime.present.safe import is_link, visible
from rirtime.query import year_label

__all__ = ["CSP", "safe_url", "to_html"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

# A colour goes into a style attribute: only a plain #rrggbb is let through (links are judged by
# present/safe.is_link).
_HEX_COLOR = re.compile(r"#[0-9a-f]{6}")

_CSS = """\
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --fg: #1d232b; --muted: #5b6573; --card: #ffffff; --border: #d9dee5;
  --line: #c3cad4; --accent: #2f6fb3; --tag-bg: #eef1f5; --quote: #7a8594;
  --date-w: 10rem; --gap: 2.25rem;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14181d; --fg: #e3e7ec; --muted: #9aa5b3; --card: #1e242b; --border: #313a44;
    --line: #3e4853; --accent: #7fb2e8; --tag-bg: #2a323b; --quote: #8d98a6;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif;
  overflow-wrap: anywhere;
}
a { color: var(--accent); }
.page { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
header.head { margin-bottom: 2rem; border-bottom: 1px solid var(--border); padding-bottom: 1rem; }
header.head h1 { margin: 0 0 .5rem; font-size: 1.9rem; line-height: 1.2; }
.description { margin: 0 0 .75rem; white-space: pre-line; max-width: 44rem; }
.meta { margin: 0; color: var(--muted); font-size: .92rem; }
.meta code { font-size: .95em; }
nav.years { margin: .75rem 0 0; font-size: .9rem; color: var(--muted); }
nav.years a { margin-right: .6rem; text-decoration: none; display: inline-block; }
nav.years a:hover { text-decoration: underline; }
.timeline { position: relative; }
.timeline::before {
  content: ""; position: absolute; top: .5rem; bottom: 0;
  left: calc(var(--date-w) + var(--gap) / 2 - 2px); width: 4px; border-radius: 2px;
  background: var(--line);
}
.year {
  display: grid; grid-template-columns: var(--date-w) var(--gap) minmax(0, 1fr);
  align-items: center; margin: 1.75rem 0 1rem; position: relative;
}
.year:first-child { margin-top: 0; }
.year.word h2 { font-size: 1.1rem; }
.year h2 {
  grid-column: 1; margin: 0; text-align: right; font-size: 1.45rem; line-height: 1.2;
  letter-spacing: .02em;
}
.year::after {
  content: ""; grid-column: 2; grid-row: 1; justify-self: center; width: 1.1rem; height: 1.1rem;
  border-radius: 50%; background: var(--bg); border: 4px solid var(--accent);
}
ol.events { list-style: none; margin: 0; padding: 0; }
.event {
  display: grid; grid-template-columns: var(--date-w) var(--gap) minmax(0, 1fr);
  margin: 0 0 1rem; position: relative;
}
.event::before {
  content: ""; grid-column: 2; grid-row: 1; justify-self: center; margin-top: 1.05rem;
  width: .8rem; height: .8rem; border-radius: 50%; background: var(--dot, var(--accent));
  box-shadow: 0 0 0 3px var(--bg);
}
.when {
  grid-column: 1; grid-row: 1; text-align: right; padding-top: .7rem; color: var(--muted);
  font-size: .92rem; font-variant-numeric: tabular-nums;
}
.card {
  grid-column: 3; grid-row: 1; min-width: 0; background: var(--card);
  border: 1px solid var(--border); border-left: 4px solid var(--dot, var(--accent));
  border-radius: 8px; padding: .7rem 1rem .8rem; box-shadow: 0 1px 2px rgba(0, 0, 0, .06);
}
.card h3 { margin: 0 0 .4rem; font-size: 1.08rem; line-height: 1.35; }
.card p, .card blockquote { margin: .45rem 0 0; }
.chips { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; margin-top: .3rem; }
.actor {
  display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-size: .8rem;
  font-weight: 600; line-height: 1.5; unicode-bidi: isolate;
}
.tag {
  display: inline-block; padding: .05rem .45rem; border-radius: 4px; font-size: .8rem;
  background: var(--tag-bg); color: var(--muted); unicode-bidi: isolate;
}
.summary, .note { white-space: pre-line; }
.label { color: var(--muted); font-size: .85rem; font-weight: 600; }
.quote { border-left: 3px solid var(--quote); padding-left: .7rem; font-style: italic; }
sup.cites { font-size: .7rem; font-weight: normal; margin-left: .2rem; unicode-bidi: isolate; }
sup.cites a { text-decoration: none; margin-right: .15rem; }
.empty { color: var(--muted); font-style: italic; }
section.sources { margin-top: 2.5rem; border-top: 1px solid var(--border); padding-top: 1rem; }
section.sources h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
ol.footnotes { list-style: none; margin: 0; padding: 0; font-size: .92rem; }
ol.footnotes li { margin: 0 0 .6rem; padding-left: 4.5rem; text-indent: -4.5rem; }
ol.footnotes li:target { background: var(--tag-bg); border-radius: 4px; }
.fn-id { display: inline-block; width: 4.5rem; text-indent: 0; color: var(--muted); }
.url { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em; }
footer.foot { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
.bands {
  position: absolute; top: 0; bottom: -1rem; pointer-events: none;
  left: calc(var(--date-w) + var(--gap) / 2 - 2px - 1.2rem); width: 3.2rem;
}
.band {
  position: absolute; top: 0; bottom: 0; width: .25rem; background: var(--band);
  left: calc(var(--k) * .35rem); opacity: .7;
}
.band.right { left: calc(1.2rem + 4px + .2rem + (var(--k) - 3) * .35rem); }
li.mark {
  margin: 0 0 1rem; padding-left: calc(var(--date-w) + var(--gap)); color: var(--muted);
  font-size: .88rem; font-style: italic;
}
ul.periods { list-style: none; margin: .75rem 0 0; padding: 0; font-size: .9rem; }
ul.periods li { margin: 0 0 .25rem; }
.swatch {
  display: inline-block; width: .8rem; height: .8rem; margin-right: .4rem; border-radius: 2px;
  background: var(--band); vertical-align: -.05rem;
}
@media (max-width: 40rem) {
  .bands { left: 0; width: 1.5rem; }
  .band, .band.right { left: calc(var(--k) * .25rem); width: .18rem; }
  li.mark { padding-left: 2rem; }
  .page { padding: 1.25rem .8rem 2rem; }
  header.head h1 { font-size: 1.5rem; }
  .timeline::before { left: calc(.75rem - 2px); }
  .year, .event { grid-template-columns: 1.5rem minmax(0, 1fr); }
  .year h2 { grid-column: 2; grid-row: 1; text-align: left; padding-left: .5rem; }
  .year::after { grid-column: 1; }
  .event::before { grid-column: 1; grid-row: 1 / span 2; margin-top: .95rem; }
  .when { grid-column: 2; grid-row: 1; text-align: left; padding: .35rem 0 .2rem .5rem; }
  .card { grid-column: 2; grid-row: 2; margin-left: .5rem; padding: .6rem .8rem .7rem; }
  ol.footnotes li { padding-left: 0; text-indent: 0; }
  .fn-id { width: auto; margin-right: .4rem; }
}
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444444; --card: #ffffff; --border: #999999;
    --line: #999999; --tag-bg: #eeeeee;
  }
  .page { max-width: none; padding: 0; }
  nav.years { display: none; }
  .card { box-shadow: none; }
  .event, .footnotes li { break-inside: avoid; }
  .year h2 { break-after: avoid; }
  .actor { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .band, .swatch {
    background: none; opacity: 1; border-left: .25rem solid #000000; width: 0;
    border-left-style: var(--ink, solid);
  }
  .swatch { height: .8rem; }
  li.mark { break-after: avoid; }
}
"""


def _text(value: str) -> str:
    """One line of text from the file, whitespace collapsed, controls shown, then escaped."""
    return escape(visible(" ".join(value.split())), quote=True)


def _block(value: str) -> str:
    """Text from the file that may run over lines (kept), controls shown, then escaped."""
    return escape(visible(value.strip(), keep_newlines=True), quote=True)


def safe_url(url: str) -> bool:
    """Whether `url` may be a link (`is_link`, shared with the Markdown export)."""
    return is_link(url)


@lru_cache(maxsize=1024)
def _ink(color: str) -> str:
    """Black or white, whichever contrasts more with the background `color`."""
    return "#000000" if contrast(color, "#000000") >= contrast(color, "#ffffff") else "#ffffff"


def _color(timeline: Timeline, actor_id: str) -> str:
    """The actor's colour as the terminal shows it; checked, since it goes into a style."""
    color = palette_of(timeline).get(actor_id) or actor_color(actor_id)
    return color if _HEX_COLOR.fullmatch(color) else "#808080"


def _datetime(span: Span) -> str | None:
    """A valid HTML `datetime` for the start of `span` at its precision; None when the start is
    not known: "by Sep 2015" is placed in Sep 2015, but a machine date would claim it is then."""
    start = span.start
    if start is None:
        return None
    if start.precision is Precision.DAY:
        return start.earliest.isoformat()
    if start.precision is Precision.MONTH:
        return f"{start.earliest.year:04d}-{start.earliest.month:02d}"
    return f"{start.earliest.year:04d}"


def _slug(label: str) -> str:
    """An anchor for a year heading, for the jump list: "Open start" -> "year-open-start"."""
    return "year-" + "-".join(re.findall(r"[a-z0-9]+", label.lower()))


def _filters(filters: Mapping[str, object]) -> str:
    """The filters in use as short escaped phrases: "actor: iran; from: 2015-01-01; all"."""
    parts = []
    for name, shown in filter_phrases(filters):
        said = _text(name) if shown is None else f"{_text(name)}: {_text(shown)}"
        parts.append(f'<span class="filter">{said}</span>')
    return "; ".join(parts)


_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_SEPTEMBER = 9  # also written "Sept."
# What may follow a date at the end of a citation: "(December 5, 2015).", "Turkey, 2017".
_CLOSING = re.compile("[\\s.,;:)\\]\"'\u2019\u201d]+$")
# Between the two ends of a span, as citations write it: "May-August 2015", "July 1, 2014 and
# May 17, 2015".
_BETWEEN = r"\s*(?:[-\u2013\u2014]|to|and|until|through)\s*"


def _written(point: Point, *, year: bool = True) -> str | None:
    """A pattern of the ways a citation writes `point` ("2015", "May 2015", "Dec. 5, 2015",
    "5 December 2015", "2015-12-05"), without its year when `year` is false; None for a point
    no citation writes as its date (a season, a decade, a qualified date)."""
    if point.approximate or point.uncertain or point.season is not None:
        return None
    if point.precision is Precision.YEAR:
        return str(point.year) if year else None
    if point.month is None or point.precision not in (Precision.MONTH, Precision.DAY):
        return None
    full = _MONTHS[point.month - 1]
    names = [full, rf"{full[:3]}\.?"] + ([r"Sept\.?"] if point.month == _SEPTEMBER else [])
    month = f"(?:{'|'.join(names)})"
    y = rf"\s*,?\s*{point.year}" if year else ""
    if point.day is None:
        forms = [f"{month}{y}"] + ([f"{point.year}-{point.month:02d}"] if year else [])
    else:
        day = f"0?{point.day}(?:st|nd|rd|th)?"
        forms = [rf"{month}\s+{day}{y}", rf"{day}\s+(?:of\s+)?{month}{y}"]
        forms += [point.earliest.isoformat()] if year else []
    return "|".join(forms)


def _ends_with_date(citation: str, published: Span) -> bool:
    """Whether the citation already ends with its published date ("Insight Turkey, 2017",
    "(May-August 2015)."), which the sources list would otherwise repeat: "2017 (2017)"."""
    start, end = published.start, published.end
    if start is None or end is None:
        return False
    if not published.is_interval:
        pattern = _written(start)
    else:
        first, last = _written(start), _written(end)
        short = _written(start, year=False) if start.year == end.year else None
        starts = "|".join(p for p in (first, short) if p)
        pattern = f"(?:{starts}){_BETWEEN}(?:{last})" if starts and last else None
    if pattern is None:
        return False
    tail = _CLOSING.sub("", citation)
    return re.search(rf"(?<!\w)(?:{pattern})$", tail, re.IGNORECASE) is not None


def _header(doc: Document, labels: list[str]) -> list[str]:
    """The title, the description, what the page holds, and a jump list of the years."""
    t = doc.timeline
    out = ['<header class="head">', f"<h1>{_text(t.title)}</h1>"]
    if t.description and t.description.strip():
        out.append(f'<p class="description">{_block(t.description)}</p>')
    shown, total = len(doc.events), len(t.events)
    count = f"{shown} event" if shown == 1 else f"{shown} events"
    if shown != total:
        count = f"{shown} of {total} events"
    meta = f"{count} from <code>{_text(doc.source_name)}</code>"
    if doc.filters:
        meta += f", filtered by {_filters(doc.filters)}"
    out.append(f'<p class="meta">{meta}</p>')
    out += _period_key(doc, _slots(doc))
    if len(labels) > 1:
        links = "".join(f'<a href="#{_slug(label)}">{_text(label)}</a>' for label in labels)
        out.append(f'<nav class="years" aria-label="Years">{links}</nav>')
    out.append("</header>")
    return out


def _actor_chip(timeline: Timeline, actor_id: str, chips: dict[str, str]) -> str:
    """An actor as a chip in its terminal colour, named from the registry, its id on hover;
    made once an actor, kept in `chips` (colour and contrast made 2 s of a 10k export)."""
    chip = chips.get(actor_id)
    if chip is None:
        chip = chips[actor_id] = _new_chip(timeline, actor_id)
    return chip


def _new_chip(timeline: Timeline, actor_id: str) -> str:
    color = _color(timeline, actor_id)
    actor = timeline.actors.get(actor_id)
    name = actor.name if actor is not None and actor.name.strip() else actor_id
    return (
        f'<span class="actor" style="background:{color};color:{_ink(color)}" '
        f'title="{_text(actor_id)}">{_text(name)}</span>'
    )


def _event(timeline: Timeline, event: Event, chips: dict[str, str], bands: str = "") -> list[str]:
    """One event as a card beside its dot on the line (and the bands of the periods under way
    then); every text escaped."""
    style = f' style="--dot:{_color(timeline, event.actors[0])}"' if event.actors else ""
    out = [f'<li class="event" id="event-{_text(event.id)}"{style}>{bands}']
    span = event.date
    shown = _text(span.display()) if span is not None else "Undated"
    when = _datetime(span) if span is not None else None
    if when:
        out.append(f'<div class="when"><time datetime="{when}">{shown}</time></div>')
    else:
        out.append(f'<div class="when">{shown}</div>')
    out.append('<article class="card">')
    out.append(f"<h3>{_text(event.title)}{_cites(timeline, event.sources)}</h3>")
    shown_chips = [_actor_chip(timeline, a, chips) for a in event.actors]
    shown_chips += [f'<span class="tag">#{_text(tag)}</span>' for tag in event.tags]
    if shown_chips:
        out.append(f'<div class="chips">{"".join(shown_chips)}</div>')
    if event.summary and event.summary.strip():
        out.append(f'<p class="summary">{_block(event.summary)}</p>')
    if event.people:
        people = ", ".join(_text(p) for p in event.people)
        out.append(f'<p class="people"><span class="label">People:</span> {people}</p>')
    if event.quote and event.quote.strip():
        out.append(f'<blockquote class="quote">\u201c{_text(event.quote)}\u201d</blockquote>')
    if event.note and event.note.strip():
        out.append(f'<p class="note"><span class="label">Note:</span> {_block(event.note)}</p>')
    for alternative in event.alternatives:
        out.append(_also(timeline, alternative))
    out += ["</article>", "</li>"]
    return out


def _cites(timeline: Timeline, sources: Iterable[str]) -> str:
    """Links to the footnotes of the sources cited; empty when none is."""
    links = []
    for source_id in sources:
        label = _text(source_id)
        if source_id in timeline.sources:
            links.append(f'<a href="#source-{label}">[{label}]</a>')
        else:
            links.append(f"[{label}]")
    return f'<sup class="cites">{"".join(links)}</sup>' if links else ""


def _also(timeline: Timeline, alternative: Alternative) -> str:
    """Another date the evidence gives, with what gives it and why it differs."""
    shown = _text(alternative.date.display())
    when = _datetime(alternative.date)
    date = f'<time datetime="{when}">{shown}</time>' if when else shown
    note = f": {_block(alternative.note)}" if alternative.note and alternative.note.strip() else ""
    cites = _cites(timeline, alternative.sources)
    return f'<p class="also"><span class="label">Also dated</span> {date}{cites}{note}</p>'


# -- periods: bands beside the line, marks between the events, a key in the header ---------------

# Each period shown has a slot: its band's place beside the line, its colour and, printed in
# black and white, its line style (a seventh period shares the first's slot).
_BANDS = ("#c2410c", "#0f766e", "#7c3aed", "#b45309", "#be185d", "#1d4ed8")
_INKS = ("solid", "dashed", "dotted", "double", "solid", "dashed")


# The key lists at most this many periods, and only those get bands: a band's place and colour
# repeat every len(_BANDS) periods, so more could not be told apart, and 2,000 periods beside
# 2,000 events wrote 300 MB. The rest are said once, in the key ("and 1,994 more periods"); their
# beginnings and ends are still marked between the events.
KEY_PERIODS = 12


class _Shown(NamedTuple):
    """The periods the page shows: those with a band, each by id -> its slot, in file order,
    and how many more overlap what the page shows."""

    slots: dict[str, int]
    banded: tuple[Period, ...]
    more: int


def _slots(doc: Document) -> _Shown:
    """The periods shown (those overlapping what the page shows): the first KEY_PERIODS of them
    get a slot; the others are counted."""
    shown = overlapping(doc.timeline.periods, shown_window(doc.filters, doc.events))
    banded = tuple(shown[:KEY_PERIODS])
    slots = {p.id: i % len(_BANDS) for i, p in enumerate(banded)}
    return _Shown(slots, banded, len(shown) - len(banded))


def _band_style(slot: int) -> str:
    return f"--k:{slot};--band:{_BANDS[slot]};--ink:{_INKS[slot]}"


def _bands(event: Event, shown: _Shown) -> str:
    """The bands of the periods under way at the event's date, beside its dot on the line: one a
    slot at most (the first period in it under way), so a few whatever the file holds."""
    if not shown.banded or event.date is None:
        return ""
    drawn: dict[int, Period] = {}
    for period in covering(shown.banded, event.date.known[0]):
        drawn.setdefault(shown.slots[period.id], period)
    bands = []
    for slot, period in sorted(drawn.items()):
        side = " right" if slot >= len(_BANDS) // 2 else ""
        bands.append(
            f'<i class="band{side}" style="{_band_style(slot)}" title="{_text(period.title)}"></i>'
        )
    return f'<span class="bands" aria-hidden="true">{"".join(bands)}</span>' if bands else ""


def _mark(mark: Boundary) -> str:
    """A period's boundary as an item between the events."""
    return f'<li class="mark">\u2500\u2500 {_text(mark.label())}</li>'


def _period_key(doc: Document, shown: _Shown) -> list[str]:
    """The periods with bands, each with its band's colour, its dates, its note and its
    sources; then how many more periods the page shows without a band."""
    if not shown.banded:
        return []
    out = ['<ul class="periods" aria-label="Periods">']
    for period in shown.banded:
        when = _text(period.date.display()) if period.date is not None else ""
        note = f" \u2014 {_text(period.note)}" if period.note and period.note.strip() else ""
        swatch = f'<span class="swatch" style="{_band_style(shown.slots[period.id])}"></span>'
        cites = _cites(doc.timeline, period.sources)
        out.append(f"<li>{swatch}<strong>{_text(period.title)}</strong>, {when}{cites}{note}</li>")
    if shown.more:
        noun = "period" if shown.more == 1 else "periods"
        out.append(
            f'<li class="more">and {shown.more:,} more {noun}, without a band: '
            "their beginnings and ends are marked between the events</li>"
        )
    out.append("</ul>")
    return out


def _period_sources(doc: Document, cited: list[str]) -> list[str]:
    """The sources the periods shown cite that no event shown does, after those."""
    extra = dict.fromkeys(
        s
        for p in overlapping(doc.timeline.periods, shown_window(doc.filters, doc.events))
        for s in p.sources
        if s in doc.timeline.sources and s not in cited
    )
    return [*cited, *extra]


def _timeline(doc: Document) -> list[str]:
    """The events under their year headings, down one line."""
    out = ['<main class="timeline">']
    if not doc.events:
        out.append('<p class="empty">No events match.</p>')
    label: str | None = None
    anchors: set[str] = set()
    slots = _slots(doc)
    marks: list[Boundary] = []
    chips: dict[str, str] = {}  # each actor's chip, made once
    for event in _with_marks(doc, marks):
        current = year_label(event)
        if current != label:
            out += _marks_before(marks, current, opened=label is not None)
            if label is not None:
                out.append("</ol>")
            label = current
            slug = _slug(current)
            anchor = "" if slug in anchors else f' id="{slug}"'
            anchors.add(slug)
            kind = "year" if current.isdigit() else "year word"
            out.append(f'<div class="{kind}"{anchor}><h2>{_text(current)}</h2></div>')
            out.append('<ol class="events">')
        out += [_mark(m) for m in marks]
        marks.clear()
        out += _event(doc.timeline, event, chips, _bands(event, slots))
    out += _marks_before(marks, None, opened=label is not None)
    if label is not None:
        out.append("</ol>")
    out.append("</main>")
    return out


def _with_marks(doc: Document, marks: list[Boundary]) -> Iterable[Event]:
    """The events, each after the periods' boundaries before it have been put into `marks`."""
    for item in background(doc.timeline.periods, doc.filters, doc.events).among(doc.events):
        if isinstance(item, Boundary):
            marks.append(item)
        else:
            yield item


def _marks_before(marks: list[Boundary], label: str | None, *, opened: bool) -> list[str]:
    """The marks waiting before a year's heading that belong to the section before it (all of
    them at the end): taken out of `marks`, in a list of their own when none is open."""
    earlier = [m for m in marks if label is None or m.section != label]
    marks[:] = [m for m in marks if label is not None and m.section == label]
    if not earlier:
        return []
    items = [_mark(m) for m in earlier]
    return items if opened else ['<ol class="events">', *items, "</ol>"]


def _sources(doc: Document) -> list[str]:
    """The cited sources as footnotes; a URL is a link only for a safe scheme, else plain text."""
    cited = [s for s in cited_sources(doc.timeline, doc.events) if s in doc.timeline.sources]
    cited = _period_sources(doc, cited)
    if not cited:
        return []
    out = ['<section class="sources" aria-labelledby="sources">', '<h2 id="sources">Sources</h2>']
    out.append('<ol class="footnotes">')
    for source_id in cited:
        source = doc.timeline.sources[source_id]
        label = _text(source_id)
        # The space inside the label's box, where a line's end drops it: the citation's first
        # line then starts where its next lines do, yet copied text still reads "[n9] Mehr".
        parts = [f'<span class="fn-id">[{label}] </span>{_text(source.citation)}']
        if source.published is not None and not _ends_with_date(source.citation, source.published):
            parts.append(f" ({_text(source.published.display())})")
        if source.url:
            url = _text(source.url)
            if safe_url(source.url):
                parts.append(
                    f' <a class="url" href="{escape(source.url, quote=True)}" '
                    f'rel="noopener noreferrer">{url}</a>'
                )
            else:
                parts.append(f' <span class="url">{url}</span>')
        if source.note and source.note.strip():
            parts.append(f' <span class="label">Note:</span> {_text(source.note)}')
        out.append(f'<li id="source-{label}">{"".join(parts)}</li>')
    out += ["</ol>", "</section>"]
    return out


def to_html(doc: Document) -> str:
    """The filtered chronology as one HTML5 page that needs no network; same input, same bytes."""
    labels: list[str] = []
    for event in doc.events:
        label = year_label(event)
        if label not in labels:
            labels.append(label)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="generator" content="rirtime">',
        f"<title>{_text(doc.timeline.title)}</title>",
        "<style>",
        _CSS.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
        '<div class="page">',
        *_header(doc, labels),
        *_timeline(doc),
        *_sources(doc),
        '<footer class="foot">Made with rirtime.</footer>',
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
