"""The SVG picture: valid XML with nothing active in it, hostile text kept as text, every mark
titled, the README's picture kept, and a real browser's rendering of it sampled."""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import DATA, chromium_or_skip, load_valid
from rirtime.dates import parse
from rirtime.errors import Loc
from rirtime.files import default_path
from rirtime.formats.content import Document
from rirtime.formats.svg import LANES, to_svg
from rirtime.model import Period, Places, Timeline
from rirtime.query import Filter, apply, window

ROOT = Path(__file__).parent.parent
NS = "{http://www.w3.org/2000/svg}"
SHOW = load_valid(str(DATA / "valid_show.yaml"))
HOSTILE = load_valid(str(DATA / "valid_hostile.yaml"))
BUNDLED = load_valid(default_path())
# What `visible` must have replaced: C0 but newline, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _doc(timeline: Timeline, lanes: str | None = None) -> Document:
    return Document(timeline, apply(timeline, Filter()), "t.yaml", lanes=lanes)


def _with_period(timeline: Timeline) -> Timeline:
    here = Places(entry=Loc("t.yaml", 1, 1))
    war = Period("war", "A <war> & \x1b[2J\u202eits end", parse("2011-03/.."), None, (), here)
    return dataclasses.replace(timeline, periods=(war,))


def _checked(svg: str) -> ET.Element:
    """The picture parsed, and held to what it promises: nothing that runs or loads."""
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{NS}svg"
    assert re.fullmatch(r"\d+", root.get("width", ""))
    assert re.fullmatch(r"\d+", root.get("height", ""))
    for element in root.iter():
        assert element.tag.removeprefix(NS) not in ("script", "foreignObject", "a", "image")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "href" not in name, (element.tag, name)
            assert "url(" not in value or re.fullmatch(r"url\(#[a-z-]+\)", value), value
            assert "javascript:" not in value.lower()
    assert not UNSAFE.search(svg)
    return root


@pytest.mark.parametrize("lanes", [None, "actor", "tag"])
@pytest.mark.parametrize("which", ["show", "hostile", "bundled"])
def test_the_picture_is_valid_xml_with_nothing_active(which: str, lanes: str | None) -> None:
    timeline = _with_period({"show": SHOW, "hostile": HOSTILE, "bundled": BUNDLED}[which])
    doc = _doc(timeline, lanes)
    root = _checked(to_svg(doc))
    marks = [g for g in root.iter(f"{NS}g") if g.get("class") == "event"]
    drawn = {g.get("data-event") for g in marks}
    assert drawn == {e.id for e in doc.events}  # every event, in some lane
    for g in marks:
        title = g.find(f"{NS}title")
        assert title is not None
        assert title.text
        assert g.find(f"{NS}circle") is not None or g.find(f"{NS}rect") is not None
    (band,) = [g for g in root.iter(f"{NS}g") if g.get("class") == "period"]
    assert band.findtext(f"{NS}title") == "from Mar 2011: A <war> & \u241b[2J<U+202E>its end"
    assert band.find(f"{NS}rect").get("fill") == "url(#rt-hatch)"  # type: ignore[union-attr]
    lanes_drawn = [g for g in root.iter(f"{NS}g") if g.get("class") == "lane"]
    assert len(lanes_drawn) == 1 if lanes is None else 1 <= len(lanes_drawn) <= LANES + 1


def test_each_mark_is_titled_with_its_date_and_full_title() -> None:
    root = _checked(to_svg(_doc(BUNDLED)))
    titles = [
        g.find(f"{NS}title").text  # type: ignore[union-attr]
        for g in root.iter(f"{NS}g")
        if g.get("class") == "event"
    ]
    expected = [f"{e.date.display()}: {e.title}" for e in apply(BUNDLED, Filter()) if e.date]
    assert titles == [" ".join(t.split()) for t in expected]


def test_hostile_titles_stay_text() -> None:
    event = dataclasses.replace(
        SHOW.events[0], title='<script>alert(1)</script> & "q" \x1b[2J\u202e\ufffe</svg>'
    )
    timeline = _with_period(dataclasses.replace(SHOW, events=(event,), title="<b>&amp;</b>"))
    svg = to_svg(_doc(timeline, "actor"))
    root = _checked(svg)
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    title = next(t.text for t in root.iter(f"{NS}title") if t.text and "alert" in t.text)
    assert "\u241b[2J" in title  # ESC shown as its picture
    assert "<U+202E>" in title
    assert "\ufffe" not in svg
    texts = [t.text or "" for t in root.iter(f"{NS}text")]
    assert "<b>&amp;</b>" in texts  # the timeline's title, as written


