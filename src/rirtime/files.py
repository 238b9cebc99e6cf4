"""Bytes in and out: which file, reading it, its encoding, and the one rule for line breaks.

Every part of rirtime that counts lines (the loader's marks, the diagnostics' excerpts, `add`'s
insertion point) counts them with `LINE_BREAK`, the rule YAML itself uses: CRLF, CR, LF, NEL
(U+0085), LS (U+2028) and PS (U+2029) each end a line.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from rirtime.errors import Diagnostic, Loc, RirtimeError, Severity, UsageError

try:  # BLAKE2 is built into CPython; hashlib loads OpenSSL's library first (3-12 ms of each start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without it
    from hashlib import blake2b

# The format characters (Unicode category Cf): nothing to see, yet they change what is there.
# Zero-width space, joiners and word joiner, the soft hyphen and the BOM hide a difference
# between two words that look alike ("iran" and "ir<U+200B>an"); tag characters (U+E0000..)
# carry a whole hidden text; the bidi controls (LRM/RLM, ALM, LRE..RLO, LRI..PDI) reorder what a
# reader sees (Trojan Source). tests/test_safe.py holds this list to unicodedata's.
INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Blank characters that are not format characters, yet show nothing or next to nothing and can
# carry a hidden text as tag characters do: variation selectors (U+FE00.., U+E0100..), the
# combining grapheme joiner, the Hangul fillers, the braille blank, Khmer's inherent vowels,
# Mongolian's free variation selectors. present.safe shows them (an emoji's own style excepted).
BLANK = (
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\uffa0\ufe00-\ufe0f"
    "\U000e0100-\U000e01ef"
)

__all__ = [
    "BLANK",
    "INVISIBLE",
    "LINE_BREAK",
    "MAX_BYTES",
    "MEMORY_PER_BYTE",
    "STDIN",
    "STDIN_NAME",
    "BadText",
    "Lines",
    "blake2b",
    "check_characters",
    "decode",
    "default_path",
    "encode_like",
    "max_bytes",
    "read_input",
    "reading",
    "resolve_path",
    "resolve_paths",
    "split_lines",
]

STDIN = "-"
STDIN_NAME = "<stdin>"

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Characters YAML does not allow in a stream (tab, LF and CR are allowed; so is NEL, U+0085).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


# -- which file ----------------------------------------------------------------------------------


def default_path() -> Path:
    """The chronology that ships with rirtime (in a source checkout: the repository's own)."""
    packaged = Path(__file__).parent / "data" / "timeline.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "timeline.yaml"


def resolve_path(option: str | None) -> str:
    """`--file`, else `RIRTIME_FILE`, else the bundled chronology: one file, for a command
    that reads one (a UsageError when RIRTIME_FILE names several)."""
    paths = resolve_paths([option] if option is not None else None)
    if len(paths) > 1:
        raise UsageError("RIRTIME_FILE names several files and this reads one: give -f PATH")
    return paths[0]


def resolve_paths(options: str | Sequence[str] | None) -> list[str]:
    """Every `--file` given, else the paths in `RIRTIME_FILE` (several separated by
    os.pathsep, as in PATH; empty ones skipped), else the bundled chronology."""
    if isinstance(options, str):  # one path, not its letters
        options = [options]
    if options:
        if not all(options):
            raise UsageError("--file is empty: give a path, or '-' for standard input")
        return list(options)
    env = [p for p in os.environ.get("RIRTIME_FILE", "").split(os.pathsep) if p]
    return env or [str(default_path())]


# The largest timeline read, unless RIRTIME_MAX_BYTES says otherwise. Reading and checking a
# file takes about 25 times its size in memory (benchmarks/RESULTS.md), so 64 MiB is some 1.6 GB:
# what an ordinary machine has to spare, and half again the 100,000-event benchmark (41 MB).
MAX_BYTES = 64 * 1024 * 1024
MEMORY_PER_BYTE = 25  # about how many bytes of memory each byte of a timeline takes to check


_MAX_DIGITS = 18  # a byte count with more digits than this is larger than any disk


def max_bytes() -> int:
    """The size limit of a timeline file: RIRTIME_MAX_BYTES (a number of bytes), else 64 MiB."""
    raw = os.environ.get("RIRTIME_MAX_BYTES", "").strip()
    if not raw:
        return MAX_BYTES
    if not (raw.isascii() and raw.isdigit() and len(raw) <= _MAX_DIGITS) or int(raw) <= 0:
        shown = raw if len(raw) <= _MAX_DIGITS else raw[:_MAX_DIGITS] + "..."
        raise UsageError(f"RIRTIME_MAX_BYTES={shown!r}: give a number of bytes, e.g. 134217728")
    return int(raw)


def _too_big(name: str, limit: int) -> RirtimeError:
    return RirtimeError(
        f"{name}: larger than {limit:,} bytes, the most rirtime reads; checking a file takes "
        f"about {MEMORY_PER_BYTE} times its size in memory (set RIRTIME_MAX_BYTES to allow more)"
    )


# -- what this process has read, for a message when memory runs out --------------------------------

_READING: list[tuple[str, int | None]] = []  # (name, size when known), the latest last


def reading() -> tuple[str, int | None] | None:
    """The timeline this process read last (its name and size in bytes when known), else None:
    memory runs out in reading and checking one, and the message names it (cli.errors)."""
    return _READING[-1] if _READING else None


def _reading(name: str, size: int | None) -> None:
    _READING[:] = [(name, size)]


def _read_bounded(fd: int, name: str, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            _reading(name, size)
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        _reading(name, size)
        if size > limit:
            raise _too_big(name, limit)


def _read_stdin(limit: int) -> tuple[str, bytes]:
    """Standard input, up to `limit` bytes, whether a file descriptor or only a stream."""
    if sys.stdin is None:  # started with stdin closed (`<&-`)
        raise UsageError("standard input is closed: nothing to read with -f -")
    try:
        try:
            fd = sys.stdin.fileno()
        except (AttributeError, ValueError, OSError):  # not a file (a test's stream)
            _reading(STDIN_NAME, None)
            data = sys.stdin.buffer.read(limit + 1)
            _reading(STDIN_NAME, len(data))
            if len(data) > limit:
                raise _too_big(STDIN_NAME, limit) from None
            return STDIN_NAME, data
        return STDIN_NAME, _read_bounded(fd, STDIN_NAME, limit)
    except OSError as exc:
        raise RirtimeError(f"{STDIN_NAME}: cannot read: {exc.strerror or exc}") from None


def _open(path: str) -> int:
    """A descriptor open on `path` for reading, or the error that says why there is none."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang; a regular file ignores it.
        return os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        )
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, not a timeline file") from None
    except PermissionError:
        raise RirtimeError(f"{path}: permission denied") from None
    except (OSError, ValueError) as exc:
        raise RirtimeError(
            f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}"
        ) from None


def _read_regular(fd: int, path: str, limit: int) -> bytes:
    """All of the open file, when it is a regular file no larger than `limit`."""
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{path}: is a directory, not a timeline file")
    if not stat.S_ISREG(st.st_mode):
        raise UsageError(
            f"{path}: is not a regular file (a device, a pipe or a socket); "
            "to read a stream, give - as the file and pipe it in"
        )
    if st.st_size > limit:
        raise _too_big(path, limit)
    _reading(path, st.st_size)
    return _read_bounded(fd, path, limit)


def read_input(path: str, limit: int | None = None) -> tuple[str, bytes]:
    """The display name and the bytes of a timeline file, `-` being standard input.

    A file must be a regular file (a device, a pipe or a FIFO would never end, or block), and
    no larger than `limit` (else `max_bytes()`); standard input is read up to the same bound."""
    limit = max_bytes() if limit is None else limit
    if path == STDIN:
        return _read_stdin(limit)
    fd = _open(path)
    try:
        return path, _read_regular(fd, path, limit)
    except OSError as exc:
        raise RirtimeError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


# -- lines ---------------------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """The text's lines as YAML counts them."""
    return LINE_BREAK.split(text)


class Lines:
    """A text's line starts, for turning (line, column) marks into offsets and back."""

    __slots__ = ("newline", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        first: str | None = None
        for m in LINE_BREAK.finditer(text):
            self.starts.append(m.end())
            if first is None:
                first = m.group()
        # The line end the file uses, for text added to it (NEL, LS and PS are no one's choice).
        self.newline = first if first in ("\r\n", "\r", "\n") else "\n"

    def offset(self, line: int, col: int) -> int:
        """The offset of 0-based (line, column); past the last line, the end of the text."""
        return self.starts[line] + col if line < len(self.starts) else len(self.text)

    def line_start(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def line_text(self, line: int) -> str:
        """The 0-based line's text, without its line break."""
        start = self.line_start(line)
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return LINE_BREAK.sub("", self.text[start:end])

    def loc(self, path: str, index: int) -> Loc:
        """The 1-based place of a character offset."""
        line = bisect.bisect_right(self.starts, index) - 1
        return Loc(path, line + 1, index - self.starts[line] + 1)


# -- bytes <-> text ------------------------------------------------------------------------------


class BadText(Exception):
    """The bytes cannot be read as a timeline's text at all; `diagnostic` says where and why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _error(loc: Loc, code: str, message: str) -> Diagnostic:
    return Diagnostic(loc, Severity.ERROR, code, message)


def _encoding(data: bytes) -> tuple[str, bytes]:
    """The encoding of a timeline's bytes and the byte order mark they start with (or b"")."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8", b"\xef\xbb\xbf"
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le", b"\xff\xfe"
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be", b"\xfe\xff"
    if len(data) >= 2:  # noqa: PLR2004 - the pair of bytes that YAML's rule looks at
        # YAML's own rule for a stream without a BOM: which of the first two bytes is zero.
        if data[0] == 0 and data[1] != 0:
            return "utf-16-be", b""
        if data[0] != 0 and data[1] == 0:
            return "utf-16-le", b""
    return "utf-8", b""


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF32_HEAD = 4  # the bytes YAML's rule looks at to tell UTF-32: a BOM, or three zero bytes


def _is_utf32(data: bytes) -> bool:
    """UTF-32 by YAML's rule: its BOM, or a first character with three zero bytes beside it."""
    head = data[:_UTF32_HEAD]
    if head in _UTF32_BOMS:
        return True
    return len(head) == _UTF32_HEAD and b"\x00\x00\x00" in (head[:3], head[1:])


def decode(data: bytes, path: str) -> str:
    """Bytes -> text: UTF-8 (a BOM is fine), or UTF-16 told by its BOM or by its zero bytes."""
    if _is_utf32(data):  # else read as UTF-16 or UTF-8, and reported as "a NUL byte"
        raise BadText(
            _error(
                Loc(path, 1, 1),
                "encoding",
                "this is UTF-32, which rirtime does not read: it reads UTF-8 (or UTF-16); "
                "convert it, e.g. with `iconv -f utf-32 -t utf-8`",
            )
        )
    encoding, bom = _encoding(data)
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            name = "UTF-16" if bom else encoding.upper()
            good = body[: exc.start - exc.start % 2].decode(encoding)  # what came before
            message = f"not valid {name}: {exc.reason}"
            raise BadText(_error(Lines(good).loc(path, len(good)), "encoding", message)) from None
        good = body[: exc.start].decode("utf-8")
        raise BadText(
            _error(
                Lines(good).loc(path, len(good)),
                "encoding",
                f"not valid UTF-8 (byte 0x{body[exc.start]:02X}); rirtime reads UTF-8 files "
                "(or UTF-16 with a BOM): convert it, e.g. with `iconv -f latin1 -t utf-8`",
            )
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def encode_like(text: str, original: bytes) -> bytes:
    """Text back to bytes in the original's encoding, BOM and all."""
    encoding, bom = _encoding(original)
    return bom + text.encode(encoding)


_BYTE_MAX = 0xFF  # the largest character a \\x escape writes


def check_characters(text: str, path: str) -> None:
    """Raise BadText at the first character YAML does not allow in a stream."""
    m = _FORBIDDEN.search(text)
    if m is None:
        return
    ch = m.group()
    code = ord(ch)
    if ch == "\x00":
        what = "a NUL byte (is this a binary file?)"
    elif ch in "\ufffe\uffff":
        what = f"the noncharacter U+{code:04X}"
    else:
        what = f"the control character U+{code:04X}"
    escape = f"\\x{code:02x}" if code <= _BYTE_MAX else f"\\u{code:04x}"  # as YAML reads them
    raise BadText(
        _error(
            Lines(text[: m.start()]).loc(path, m.start()),
            "control-character",
            f"{what} cannot stand in a YAML file; inside double quotes write it as an escape "
            f"({escape})",
        )
    )
