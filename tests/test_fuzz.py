"""Fuzzing with hypothesis: random timelines, valid and subtly broken, through every stage."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from rirtime.checks import validate
from rirtime.errors import Severity
from rirtime.formats import FORMATS, Output, offered, write_document
from rirtime.formats.content import Document
from rirtime.formats.plain import plain_lines
from rirtime.load import load_text
from rirtime.query import Filter, apply
from rirtime.render.timeline import render_timeline

EXPORTS = [f.name for f in offered(Output.DOCUMENT)]

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
)
_dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.integers(1000, 2100).map(str),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1000, 2100), st.integers(1, 12)),
    st.builds(lambda y, q: f"{y}{q}", st.integers(1000, 2100), st.sampled_from("~?%")),
    st.builds(lambda y, s: f"{y}-{s}", st.integers(1000, 2100), st.integers(21, 24)),
    st.builds(lambda y: f"{y}/{y + 1}", st.integers(1000, 2100)),
    st.builds(lambda y: f"{y}-11/..", st.integers(1000, 2100)),
    st.builds(lambda y: f"/{y}-09", st.integers(1000, 2100)),
    st.builds(lambda y: f"{y // 10}X", st.integers(1000, 2100)),
)

# Small faults that a hand-edited file really has; each must be reported, never crash anything.
_FAULTS = [
    ("drop-title", lambda lines: [x for x in lines if not x.startswith("    title:")]),
    ("typo-key", lambda lines: [x.replace("    summary:", "    sumary:") for x in lines]),
    (
        "bad-date",
        lambda lines: [x.replace("    date:", '    date: "2015-02-30" #', 1) for x in lines],
    ),
    (
        "unknown-actor",
        lambda lines: [x.replace("    actors: [", "    actors: [nobody, ") for x in lines],
    ),
    ("bare-no", lambda lines: [*lines, "description: NO"]),
    ("tab", lambda lines: [x.replace("  - id:", "\t- id:") for x in lines]),
    ("unclosed", lambda lines: [x.replace("    tags: [", "    tags: [[") for x in lines]),
    ("dup-id", lambda lines: lines + [x for x in lines if x.startswith("  - id:")][:1]),
    ("alias", lambda lines: [*lines, "x: &a [1]", "y: *a"]),
]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


@st.composite
def timelines(draw: st.DrawFn) -> tuple[str, str | None, bool]:
    """A timeline's text, the fault put into it (if any), and whether the fault changed it."""
    actors = draw(st.lists(_ids, min_size=1, max_size=5, unique=True))
    lines = [f"title: {_q(draw(_text))}", "sources:", "  s: {citation: A source}", "actors:"]
    for actor in actors:
        kind = draw(st.sampled_from(["state", "group", "military", "organization"]))
        lines.append(f"  {actor}: {{name: {_q(draw(_text))}, kind: {kind}}}")
    lines.append("events:")
    ids = draw(st.lists(_ids, min_size=0, max_size=6, unique=True))
    for event_id in ids:
        lines += [
            f"  - id: {event_id}",
            f"    date: {_q(draw(_dates))}",
            f"    title: {_q(' '.join(draw(_text).split()) or 'x')}",
        ]
        if draw(st.booleans()):
            lines.append(f"    summary: {_q(draw(_text))}")
        chosen = draw(st.lists(st.sampled_from(actors), min_size=1, max_size=3, unique=True))
        lines.append(f"    actors: [{', '.join(chosen)}]")
        tags = draw(st.lists(_ids, max_size=3, unique=True))
        lines.append(f"    tags: [{', '.join(tags)}]")
        lines.append("    sources: [s]")
    fault = draw(st.one_of(st.none(), st.sampled_from(_FAULTS)))
    faulty = fault[1](lines) if fault is not None else lines
    return "\n".join(faulty) + "\n", fault[0] if fault else None, faulty != lines


def _render_everything(text: str, path: Path) -> None:
    loaded = load_text(text.encode(), str(path))
    assert loaded.timeline is not None
    timeline = loaded.timeline
    events = apply(timeline, Filter())
    for color in (False, True):
        out = io.StringIO()
        Console(file=out, width=60, color_system="truecolor" if color else None).print(
            render_timeline(timeline, events, len(timeline.events), long=True)
        )
    plain_lines(events)
    for fmt in EXPORTS:
        write_document(
            FORMATS[fmt], Document(timeline, events, path.name, {}, toc=True, mermaid=True)
        )
    # JSON out and back: the same events, field by field.
    data = json.loads(write_document(FORMATS["json"], Document(timeline, events, path.name)))
    for record, event in zip(data["events"], events, strict=True):
        assert record["id"] == event.id
        assert record["title"] == event.title
        assert record["summary"] == event.summary
        assert record["actors"] == list(event.actors)
        assert record["tags"] == list(event.tags)
        assert record["sources"] == list(event.sources)
        assert event.date is not None
        assert record["date"] == event.date.text


@FUZZ
@given(case=timelines())
def test_check_reports_or_accepts_and_accepted_files_go_everywhere(
    case: tuple[str, str | None, bool],
) -> None:
    text, fault, changed = case
    path = Path("fuzz.yaml")
    loaded = load_text(text.encode(), str(path))
    diags = loaded.diagnostics + (validate(loaded.timeline) if loaded.timeline else [])
    lines = text.count("\n") + 1
    for d in diags:
        assert 1 <= d.loc.line <= lines
        assert d.loc.column >= 1
    errors = [d for d in diags if d.severity is Severity.ERROR]
    if changed:
        # Every fault is an error, unless it found nothing to break (no event, no summary).
        assert errors, fault
    if loaded.timeline is not None and not errors:
        _render_everything(text, path)
