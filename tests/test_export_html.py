"""The HTML page: a golden file, hostile text kept as text, no network, a real browser's view."""

from __future__ import annotations

import re
import subprocess
import tempfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import DATA, assert_golden, chromium_or_skip, load_valid
from rirtime.formats.content import Document
from rirtime.formats.html import CSP, safe_url, to_html
from rirtime.model import Timeline
from rirtime.query import Filter, apply

ROOT = Path(__file__).parent.parent
SHOW = load_valid(str(DATA / "valid_show.yaml"))
HOSTILE = load_valid(str(DATA / "valid_hostile.yaml"))

# Every attribute the exporter writes; anything else would have come from the file.
ALLOWED_ATTRS = {
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "class",
    "id",
    "style",
    "title",
    "href",
    "rel",
    "datetime",
    "aria-label",
    "aria-labelledby",
    "aria-hidden",  # a period's bands: the key under the title says what they are
}
# The only inline styles: an event's dot colour, an actor chip's colours, a period's band.
STYLE = re.compile(
    r"--dot:#[0-9a-f]{6}|background:#[0-9a-f]{6};color:#(?:000000|ffffff)"
    r"|--k:[0-5];--band:#[0-9a-f]{6};--ink:(?:solid|dashed|dotted|double)"  # a period's band
)
# What `visible` must have replaced: C0 but newline, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _doc(timeline: Timeline, name: str, **filters: object) -> Document:
    return Document(timeline, apply(timeline, Filter()), name, filters)


