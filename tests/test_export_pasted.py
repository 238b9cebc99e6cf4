"""The exports people paste into reports, wikis, web pages and spreadsheets: sources in the order a
reader looks them up and named in their own footnotes, a Mermaid diagram that fits a page,
TimelineJS without a wall of groups, CSV that Excel reads as UTF-8, headers that read right."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import counting
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import load_valid
from rirtime.cli import app
from rirtime.files import default_path
from rirtime.formats import FORMATS, write_document
from rirtime.formats.content import Document
from rirtime.formats.markdown import MERMAID_EVENTS, MERMAID_PERIODS
from rirtime.formats.timelinejs import GROUPS
from rirtime.model import Timeline
from rirtime.query import Filter, apply

BUNDLED = load_valid(default_path())

# Sources listed out of order (n10 first, the article second) and cited out of order; n9 is cited
# only by an alternative date.
SOURCES = """\
title: Sources in order
sources:
  n10: {citation: "Tenth note"}
  article: {citation: "The article, Insight Turkey, 2017", published: "2017"}
  n2: {citation: "Second note, Mehr, (December 5, 2015).", published: "2015-12-05"}
  n1: {citation: "First note (March 25, 2014), retrieved June 18, 2016", published: "2014-03-25"}
  book: {citation: "A book"}
  n9: {citation: "Ninth note (May-August 2015).", published: "2015-05/2015-08"}
actors:
  a: {name: A, kind: group}
events:
  - id: first
    date: 2014-03
    title: First
    actors: [a]
    sources: [n1, book]
  - id: second
    date: 2015
    title: Second
    actors: [a]
    sources: [n10, n2, article]
    alternatives:
      - {date: "2015-06", sources: [n9], note: "per the ninth note"}
"""
NATURAL = ["article", "book", "n1", "n2", "n9", "n10"]


def _timeline(tmp_path: Path, text: str = SOURCES, name: str = "t.yaml") -> Timeline:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_valid(path)


def _doc(timeline: Timeline, **kw: Any) -> Document:
    return Document(timeline, apply(timeline, Filter()), "t.yaml", {}, **kw)


def _write(fmt: str, doc: Document) -> str:
    return write_document(FORMATS[fmt], doc)


# -- sources: natural order, named in their footnotes --------------------------------------------


def test_markdown_lists_sources_in_natural_order_each_named_by_its_id(tmp_path: Path) -> None:
    out = _write("md", _doc(_timeline(tmp_path)))
    definitions = re.findall(r"^\[\^([^\]]+)\]: (.*)$", out, re.M)
    assert [label for label, _ in definitions] == NATURAL
    for label, text in definitions:
        assert text.startswith(f"{label} \u2014 "), text  # the id in the note's own text
    assert "[^n2]: n2 \u2014 Second note, Mehr, (December 5, 2015)." in out
    assert "*Also dated Jun 2015*[^n9]: per the ninth note" in out  # cited by an alternative


def test_footnote_ids_survive_a_renderer_that_renumbers_them(tmp_path: Path) -> None:
    """GitHub (and markdown-it's footnote plugin) shows `[^n9]` as 1, 2, ... in the order of
    first reference: what tells a reader which endnote it is must be in the note's text."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    rendered = (
        MarkdownIt("gfm-like").use(footnote_plugin).render(_write("md", _doc(_timeline(tmp_path))))
    )
    items = re.findall(r'<li id="fn(\d+)" class="footnote-item"><p>(\S+) \u2014 ', rendered)
    assert [n for n, _ in items] == [str(i) for i in range(1, len(NATURAL) + 1)]  # renumbered
    assert sorted(label for _, label in items) == sorted(NATURAL)  # and each still says its id


def test_html_lists_sources_in_natural_order(tmp_path: Path) -> None:
    out = _write("html", _doc(_timeline(tmp_path)))
    assert re.findall(r'<li id="source-([^"]+)">', out) == NATURAL
    assert '<a href="#source-n9">[n9]</a>' in out  # the alternative's citation links to it


