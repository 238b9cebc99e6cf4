"""`show` pages what is taller than the terminal, as git does: real processes on a terminal of a
known size (a pseudo-terminal that is the process's controlling terminal, so that `less` reads
its keys from it), keys typed into it, and the same command in a pipe."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence

import pytest

from conftest import DATA

SMALL = str(DATA / "valid_show.yaml")  # 30 lines of text view
SGR_OR_CONTROL = ("\x1b", "\r")


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PAGER", "LESS", "LV", "LINES", "COLUMNS", "NO_COLOR", "RIRTIME_FILE")
    }
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


class Terminal:
    """A command on a terminal of `rows` x `cols`: what it wrote (stdout and stderr, as the
    terminal shows them), and its exit code."""

    def __init__(self, args: Sequence[str], env: dict[str, str], rows: int, cols: int = 80) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: its terminal gets its size before rirtime starts
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execve(sys.executable, [sys.executable, "-m", "rirtime", *args], env)
        self.pid, self.fd = pid, fd
        self.seen = b""
        self.code: int | None = None

    def read_until(self, marker: bytes | None, timeout: float = 60) -> None:
        """Read what the terminal shows until `marker` appears (None: until the end)."""
        deadline = time.monotonic() + timeout
        while marker is None or marker not in self.seen:
            ready, _, _ = select.select([self.fd], [], [], max(0, deadline - time.monotonic()))
            if not ready:
                self.kill()
                raise AssertionError(f"waited {timeout} s for {marker!r}; saw {self.seen[-500:]!r}")
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: every process on the terminal has closed it
                data = b""
            if not data:
                if marker is not None:
                    raise AssertionError(f"ended before {marker!r}; saw {self.seen[-500:]!r}")
                return
            self.seen += data

    def drain(self, seconds: float) -> None:
        """Read whatever the terminal shows within `seconds`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.seen += data

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def quit_less(self, tries: int = 20) -> None:
        """Type q until the terminal is closed: on a loaded machine less may still be busy
        with what came before (an interrupt, the rest of the input) when the first q comes."""
        for _ in range(tries):
            self.type(b"q")
            ready, _, _ = select.select([self.fd], [], [], 3.0)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return  # closed: less and rirtime are gone
                if not data:
                    return
                self.seen += data
            else:
                continue
            if _gone(self.pid):
                return

    def finish(self) -> int:
        self.read_until(None)
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.code = os.waitstatus_to_exitcode(status)
        return self.code

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)

    @property
    def text(self) -> str:
        return self.seen.decode("utf-8", "replace").replace("\r\n", "\n")


def _run(args: Sequence[str], rows: int, **env: str) -> Terminal:
    term = Terminal(args, _env(**env), rows)
    assert term.finish() == 0, term.text
    assert "Traceback" not in term.text
    return term


MARK = "sed s/^/paged:/"  # a pager that shows what it was given, each line marked


def test_taller_than_the_terminal_goes_through_the_pager() -> None:
    term = _run(["show", "-f", SMALL], rows=10, PAGER=MARK)
    lines = [line for line in term.text.splitlines() if line]
    assert lines[0].startswith("paged:")
    assert all(line.startswith("paged:") for line in lines)
    assert "\x1b[" in term.text  # colour kept through the pager


def test_what_fits_is_not_paged() -> None:
    term = _run(["show", "-f", SMALL], rows=200, PAGER=MARK)
    assert "paged:" not in term.text
    assert "A small chronology" in term.text


def test_no_pager_and_a_pipe_never_page() -> None:
    term = _run(["show", "-f", SMALL, "--no-pager"], rows=10, PAGER=MARK)
    assert "paged:" not in term.text
    piped = subprocess.run(
        [sys.executable, "-m", "rirtime", "show", "-f", SMALL, "--format", "text"],
        capture_output=True,
        text=True,
        env=_env(PAGER=MARK, LINES="5"),
        timeout=60,
        check=False,
    )
    assert piped.returncode == 0
    assert "paged:" not in piped.stdout
    assert piped.stdout.startswith("A small chronology\n")


@pytest.mark.parametrize("pager", ["cat", "", "  "])
def test_cat_or_an_empty_pager_means_none(pager: str) -> None:
    paged = _run(["show", "-f", SMALL], rows=10, PAGER=pager).text
    direct = _run(["show", "-f", SMALL, "--no-pager"], rows=10).text
    assert paged == direct


def test_less_gets_frx_unless_less_is_set() -> None:
    show_env = 'echo "LESS=$LESS LV=$LV"; cat'
    term = _run(["show", "-f", SMALL], rows=10, PAGER=show_env)
    assert "LESS=FRX LV=-c\n" in term.text
    term = _run(["show", "-f", SMALL], rows=10, PAGER=show_env, LESS="-i", LV="-x")
    assert "LESS=-i LV=-x\n" in term.text


def test_a_pager_that_quits_early_ends_quietly() -> None:
    """`head -1` stops reading after a line of some 100 KB: rirtime gets EPIPE, says nothing."""
    term = _run(["show", "-l"], rows=10, PAGER="head -1")
    assert term.text.count("\n") == 1, term.text
    assert "Russian-Iranian" in term.text
    for noise in ("Broken pipe", "Exception", "Error", "rirtime:"):
        assert noise not in term.text


def test_a_pager_that_does_not_exist_is_said_and_skipped() -> None:
    term = _run(["show", "-f", SMALL], rows=10, PAGER="no-such-pager-here")
    assert "rirtime: cannot find the pager 'no-such-pager-here'" in term.text
    assert "A small chronology" in term.text


def _gone(pid: int) -> bool:
    """Whether the process has ended (without reaping it: finish() does)."""
    try:
        result = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return result is not None


needs_less = pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")


@needs_less
def test_less_by_default_quit_with_q() -> None:
    term = Terminal(["show"], _env(), rows=20)
    term.read_until(b"1995")  # less shows the first screen, and waits
    term.drain(1.0)
    assert not re.search(rb"\d+ of \d+ events", term.seen)  # the end is not on the first screen
    term.type(b"q")
    assert term.finish() == 0
    assert "Traceback" not in term.text


@needs_less
def test_ctrl_c_belongs_to_the_pager() -> None:
    """Ctrl-C in less stops what less is doing; rirtime must not die under it (and leave less
    behind on the terminal): it waits for less, and ends 0 when less is quit."""
    term = Terminal(["show", "-l"], _env(), rows=20)
    term.read_until(b"1995")
    term.read_until(b":\x1b[K")  # less's prompt: it has the terminal now
    term.type(b"\x03")
    term.drain(1.0)
    term.quit_less()
    assert term.finish() == 0, term.text
    assert "Traceback" not in term.text
    assert "KeyboardInterrupt" not in term.text
