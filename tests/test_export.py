"""`rirtime export`: every format from a small fixture (golden), read back by the tools that read
it, hostile text made harmless, and the guards around writing files."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import DATA, assert_golden, load_valid
from rirtime.cli import app
from rirtime.formats import FORMATS, Output, offered, write_document
from rirtime.formats.content import Document
from rirtime.query import Filter, apply

ROOT = Path(__file__).parent.parent
SHOW_PATH = DATA / "valid_show.yaml"
HOSTILE_PATH = DATA / "valid_hostile.yaml"
SHOW = load_valid(str(SHOW_PATH))
HOSTILE = load_valid(str(HOSTILE_PATH))
EXPORTS = [f.name for f in offered(Output.DOCUMENT)]
TEXT_FORMATS = [f for f in EXPORTS if f != "html"]  # html has its own tests


def _doc(timeline: object = SHOW, name: str = "valid_show.yaml", **kw: Any) -> Document:
    from rirtime.model import Timeline

    assert isinstance(timeline, Timeline)
    return Document(timeline, apply(timeline, Filter()), name, {}, **kw)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_golden_export(fmt: str) -> None:
    extra = {"toc": True, "mermaid": True} if fmt == "md" else {}
    text = write_document(FORMATS[fmt], _doc(**extra))
    assert_golden(f"export/small.{fmt}", text)
    assert write_document(FORMATS[fmt], _doc(**extra)) == text  # deterministic


# -- Markdown ------------------------------------------------------------------------------------


def _markdown_tokens(text: str) -> list[object]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("gfm-like").use(footnote_plugin)
    return md.parse(text)


def _inline_texts(text: str) -> list[str]:
    """The plain text of every inline run, with markup resolved, the way a reader sees it."""
    out = []
    for token in _markdown_tokens(text):
        children = getattr(token, "children", None)
        if getattr(token, "type", "") == "inline" and children:
            out.append(
                "".join(
                    c.content for c in children if c.type in ("text", "code_inline", "softbreak")
                )
            )
    return out


@pytest.mark.parametrize("timeline", [SHOW, HOSTILE], ids=["show", "hostile"])
def test_markdown_gives_back_every_event_and_source_as_written(timeline: object) -> None:
    from rirtime.model import Timeline
    from rirtime.present.safe import visible

    assert isinstance(timeline, Timeline)
    text = write_document(FORMATS["md"], _doc(timeline, toc=True, mermaid=True))
    tokens = _markdown_tokens(text)
    texts = _inline_texts(text)
    for event in timeline.events:
        assert visible(" ".join(event.title.split())) in texts, event.id
        if event.summary:
            assert visible(" ".join(event.summary.split())) in texts, event.id
    # no raw HTML, no links but the sources' own, one footnote definition per cited source
    kinds = {getattr(t, "type", "") for t in tokens}
    assert "html_block" not in kinds
    for token in tokens:
        for child in getattr(token, "children", None) or []:
            assert child.type != "html_inline"
            if child.type == "link_open":
                href = str(child.attrGet("href"))
                assert href.startswith(("#", "http://", "https://", "mailto:")), href
    cited = {s for e in timeline.events for s in e.sources}
    definitions = [t for t in tokens if getattr(t, "type", "") == "footnote_open"]
    assert len(definitions) == len(cited)
    for source_id in cited:
        citation = visible(" ".join(timeline.sources[source_id].citation.split()))
        assert any(citation in t for t in texts), source_id


def test_markdown_headings_and_table_of_contents() -> None:
    text = write_document(FORMATS["md"], _doc(toc=True))
    assert text.startswith("# A small chronology\n")
    assert "*From valid\\_show.yaml: 9 of 9 events.*" in text
    assert "- [2015](#2015)" in text
    assert "## 2015" in text
    assert "[^n14]" in text
    assert "## Sources" in text


# -- Markdown: only the links rirtime made are links ----------------------------------------------

# Text that GitHub's autolinker (the GFM autolink extension) would make a link of, in every field.
AUTOLINKED = [
    "https://evil.example/a?b=c",
    "HTTP://EVIL.EXAMPLE",
    "ftp://evil.example/f",
    "www.evil.example",
    "(www.evil.example/x)",
    "*https://evil.example*",
    "me@evil.example",
    "first.last+tag@mail.evil.example",
    "mailto:me@evil.example",
    "xmpp:me@evil.example",
    "[https://evil.example]",
    "<https://evil.example>",
    "a`b https://evil.example/`x`",
    "see:https://evil.example",
]
OWN_LINK = "https://example.com/own"
REFUSED_URLS = ["https://evil.example/<x>", "https://evil\u200b.example/", "javascript:alert(1)"]


def _autolink_timeline(tmp_path: Path) -> object:
    text = " ; ".join(AUTOLINKED)
    q = json.dumps
    lines = [f"title: {q('Title ' + text)}", f"description: {q('Description ' + text)}"]
    lines += ["sources:", f"  own: {{citation: {q('Own ' + text)}, url: {q(OWN_LINK)}}}"]
    for i, url in enumerate(REFUSED_URLS):
        lines.append(f"  r{i}: {{citation: {q('Refused ' + text)}, url: {q(url)}}}")
    lines += [f"actors: {{a: {{name: {q('Name ' + text)}, kind: group}}}}", "events:"]
    lines += ["  - id: e", "    date: 2015", f"    title: {q('Title ' + text)}"]
    for key in ("summary", "quote", "note"):
        lines.append(f"    {key}: {q(key + ' ' + text)}")
    lines += [f"    people: [{q('Person ' + text)}]", "    actors: [a]"]
    lines.append(f"    sources: [own, {', '.join(f'r{i}' for i in range(len(REFUSED_URLS)))}]")
    path = tmp_path / "links.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_valid(path)


# The GFM autolink extension's rules (github.github.com/gfm, "Autolinks (extension)"), on the text
# a reader sees (escapes resolved, which is what GitHub's autolinker looks at for e-mail): a www.
# or http(s)/ftp link after a line start, a space or one of *_~(; an e-mail address anywhere.
_GFM_AUTOLINK = re.compile(
    r"(?:(?:^|(?<=[\s*_~(]))(?:www\.|(?:https?|ftp)://)[\w-]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    re.IGNORECASE,
)


def _autolinked_texts(markdown: str) -> list[str]:
    """Each run of text outside code and links that GitHub's autolinker would make a link of."""
    found = []
    in_link = 0
    for token in _all_children(markdown):
        kind = getattr(token, "type", "")
        in_link += {"link_open": 1, "link_close": -1}.get(kind, 0)
        if kind == "text" and not in_link:
            found += [m.group() for m in _GFM_AUTOLINK.finditer(str(getattr(token, "content", "")))]
    return found


