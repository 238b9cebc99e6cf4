"""Which files rirtime may write, and writing them: `add`'s timeline, `export`'s output and the
file `init` starts.

`add` (and `add-actor`, `add-source`) writes only a timeline the user named, never the
chronology that ships with rirtime nor standard input (edit.add_to_file does the writing);
`export` never writes over the timeline it read, whether named or given on stdin; `init` makes
a new file, replacing one only when told. Every write is atomic (atomic.py).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from rirtime.atomic import write_atomic
from rirtime.errors import RirtimeError, UsageError
from rirtime.files import STDIN

__all__ = ["INSTALLED", "is_stdout", "writable_timeline", "write_new_timeline", "write_output"]


def writable_timeline(option: str | Sequence[str] | None, command: str = "add") -> str:
    """The timeline `command` (add, add-actor, add-source) may write: `--file`, else
    `RIRTIME_FILE`; UsageError when neither names one (the bundled chronology is read-only),
    when they name several (it writes one), or when it is standard input, by any name (`-`,
    /dev/stdin, /dev/fd/0: add replaces a file, not what a descriptor holds)."""
    path = _one_file(option, command)
    if not path:
        raise UsageError(
            f"{command} writes to a timeline of your own: give -f PATH or set RIRTIME_FILE "
            "(the chronology that ships with rirtime is read-only; `rirtime init` starts one)"
        )
    if path == STDIN:
        raise UsageError(f"{command} cannot write to standard input: give -f PATH")
    if _names_a_stream(path):
        raise UsageError(
            f"{command} cannot write to standard input: {path} names an open descriptor, and "
            f"{command} needs a file it can rewrite: give the timeline file's own path with -f PATH"
        )
    if _is_installed_chronology(path):
        raise UsageError(
            f"{command} does not write into rirtime's own installed chronology ({path}): copy "
            "it and give -f COPY, or start one with `rirtime init`"
        )
    return path


def _one_file(option: str | Sequence[str] | None, command: str) -> str | None:
    """The one file `-f` (else RIRTIME_FILE) names for `command` to write, if any."""
    given = [option] if isinstance(option, str) else list(option or ())
    if len(given) > 1:
        raise UsageError(f"{command} writes one timeline: -f is given {len(given)} times")
    if given:
        return given[0]
    # as the reading commands take it: paths separated by os.pathsep, empty ones skipped
    env = [p for p in os.environ.get("RIRTIME_FILE", "").split(os.pathsep) if p]
    if len(env) > 1:
        raise UsageError(
            f"{command} writes one timeline, and RIRTIME_FILE names several "
            f"(separated by {os.pathsep!r}): give -f PATH"
        )
    return env[0] if env else None


INSTALLED = Path(__file__).parent / "data" / "timeline.yaml"  # in a wheel; not in a checkout


def _is_installed_chronology(path: str) -> bool:
    """Whether `path` is the chronology installed with the package (not a source checkout's
    own timeline.yaml, which its editors change): an upgrade would replace any change to it."""
    try:
        return INSTALLED.is_file() and os.path.samefile(path, INSTALLED)
    except (OSError, ValueError):
        return False


def write_new_timeline(path: str, text: str, *, force: bool) -> None:
    """Write the new timeline `text` to `path` (`init`), replacing a file only with `force`,
    and never anything but a regular file: a device or a pipe is refused, as stdout is `-`."""
    try:
        st = os.stat(path)
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        raise RirtimeError(
            f"{path}: is not a regular file (a device, a pipe or a socket); init writes a "
            "file, or standard output with `rirtime init -`"
        )
    write_atomic(path, text.encode("utf-8"), force=force)


# A process's own streams and descriptors, under the names Linux gives them.
_STREAM = re.compile(r"/dev/(?:std(?:in|out|err)|fd/\d+)|/proc/(?:self|thread-self|\d+)/fd/\d+")
_MAX_LINKS = 40


def _names_a_stream(path: str) -> bool:
    """Whether `path`, or a link on the way from it, names a descriptor (/dev/stdin,
    /dev/fd/0, /proc/self/fd/0): rewriting "it" would replace whatever the descriptor is."""
    seen = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        if _STREAM.fullmatch(seen):
            return True
        try:
            target = os.readlink(seen)
        except OSError:  # not a link (or not there): the end of the way
            return False
        seen = os.path.normpath(os.path.join(os.path.dirname(seen), target))
    return False


def is_stdout(output: str | None) -> bool:
    """Whether an `-o` value means standard output: none given, or `-`."""
    return output is None or output == STDIN


def write_output(output: str, text: str | bytes, *, force: bool, read: str | Sequence[str]) -> None:
    """Write an export (text, or a binary format's bytes) to the file `output`, replacing one
    only with `force`, and never the timeline at `read` (the path it was read from, `-` for
    stdin; or each of several)."""
    reads = [read] if isinstance(read, str) else read
    # stdin: the file behind descriptor 0, if any
    protect = tuple[str | int, ...](0 if r == STDIN else r for r in reads)
    if not output:
        raise UsageError("-o is empty: give a file name, or - for standard output")
    if output.endswith(os.sep):
        raise UsageError(f"-o {output!r} names a folder: give a file name")
    # A file name that is not UTF-8 (a byte 0xFF) is in the text as a lone surrogate: written
    # as `\udcff`, as stdout shows it, never as bytes that make the export invalid UTF-8.
    data = text if isinstance(text, bytes) else text.encode("utf-8", errors="backslashreplace")
    write_atomic(output, data, force=force, protect=protect)
