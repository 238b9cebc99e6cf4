"""Reading TimelineJS: its JSON (TimelineJS3's `{title, events, eras}`), and the slide that a
row of its spreadsheet template holds (csv_in reads the sheet), into a Draft (build.py).

TimelineJS has no actors, sources or tags. So each slide's `group` becomes its actor (the same
name, the same actor; kind `other`), and a slide without one gets the one actor `unknown`, said
on stderr; a spreadsheet's `Type` other than `title` and `era` (which say what the row is)
becomes a tag; a slide's media, when it is a web address, becomes its source (cited by its
credit, else its caption, else the address). Headline and text are HTML: they become plain
text. A display date that says more than the date is kept in the event's note. An era (`eras`,
a row of Type `era`) becomes a period. Times, thumbnails and backgrounds have no place in a
timeline: each is said, slide by slide.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from rirtime import dates
from rirtime.formats.build import Draft, Ids, Record
from rirtime.formats.json_in import JsonReader, given, load_json
from rirtime.formats.timelinejs import ACTORS_CLASS, SOURCES_CLASS
from rirtime.formats.yaml_text import kebab, make_id
from rirtime.names import fold
from rirtime.spec import ID_PATTERN

__all__ = [
    "UNKNOWN",
    "Shared",
    "Slide",
    "SlideError",
    "add_era",
    "add_slide",
    "new_state",
    "one_line",
    "plain_text",
    "read_timelinejs",
    "unknown_note",
]

UNKNOWN = "unknown"  # the actor of a slide that names none

# -- HTML -> text --------------------------------------------------------------------------------

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "dt",
        "dd",
        "hr",
    }
)
_HIDDEN = frozenset(("script", "style", "template", "noscript", "iframe", "object"))
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


class _Text(HTMLParser):
    """The text a browser would show, in paragraphs: `<br>` a line break, a block a blank
    line; the content of scripts and styles dropped; entities decoded (convert_charrefs)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(_SPACES.sub(" ", data))


def plain_text(html: str) -> str:
    """HTML as plain text: paragraphs separated by a blank line, lines stripped."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def one_line(html: str) -> str:
    """HTML as text on one line (a title)."""
    return " ".join(plain_text(html).split())


# -- a slide -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Slide:
    """One slide of TimelineJS, from its JSON or a row of its sheet, its values as text;
    `where` is how a note names it (`FILE:12`, `FILE: events[3]`)."""

    where: str
    start: dict[str, str] = field(default_factory=dict)  # year, month, day, time
    end: dict[str, str] = field(default_factory=dict)
    display_date: str = ""
    headline: str = ""
    text: str = ""
    media: dict[str, str] = field(default_factory=dict)  # url, credit, caption, thumbnail
    group: str = ""
    type: str = ""
    background: str = ""
    unique_id: str = ""


class SlideError(ValueError):
    """A slide that cannot be an event; the reader says where."""


@dataclass(slots=True)
class Shared:
    """What the slides of one input share: the ids taken, actors and sources by name."""

    event_ids: Ids = field(default_factory=Ids)
    period_ids: Ids = field(default_factory=Ids)
    actor_ids: Ids = field(default_factory=Ids)
    source_ids: Ids = field(default_factory=Ids)
    actors: dict[str, str] = field(default_factory=dict)  # folded name -> id
    sources: dict[str, str] = field(default_factory=dict)  # url -> id
    unknown: int = 0  # slides with no group
    titled: bool = False  # a title slide was read


_TIME_PARTS = ("time", "hour", "minute", "second", "millisecond")
_DAY_PARTS = ("year", "month", "day")


_SHOWN = 24  # of a value that is no number, the characters a message quotes


def _number(value: str, what: str, low: int, high: int) -> int:
    text = value.strip()
    # at most 12 digits: int() of thousands of them fails, and no year or day has more
    if not re.fullmatch(r"-?[0-9]{1,12}", text) or not low <= int(text) <= high:
        shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "\u2026"
        raise SlideError(f"{what} {shown!r} is not a number from {low} to {high}")
    return int(text)


def _point(parts: dict[str, str], what: str) -> str:
    """`2015`, `2015-09` or `2015-09-30`: as precise as the parts given."""
    year = _number(parts["year"], f"{what} year", 1, dates.MAX_YEAR)
    out = f"{year:04d}"
    month = parts.get("month", "").strip()
    if month:
        out += f"-{_number(month, f'{what} month', 1, 12):02d}"
        day = parts.get("day", "").strip()
        if day:
            out += f"-{_number(day, f'{what} day', 1, 31):02d}"
    elif parts.get("day", "").strip():
        raise SlideError(f"{what} day {parts['day']!r} is given without a month")
    return out


def _ends(slide: Slide) -> tuple[str, str]:
    """The slide's start and end points in the notation (the end its start when it has none)."""
    if not slide.start.get("year", "").strip():
        raise SlideError("no start year: TimelineJS needs one for every slide but the title")
    start = _point(slide.start, "start")
    if slide.end.get("year", "").strip():
        return start, _point(slide.end, "end")
    if any(v.strip() for k, v in slide.end.items() if k not in _TIME_PARTS):
        raise SlideError("an end month or day is given without an end year")
    return start, start


