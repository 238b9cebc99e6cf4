"""Where output goes: stdout or the console, in colour or not, and a chosen format's writing.

The formats return text or, for a terminal, rich renderables; only this module prints them.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO, cast

from rirtime.formats import FORMATS, Format, write_data, write_events, write_rows

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, RenderableType

    from rirtime.formats.content import Data, Document, Rows

__all__ = [
    "ColorMode",
    "choose",
    "console",
    "data",
    "events",
    "isatty",
    "open_missing_streams",
    "quiet_stdout",
    "rows",
    "sane_size",
    "say",
    "use_color",
]


class ColorMode(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def isatty(stream: TextIO) -> bool:
    """Whether `stream` is a terminal (a closed or odd stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_color(mode: ColorMode, stream: TextIO) -> bool:
    """Whether to colour what goes to `stream`."""
    if mode is ColorMode.ALWAYS:
        return True
    if mode is ColorMode.NEVER or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return isatty(stream)


def console(color: ColorMode) -> Console:
    """A console on stdout that reads no markup, emoji or highlighting into the text it prints."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich's own answer is `exit 1`; the reader going away says nothing of the data.
            raise BrokenPipeError

    colored = use_color(color, sys.stdout)
    return _Console(
        file=sys.stdout,
        color_system="auto" if colored else None,
        force_terminal=colored,
        no_color=not colored,  # --color always: the user's latest word beats NO_COLOR
        highlight=False,
        markup=False,
        emoji=False,
    )


def choose(fmt: Format | None, *, tty: str, pipe: str) -> Format:
    """The format asked for, else `tty` when stdout is a terminal and `pipe` when it is not."""
    return fmt or FORMATS[tty if isatty(sys.stdout) else pipe]


def _emit(fmt: Format, written: RenderableType, color: ColorMode) -> None:
    """Print what a format wrote. When the reader has gone (`| head`), the rest goes nowhere
    and the command goes on: `check --format json` still exits with what the data says."""
    try:
        if fmt.terminal:
            shown = console(color)
            lines = _lines(written, shown)
            if lines is None:
                shown.print(written)
            else:  # line by line: `| head` and a pager see the first screen at once
                for line in lines:
                    sys.stdout.write(line)
        else:
            assert isinstance(written, str), fmt.name
            sys.stdout.write(written)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()


def _lines(written: RenderableType, shown: Console) -> Iterator[str] | None:
    """The lines a view draws, one by one, when it can give them so (the text view: see
    render/timeline.py), each as `shown` would print it; else None, and rich prints it whole."""
    lines_as_text = getattr(written, "lines_as_text", None)
    return None if lines_as_text is None else cast("Iterator[str] | None", lines_as_text(shown))


def events(fmt: Format, doc: Document, color: ColorMode, *, paged: bool = False) -> None:
    """Print `doc`'s events in `fmt`; with `paged`, on a terminal, through the pager when they
    are taller than it (cli/pager.py)."""
    written = write_events(fmt, doc)
    if paged and isatty(sys.stdout):
        from rirtime.cli import pager

        lines = _lines(written, console(color)) if fmt.terminal else None
        pager.emit(lines if lines is not None else _text(fmt, written, color))
    else:
        _emit(fmt, written, color)


def _text(fmt: Format, written: RenderableType, color: ColorMode) -> str:
    """What `_emit` would print, as text (escape codes and all)."""
    if not fmt.terminal:
        assert isinstance(written, str), fmt.name
        return written
    shown = console(color)
    lines = _lines(written, shown)
    if lines is not None:
        return "".join(lines)
    with shown.capture() as captured:
        shown.print(written)
    return captured.get()


def rows(fmt: Format, table: Rows, color: ColorMode) -> None:
    """Print a listing's rows in `fmt`."""
    _emit(fmt, write_rows(fmt, table), color)


def data(fmt: Format, value: Data, color: ColorMode) -> None:
    """Print one value in `fmt`."""
    _emit(fmt, write_data(fmt, value), color)


class _Stderr:
    """stderr that never fails a command: once it cannot be written (its reader has gone, a
    full disk), messages go nowhere, as with `2>&-`, and the command goes on to the exit code
    its data calls for (`check BAD 2>&1 | head -1` still exits 1, never 0)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError:
            self._lost()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError:
            self._lost()

    def _lost(self) -> None:
        """From now on, stderr is /dev/null; what was waiting in the buffer goes there too."""
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        with contextlib.suppress(OSError, ValueError):
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def open_missing_streams() -> None:
    """Started with stdout or stderr closed (`rirtime show >&-`): write into nothing, quietly,
    as when the reader of a pipe has gone. stderr that fails later is dropped the same way."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - it lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    # A terminal or pipe that cannot take UTF-8 (LC_ALL=C, PYTHONIOENCODING=ascii) gets escapes
    # (\u0418) for what it cannot show, never a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    if not isinstance(sys.stderr, _Stderr):
        sys.stderr = cast("TextIO", _Stderr(sys.stderr))


MIN_COLUMNS = 20  # the narrowest layout the views draw
MAX_COLUMNS = 1000  # past this, a framed view (typer's help) is only padding: 99999999 was 1 GB


_MOST_DIGITS = 6
MAX_LINES = 1000  # a height from the environment beyond this is taken as this


def _number(raw: str | None) -> int:
    """A count from the environment: ASCII digits only (int() also reads "٣" and refuses "²",
    which str.isdigit() lets through), at most six of them; 0 for anything else."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= _MOST_DIGITS):
        return 0
    return int(text)


def _columns(raw: str | None) -> int | None:
    """A width from the environment, within MIN_COLUMNS..MAX_COLUMNS; None for junk or zero."""
    n = _number(raw)
    return min(max(n, MIN_COLUMNS), MAX_COLUMNS) if n > 0 else None


def sane_size() -> None:
    """The terminal size as the environment gives it (COLUMNS, LINES, typer's TERMINAL_WIDTH),
    made usable for every part of a run that reads it (rich, typer, shutil): junk, zero or less
    is as if unset, so the terminal's own size (else 80) is used; a width is kept within
    MIN_COLUMNS..MAX_COLUMNS. So COLUMNS=0 never prints nothing, TERMINAL_WIDTH=x never fails."""
    for name in ("COLUMNS", "TERMINAL_WIDTH", "LINES"):
        raw = os.environ.get(name)
        if raw is None:
            continue
        n = _columns(raw) if name != "LINES" else min(_number(raw), MAX_LINES)
        if n:
            os.environ[name] = str(n)
        else:
            del os.environ[name]
    if "COLUMNS" not in os.environ:  # a terminal that says it has no columns (a serial line)
        with contextlib.suppress(OSError, ValueError):
            if os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1).columns < 1:
                os.environ["COLUMNS"] = "80"


def quiet_stdout() -> None:
    """The reader went away (`| head`): send what is left of stdout nowhere, without noise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def say(message: str) -> None:
    """A message for the user on stderr, `rirtime: ` first; text from files and the command
    line in it (a path, an id) is shown with visible stand-ins, never as raw controls."""
    from rirtime.present.safe import visible

    sys.stderr.write(f"rirtime: {visible(message)}\n")