def test_the_bundled_chronology_lists_its_endnotes_by_number() -> None:
    numbers = [int(s[1:]) for s in BUNDLED.sources if s.startswith("n")]
    expected = ["article"] + [f"n{n}" for n in sorted(numbers)]
    md = _write("md", _doc(BUNDLED))
    assert re.findall(r"^\[\^([^\]]+)\]: ", md, re.M) == expected
    html = _write("html", _doc(BUNDLED))
    assert re.findall(r'<li id="source-([^"]+)">', html) == expected
    assert "2017 (2017)" not in html  # a date is said once


# -- the published date, said once ---------------------------------------------------------------

PUBLISHED = [
    # citation, published, whether the page adds "(the date)"
    ("The article, Insight Turkey, 2017", "2017", None),
    ("Mehr, (December 5, 2015)", "2015-12-05", None),
    ("Mehr, (December 5, 2015).", "2015-12-05", None),
    ("Mehr, 5 Dec. 2015", "2015-12-05", None),
    ("Mehr, 2015-12-05", "2015-12-05", None),
    ("Chatham House, Sept. 28th, 2015", "2015-09-28", None),
    ("Report, July 2015", "2015-07", None),
    ("Interviews (May-August 2015).", "2015-05/2015-08", None),
    ("Interviews (July 1, 2014 and May 17, 2015).", "2014-07-01/2015-05-17", None),
    ("NBC News, (July 16, 2015), retrieved June 18, 2016.", "2015-07-16", "16 Jul 2015"),
    (
        "Interviews (December 25, 2011) and London (June-July 2015).",  # both, not as one span
        "2011-12-25/2015-07",
        "25 Dec 2011 \u2013 Jul 2015",
    ),
    ("A report of 12017", "2017", "2017"),
    ("The article, 2017", "2017~", "c. 2017"),  # the qualifier is news
    ("Spring issue, 2017", "2017-21", "spring 2017"),
    ("Tenth note", "2015-10-13", "13 Oct 2015"),
]


@pytest.mark.parametrize(("citation", "published", "added"), PUBLISHED)
def test_html_adds_the_published_date_only_when_the_citation_does_not_end_with_it(
    tmp_path: Path, citation: str, published: str, added: str | None
) -> None:
    text = (
        "title: P\n"
        f"sources:\n  s: {{citation: {json.dumps(citation)}, published: {json.dumps(published)}}}\n"
        "actors: {a: {name: A, kind: group}}\n"
        "events: [{id: e, date: '2010', title: E, actors: [a], sources: [s]}]\n"
    )
    out = _write("html", _doc(_timeline(tmp_path, text)))
    (item,) = re.findall(r'<li id="source-s">(.*)</li>', out)
    shown = re.sub(r"<[^>]+>", "", item)
    from html import unescape

    expected = f"[s] {citation}" + (f" ({added})" if added else "")
    assert unescape(shown) == expected


# -- what the heading says of the filters --------------------------------------------------------


def test_one_value_is_said_in_the_singular_and_a_flag_by_its_name() -> None:
    timeline = BUNDLED
    events = apply(timeline, Filter(actors=("iran",)))
    one = Document(timeline, events, "t.yaml", {"actors": ["iran"], "people": ["Putin"]})
    assert "filtered by actor iran; person Putin.*" in _write("md", one)
    html = _write("html", one)
    assert (
        '<span class="filter">actor: iran</span>; <span class="filter">person: Putin</span>' in html
    )
    two = Document(timeline, events, "t.yaml", {"actors": ["iran", "russia"], "all": True})
    assert "filtered by actors iran, russia; all.*" in _write("md", two)
    assert '<span class="filter">actors: iran, russia</span>; <span class="filter">all</span>' in (
        _write("html", two)
    )


