"""Sources' local copies (`text: PATH`): each read once, bounded, as UTF-8, and what they were.

A source's `text` is a path from the timeline file's folder (the folder of the file a link
points to; the current directory for stdin).
Reading goes through `files.read_input`, as a timeline's does: a regular file only, at most
`RIRTIME_MAX_BYTES`; a file that cannot be read is a `problem` (a phrase for a warning), never
an exception. This is the one place where checking reads a file besides the timeline; the
checks get a `SourceTexts` in their Context, and the cache keys on its `identities`, so that a
changed text is never answered with the diagnostics of the old one.
"""

from __future__ import annotations

import os
import stat
from typing import NamedTuple

from rirtime.errors import RirtimeError
from rirtime.files import STDIN_NAME, blake2b, max_bytes, read_input
from rirtime.model import Source, Timeline

__all__ = ["SourceText", "SourceTexts", "folder_of", "text_limit"]


class SourceText(NamedTuple):
    """One text file as read: its content, or the problem that kept it from being read."""

    path: str  # as opened: the timeline's folder joined with what the source says
    content: str | None
    problem: str | None  # a phrase, as in "no such file"; None when `content` is there
    identity: str  # a digest of the bytes, or the problem: equal only when the checks agree


def folder_of(timeline_path: str) -> str:
    """The folder a timeline's `text` paths start from: the file's own (a link's target's, as
    the paths are written beside the file itself), or "." for stdin."""
    if timeline_path == STDIN_NAME:
        return "."
    return os.path.dirname(os.path.realpath(timeline_path))


def _not_a_file(path: str) -> str | None:
    """Why `path` is no file to read (or one too large), in words for a warning; None when it
    may be one."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:  # a loop of symbolic links, a name too long, no permission
        return f"cannot be read: {exc.strerror or exc}"
    except ValueError:  # a NUL in the path
        return "not a path a file can have (a NUL character)"
    return _not_readable(st)


def _not_readable(st: os.stat_result) -> str | None:
    """Why a file of this status is not read: not a regular file, or one too large."""
    if stat.S_ISDIR(st.st_mode):
        return "a directory, not a file"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a device, a pipe or a socket)"
    if st.st_size > text_limit():
        return (
            f"larger than {text_limit():,} bytes, the most rirtime reads of a source's text (a "
            "quarter of RIRTIME_MAX_BYTES: set it to allow more)"
        )
    return None


def _decode(data: bytes) -> str:
    """UTF-8 (a BOM is fine), or ValueError saying where it is not."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not valid UTF-8 (byte 0x{body[exc.start]:02X} at offset {exc.start:,}): "
            "convert it, e.g. with `iconv -f latin1 -t utf-8`"
        ) from None


# A source's text is folded for the quote check in two or three copies (texts.py's callers in
# checks/evidence.py), some 45 times its size in memory at most: a quarter of a timeline's limit
# (16 MiB by default, about 750 MB) keeps it within what checking the largest timeline takes.
TEXT_SHARE = 4


def text_limit() -> int:
    """The largest source text read: a quarter of RIRTIME_MAX_BYTES (16 MiB by default)."""
    return max_bytes() // TEXT_SHARE


def _read(path: str) -> SourceText:
    problem = _not_a_file(path)
    if problem is None:
        try:
            _, data = read_input(path, text_limit())
            digest = blake2b(data, digest_size=32).hexdigest()
            return SourceText(path, _decode(data), None, digest)
        except RirtimeError as exc:  # too big, no permission, or changed since the stat
            message = str(exc)
            problem = message.removeprefix(f"{path}: ")
        except ValueError as exc:
            problem = str(exc)
    return SourceText(path, None, problem, f"problem: {problem}")


class SourceTexts:
    """The text files of one timeline's sources, each read on first use and then kept."""

    __slots__ = ("_seen", "folder")

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._seen: dict[str, SourceText] = {}

    @classmethod
    def beside(cls, timeline_path: str) -> SourceTexts:
        """The texts of the timeline at `timeline_path` (as the user named it; stdin's name)."""
        return cls(folder_of(timeline_path))

    def of(self, source: Source) -> SourceText | None:
        """The source's text file as read (once, whichever source asks first); None when the
        source names none."""
        if source.text is None:
            return None
        path = os.path.join(self.folder, source.text)
        try:  # the file itself: one read and one folding, whatever links or names lead to it
            key = os.path.realpath(path)
        except (OSError, ValueError):
            key = os.path.abspath(path)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = _read(path)
        return found

    def identities(self, timeline: Timeline) -> dict[str, str]:
        """What the checks' findings depend on, file by file: each text file's path and its
        digest (or why it could not be read). Equal identities give equal diagnostics."""
        out: dict[str, str] = {}
        for source in timeline.sources.values():
            text = self.of(source)
            if text is not None:
                out[os.path.abspath(text.path)] = text.identity
        return out