def test_every_id_is_unique_and_every_reference_finds_its_pattern() -> None:
    """A period with id `hatch` was `<g id="period-hatch">`, the hatching pattern's own id, so
    its bands were filled with the group; nor may two periods of one id (a file not clean) make
    two elements of one id."""
    here = Places(entry=Loc("t.yaml", 1, 1))
    periods = tuple(
        Period(pid, "P", parse("2010/2015"), None, (), here)
        for pid in ("hatch", "rt-hatch", "period-hatch", "hatch", "x")
    )
    svg = to_svg(_doc(dataclasses.replace(SHOW, periods=periods), "actor"))
    root = _checked(svg)
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids)), ids
    patterns = {e.get("id") for e in root.iter(f"{NS}pattern")}
    fills = {e.get("fill") for e in root.iter() if "url(" in (e.get("fill") or "")}
    assert fills == {f"url(#{p})" for p in patterns}


def test_long_titles_are_cut_within_the_width_whole_on_hover() -> None:
    """A title of 300 characters ran off the picture, in its heading and in the numbered list
    below it: each is cut with an ellipsis within the width, and whole in its <title>."""
    long = "A very long title of an event " * 10
    events = tuple(dataclasses.replace(e, title=f"{i} {long}") for i, e in enumerate(SHOW.events))
    timeline = dataclasses.replace(SHOW, title="The timeline " * 25, events=events)
    root = _checked(to_svg(_doc(timeline)))
    heading = next(iter(root.iter(f"{NS}text")))
    assert heading.findtext(f"{NS}title") == " ".join(("The timeline " * 25).split())
    shown = "".join(heading.itertext()).removeprefix(heading.findtext(f"{NS}title") or "")
    assert shown.endswith("\u2026")
    assert len(shown) * 18 * 0.6 <= 1000 - 40
    legend = next(g for g in root.iter(f"{NS}g") if g.get("class") == "legend")
    assert len(legend)
    for line in legend:
        whole = line.findtext(f"{NS}title") or ""
        assert whole.endswith(long.strip())
        shown = "".join(line.itertext()).removeprefix(whole)
        assert shown.endswith("\u2026"), shown
        assert len(shown) * 11 * 0.6 <= 1000 - 40, shown


def test_the_axis_keeps_to_the_window_asked_for() -> None:
    wanted = Filter(window=window(None, "2015", None))
    doc = Document(BUNDLED, apply(BUNDLED, wanted), "t.yaml", wanted.describe())
    root = _checked(to_svg(doc))
    axis = next(g for g in root.iter(f"{NS}g") if g.get("class") == "axis")
    years = [t.text for t in axis.iter(f"{NS}text")]
    assert years[0] == "2015"
    assert "2014" not in years
    marks = [g for g in root.iter(f"{NS}g") if g.get("class") == "event"]
    bars = [r for g in marks for r in g.iter(f"{NS}rect")]
    assert bars
    for rect in bars:  # a bar that ran on into 2015 starts at the edge
        assert float(rect.get("x", 0)) >= float(axis[0].get("x1", 0))


def test_an_empty_selection_says_so() -> None:
    doc = Document(SHOW, [], "t.yaml")
    root = _checked(to_svg(doc))
    assert "No events match." in [t.text for t in root.iter(f"{NS}text")]


def test_crowded_labels_are_numbered_with_a_legend() -> None:
    root = _checked(to_svg(_doc(BUNDLED)))
    legend = next(g for g in root.iter(f"{NS}g") if g.get("class") == "legend")
    lines = ["".join(t.itertext()) for t in legend]
    assert lines
    assert lines[0].startswith("1. ")
    numbers = [int(line.split(".")[0]) for line in lines]
    assert numbers == list(range(1, len(lines) + 1))


def test_short_labels_do_not_overlap() -> None:
    from rirtime.formats.svg import _width_of  # the estimate the layout uses

    root = _checked(to_svg(_doc(SHOW)))
    rows: dict[float, list[tuple[float, float]]] = {}
    for g in root.iter(f"{NS}g"):
        if g.get("class") != "event":
            continue
        for t in g.iter(f"{NS}text"):
            x = float(t.get("x", 0))
            rows.setdefault(float(t.get("y", 0)), []).append((x, x + _width_of(t.text or "")))
    assert rows
    for spans in rows.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert start >= end, spans


