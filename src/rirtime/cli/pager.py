"""Output taller than the terminal goes through a pager, as git does it.

`$PAGER` names the pager (a shell command line, as git runs it), else `less -R`; `PAGER=cat` or
an empty PAGER means none. `LESS` defaults to `FRX` (quit when it fits on one screen, keep
colours, leave the screen as it was) and `LV` to `-c`, as git sets them, only when unset. The
text is made first, then either written or piped to the pager; a pager that exits before it
has read everything (`q`) ends the command quietly, and Ctrl-C belongs to the pager while it
runs (less uses it to stop a search), as with git.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable

__all__ = ["command", "emit", "page", "taller_than_terminal"]

_DEFAULT = "less -R"
_NONE = ("", "cat")
_SHELL = set("|&;<>()$`*?[]{}~#")  # a pager command line with these is the shell's to judge


def command() -> str | None:
    """The pager to run, or None when there is none: `PAGER=cat`, an empty PAGER, or the
    default `less` not installed."""
    pager = os.environ.get("PAGER", _DEFAULT).strip()
    if pager in _NONE:
        return None
    if pager == _DEFAULT and shutil.which("less") is None:
        return None
    return pager


def _rows() -> int:
    """The terminal's height: LINES when set (as rich and curses read it), else what the
    terminal on stdout says; 0 when neither says (a pseudo-terminal whose size was never set)."""
    lines = os.environ.get("LINES", "")
    if lines.isdigit() and int(lines) > 0:
        return int(lines)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (AttributeError, ValueError, OSError):
        return 0


def taller_than_terminal(text: str) -> bool:
    """Whether `text` has more lines than the terminal: so many that the first would scroll
    away before the prompt comes back. A terminal of unknown height is never paged."""
    rows = _rows()
    return rows > 0 and text.count("\n") >= rows


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    return env


def _runnable(pager: str) -> bool:
    """Whether the pager's program exists; a command line with shell syntax in it is left to
    the shell to judge."""
    if set(pager) & _SHELL:
        return True
    try:
        words = shlex.split(pager)
    except ValueError:
        return True
    return not words or shutil.which(words[0]) is not None


def page(text: str | Iterable[str], pager: str) -> bool:
    """Pipe `text` (or its parts, as they come) into `pager` and wait for it to end; False
    (nothing written) when the pager's program does not exist, so that the caller writes the
    text itself."""
    if not _runnable(pager):
        return False
    sys.stdout.flush()
    encoding = sys.stdout.encoding or "utf-8"
    parts = [text] if isinstance(text, str) else text
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # $PAGER is a shell command line, as git and man read it
        proc = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=_environment())
        assert proc.stdin is not None
        # A pager that quits before reading it all (EPIPE) is the user's choice, not an error;
        # the close is tried on its own, as it flushes what the write left in the buffer.
        with contextlib.suppress(OSError):
            for part in parts:
                proc.stdin.write(part.encode(encoding, errors="backslashreplace"))
        with contextlib.suppress(OSError):
            proc.stdin.close()
        proc.wait()
    finally:
        signal.signal(signal.SIGINT, interrupt)
    return True


def emit(text: str | Iterable[str]) -> None:
    """Write `text` to stdout, through the pager when there is one and the text is taller
    than the terminal; a pager that cannot be found is said once, and the text written. Given
    in parts (the text view's lines), only a screenful is read before the pager starts, so it
    shows the first screen while the rest is still being made."""
    parts = iter([text] if isinstance(text, str) else text)
    first: list[str] = []  # what was read to learn whether it is taller than the terminal
    pager = command()
    rows = _rows()
    if pager is not None and rows > 0:
        lines = 0
        for part in parts:
            first.append(part)
            lines += part.count("\n")
            if lines >= rows:
                break
        else:
            parts = iter(())  # it all fits: no pager
        if lines >= rows:
            if page(itertools.chain(first, parts), pager):
                return
            from rirtime.cli.output import say

            say(f"cannot find the pager {pager!r} ($PAGER); showing the text without it")
    for part in itertools.chain(first, parts):
        sys.stdout.write(part)
