"""Make text from a file harmless on a terminal: no control, bidi override or invisible
character gets through."""

from __future__ import annotations

import re

from rirtime.files import BLANK, INVISIBLE

__all__ = ["BLANK", "INVISIBLE", "is_link", "one_line", "visible"]

# The invisible characters: every format character (Cf) and the blanks that are not (files.py).
# C0 controls, DEL, C1 controls, the line and paragraph separators (which break lines where no
# newline shows), and the invisible characters above.
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE}{BLANK}]")
_C0_END = 0x20  # the C0 controls are the code points below it
_DEL = 0x7F
_CONTROL_PICTURES = 0x2400  # U+2400..U+241F picture the C0 controls, in their order

# A zero-width joiner or non-joiner is seen where it joins (or keeps apart) two letters of a
# script that joins them, Persian's ZWNJ in "می‌خواهم", or two emoji ("👩‍💻"): there it stays.
# Elsewhere (Latin, Cyrillic, next to a space) it shows nothing, and is shown.
_JOINERS = "\u200c\u200d"
# This pattern and _HAS_STYLES are matched only where a joiner or a presentation selector is
# found, so they stay text until then: re compiles one on first use and keeps it. Compiled at
# import, their ranges past U+FFFF took a millisecond of every start (benchmarks/notes-startup.md).
_JOINING = (
    "[\u0600-\u08ff\u0900-\u0dff\u1000-\u109f\u1780-\u18af\ufb50-\ufdff\ufe70-\ufefc"  # scripts
    "\u2600-\u27bf\u2b00-\u2bff\u20e3\ufe0f\U0001f000-\U0001faff]"  # emoji, keycap, emoji style
)


def _joins(text: str, at: int) -> bool:
    """Whether the character at `at` is one a joiner beside it visibly joins."""
    if not 0 <= at < len(text):
        return False
    ch = text[at]
    if ch in _EMOJI_STYLE:  # 🏳️‍🌈: the flag's emoji style, then the joiner
        return at > 0 and _styled(text[at - 1])
    return re.match(_JOINING, ch) is not None and _UNSAFE.match(ch) is None


def _replacement(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if code < _C0_END:
        return chr(_CONTROL_PICTURES + code)  # ESC shows as ␛, BEL as ␇
    if code == _DEL:
        return "\u2421"  # ␡
    if ch in _JOINERS and _joins(m.string, m.start() - 1) and _joins(m.string, m.end()):
        return ch
    if ch in _EMOJI_STYLE and m.start() > 0 and _styled(m.string[m.start() - 1]):
        return ch  # ❤️: the emoji's own style; a run of selectors shows, as it hides a text
    return f"<U+{code:04X}>"


_EMOJI_STYLE = "\ufe0e\ufe0f"  # text and emoji presentation selectors


def _styled(before: str) -> bool:
    """Whether a presentation selector after this character is the usual one: after a symbol
    that has an emoji and a text style (❤, ☎, ©, a keycap's digit, a pictograph)."""
    return re.match(_HAS_STYLES, before) is not None


_HAS_STYLES = "[#*0-9\u00a9\u00ae\u203c-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff]"


def visible(text: str, *, keep_newlines: bool = False, keep_tabs: bool = False) -> str:
    """`text` with every control, bidi-override and invisible character shown as a visible
    stand-in (`␛`, `<U+202E>`, `<U+200B>`); a joiner stays where it joins what is seen."""
    if text.isascii() and text.isprintable():  # U+0020-U+007E: nothing to show otherwise
        return text

    def replace(m: re.Match[str]) -> str:
        ch = m.group()
        if (ch == "\n" and keep_newlines) or (ch == "\t" and keep_tabs):
            return ch
        return _replacement(m)

    return _UNSAFE.sub(replace, text)


def one_line(text: str) -> str:
    """`text` as a one-line field shows it (a title, a name): every run of white space and line
    breaks (any of YAML's: LF, CR, NEL, LS, PS) one space, the rest as `visible` shows it."""
    return visible(" ".join(text.split()))


_LINK = re.compile(r"(?:https?://|mailto:)\S+", re.IGNORECASE)


def is_link(url: str) -> bool:
    """Whether a URL from the file may become a link: http, https or mailto, with no whitespace
    and nothing `visible` would have to show (controls, bidi overrides, invisible characters)."""
    return _LINK.fullmatch(url) is not None and visible(url) == url