def _date(slide: Slide) -> str:
    """The slide's date in the notation; an interval when it has an end."""
    start, end = _ends(slide)
    text = start if end == start else f"{start}/{end}"
    try:
        dates.parse(text)
    except dates.DateError as exc:
        raise SlideError(f"the date {text!r} is not a date: {exc.message}") from None
    return text


def _said(display: str, text: str) -> bool:
    """Whether a display date says more than the date: neither its notation, nor its display,
    nor the same date as people write it ("14 July 2015", "July 14, 2015" of 2015-07-14)."""
    shown = fold(" ".join(display.split()))
    if not shown or shown in (fold(text), fold(dates.parse(text).display())):
        return False
    try:
        return dates.read_human(display).text != dates.parse(text).text
    except (dates.DateError, ValueError, OverflowError):
        return True


def _actor(draft: Draft, state: Shared, slide: Slide) -> str:
    """The slide's group as its actor, else the one actor `unknown`."""
    name = one_line(slide.group)
    if not name:
        state.unknown += 1
        if UNKNOWN not in draft.actors:
            draft.actors[UNKNOWN] = {"name": "Unknown", "kind": "other"}
            state.actor_ids.taken.add(UNKNOWN)
        return UNKNOWN
    return _named(draft, state, name)


def _named(draft: Draft, state: Shared, name: str) -> str:
    """The actor of that name (any case or accents): the one made before, or a new one."""
    key = fold(name)
    if key not in state.actors:
        actor_id = state.actor_ids.make(name, "group")
        state.actors[key] = actor_id
        draft.actors[actor_id] = {"name": name, "kind": "other"}
    return state.actors[key]


def _source(draft: Draft, state: Shared, slide: Slide) -> list[str]:
    """The slide's media as its source, when it is a web address; else said."""
    media = {k: v.strip() for k, v in slide.media.items() if v.strip()}
    url = media.get("url", "")
    if not url:
        for key in media:
            draft.note(slide.where, f"media {key} without a media address: not carried over")
        return []
    if not re.fullmatch(r"https?://\S+", url):
        draft.note(slide.where, "media that is not a web address (an embed?): not carried over")
        return []
    if "thumbnail" in media:
        draft.note(slide.where, "media thumbnail: not carried over")
    if url not in state.sources:
        credit, caption = one_line(media.get("credit", "")), one_line(media.get("caption", ""))
        citation = credit or caption or url
        source_id = state.source_ids.make(citation, "media")
        record: Record = {"citation": citation, "url": url}
        if credit and caption:
            record["note"] = caption
        draft.sources[source_id] = record
        state.sources[url] = source_id
    return [state.sources[url]]


# rirtime's own export (formats/timelinejs.py) ends a slide's text with the names of its actors
# and the sources it cites, each after its id: `<p>Russia, Iran</p><p><small>[n9] “Velayati…”,
# Mehr<br>[n10] …</small></p>`. Found there, they are its actors and sources again.
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_CITES = rf"(\[{_ID}\] [^<]*(?:<br>\[{_ID}\] [^<]*)*)"
_CITED = re.compile(rf'<p(?: class="{SOURCES_CLASS}")?><small>{_CITES}</small></p>$')
_CITE = re.compile(rf"\[({_ID})\] ([^<]*)")
_NAMES = re.compile(r"<p>([^<]+)</p>$")
_MARKED_NAMES = re.compile(rf'<p class="{ACTORS_CLASS}">([^<]+)</p>$')
# Since names may hold ", ", the export writes each in a `<span>` of its own, ", " between them.
_SPANNED_NAMES = re.compile(
    rf'<p class="{ACTORS_CLASS}">(<span>[^<]*</span>(?:, <span>[^<]*</span>)*)</p>$'
)
_SPAN = re.compile(r"<span>([^<]*)</span>")