def test_the_command_line_filters_read_right(runner: CliRunner) -> None:
    out = runner.invoke(app, ["export", "md", "-a", "iran", "-t", "nuclear", "--reverse"]).stdout
    assert "filtered by actor iran; tag nuclear; reverse.*" in out
    assert "actors iran" not in out


# -- Mermaid: a diagram that fits a page ---------------------------------------------------------


def _mermaid(markdown: str) -> tuple[list[tuple[str, list[str]]], str]:
    """The diagram's columns (each period with its boxes) and what the document says under it."""
    block, after = markdown.split("```mermaid\n", 1)[1].split("\n```\n", 1)
    columns: list[tuple[str, list[str]]] = []
    for line in block.splitlines()[2:]:  # after `timeline` and the title
        if line.startswith("        : "):
            columns[-1][1].append(line.removeprefix("        : "))
        else:
            period, sep, box = line.strip().partition(" : ")
            assert sep, line
            columns.append((period, [box]))
    return columns, after.split("\n\n", 1)[0].strip()


def _more(boxes: list[str]) -> int:
    found = re.fullmatch(r"and (\d+) more", boxes[-1])
    return int(found.group(1)) if found else 0


# Mermaid's timeline draws each period as a column 200 px wide after a 100 px margin, its arrow
# and padding some 290 px more, and scales the whole down to the page's width.
def _width(columns: int) -> int:
    return 100 + 200 * columns + 290


def test_the_bundled_chronology_makes_a_diagram_that_fits_a_page() -> None:
    """Before: one column an event, 81 columns, 16,590 px wide (Mermaid 11 measured it), so
    that a 1000 px page showed its text at a sixteenth of its size."""
    columns, note = _mermaid(_write("md", _doc(BUNDLED, mermaid=True)))
    assert 2 <= len(columns) <= MERMAID_PERIODS <= 8
    assert 1000 / _width(len(columns)) >= 0.6  # at 1000 px, text at 60% of its size or more
    for period, boxes in columns:
        assert len(boxes) <= MERMAID_EVENTS <= 5, period
    assert sum(len(b) - bool(_more(b)) + _more(b) for _, b in columns) == len(BUNDLED.events)
    assert [p for p, _ in columns][-2:] == ["2015", "2016\u20132017"]  # the busiest year alone
    assert dict((p, _more(b)) for p, b in columns)["2015"] > 0  # and says how many more
    shown = sum(len(b) - bool(_more(b)) for _, b in columns)
    assert note == (
        f"*The diagram shows {shown} of the {len(BUNDLED.events)} events: its 14 years are "
        "grouped into 6 periods, and a period of more than 5 events shows 4 of them, spread "
        "across it, and how many more. Every event is listed below.*"
    )


def _years_doc(counts: list[int], start: int = 1990) -> Document:
    """A chronology of `counts[i]` events in year start+i (none where 0)."""
    events = []
    for offset, n in enumerate(counts):
        for _ in range(n):
            date = str(start + offset)
            events.append(counting.event(len(events), ("a",), date=date))
    timeline = counting.timeline({"a": counting.actor("a", None)}, tuple(events))
    return Document(timeline, events, "t.yaml", {}, mermaid=True)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=40))
def test_any_chronology_makes_a_bounded_diagram_that_counts_every_event(counts: list[int]) -> None:
    if not any(counts):
        counts = [*counts, 1]
    markdown = _write("md", _years_doc(counts))
    columns, note = _mermaid(markdown)
    years = sum(1 for n in counts if n)
    assert len(columns) == min(years, MERMAID_PERIODS)
    assert all(1 <= len(boxes) <= MERMAID_EVENTS for _, boxes in columns)
    assert sum(len(b) - bool(_more(b)) + _more(b) for _, b in columns) == sum(counts)
    # the columns run in order and cover the years that have events, each once
    spans = [tuple(map(int, p.split("\u2013"))) for p, _ in columns]
    covered = [y for a, *b in spans for y in range(a, (b[0] if b else a) + 1)]
    assert covered == sorted(covered)
    assert {1990 + i for i, n in enumerate(counts) if n} <= set(covered)
    if len(columns) == years and all(not _more(b) for _, b in columns):
        assert not note.startswith("*The diagram shows")  # nothing left out, nothing said
    else:
        assert note.startswith("*The diagram shows")


