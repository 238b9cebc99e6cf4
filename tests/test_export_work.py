"""The HTML and Markdown exports do their costly steps once, not once an event: counted, no
clock (issue 16: colour contrast was 2 s of a 10k HTML export, the autolink search most of a
10k Markdown one)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import DATA, load_valid
from rirtime.formats import html, markdown
from rirtime.formats.content import Document
from rirtime.model import Timeline

SHOW = load_valid(str(DATA / "valid_show.yaml"))


def _doc(timeline: Timeline, times: int) -> Document:
    events = list(timeline.events) * times
    return Document(timeline, events, "show.yaml", {})


def test_html_works_out_each_actors_ink_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str]] = []
    real = html.contrast

    def counting(a: str, b: str) -> float:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(html, "contrast", counting)
    html._ink.cache_clear()
    out = html.to_html(_doc(SHOW, 50))
    actors = {a for e in SHOW.events for a in e.actors}
    assert out.count('class="actor"') >= 50 * len(SHOW.events)
    assert len(calls) <= 2 * len(actors)


class _Counted:
    """A compiled pattern that counts its searches."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.searches = 0

    def finditer(self, text: str) -> Any:
        self.searches += 1
        return self.pattern.finditer(text)


def test_markdown_searches_for_links_only_where_one_may_be(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counted = _Counted(markdown._AUTOLINKABLE)
    monkeypatch.setattr(markdown, "_AUTOLINKABLE", counted)
    markdown.escape.cache_clear()
    out = markdown.to_markdown(_doc(SHOW, 50))
    assert out.count("\n### ") >= 50 * len(SHOW.events)
    assert counted.searches <= 20 * len(SHOW.events)
    markdown.escape.cache_clear()


@pytest.mark.parametrize(
    "text", ["see https://x.org/a", "mail a@b.cc", "WWW.EXAMPLE.ORG", "mailto:x", "plain *text*"]
)
def test_the_quick_test_misses_no_link(text: str) -> None:
    assert markdown._may_autolink(text) == bool(markdown._AUTOLINKABLE.search(text))