def test_markdown_has_no_links_but_its_own(tmp_path: Path) -> None:
    from rirtime.model import Timeline
    from rirtime.present.safe import visible

    timeline = _autolink_timeline(tmp_path)
    assert isinstance(timeline, Timeline)
    out = write_document(FORMATS["md"], _doc(timeline, "links.yaml", toc=True))
    assert _autolinked_texts(out) == []
    hrefs = [
        str(t.attrGet("href"))  # type: ignore[attr-defined]
        for t in _all_children(out)
        if getattr(t, "type", "") == "link_open"
    ]
    assert [h for h in hrefs if not h.startswith("#")] == [OWN_LINK]
    # What the file says is all there, as written, to read and to copy.
    texts = _inline_texts(out)
    for written in AUTOLINKED:
        assert any(written in x for x in texts), written
    for url in REFUSED_URLS:
        assert any(visible(url) in x for x in texts), url


def test_github_itself_links_nothing_but_rirtimes_own(tmp_path: Path) -> None:
    """GitHub's own Markdown (cmark-gfm, with its autolink extension), where installed."""
    cmarkgfm = pytest.importorskip("cmarkgfm")
    import html.parser

    out = write_document(FORMATS["md"], _doc(_autolink_timeline(tmp_path), "links.yaml"))
    hrefs: list[str] = []

    class Links(html.parser.HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "a":
                hrefs.extend(v or "" for k, v in attrs if k == "href")

    Links().feed(cmarkgfm.github_flavored_markdown_to_html(out))
    assert [h for h in hrefs if not h.startswith("#")] == [OWN_LINK]


# Mermaid's syntax characters, each written as its entity code `#<decimal>;`: `:` ends a time
# period, `#` and `%%` start comments, `;` ends a statement, `<`/`>` `{`/`}` quotes, backticks and
# backslashes are markup or escapes in labels.
MERMAID_SYNTAX = ':;#%<>{}"`\\'
_ENTITY = re.compile(r"#(\d+);")


def _mermaid_lines(text: str) -> list[str]:
    assert text.count("```mermaid\n") == 1
    return text.split("```mermaid\n", 1)[1].split("\n```\n", 1)[0].splitlines()


def _mermaid_labels(lines: list[str]) -> list[str]:
    """Every piece of text from the file in a Mermaid block: title, sections, periods, events."""
    labels = []
    for line in lines[1:]:
        keyword, _, rest = line.strip().partition(" ")
        if keyword in ("title", "section", ":"):
            labels.append(rest)
        else:
            period, sep, event = line.strip().partition(" : ")
            assert sep, line
            labels += [period, event]
    return labels


def test_mermaid_block_escapes_its_syntax() -> None:
    lines = _mermaid_lines(write_document(FORMATS["md"], _doc(HOSTILE, "h.yaml", mermaid=True)))
    assert lines == [
        "timeline",
        "    title Hostile [bold]text[/bold] \u241b]0#59;pwned\u2407",
        "    2015 : 2015 \u2014 [bold]not bold[/] [link=https#58;//evil.example]x[/link] "
        "#58;smile#58; #60;script#62;alert(1)#60;/script#62;",
        "    2016 : 2016 \u2014 ESC \u241b[31mred\u241b[0m BEL \u2407 OSC "
        "\u241b]8#59;#59;https#58;//evil.example\u241b#92;link\u241b]8#59;#59;\u241b#92; end",
        "    2017 : 2017 \u2014 RLO #60;U+202E#62;desrever#60;U+202C#62; and ZWJ 👩\u200d💻 "
        "emoji 🇮🇷 and Persian ایران and Russian Россия",
        "    2018 : 2018 \u2014 =HYPERLINK(#34;https#58;//evil.example#34;,#34;x#34;)",
    ]
    for label in _mermaid_labels(lines):
        assert not set(_ENTITY.sub("", label)) & set(MERMAID_SYNTAX), label


def _with_titles(title: str, event_title: str) -> Document:
    """The small fixture with its title and its first event's title replaced: text validation
    would refuse a newline, which the exporter must still keep out of a Mermaid line."""
    from dataclasses import replace

    first, *rest = SHOW.events
    timeline = replace(SHOW, title=title, events=(replace(first, title=event_title), *rest))
    return _doc(timeline, mermaid=True)


def test_mermaid_escapes_every_character_that_would_break_its_syntax() -> None:
    lines = _mermaid_lines(
        write_document(
            FORMATS["md"],
            _with_titles(
                "Russia: Iran #1; 100%",
                "Talks: Iran #1; Russia <2> \"quoted\" 'single' {x} `y` a\\b 50%% end\nnext line",
            ),
        )
    )
    assert lines[1] == "    title Russia#58; Iran #35;1#59; 100#37;"
    assert lines[2] == (
        "    1995 : 1995 \u2014 Talks#58; Iran #35;1#59; Russia #60;2#62; #34;quoted#34; "
        "'single' #123;x#125; #96;y#96; a#92;b 50#37;#37; end next line"
    )
    assert len(lines) == 2 + 9  # timeline, title, 9 events: nothing spilled


@given(st.text(min_size=1).filter(str.strip))
@settings(max_examples=200, deadline=None)
def test_mermaid_labels_hold_no_syntax_and_decode_to_the_text(text: str) -> None:
    from rirtime.present.safe import visible

    lines = _mermaid_lines(write_document(FORMATS["md"], _with_titles(text, text)))
    shown = visible(" ".join(text.split()))
    title, event = lines[1].removeprefix("    title "), lines[2].split(" : ", 1)[1]
    for label, expected in ((title, shown), (event, f"1995 \u2014 {shown}")):
        assert not set(_ENTITY.sub("", label)) & set(MERMAID_SYNTAX + "\n\r"), label
        assert _ENTITY.sub(lambda m: chr(int(m.group(1))), label) == expected


# -- JSON ----------------------------------------------------------------------------------------


def test_json_document_matches_the_schema_and_round_trips() -> None:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "export.schema.json").read_text())
    for timeline in (SHOW, HOSTILE):
        data = json.loads(write_document(FORMATS["json"], _doc(timeline)))
        jsonschema.validate(data, schema)
        assert [e["id"] for e in data["events"]] == [e.id for e in apply(timeline, Filter())]
        for record, event in zip(data["events"], apply(timeline, Filter()), strict=True):
            assert record["title"] == event.title
            assert record["summary"] == event.summary