def test_a_period_shows_its_first_and_last_events_and_some_between() -> None:
    columns, _ = _mermaid(_write("md", _years_doc([9])))
    ((period, boxes),) = columns
    assert period == "1990"
    assert len(boxes) == MERMAID_EVENTS
    assert boxes[-1] == "and 5 more"


def test_grouping_is_n_log_n_in_the_years(monkeypatch: pytest.MonkeyPatch) -> None:
    """Joining periods takes a few heap operations a join, not a rescan of every pair."""
    import heapq

    from rirtime.formats import markdown

    steps = {"n": 0}
    push, pop = heapq.heappush, heapq.heappop

    def counted_push(heap: list[Any], item: Any) -> None:
        steps["n"] += 1
        push(heap, item)

    def counted_pop(heap: list[Any]) -> Any:
        steps["n"] += 1
        return pop(heap)

    monkeypatch.setattr(markdown.heapq, "heappush", counted_push)
    monkeypatch.setattr(markdown.heapq, "heappop", counted_pop)
    years = 8000  # 1990..9989, one event each
    columns, _ = _mermaid(_write("md", _years_doc([1] * years)))
    assert len(columns) == MERMAID_PERIODS
    assert steps["n"] <= 6 * years  # a pop and two pushes a join, and the stale entries popped


def test_open_start_stands_alone() -> None:
    """An open start (`../1989`, "until 1989") has no year to join: it keeps its own column."""
    doc = _years_doc([1] * 10)
    first = counting.event(100, ("a",), event_id="open", date="../1989")
    events = [first, *doc.events]
    timeline = doc.timeline.__class__(
        "t.yaml", "t", None, doc.timeline.sources, doc.timeline.actors, tuple(events)
    )
    columns, _ = _mermaid(_write("md", Document(timeline, events, "t.yaml", {}, mermaid=True)))
    assert columns[0][0] == "Open start"
    assert len(columns) == MERMAID_PERIODS


# -- TimelineJS: groups only when asked, and few -------------------------------------------------


def _groups(text: str) -> list[str | None]:
    return [e.get("group") for e in json.loads(text)["events"]]


def test_timelinejs_has_no_groups_by_default() -> None:
    assert set(_groups(_write("timelinejs", _doc(BUNDLED)))) == {None}


@pytest.mark.parametrize("by", ["actor", "tag"])
def test_timelinejs_groups_by_the_largest_few_and_the_rest_as_other(by: str) -> None:
    groups = _groups(_write("timelinejs", _doc(BUNDLED, group_by=by)))
    assert None not in groups
    assert len(set(groups)) == GROUPS <= 6  # the bundled chronology has more than that
    other = f"Other {by}s"
    assert other in groups
    firsts = [
        (BUNDLED.actors[e.actors[0]].name if by == "actor" else e.tags[0])
        for e in apply(BUNDLED, Filter())
    ]
    counts = {name: firsts.count(name) for name in firsts}
    kept = set(groups) - {other}
    assert all(counts[k] >= counts[f] for k in kept for f in set(firsts) - kept)
    for group, first in zip(groups, firsts, strict=True):
        assert group == (first if first in kept else other)
    if by == "actor":
        assert {"Russia", "Iran", "United States"} <= kept


def test_few_groups_are_all_kept_and_an_event_without_one_is_other(tmp_path: Path) -> None:
    timeline = _timeline(
        tmp_path, SOURCES.replace("title: First\n", "title: First\n    tags: [x]\n")
    )
    assert _groups(_write("timelinejs", _doc(timeline, group_by="actor"))) == ["A", "A"]
    assert _groups(_write("timelinejs", _doc(timeline, group_by="tag"))) == ["x", "Other tags"]


