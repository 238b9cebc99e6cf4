"""`rirtime add` on a terminal, as a person runs it: a real process on a pseudo-terminal (its
controlling terminal, so Ctrl-C is the terminal's), answers typed one at a time. Each answer is
checked when it is given and asked again with why; an unknown actor or source can be created on
the way; Ctrl-C at any prompt ends with 130 and nothing written."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from conftest import load_valid

TIMELINE = """\
# Kept by hand.
title: T
sources:
  a: {citation: A source}
actors:
  russia: {name: Russia, kind: state}
  iran: {name: Iran, kind: state}
events:
  - id: early
    date: 2011-10-04
    title: Early
    actors: [russia]
    sources: [a]
"""


class Session:
    """`rirtime ARGS` on a terminal of its own, with SIGINT as a shell's job has it."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("RIRTIME_FILE", "NO_COLOR")}
        env["TERM"] = "xterm-256color"
        pid, fd = pty.fork()
        if pid == 0:  # the child
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # see conftest's sigint_as_on_...
                os.chdir(cwd)
                os.execve(sys.executable, [sys.executable, "-m", "rirtime", *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.seen = ""
        self.at = 0  # what expect() has matched so far

    def _read(self, deadline: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the process has closed the terminal
            data = b""
        if not data:
            return False
        self.seen += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def expect(self, marker: str, timeout: float = 60) -> None:
        """Wait until the terminal shows `marker` after what was matched before."""
        deadline = time.monotonic() + timeout
        while marker not in self.seen[self.at :]:
            if not self._read(deadline):
                os.kill(self.pid, signal.SIGKILL)
                raise AssertionError(f"no {marker!r}; the terminal shows:\n{self.seen[-1500:]}")
        self.at = self.seen.index(marker, self.at) + len(marker)

    def answer(self, prompt: str, text: str) -> None:
        self.expect(prompt)
        os.write(self.fd, text.encode() + b"\n")

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def finish(self) -> int:
        """The exit code, once the process has ended: within a minute, else it is killed and
        the test fails with what the terminal showed (never a run that hangs forever)."""
        deadline = time.monotonic() + 60
        while self._read(deadline):
            pass
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                os.close(self.fd)
                raise AssertionError(
                    f"still running after a minute; it shows:\n{self.seen[-1500:]}"
                )
            time.sleep(0.05)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(TIMELINE)
    return path


DATE = "Date (e.g."
ACTORS = "Actors (ids, comma-separated): "


def test_each_answer_is_checked_and_asked_again(timeline: Path) -> None:  # noqa: PLR0915 - one session
    s = Session(["add", "-f", str(timeline)], timeline.parent)
    s.answer(DATE, "Sept 2015")
    s.expect("did you mean 2015-09?")
    s.answer(DATE, "2015-02-30")
    s.expect("February 2015 has 28 days")
    s.answer(DATE, "2015-09-30")
    s.answer("Title: ", "Air strikes begin")
    s.answer("Id (Enter for air-strikes-begin-2015-09-30): ", "Early")
    s.expect("did you mean early?")
    s.answer("Id (Enter for", "early")
    s.expect("an event has it already")
    s.answer("Id (Enter for", "")
    s.expect("Known actors: iran, russia")
    # an unknown actor: did you mean, and no to creating it: asked again
    s.answer(ACTORS, "rusia, iran")
    s.expect("'rusia': no actor has that id (did you mean 'russia'?)")
    s.answer("Create the actor rusia? [y/N] ", "")
    # one that cannot be an id; then a new one, created with its name and kind
    s.answer(ACTORS, "russia, Bad_Id")
    s.expect("cannot be a new actor's id")
    s.answer(ACTORS, "russia, irgc")
    s.answer("Create the actor irgc? [y/N] ", "y")
    s.answer("Name of irgc: ", "Islamic Revolutionary Guard Corps")
    s.answer("Kind of irgc (state, government", "militar")
    s.expect("(did you mean 'military'?)")
    s.answer("Kind of irgc (", "military")
    s.answer("Tags (comma-separated, optional): ", "Air Strikes")
    s.expect("did you mean air-strikes?")
    s.answer("Tags (comma-separated, optional): ", "air-strikes")
    s.expect("Known sources: a")
    s.answer("Sources (ids, comma-separated, optional): ", "n99")
    s.answer("Create the source n99? [y/N] ", "yes")
    s.answer("Citation of n99, as printed: ", "A. Author, A paper, 2015")
    s.answer("URL of n99 (optional): ", "https://example.org/n99")
    s.answer("People (full names, comma-separated, optional): ", "Vladimir Putin, Sergei Shoigu")
    s.answer("Summary, in your own words (optional): ", "The first strikes.")
    s.answer("Quote, a short verbatim phrase (optional): ", "")
    s.answer("Note, an editor's note (optional): ", "A note.")
    s.expect("actor irgc, at line")
    s.expect("source n99, at line")
    s.expect("air-strikes-begin-2015-09-30, at line")
    s.answer("Add this? [Y/n] ", "")
    assert s.finish() == 0, s.seen
    assert "added air-strikes-begin-2015-09-30 to" in s.seen
    assert "Traceback" not in s.seen
    assert "--date" not in s.seen  # never an option the user did not type

    t = load_valid(timeline)
    event = next(e for e in t.events if e.id == "air-strikes-begin-2015-09-30")
    assert event.date is not None
    assert event.date.text == "2015-09-30"
    assert event.actors == ("russia", "irgc")
    assert event.tags == ("air-strikes",)
    assert event.sources == ("n99",)
    assert event.people == ("Vladimir Putin", "Sergei Shoigu")
    assert (event.summary, event.quote, event.note) == ("The first strikes.", None, "A note.")
    irgc = t.actors["irgc"]
    assert (irgc.name, irgc.kind.value if irgc.kind else None) == (
        "Islamic Revolutionary Guard Corps",
        "military",
    )
    assert t.sources["n99"].url == "https://example.org/n99"
    assert [e.id for e in t.events] == ["early", "air-strikes-begin-2015-09-30"]


def test_an_event_without_a_source_is_warned_of_at_once(timeline: Path) -> None:
    s = Session(["add", "-f", str(timeline), "--dry-run"], timeline.parent)
    s.answer(DATE, "2016")
    s.answer("Title: ", "Unsourced")
    s.answer("Id (Enter for", "")
    s.answer(ACTORS, "iran")
    s.answer("Tags (", "")
    s.answer("Sources (", "")
    s.expect("warning: the event cites no source")
    s.answer("People (", "")  # the warning came before the next question
    for prompt in ("Summary", "Quote", "Note"):
        s.answer(prompt, "")
    assert s.finish() == 0, s.seen
    assert "would add unsourced-2016 to" in s.seen
    assert "Add this?" not in s.seen  # a dry run asks nothing more, and writes nothing
    assert timeline.read_text() == TIMELINE


@pytest.mark.parametrize("at", ["Title: ", ACTORS, "Name of irgc: ", "Add this? [Y/n] "])
def test_ctrl_c_at_any_prompt_writes_nothing(timeline: Path, at: str) -> None:
    s = Session(["add", "-f", str(timeline)], timeline.parent)
    answers = [
        (DATE, "2016"),
        ("Title: ", "New"),
        ("Id (Enter for", ""),
        (ACTORS, "irgc"),
        ("Create the actor irgc? [y/N] ", "y"),
        ("Name of irgc: ", "IRGC"),
        ("Kind of irgc", "military"),
        ("Tags (", ""),
        ("Sources (", "a"),
        ("People (", ""),
        ("Summary", ""),
        ("Quote", ""),
        ("Note", ""),
    ]
    for prompt, text in answers:
        if prompt == at:
            break
        s.answer(prompt, text)
    s.expect(at)
    s.type(b"\x03")
    assert s.finish() == 130, s.seen
    assert "Traceback" not in s.seen
    assert "KeyboardInterrupt" not in s.seen
    assert timeline.read_text() == TIMELINE
    assert [p.name for p in timeline.parent.iterdir()] == ["t.yaml"]


def test_no_at_the_end_and_the_end_of_input_write_nothing(timeline: Path) -> None:
    s = Session(["add", "-f", str(timeline)], timeline.parent)
    for prompt, text in [(DATE, "2016"), ("Title: ", "New"), ("Id (", ""), (ACTORS, "iran")]:
        s.answer(prompt, text)
    for prompt in ("Tags", "Sources", "People", "Summary", "Quote", "Note"):
        s.answer(prompt, "")
    s.answer("Add this? [Y/n] ", "n")
    assert s.finish() == 1
    assert "nothing was written" in s.seen
    assert timeline.read_text() == TIMELINE

    s = Session(["add", "-f", str(timeline)], timeline.parent)
    s.expect(DATE)
    s.type(b"\x04")  # Ctrl-D on an empty line: the end of input
    assert s.finish() == 1
    assert "the answers ended (end of input); nothing was written" in s.seen
    assert timeline.read_text() == TIMELINE


def test_an_invalid_file_is_refused_before_any_question(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(TIMELINE.replace("actors: [russia]", "actors: [rusia]"))
    s = Session(["add", "-f", str(path)], tmp_path)
    assert s.finish() == 1
    assert "'rusia' is not an actor" in s.seen
    assert "Date (" not in s.seen
