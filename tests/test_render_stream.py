"""The text view written line by line (render/timeline.py's `lines_as_text`): byte for byte what
rich prints for the same view, and lazy, so that a pager or `head` has the first screen before
the last event is laid out. No clock: the work done is counted."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from conftest import DATA, load_valid
from rirtime.render import timeline as view

SHOW = load_valid(str(DATA / "valid_show.yaml"))
HOSTILE = load_valid(str(DATA / "valid_hostile.yaml"))
HANG = 120  # seconds: only so that a hung child fails the test


def _console(width: int, *, color: bool) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
    )


@pytest.mark.parametrize("width", [20, 27, 40, 61, 80, 133])
@pytest.mark.parametrize("long", [False, True])
@pytest.mark.parametrize("color", [False, True])
def test_lines_as_text_are_what_rich_prints(width: int, long: bool, color: bool) -> None:
    for timeline in (SHOW, HOSTILE):
        shown = view.render_timeline(timeline, list(timeline.events), len(timeline.events), long)
        printing = _console(width, color=color)
        with printing.capture() as captured:
            printing.print(shown)
        assert isinstance(shown, view.TimelineView)
        lines = shown.lines_as_text(_console(width, color=color))
        assert lines is not None
        assert "".join(lines) == captured.get()


def test_the_first_line_comes_before_the_events_are_laid_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laid_out: list[str] = []
    real = view._event_body

    def counting(*args: object, **kw: object) -> object:
        laid_out.append("event")
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(view, "_event_body", counting)
    events = list(SHOW.events)
    shown = view.TimelineView(SHOW, events, len(events), long=False)
    lines = shown.lines_as_text(_console(80, color=False))
    assert lines is not None
    first = [next(lines) for _ in range(4)]
    assert first[0].startswith(SHOW.title[:10])
    assert len(laid_out) <= 2 < len(events)


def _many(tmp_path: Path, n: int) -> Path:
    generate = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
    path = tmp_path / "many.yaml"
    subprocess.run(
        [sys.executable, str(generate), str(n), "-o", str(path)], check=True, timeout=HANG
    )
    return path


def test_show_text_in_a_pipe_is_what_the_renderer_draws(tmp_path: Path) -> None:
    """The command streams the lines; `head` closing the pipe early ends it quietly, exit 0."""
    path = _many(tmp_path, 300)
    env = {**os.environ, "COLUMNS": "72", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    argv = [sys.executable, "-m", "rirtime", "show", "-f", str(path), "--format", "text"]
    whole = subprocess.run(argv, capture_output=True, env=env, timeout=HANG, check=True).stdout
    timeline = load_valid(path)
    printing = _console(72, color=False)
    with printing.capture() as captured:
        printing.print(view.render_timeline(timeline, list(timeline.events), 300))
    assert whole.decode() == captured.get()
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None
        head = [proc.stdout.readline() for _ in range(40)]
        proc.stdout.close()
        _, err = proc.communicate(timeout=HANG)
    assert b"".join(head) == b"".join(whole.splitlines(keepends=True)[:40])
    assert proc.returncode == 0, err
    assert err == b""


def test_the_pager_starts_after_one_screenful(monkeypatch: pytest.MonkeyPatch) -> None:
    """Given lines as they are made, the pager is started once they are taller than the
    terminal, not after the last one; what fits is written without it."""
    from rirtime.cli import pager

    made: list[int] = []

    def lines(n: int) -> object:
        for i in range(n):
            made.append(i)
            yield f"line {i}\n"

    paged: list[tuple[int, str]] = []

    def fake_page(text: object, command: str) -> bool:
        made_when_started = len(made)
        paged.append((made_when_started, "".join(text)))  # type: ignore[call-overload]
        return command == "less-like"

    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("PAGER", "less-like")
    monkeypatch.setattr(pager, "page", fake_page)
    pager.emit(lines(1000))  # type: ignore[arg-type]
    assert len(paged) == 1
    started_at, text = paged[0]
    assert started_at == 10
    assert text == "".join(f"line {i}\n" for i in range(1000))


def test_lines_that_fit_are_written_without_the_pager(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rirtime.cli import pager

    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("PAGER", "less-like")

    def never(text: object, command: str) -> bool:
        pytest.fail(f"paged through {command}: {text!r}")

    monkeypatch.setattr(pager, "page", never)
    pager.emit(iter(["a\n", "b\n"]))
    assert capsys.readouterr().out == "a\nb\n"