def test_show_json_events_match_the_schema(runner: CliRunner) -> None:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "export.schema.json").read_text())
    event_schema = {"$defs": schema["$defs"], **schema["$defs"]["event"]}
    out = runner.invoke(app, ["show", "-f", str(SHOW_PATH), "--format", "json"]).stdout
    for record in json.loads(out):
        jsonschema.validate(record, event_schema)


def test_jsonl_is_one_event_a_line() -> None:
    lines = write_document(FORMATS["jsonl"], _doc()).splitlines()
    assert len(lines) == 9
    assert json.loads(lines[0])["id"] == "agreement-1995"  # in the order the views place them


# -- CSV, ICS, TimelineJS ------------------------------------------------------------------------


def test_csv_reads_back_and_guards_formulas() -> None:
    rows = list(
        csv.DictReader(io.StringIO(write_document(FORMATS["csv"], _doc(HOSTILE)), newline=""))
    )
    formula = next(r for r in rows if r["id"] == "formula")
    assert formula["title"].startswith("'=HYPERLINK(")
    assert formula["summary"].startswith("'+1 -1 @SUM(A1)")
    assert formula["quote"].startswith("'\t")
    controls = next(r for r in rows if r["id"] == "controls")
    assert "\x1b" not in controls["title"]
    assert "\u241b[31mred" in controls["title"]
    assert "Line one\nline two" in controls["summary"]
    show = list(csv.DictReader(io.StringIO(write_document(FORMATS["csv"], _doc()), newline="")))
    veto = next(r for r in show if r["id"] == "unsc-veto-2011-10-04")
    assert veto["actors"] == "russia; un-security-council; syria"