def test_timelinejs_group_by_on_the_command_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "timelinejs", "--group-by", "tag"])
    assert result.exit_code == 0, result.stderr
    assert "Other tags" in _groups(result.stdout)
    result = runner.invoke(app, ["export", "md", "--group-by", "actor"])
    assert result.exit_code == 0
    assert (
        result.stderr == "rirtime: --group-by changes only the timelinejs export; md ignores it\n"
    )
    bad = runner.invoke(app, ["export", "timelinejs", "--group-by", "year"])
    assert bad.exit_code == 2


def test_every_field_timelinejs_shows_is_escaped(tmp_path: Path) -> None:
    """TimelineJS3 sets headline, text, display_date and group as HTML: nothing from the file
    may arrive as markup, grouped or not."""
    name = "<b>x</b> & <img src=x onerror=alert(1)>"
    text = (
        f"title: {json.dumps(name)}\n"
        f"description: {json.dumps(name)}\n"
        f"sources: {{s: {{citation: {json.dumps(name)}}}}}\n"
        f"actors: {{a: {{name: {json.dumps(name)}, kind: group}}}}\n"
        f"events: [{{id: e, date: 2015, title: {json.dumps(name)}, summary: {json.dumps(name)},"
        " actors: [a], sources: [s]}]\n"
    )
    timeline = _timeline(tmp_path, text)
    for by in (None, "actor", "tag"):
        data = json.loads(_write("timelinejs", _doc(timeline, group_by=by)))
        strings: list[str] = []

        def walk(value: object, into: list[str] = strings) -> None:
            if isinstance(value, dict):
                for v in value.values():
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)
            elif isinstance(value, str):
                into.append(value)

        walk(data)
        assert all("<b>" not in s and "<img" not in s and " & " not in s for s in strings)
        assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;img" in data["title"]["text"]["headline"]


# -- CSV with a byte order mark, for Excel -------------------------------------------------------

CSV_FILE = SOURCES.replace("title: First", "title: Erdoğan and Россия")


def _process(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "line",
    [["export", "csv", "-f", "t.yaml"], ["show", "-f", "t.yaml", "--format", "csv"]],
    ids=["export", "show"],
)
def test_bom_starts_the_csv_with_utf8s_byte_order_mark(tmp_path: Path, line: list[str]) -> None:
    (tmp_path / "t.yaml").write_text(CSV_FILE, encoding="utf-8")
    plain = _process(tmp_path, *line)
    marked = _process(tmp_path, *line, "--bom")
    assert plain.returncode == marked.returncode == 0, marked.stderr
    assert marked.stderr == b""
    assert not plain.stdout.startswith(b"\xef\xbb\xbf")
    assert marked.stdout == b"\xef\xbb\xbf" + plain.stdout  # the mark, and nothing else changes
    rows = list(csv.DictReader(io.StringIO(marked.stdout.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == ["first", "second"]  # the header's first name is "id"
    assert rows[0]["title"] == "Erdoğan and Россия"


def test_bom_in_a_file_and_only_for_csv(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(CSV_FILE, encoding="utf-8")
    done = _process(tmp_path, "export", "-f", "t.yaml", "-o", "out.csv", "--bom")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.csv").read_bytes().startswith(b'\xef\xbb\xbf"id","date"')
    md = _process(tmp_path, "export", "md", "-f", "t.yaml", "--bom")
    assert md.returncode == 0
    assert not md.stdout.startswith(b"\xef\xbb\xbf")
    assert md.stderr == b"rirtime: --bom changes only the csv export; md ignores it\n"
    shown = _process(tmp_path, "show", "-f", "t.yaml", "--format", "json", "--bom")
    assert json.loads(shown.stdout)[0]["id"] == "first"
    assert shown.stderr == b"rirtime: --bom changes only --format csv; json ignores it\n"