class Page(HTMLParser):
    """The parsed page: every start tag with its attributes, and the text between tags."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    @property
    def text(self) -> str:
        return "".join(self.data)

    def attrs(self, name: str) -> list[str]:
        return [a[name] or "" for _, a in self.tags if name in a]


# -- the page itself -----------------------------------------------------------------------------


def test_small_page_golden() -> None:
    assert_golden("export/html-small.html", to_html(_doc(SHOW, "valid_show.yaml")))


def test_the_page_is_deterministic_and_has_its_head() -> None:
    text = to_html(_doc(SHOW, "valid_show.yaml"))
    assert text == to_html(_doc(SHOW, "valid_show.yaml"))
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    page = Page(text)
    metas = [a for tag, a in page.tags if tag == "meta"]
    assert {"charset": "utf-8"} in metas
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert "<title>A small chronology</title>" in text


def test_every_event_is_an_element_with_its_id_in_order() -> None:
    doc = _doc(SHOW, "valid_show.yaml")
    page = Page(to_html(doc))
    ids = [a["id"] for tag, a in page.tags if "event" in (a.get("class") or "").split()]
    assert ids == [f"event-{e.id}" for e in doc.events]
    assert len(ids) == 9


def test_years_dates_actors_and_footnotes() -> None:
    text = to_html(_doc(SHOW, "valid_show.yaml"))
    assert "Start unknown" not in text  # "by Sep 2015" is placed in 2015
    assert "<h2>2015</h2>" in text
    assert "<h2>2017</h2>" in text
    assert '<time datetime="2011-10-04">4 Oct 2011</time>' in text
    assert '<time datetime="2015-07">Jul 2015</time>' in text
    assert '<time datetime="2017-03-27">27\u201329 Mar 2017</time>' in text
    # An unknown start has no machine date.
    assert '<div class="when">by Sep 2015</div>' in text
    # Actors by their registry name, in their terminal colour, the id on hover.
    assert 'title="un-security-council">UN Security Council</span>' in text
    from rirtime.present.colors import palette_of

    assert f"background:{palette_of(SHOW)['iran']};" in text
    # Footnotes: each cited source once, in order of first citation, with its anchor.
    page = Page(text)
    footnotes = [a["id"] for _, a in page.tags if (a.get("id") or "").startswith("source-")]
    assert footnotes == ["source-article", "source-n14"]
    assert '<a href="#source-n14">[n14]</a>' in text
    assert '<a class="url" href="https://example.org/n14" rel="noopener noreferrer">' in text


def test_the_header_says_what_the_page_holds() -> None:
    events = apply(SHOW, Filter(actors=("iran",)))
    filters = {"actors": ["iran"], "from": "2015-01-01", "all": True}
    text = to_html(Document(SHOW, events, "valid_show.yaml", filters))
    assert (
        '<p class="meta">4 of 9 events from <code>valid_show.yaml</code>, filtered by '
        '<span class="filter">actor: iran</span>; <span class="filter">from: 2015-01-01</span>; '
        '<span class="filter">all</span></p>'
    ) in text
    assert text.count('class="event"') == 4
    one = to_html(Document(SHOW, events[:1], "<stdin>", {"limit": 1}))
    assert "1 of 9 events from <code>&lt;stdin&gt;</code>" in one


def test_no_events_is_a_page_that_says_so() -> None:
    text = to_html(Document(SHOW, [], "valid_show.yaml", {"tags": ["none"]}))
    assert "No events match." in text
    assert "Sources" not in text
    assert 'class="event"' not in text
    Page(text)


def test_only_http_https_and_mailto_become_links() -> None:
    for url in ("https://example.org/a?b=1&c=2#d", "HTTP://EXAMPLE.ORG", "mailto:a@example.org"):
        assert safe_url(url), url
    for url in (
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " https://example.org",
        "java\tscript:alert(1)",
        "https://example.org/\u202eevil",
        "https://exa mple.org",
        "https://example.org/\x00",
        "//evil.example/x",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "file:///etc/passwd",
        "https:",
        "",
    ):
        assert not safe_url(url), url


def test_a_url_with_quotes_stays_inside_its_attribute(tmp_path: Path) -> None:
    url = "https://example.org/?q=\"><script>alert(1)</script>&x='y'"
    yaml_url = url.replace("'", "''")
    path = tmp_path / "t.yaml"
    path.write_text(
        "title: T\n"
        f"sources:\n  s: {{citation: C, url: '{yaml_url}'}}\n"
        "actors:\n  a: {name: A, kind: group}\n"
        "events:\n  - {id: e, date: 2015, title: E, actors: [a], sources: [s]}\n",
        encoding="utf-8",
    )
    timeline = load_valid(str(path))
    page = Page(to_html(_doc(timeline, "t.yaml")))
    assert url in page.attrs("href")
    assert not any(tag == "script" for tag, _ in page.tags)


# -- hostile text --------------------------------------------------------------------------------


def test_hostile_text_is_text() -> None:
    text = to_html(_doc(HOSTILE, "valid_hostile.yaml"))
    page = Page(text)
    assert not any(tag in ("script", "iframe", "object", "embed", "img") for tag, _ in page.tags)
    for _, attrs in page.tags:
        for name in attrs:
            assert not name.startswith("on"), name
            assert name in ALLOWED_ATTRS, name
    for href in page.attrs("href"):
        assert href.startswith("#") or re.match(r"(?i)(https?|mailto):", href), href
    for style in page.attrs("style"):
        assert STYLE.fullmatch(style), style
    shown = page.text
    assert "<script>alert(1)</script>" in shown
    assert "[bold]not bold[/] [link=https://evil.example]x[/link] :smile:" in shown
    assert "[link=https://evil.example]click[/link] =cmd()" in shown
    assert "javascript:alert(1)" in shown  # shown, never a link
    assert not any("javascript" in h.lower() for h in page.attrs("href"))
    # Controls and bidi overrides are visible stand-ins, never the characters themselves.
    assert "\u241b[31mred" in shown
    assert "BEL \u2407" in shown
    assert "RLO <U+202E>desrever<U+202C>" in shown
    assert "ایران" in shown
    assert "Россия" in shown
    assert "👩\u200d💻" in shown
    assert not UNSAFE.search(text)
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\u202e" not in text
    assert "<title>Hostile [bold]text[/bold] \u241b]0;pwned\u2407</title>" in text


# -- no network ----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["show", "hostile", "bundled"])
def test_the_page_loads_nothing_from_anywhere(which: str) -> None:
    timeline = {
        "show": SHOW,
        "hostile": HOSTILE,
        "bundled": load_valid(str(ROOT / "timeline.yaml")),
    }[which]
    text = to_html(_doc(timeline, which))
    page = Page(text)
    assert re.search(r"\bsrc\s*=", text, re.I) is None
    assert "@import" not in text
    assert all(u.startswith("data:") for u in re.findall(r"url\(\s*['\"]?([^)]*)", text))
    assert not any(tag in ("link", "script", "img", "iframe", "base") for tag, _ in page.tags)
    urls = {s.url for s in timeline.sources.values() if s.url and safe_url(s.url)}
    for href in page.attrs("href"):
        assert href.startswith("#") or href in urls, href


# -- a real browser ------------------------------------------------------------------------------


# Run inside the exported page's copy: every event shown, inside the width, nothing sideways.
CHECK = """<script>
window.addEventListener("load", function () {
  var width = window.innerWidth, bad = [];
  var events = document.querySelectorAll(".event");
  events.forEach(function (el) {
    var r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (!(r.width > 0 && r.height > 0) || s.visibility === "hidden" || s.display === "none"
        || r.left < 0 || r.right > width) { bad.push(el.id); return; }
    el.querySelectorAll("*").forEach(function (child) {
      var c = child.getBoundingClientRect();
      if (c.left < 0 || c.right > r.right + 0.5) {
        bad.push(el.id + ">" + child.tagName.toLowerCase());
      }
    });
  });
  var result;
  if (bad.length) { result = "fail " + bad.join(" "); }
  else if (document.documentElement.scrollWidth > width) {
    result = "fail overflow " + document.documentElement.scrollWidth + ">" + width;
  } else { result = "ok " + events.length; }
  document.body.dataset.check = result;
  document.body.dataset.width = String(width);
  console.log("rirtime-check " + result);
});
</script>"""

# Headless chromium will not make a window narrower than 500 px, so each size is an iframe of
# exactly that size in a larger window; the page inside sees that viewport (its media queries,
# its innerWidth), and the wrapper copies the page's verdict to its own body for --dump-dom.
WRAPPER = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="page" width="{width}" height="{height}" style="border:0;display:block"
 srcdoc="{srcdoc}"></iframe>
<script>
document.getElementById("page").addEventListener("load", function () {{
  var inner = this.contentDocument.body.dataset;
  document.body.dataset.check = inner.check || "no verdict";
  document.body.dataset.width = inner.width || "";
}});
</script>
</body></html>
"""