# What starts a formula in a spreadsheet (Excel reads the fullwidth and small forms as the ASCII
# ones), and where a spreadsheet may split a cell into cells: Excel in a semicolon locale
# (Russian, German, French) at `;`, LibreOffice's import at a tab or `;` as well as `,`.
FORMULA_STARTS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b"
CELL_SPLITS = re.compile("[,;\t\r\n]")


def _csv_cells(texts: list[str]) -> list[str]:
    from rirtime.formats.content import Rows
    from rirtime.formats.tabular import csv_rows

    out = csv_rows(Rows(("text",), [{"text": t} for t in texts]))
    cells = [row[0] for row in csv.reader(io.StringIO(out, newline=""))][1:]
    quoted = "".join('"' + c.replace('"', '""') + '"\r\n' for c in cells)
    assert out == '"text"\r\n' + quoted  # every field quoted, the header's too
    return cells


def _runs_as_formula(cell: str) -> str | None:
    """The first part of `cell` that a splitting spreadsheet would run as a formula, or None."""
    for part in CELL_SPLITS.split(cell):
        stripped = part.lstrip()
        if stripped and stripped[0] in FORMULA_STARTS:
            return part
    return None


def test_csv_defuses_a_formula_after_any_separator() -> None:
    texts = [
        "Talks;=cmd|' /C calc'!A0",
        "Talks,=1+1",
        "Talks\t@SUM(A1)",
        "Talks; +1",
        "a;-2",
        "\uff1dcmd()",
        "Talks;\uff20SUM(A1)",
        "=start",
        "fine, fine; fine",
    ]
    cells = _csv_cells(texts)
    for text, cell in zip(texts, cells, strict=True):
        assert _runs_as_formula(cell) is None, (text, cell)
    assert cells[0] == "Talks;'=cmd|' /C calc'!A0"
    assert cells[-1] == "fine, fine; fine"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*FORMULA_STARTS, ",", ";", "\n", " ", "a", "'", '"'])))
def test_no_csv_cell_part_runs_as_a_formula(text: str) -> None:
    assert _runs_as_formula(_csv_cells([text])[0]) is None


def test_ics_parses_as_a_calendar() -> None:
    import icalendar

    calendar = icalendar.Calendar.from_ical(write_document(FORMATS["ics"], _doc()))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 9
    by_uid = {str(e["UID"]): e for e in events}
    veto = by_uid["unsc-veto-2011-10-04@rirtime"]
    assert str(veto["SUMMARY"]) == "Russia vetoes a UN Security Council draft resolution on Syria"
    assert veto.decoded("DTSTART").isoformat() == "2011-10-04"
    assert veto.decoded("DTEND").isoformat() == "2011-10-05"
    visit = by_uid["rouhani-visit-2017-03@rirtime"]
    assert visit.decoded("DTEND").isoformat() == "2017-03-30"
    larijani = by_uid["larijani-2015-10@rirtime"]
    assert "c. Oct 2015" in str(larijani["SUMMARY"])
    assert "approximate" in str(larijani["DESCRIPTION"])
    hostile = icalendar.Calendar.from_ical(write_document(FORMATS["ics"], _doc(HOSTILE)))
    assert len(list(hostile.walk("VEVENT"))) == 4


# (date, first day, last day) at the edges of the years 1-9999
EDGE_DATES = [
    ("0001-01-01", date(1, 1, 1), date(1, 1, 1)),
    ("0001", date(1, 1, 1), date(1, 12, 31)),
    ("0999-05-01", date(999, 5, 1), date(999, 5, 1)),
    ("0999", date(999, 1, 1), date(999, 12, 31)),
    ("09XX", date(900, 1, 1), date(999, 12, 31)),
    ("0999-12-31", date(999, 12, 31), date(999, 12, 31)),  # the day after is in 1000
    ("1000-01-01", date(1000, 1, 1), date(1000, 1, 1)),
    ("1000", date(1000, 1, 1), date(1000, 12, 31)),
    ("9999-12-30", date(9999, 12, 30), date(9999, 12, 30)),
    ("9999-12-31", date(9999, 12, 31), date(9999, 12, 31)),  # no day after: a DURATION
    ("9999", date(9999, 1, 1), date(9999, 12, 31)),
    ("9999-12/..", date(9999, 12, 1), date(9999, 12, 31)),
]