def _names(text: str, *, cited: bool) -> tuple[int, list[str]] | None:
    """Where the actors' paragraph starts in `text` and the names in it: one a `<span>` (as
    the export writes them), or the older form, joined with ", "; unmarked, only before the
    sources. None when the text ends otherwise."""
    spanned = _SPANNED_NAMES.search(text)
    if spanned is not None:
        return spanned.start(), [html.unescape(m[1]) for m in _SPAN.finditer(spanned[1])]
    plain = _MARKED_NAMES.search(text) or (_NAMES.search(text) if cited else None)
    if plain is None:
        return None
    return plain.start(), html.unescape(plain[1]).split(", ")


def _exported(slide: Slide) -> tuple[str, list[str], list[tuple[str, str]]]:
    """The slide's own text, and the actors' names and the sources (id, citation) that
    rirtime's export added after it; no names nor sources in a text that ends otherwise."""
    cited = _CITED.search(slide.text)
    text = slide.text if cited is None else slide.text[: cited.start()]
    sources = (
        [] if cited is None else [(m[1], html.unescape(m[2])) for m in _CITE.finditer(cited[1])]
    )
    found = _names(text, cited=cited is not None)
    if found is None:
        return text, [], sources
    return text[: found[0]], found[1], sources


def _cited(draft: Draft, state: Shared, slide: Slide, sources: list[tuple[str, str]]) -> list[str]:
    """The sources rirtime's export cited by id, made the first time each is cited."""
    out = []
    for source_id, citation in sources:
        found = draft.sources.get(source_id)
        if found is None:
            draft.sources[source_id] = {"citation": citation}
            state.source_ids.taken.add(source_id)
        elif found["citation"] != citation:
            draft.note(slide.where, f"source `{source_id}` cited otherwise before: kept the first")
        out.append(source_id)
    return out


def _event_id(state: Shared, slide: Slide, title: str, date: str) -> str:
    given = slide.unique_id.strip()
    if given and ID_PATTERN.fullmatch(given) and given not in state.event_ids.taken:
        state.event_ids.taken.add(given)
        return given
    return state.event_ids.unique(make_id(title, date, ()))


def _dropped(draft: Draft, slide: Slide) -> None:
    """Say what of the slide has no place in a timeline."""
    for what, parts in (("start", slide.start), ("end", slide.end)):
        times = [f"{k} {v.strip()}" for k, v in parts.items() if k in _TIME_PARTS and v.strip()]
        if times:
            draft.note(slide.where, f"{what} {', '.join(times)}: not carried over (dates are days)")
    if slide.background.strip():
        draft.note(slide.where, "background: not carried over")


def add_slide(draft: Draft, state: Shared, slide: Slide) -> None:
    """The slide as an event of the draft (or its title, or a period for an era)."""
    kind = slide.type.strip().casefold()
    if kind == "title":
        if state.titled:
            draft.note(slide.where, "a second title slide: not carried over")
            return
        state.titled = True
        draft.title = one_line(slide.headline) or draft.title
        draft.description = plain_text(slide.text) or None
        if any(v.strip() for v in slide.media.values()):
            draft.note(slide.where, "the title slide's media: not carried over")
        if any(v.strip() for k, v in (*slide.start.items(), *slide.end.items()) if k in _DAY_PARTS):
            draft.note(slide.where, "the title slide's date: not carried over")
        _dropped(draft, slide)
        return
    if kind == "era":
        add_era(draft, state, slide)
        return
    date = _date(slide)
    title = one_line(slide.headline)
    text, names, cited = _exported(slide)
    summary = plain_text(text)
    if not title:
        if not summary:
            raise SlideError("neither a headline nor a text: an event needs a title")
        title = " ".join(summary.split())[:80]
        draft.note(slide.where, "no headline: the title is the start of the text")
    record: Record = {"date": date, "title": title, "summary": summary or None}
    record["id"] = _event_id(state, slide, title, date)
    if names:  # the group of rirtime's export is one of them, or a tag: they say more
        record["actors"] = list(dict.fromkeys(_named(draft, state, n) for n in names))
    else:
        record["actors"] = [_actor(draft, state, slide)]
    tag = _tag(draft, slide, kind)
    record["tags"] = [tag] if tag else []
    record["sources"] = [*_cited(draft, state, slide, cited), *_source(draft, state, slide)]
    if slide.display_date.strip() and _said(one_line(slide.display_date), date):
        record["note"] = f"Display date: {one_line(slide.display_date)}"
    _dropped(draft, slide)
    draft.events.append(record)
    draft.places.append(slide.where)