SIZES = [(1200, 2000), (390, 844)]


class Body(HTMLParser):
    """The wrapper's body attributes in chromium's DOM dump."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and not self.attrs:
            self.attrs = dict(attrs)


def _browser_check(chromium: str, page: str, width: int, height: int) -> tuple[str, str, str]:
    """Chromium's verdict on the page at that viewport: (check, width, the console lines)."""
    # The test copy lets its one inline script run; everything else stays 'none', so a load
    # from anywhere would still be refused, and reported on the console.
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    assert page.count(meta) == 1
    relaxed = CSP + "; script-src 'unsafe-inline'"
    copy = page.replace(meta, f'<meta http-equiv="Content-Security-Policy" content="{relaxed}">')
    copy = copy.replace("</body>", CHECK + "\n</body>")
    wrapper = WRAPPER.format(width=width, height=height, srcdoc=escape(copy, quote=True))
    with tempfile.TemporaryDirectory(prefix="rirtime-chromium-") as tmp:
        html_path = Path(tmp) / "page.html"
        html_path.write_text(wrapper, encoding="utf-8")
        result = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--window-size={max(width, 500) + 40},{height + 200}",
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                html_path.as_uri(),
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    body = Body(result.stdout).attrs
    # Console messages: chromium logs each one on stderr as `...:CONSOLE...] "message", source:`
    # whatever its level (console.error, an uncaught exception and a CSP refusal all come out as
    # INFO lines), so matching "ERROR" would miss them. The page itself logs nothing; our check
    # logs one line, whose presence proves the console is being captured at all.
    console = "\n".join(line for line in result.stderr.splitlines() if ":CONSOLE" in line)
    return body.get("data-check") or "", body.get("data-width") or "", console


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
@pytest.mark.parametrize("which", ["show", "hostile", "bundled"])
def test_chromium_renders_every_event_without_errors(which: str, size: tuple[int, int]) -> None:
    chromium = chromium_or_skip()
    timeline = {
        "show": SHOW,
        "hostile": HOSTILE,
        "bundled": load_valid(str(ROOT / "timeline.yaml")),
    }[which]
    # A long filter value too: the header must wrap it rather than widen the page.
    doc = _doc(timeline, f"{which}.yaml", search=["unbroken" * 20], actors=["iran", "russia"])
    width, height = size
    check, seen_width, console = _browser_check(chromium, to_html(doc), width, height)
    assert check == f"ok {len(doc.events)}", console
    assert seen_width == str(width)
    lines = console.splitlines()
    assert any(f'"rirtime-check ok {len(doc.events)}"' in line for line in lines), console
    others = [line for line in lines if '"rirtime-check ' not in line]
    assert others == [], "the page wrote to the console:\n" + "\n".join(others)