def test_ics_dates_have_eight_digits_from_year_1_to_9999(tmp_path: Path) -> None:
    import icalendar

    path = tmp_path / "edges.yaml"
    path.write_text(
        "title: Edges\nactors: {r: {name: R, kind: state}}\nevents:\n"
        + "".join(
            f'  - {{id: e{i}, date: "{text}", title: T, actors: [r]}}\n'
            for i, (text, _, _) in enumerate(EDGE_DATES)
        )
    )
    text = write_document(FORMATS["ics"], _doc(load_valid(str(path)), "edges.yaml"))
    for line in text.split("\r\n"):
        if line.startswith(("DTSTART", "DTEND")):
            assert re.fullmatch(r"DT(START|END);VALUE=DATE:[0-9]{8}", line), line
        if line.startswith("DTSTAMP"):
            assert re.fullmatch(r"DTSTAMP:[0-9]{8}T000000Z", line), line
    assert "DTSTART;VALUE=DATE:09990501\r\n" in text
    assert "DTEND;VALUE=DATE:10000101\r\n" in text  # the day after 999-12-31

    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}
    assert len(events) == len(EDGE_DATES)
    for i, (written, first, last) in enumerate(EDGE_DATES):
        event = events[f"e{i}@rirtime"]
        assert event.decoded("DTSTART") == first, written
        assert event.decoded("DTSTAMP").date() == first, written
        if last == date.max:  # DTEND would be 10000-01-01: the length says it instead
            assert "DTEND" not in event, written
            assert event.decoded("DURATION") == last - first + timedelta(days=1), written
        else:
            assert "DURATION" not in event, written
            assert event.decoded("DTEND") == last + timedelta(days=1), written


def test_ics_lines_are_folded_and_crlf() -> None:
    text = write_document(FORMATS["ics"], _doc(HOSTILE))
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_timelinejs_shape() -> None:
    data = json.loads(write_document(FORMATS["timelinejs"], _doc()))
    events = {e["unique_id"]: e for e in data["events"]}
    assert events["unsc-veto-2011-10-04"]["start_date"] == {
        "year": "2011",
        "month": "10",
        "day": "4",
    }
    assert events["agreement-1995"]["start_date"] == {"year": "1995"}
    assert events["rouhani-visit-2017-03"]["end_date"] == {
        "year": "2017",
        "month": "3",
        "day": "29",
    }
    assert events["by-2015-09"]["start_date"] == {"year": "2015", "month": "9"}
    assert events["larijani-2015-10"]["display_date"] == "c. Oct 2015"
    assert not any("group" in e for e in data["events"])  # no groups unless asked
    grouped = json.loads(write_document(FORMATS["timelinejs"], _doc(group_by="actor")))
    assert {e["unique_id"]: e["group"] for e in grouped["events"]}["larijani-2015-10"] == "Iran"
    hostile = json.loads(write_document(FORMATS["timelinejs"], _doc(HOSTILE)))
    assert "<script>" not in json.dumps(hostile)
    assert "&lt;script&gt;" in hostile["events"][0]["text"]["headline"]


def test_timelinejs_group_is_text_not_markup(tmp_path: Path) -> None:
    """TimelineJS3 strips tags from `group` with a DOM parse (which decodes entities) and sets
    what is left as innerHTML: an actor's name must reach it escaped, as a headline does."""
    path = tmp_path / "g.yaml"
    name = "&lt;img src=x onerror=alert(1)&gt; <b>x</b> \u202e"
    path.write_text(
        "title: G\n"
        f"actors: {{a: {{name: {json.dumps(name)}, kind: group}}}}\n"
        "events: [{id: e, date: 2015, title: t, actors: [a]}]\n",
        encoding="utf-8",
    )
    doc = _doc(load_valid(path), group_by="actor")
    group = json.loads(write_document(FORMATS["timelinejs"], doc))["events"][0]["group"]
    assert group == "&amp;lt;img src=x onerror=alert(1)&amp;gt; &lt;b&gt;x&lt;/b&gt; &lt;U+202E&gt;"


BROKEN_TITLE = "Line one\nline two\r\nthree\u2028four\u2029five\x85six\rseven"
ONE_LINE_TITLE = "Line one line two three four five six seven"