def test_docs_timeline_svg_is_the_bundled_chronology() -> None:
    """docs/timeline.svg, shown in the README, is what `export svg --by actor` draws of the
    bundled chronology now."""
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "export", "svg", "--by", "actor"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
        env={**os.environ, "RIRTIME_NO_CACHE": "1"},
    )
    kept = (ROOT / "docs" / "timeline.svg").read_text(encoding="utf-8")
    assert result.stdout == kept, "regenerate: rirtime export svg --by actor -o docs/timeline.svg"
    assert "docs/timeline.svg" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_o_file_svg_guesses_the_format(tmp_path: Path) -> None:
    target = tmp_path / "x.svg"
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "export", "-o", str(target), "--by", "tag"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "(svg, " in result.stderr
    _checked(target.read_text(encoding="utf-8"))


# -- in a real browser ---------------------------------------------------------------------------


def _png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB bytes) of an 8-bit RGB or RGBA PNG, as chromium writes it."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, width, height, channels = 8, b"", 0, 0, 0
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8
            assert colour in (2, 6), colour
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 255
        prev = line
        rows.append(bytes(b for x in range(width) for b in line[x * channels : x * channels + 3]))
    return width, height, rows


def _pixel(rows: list[bytes], x: int, y: int) -> tuple[int, int, int]:
    r, g, b = rows[y][x * 3 : x * 3 + 3]
    return r, g, b


def _screenshot(chromium: str, svg: str, width: int, height: int) -> bytes:
    with tempfile.TemporaryDirectory(prefix="rirtime-chromium-") as tmp:
        page = Path(tmp) / "timeline.svg"
        page.write_text(svg, encoding="utf-8")
        shot = Path(tmp) / "shot.png"
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
                "--hide-scrollbars",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--window-size={width},{height}",
                f"--screenshot={shot}",
                page.as_uri(),
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
        return shot.read_bytes()


def test_chromium_draws_the_picture() -> None:
    """The bundled chronology, lanes by actor: the screenshot is the picture's size, white
    behind, and the first solid mark is drawn in its colour where the SVG says it is."""
    chromium = chromium_or_skip()
    svg = to_svg(_doc(BUNDLED, "actor"))
    root = _checked(svg)
    width, height = int(root.get("width", 0)), int(root.get("height", 0))
    seen_width, seen_height, rows = _png(_screenshot(chromium, svg, width, height))
    assert (seen_width, seen_height) == (width, height)
    assert _pixel(rows, 3, 3) == (255, 255, 255)
    assert _pixel(rows, width - 3, height - 3) == (255, 255, 255)
    circle = next(
        c
        for c in root.iter(f"{NS}circle")
        if c.get("stroke-dasharray") is None
        and c.get("fill", "").startswith("#")
        and c.get("fill") != "#ffffff"
        and float(c.get("cy", 0)) > 60
    )
    fill = circle.get("fill", "")
    expected = tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5))
    got = _pixel(rows, round(float(circle.get("cx", 0))), round(float(circle.get("cy", 0))))
    assert all(abs(a - b) <= 40 for a, b in zip(got, expected, strict=True)), (got, fill)
    # the title, in dark ink, on the first lines
    assert any(max(_pixel(rows, x, 22)) < 100 for x in range(20, 300))


def test_a_crowded_lane_is_labelled_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """10,000 marks a few days apart in one lane: labelling the numbered ones used to sort all
    that waited at every mark (export svg of 10k events: 3 million steps); the numbers a label
    is made of are counted, and grow with the marks, not with their square."""
    from counting import actor, event, timeline

    from rirtime.formats import svg

    made: list[int] = []
    real = svg._numbers_text

    def counted(numbers: Sequence[int]) -> str:
        made.append(len(numbers))
        return real(numbers)

    monkeypatch.setattr(svg, "_numbers_text", counted)

    def steps(n: int) -> int:
        made.clear()
        days = [f"2015-{1 + (i * 12) // n:02d}-{1 + i % 28:02d}" for i in range(n)]
        events = tuple(event(i, ("a",), date=d) for i, d in enumerate(sorted(days)))
        svg.to_svg(_doc(timeline({"a": actor("a", None)}, events)))
        return sum(made)

    small, large = steps(2_500), steps(5_000)
    assert large <= 2.5 * small, (small, large)