# -- an era ----------------------------------------------------------------------------------------


_QUALIFIERS = ("", "~", "?", "%")


def _qualified(reading: str) -> list[str]:
    """`reading` with each qualifier (approximate, uncertain, both) on each of its known ends:
    TimelineJS has no place for them, but rirtime's export says them in the era's text."""
    ends = reading.split("/")
    known = [bool(e) and e != ".." for e in ends]
    out = []
    for marks in itertools.product(_QUALIFIERS, repeat=sum(known)):
        it = iter(marks)
        out.append("/".join(e + next(it) if k else e for e, k in zip(ends, known, strict=True)))
    return out


def _readings(slide: Slide, date: str, shown: set[str]) -> list[str]:
    """The dates an era's ends may stand for: as given, then the open and unknown ends that
    rirtime's export closes (an era must end: `2011-03/..` ends at the last event shown), and
    when the text says "c." or "?", each of those approximate or uncertain."""
    start, end = _ends(slide)
    readings = [date, f"{start}/..", f"{start}/", f"../{end}", f"/{end}"]
    if any("c. " in t or "?" in t for t in shown):
        readings = [q for r in readings for q in _qualified(r)]
    return readings


def _said_date(slide: Slide, date: str) -> tuple[str, bool]:
    """The era's date, and whether its text is that date as the views show it: the reading
    whose display the text (or display date) is, word for word ("from Mar 2011" is
    `2011-03/..`); else the date as given, and False."""
    shown = {fold(one_line(t)) for t in (slide.text, slide.display_date) if t.strip()}
    for reading in _readings(slide, date, shown):
        try:
            span = dates.parse(reading)
        except dates.DateError:
            continue
        if fold(span.display()) in shown:
            return reading, True
    return date, False


def _era_dropped(draft: Draft, slide: Slide) -> None:
    """Say what of an era a period has no place for."""
    for what, value in (("media", " ".join(slide.media.values())), ("group", slide.group)):
        if value.strip():
            draft.note(slide.where, f"an era's {what}: not carried over")
    _dropped(draft, slide)


def add_era(draft: Draft, state: Shared, slide: Slide) -> None:
    """An era (TimelineJS3's `eras`, a sheet's row of Type `era`) as a period: its title the
    headline, its date the start and end at the precision given; its text its note, unless
    the text only says the date (as rirtime's export writes it, which tells an open end)."""
    given_date = _date(slide)
    date, said = _said_date(slide, given_date)
    if date != given_date:
        draft.note(
            slide.where,
            f"an era's text says {one_line(slide.text or slide.display_date)!r}: "
            f"the period is dated {date!r}, not {given_date!r}",
        )
    text = "" if said else plain_text(slide.text)
    title = one_line(slide.headline)
    if not title:
        title = " ".join(text.split())[:80] or dates.parse(date).display()
        draft.note(slide.where, "an era without a headline: titled by its text or its date")
    given_id = slide.unique_id.strip()
    if given_id and ID_PATTERN.fullmatch(given_id) and given_id not in state.period_ids.taken:
        state.period_ids.taken.add(given_id)
        period_id = given_id
    else:
        period_id = state.period_ids.make(title, "period")
    record: Record = {"id": period_id, "title": title, "date": date, "note": text or None}
    if slide.display_date.strip() and not said:
        draft.note(slide.where, "an era's display date: not carried over")
    _era_dropped(draft, slide)
    draft.periods.append(record)
    draft.period_places.append(slide.where)


def _tag(draft: Draft, slide: Slide, kind: str) -> str | None:
    """A spreadsheet's Type, as a tag, when it is one (not `title` or `era`)."""
    if not kind:
        return None
    tag = kind if ID_PATTERN.fullmatch(kind) else kebab(kind)
    if not tag:
        draft.note(slide.where, f"type {slide.type!r} makes no tag: not carried over")
    return tag


def new_state() -> Shared:
    """What the slides of one input share."""
    return Shared()


def unknown_note(draft: Draft, state: Shared, name: str) -> None:
    """Say how many slides named no group, and so were given the actor `unknown`."""
    if state.unknown:
        n = state.unknown
        draft.note(
            name,
            f"{n} slide{'s' if n != 1 else ''} without a group: given the actor `{UNKNOWN}` "
            "(TimelineJS has no actors; edit the file to name them)",
        )