def test_a_title_with_line_breaks_heads_every_view_on_one_line(tmp_path: Path) -> None:
    """The timeline's title is one line wherever a view heads with it, whatever line break
    (any of YAML's: LF, CRLF, CR, NEL, LS, PS) the file put in it."""
    import icalendar

    path = tmp_path / "t.yaml"
    path.write_text(
        f"title: {json.dumps(BROKEN_TITLE)}\n"
        "actors: {a: {name: A, kind: group}}\n"
        "events: [{id: e, date: 2015, title: t, actors: [a]}]\n",
        encoding="utf-8",
    )
    doc = _doc(load_valid(path), "t.yaml")

    def write(fmt: str) -> str:
        return write_document(FORMATS[fmt], doc)

    assert write("md").splitlines()[0] == f"# {ONE_LINE_TITLE}"
    page = write("html")
    assert f"<title>{ONE_LINE_TITLE}</title>" in page
    assert f"<h1>{ONE_LINE_TITLE}</h1>" in page
    calendar = icalendar.Calendar.from_ical(write("ics"))
    assert str(calendar["X-WR-CALNAME"]) == ONE_LINE_TITLE
    assert json.loads(write("timelinejs"))["title"]["text"]["headline"] == ONE_LINE_TITLE
    assert json.loads(write("json"))["title"] == BROKEN_TITLE  # data, as written
    shown = CliRunner().invoke(app, ["show", "--format", "text", "-f", str(path)])
    assert shown.stdout.splitlines()[0] == ONE_LINE_TITLE


def test_a_century_is_shown_as_its_years_everywhere(tmp_path: Path) -> None:
    from rich.console import Console

    from rirtime.render.timeline import render_timeline

    path = tmp_path / "c.yaml"
    path.write_text(
        "title: Centuries\n"
        "actors: {r: {name: R, kind: state}}\n"
        "events:\n"
        '  - {id: first, date: "00XX", title: The first, actors: [r]}\n'
        '  - {id: now, date: "20XX~", title: Now, actors: [r]}\n'
    )
    timeline = load_valid(str(path))
    shown = {
        fmt: write_document(FORMATS[fmt], _doc(timeline, "c.yaml"))
        for fmt in ("md", "html", "timelinejs")
    }
    shown["ics"] = write_document(FORMATS["ics"], _doc(timeline, "c.yaml")).replace(
        "\r\n ", ""
    )  # unfolded
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(
        render_timeline(timeline, apply(timeline, Filter()), 2, True)
    )
    shown["text"] = out.getvalue()
    for fmt, text in shown.items():
        assert "century" not in text, fmt
        assert "c. 2000\u20132099" in text, fmt
        if fmt != "ics":  # iCalendar shows the date only when it is approximate or uncertain
            assert "1\u201399" in text, fmt
    events = json.loads(shown["timelinejs"])["events"]
    assert [e["display_date"] for e in events] == ["1\u201399", "c. 2000\u20132099"]


# -- the command and its write guards ------------------------------------------------------------


