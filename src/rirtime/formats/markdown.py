"""The chronology as a Markdown document for reports and wikis, one that renders on GitHub."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rirtime.formats.content import Document
from rirtime.formats.prose import cited_sources, filter_phrases
from rirtime.model import Alternative, Event, Timeline
from rirtime.present.safe import is_link, visible
from rirtime.query import year_label

__all__ = ["escape", "safe_url", "slug", "to_markdown"]

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
    r"(?:(?:https?|ftp)://|www\.|(?:mailto|xmpp):|[\w.+-]+@[\w-]*\.)\S*", re.IGNORECASE
)
_BACKTICKS = re.compile("`+")


def _code(text: str) -> str:
    """`text` as a code span, whatever backticks it holds (CommonMark: a longer fence, and a
    space inside each end when the text itself starts or ends with a backtick)."""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def escape(text: str) -> str:
    """Text from the file as literal Markdown: one line, no markup, no HTML, no control codes,
    and no link (what an autolinker would link is code)."""
    one_line = visible(" ".join(text.split()))
    parts = []
    done = 0
    for m in _AUTOLINKABLE.finditer(one_line):
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


def _mermaid(doc: Document) -> list[str]:
    lines = ["```mermaid", "timeline", f"    title {_mermaid_text(doc.timeline.title)}"]
    label = None
    for event in doc.events:
        if year_label(event) != label:
            label = year_label(event)
            lines.append(f"    section {_mermaid_text(label)}")
        when = event.date.display() if event.date else ""
        lines.append(f"        {_mermaid_text(when)} : {_mermaid_text(event.title)}")
    lines.append("```")
    return lines


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


def to_markdown(doc: Document) -> str:
    """A title, what it holds, a section a year with each event, then every cited source once."""
    lines = _heading(doc)
    if doc.toc:
        lines += _contents(doc)
    if doc.mermaid and doc.events:
        lines += [*_mermaid(doc), ""]

    label = None
    for event in doc.events:
        if year_label(event) != label:
            label = year_label(event)
            lines += [f"## {escape(label)}", ""]
        lines += _event(doc, event)
    if not doc.events:
        lines += ["No events match.", ""]
    cited = cited_sources(doc.timeline, doc.events)  # n1, n2, ..., n10: as a reader looks
    if cited:
        lines += _sources(doc.timeline, cited)
    return "\n".join(lines).rstrip("\n") + "\n"