# -- TimelineJS3 JSON ----------------------------------------------------------------------------

_SLIDE_KEYS = frozenset(
    {
        "start_date",
        "end_date",
        "text",
        "media",
        "group",
        "display_date",
        "background",
        "autolink",
        "unique_id",
    }
)


_DATE_KEYS = ("year", "month", "day", *_TIME_PARTS[1:])


def _parts(r: JsonReader, draft: Draft, value: Any, path: str) -> dict[str, str]:
    """A TimelineJS date's parts as text; any other key (`format`) said at its path."""
    obj = r.obj(value, path)
    out: dict[str, str] = {}
    for key in _DATE_KEYS:
        text = r.text(obj.get(key), f"{path}.{key}", number_ok=True)
        if text is not None:
            out[key] = text
    display = r.text(obj.get("display_date"), f"{path}.display_date")
    if display:
        out["display_date"] = display
    for key in obj:
        if key not in (*_DATE_KEYS, "display_date") and obj[key] is not None:
            draft.note(r.where(f"{path}.{key}"), "not carried over")
    return out


def _display_date(r: JsonReader, draft: Draft, obj: dict[str, Any], slide: Slide, path: str) -> str:
    """The slide's display date: its own, else its start's; one that is not used is said."""
    start = slide.start.pop("display_date", "")
    end = slide.end.pop("display_date", "")
    if end:
        draft.note(r.where(f"{path}.end_date.display_date"), "not carried over")
    shown = obj.get("display_date")
    if shown and start:
        draft.note(r.where(f"{path}.start_date.display_date"), "not carried over")
    return r.text(shown or start, f"{path}.display_date") or ""


def _slide(r: JsonReader, draft: Draft, value: Any, path: str) -> Slide:
    obj = r.obj(value, path)
    slide = Slide(where=r.where(path))
    if "start_date" in obj:
        slide.start = _parts(r, draft, obj["start_date"], f"{path}.start_date")
    if obj.get("end_date") is not None:
        slide.end = _parts(r, draft, obj["end_date"], f"{path}.end_date")
    text = r.obj(given(obj, "text", {}), f"{path}.text")
    slide.headline = r.text(text.get("headline"), f"{path}.text.headline") or ""
    slide.text = r.text(text.get("text"), f"{path}.text.text") or ""
    for key in text:
        if key not in ("headline", "text") and text[key] is not None:
            draft.note(r.where(f"{path}.text.{key}"), "not carried over")
    media = r.obj(given(obj, "media", {}), f"{path}.media")
    for key, item in media.items():
        found = r.text(item, f"{path}.media.{key}", number_ok=True)
        if found and key in ("url", "credit", "caption", "thumbnail"):
            slide.media[key] = found
        elif found:
            draft.note(r.where(f"{path}.media.{key}"), "not carried over")
    slide.group = r.text(obj.get("group"), f"{path}.group") or ""
    slide.display_date = _display_date(r, draft, obj, slide, path)
    if obj.get("background"):
        slide.background = "yes"
    slide.unique_id = r.text(obj.get("unique_id"), f"{path}.unique_id", number_ok=True) or ""
    for key in obj:
        if key not in _SLIDE_KEYS:
            draft.note(r.where(f"{path}.{key}"), "not carried over")
    return slide


def read_timelinejs(data: bytes, name: str) -> Draft:
    """TimelineJS3's JSON as a Draft: its title slide the title, each event slide an event."""
    r = JsonReader(name)
    top = r.obj(load_json(data, name), "$")
    draft = Draft(title="", ordered=False)
    state = new_state()
    if top.get("title") is not None:
        title = _slide(r, draft, top["title"], "title")
        title.type = "title"
        add_slide(draft, state, title)
    for i, value in enumerate(r.array(given(top, "events", []), "events")):
        path = f"events[{i}]"
        slide = _slide(r, draft, value, path)
        try:
            add_slide(draft, state, slide)
        except SlideError as exc:
            raise r.fail(path, str(exc)) from None
    for i, value in enumerate(r.array(given(top, "eras", []), "eras")):
        path = f"eras[{i}]"
        era = _slide(r, draft, value, path)
        try:
            add_era(draft, state, era)
        except SlideError as exc:
            raise r.fail(path, str(exc)) from None
    for key in top:
        if key not in ("title", "events", "eras"):
            draft.note(r.where(key), "not carried over")
    draft.title = draft.title or "Imported from TimelineJS"
    unknown_note(draft, state, name)
    return draft