def _export(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", *args, "-f", str(SHOW_PATH)])
    return result.exit_code, result.stdout, result.stderr


def test_export_to_stdout_with_filters(runner: CliRunner) -> None:
    code, out, err = _export(runner, "jsonl", "-a", "iran")
    assert code == 0
    assert err == ""
    assert len(out.splitlines()) == 4
    code, out, _ = _export(runner, "json", "-a", "iran", "--from", "2015")
    assert json.loads(out)["filters"] == {"actors": ["iran"], "from": "2015-01-01"}


def test_export_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "chronology.md"
    code, out, err = _export(runner, "-o", str(target))
    assert code == 0
    assert out == ""
    assert "wrote" in err
    assert "9 events" in err
    assert target.read_text().startswith("# A small chronology")
    assert [p.name for p in tmp_path.iterdir()] == ["chronology.md"]


def test_existing_file_needs_force_and_keeps_its_mode(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("precious")
    target.chmod(0o640)
    code, _, err = _export(runner, "-o", str(target))
    assert code == 1
    assert "--force" in err
    assert target.read_text() == "precious"
    code, _, _ = _export(runner, "-o", str(target), "--force")
    assert code == 0
    assert target.read_text().startswith('"id","date"')
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symlink_is_followed_not_replaced(runner: CliRunner, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert _export(runner, "-o", str(link), "--force")[0] == 0
    assert link.is_symlink()
    assert json.loads(real.read_text())["title"] == "A small chronology"


OTHER_USER = 54321  # no one on this machine: the owner of a link another user planted


def _sticky_folder(tmp_path: Path) -> Path:
    """A folder like /tmp: world-writable, sticky, owned by root."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    return shared


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can plant a link of another user's")
@pytest.mark.parametrize("through", ["link", "folder"])
def test_a_link_another_user_planted_in_a_sticky_folder_is_not_followed(
    tmp_path: Path, through: str
) -> None:
    """As the kernel's protected_symlinks: in a sticky world-writable folder, a link that is
    neither this user's nor the folder owner's is not followed, so root exporting to
    /tmp/report.md never replaces the file another user's link points at."""
    shared = _sticky_folder(tmp_path)
    victim_folder = tmp_path / "private"
    victim_folder.mkdir()
    victim = victim_folder / "report.md"
    victim.write_text("root's own file")
    if through == "link":
        planted, target = shared / "report.md", shared / "report.md"
        planted.symlink_to(victim)
    else:
        planted, target = shared / "reports", shared / "reports" / "report.md"
        planted.symlink_to(victim_folder)
    os.lchown(planted, OTHER_USER, OTHER_USER)
    result = CliRunner().invoke(
        app, ["export", "md", "-f", str(SHOW_PATH), "-o", str(target), "--force"]
    )
    assert result.exit_code == 1, result.stderr
    assert "not followed" in result.stderr
    assert "protected_symlinks" in result.stderr
    assert victim.read_text() == "root's own file"
    assert sorted(p.name for p in victim_folder.iterdir()) == ["report.md"]
    assert planted.is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a link to another user")
def test_a_link_of_ones_own_in_a_sticky_folder_is_followed(tmp_path: Path) -> None:
    shared = _sticky_folder(tmp_path)
    real = tmp_path / "real.md"
    real.write_text("old")
    (shared / "mine.md").symlink_to(real)  # root's, as the folder is
    args = ["export", "md", "-f", str(SHOW_PATH), "-o", str(shared / "mine.md"), "--force"]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert real.read_text().startswith("# A small chronology")
    # Not sticky: another user's link is followed as before (the folder's owner chose it).
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "theirs.md").symlink_to(real)
    os.lchown(plain / "theirs.md", OTHER_USER, OTHER_USER)
    args[-2] = str(plain / "theirs.md")
    assert CliRunner().invoke(app, args).exit_code == 0


def test_never_writes_over_the_timeline(runner: CliRunner, tmp_path: Path) -> None:
    timeline = tmp_path / "t.yaml"
    timeline.write_bytes(SHOW_PATH.read_bytes())
    before = timeline.read_bytes()
    for extra in ([], ["--force"]):
        result = runner.invoke(
            app, ["export", "md", "-f", str(timeline), "-o", str(timeline), *extra]
        )
        assert result.exit_code == 1
        assert "timeline file that was read" in result.stderr
    link = tmp_path / "other.md"
    link.symlink_to(timeline)
    result = runner.invoke(app, ["export", "md", "-f", str(timeline), "-o", str(link), "--force"])
    assert result.exit_code == 1
    assert "timeline file that was read" in result.stderr
    assert timeline.read_bytes() == before


def test_format_from_the_extension_or_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    assert _export(runner, "-o", str(tmp_path / "a.ics"))[0] == 0
    assert (tmp_path / "a.ics").read_text().startswith("BEGIN:VCALENDAR")
    code, _, err = _export(runner, "-o", str(tmp_path / "a.txt"))
    assert code == 2
    assert "name a FORMAT" in err
    code, _, err = _export(runner)
    assert code == 2
    assert "name a FORMAT" in err
    code, _, err = _export(runner, "pdf")
    assert code == 2
    assert "invalid value" in err
    code, out, _ = _export(runner, "csv", "-o", "-")
    assert code == 0
    assert out.startswith('"id","date"')


def test_failed_write_leaves_nothing_behind(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("original")

    def broken_replace(_src: str, _dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    code, _, err = _export(runner, "-o", str(target), "--force")
    assert code == 1
    assert "No space left on device" in err
    assert target.read_text() == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_missing_folder_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = _export(runner, "-o", str(tmp_path / "nope" / "x.md"))
    assert code == 1
    assert "no such folder" in err


def test_invalid_timeline_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    result = runner.invoke(
        app, ["export", "md", "-f", str(DATA / "references.yaml"), "-o", str(target)]
    )
    assert result.exit_code == 1
    assert not target.exists()
    assert "references.yaml:16:22: error: 'rusia' is not an actor" in result.stderr


HOSTILE_TITLES = [
    "[x](javascript:alert(1))",
    "| a | b |",
    "<script>alert(1)</script>",
    "=cmd()",
    "# not a heading",
    "- not a list",
    "`code` *em* _em_ \\ back",
]


@pytest.mark.parametrize("fmt", sorted(EXPORTS))
def test_hostile_titles_in_every_format(  # noqa: C901 - one check a format, side by side
    fmt: str, tmp_path: Path
) -> None:
    import html.parser

    lines = ["title: Hostile", "actors: {a: {name: A, kind: group}}", "events:"]
    for i, title in enumerate(HOSTILE_TITLES):
        lines += [f"  - id: e{i}", f"    date: {2000 + i}", f"    title: {json.dumps(title)}"]
        lines += ["    actors: [a]", '    summary: "line one\\nline two"']
    path = tmp_path / "h.yaml"
    path.write_text("\n".join(lines) + "\n")
    timeline = load_valid(str(path))
    out = write_document(FORMATS[fmt], Document(timeline, apply(timeline, Filter()), "h.yaml", {}))
    if fmt == "md":
        texts = _inline_texts(out)
        for title in HOSTILE_TITLES:
            assert title in texts
        assert all(t.type != "link_open" for t in _all_children(out))
        assert "<script>" not in out
    elif fmt == "html":
        starts: list[str] = []

        class Tags(html.parser.HTMLParser):
            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                starts.append(tag)
                for name, value in attrs:
                    assert not name.startswith("on")
                    if name == "href":
                        assert (value or "").startswith(("#", "http://", "https://", "mailto:"))

        Tags().feed(out)
        assert "script" not in starts
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert rows[3]["title"] == "'=cmd()"
        assert rows[0]["summary"] == "line one\nline two"
    elif fmt == "json":
        assert [e["title"] for e in json.loads(out)["events"]] == HOSTILE_TITLES
    elif fmt == "timelinejs":
        import html

        headlines = [e["text"]["headline"] for e in json.loads(out)["events"]]
        assert "<script>" not in "".join(headlines)  # HTML-escaped: TimelineJS reads it as HTML
        assert [html.unescape(h) for h in headlines] == HOSTILE_TITLES
    elif fmt == "jsonl":
        assert [json.loads(line)["title"] for line in out.splitlines()] == HOSTILE_TITLES
    elif fmt == "ics":
        import icalendar

        cal = icalendar.Calendar.from_ical(out)
        assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == HOSTILE_TITLES


def _all_children(text: str) -> list[object]:
    out: list[object] = []
    for token in _markdown_tokens(text):
        out += list(getattr(token, "children", None) or [])
    return out


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://a\u202eb.example",
        "https://a b",
        "https://a\x1b[31m",
        "data:x",
    ],
)
def test_no_format_links_a_url_that_is_not_plainly_http(url: str) -> None:
    from rirtime.formats.html import safe_url as html_link
    from rirtime.formats.markdown import safe_url as markdown_link

    assert markdown_link(url) is None
    assert not html_link(url)


def test_timelinejs_keeps_a_summarys_line_breaks_and_marks_what_it_adds(tmp_path: Path) -> None:
    """A summary's line break is a `<br>` and a blank line a new paragraph (it used to show as a
    `␊` stand-in); the actors' and sources' paragraphs are marked, so that `import timelinejs`
    gives each event its actors back, whether or not it cites a source."""
    path = tmp_path / "t.yaml"
    path.write_text(
        "title: T\nactors:\n  russia: {name: Russia, kind: state}\n"
        "  iran: {name: Iran, kind: state}\nevents:\n"
        "  - id: strikes\n    date: '2015-10'\n    title: Strikes\n    actors: [russia, iran]\n"
        "    summary: |-\n      Aircraft strike near Homs.\n      First strikes.\n\n"
        "      Later more.\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "rirtime", "export", "timelinejs", "-f", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    (slide,) = json.loads(run.stdout)["events"]
    text = slide["text"]["text"]
    assert text.startswith("<p>Aircraft strike near Homs.<br>First strikes.</p><p>Later more.</p>")
    assert "\u240a" not in text
    assert '<p class="rirtime-actors"><span>Russia</span>, <span>Iran</span></p>' in text
    back = subprocess.run(
        [sys.executable, "-m", "rirtime", "import", "timelinejs", "-"],
        input=run.stdout,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert back.returncode == 0, back.stderr
    made = yaml.safe_load(back.stdout)
    (event,) = made["events"]
    assert [made["actors"][a]["name"] for a in event["actors"]] == ["Russia", "Iran"]
    assert "Russia" not in event.get("summary", "")


@pytest.mark.parametrize("fmt", ["html", "svg", "json"])
def test_markdowns_own_options_say_they_do_nothing_elsewhere(fmt: str) -> None:
    """--toc and --mermaid change only Markdown: elsewhere they are said to be ignored, as
    --bom, --group-by and --by are (they were ignored without a word)."""
    result = CliRunner().invoke(app, ["export", fmt, "--toc", "--mermaid"])
    assert result.exit_code == 0, result.stderr
    assert f"--toc or --mermaid changes only the md export; {fmt} ignores it" in result.stderr


def test_an_empty_output_name_is_a_usage_error() -> None:
    """`-o ''` said ": is a directory"."""
    result = CliRunner().invoke(app, ["export", "md", "-o", ""])
    assert result.exit_code == 2
    assert "-o is empty" in result.stderr
