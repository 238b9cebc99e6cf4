"""Make text from a file harmless on a terminal: no control or bidi override gets through."""

from __future__ import annotations

import re

__all__ = ["is_link", "visible"]

# C0 controls, DEL, C1 controls, the line and paragraph separators (which break lines where no
# newline shows), and the bidirectional formatting characters that can reorder what a reader
# sees (Trojan Source): LRM/RLM, ALM, LRE..RLO, LRI..PDI.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_C0_END = 0x20  # the C0 controls are the code points below it
_DEL = 0x7F
_CONTROL_PICTURES = 0x2400  # U+2400..U+241F picture the C0 controls, in their order


def _replacement(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if code < _C0_END:
        return chr(_CONTROL_PICTURES + code)  # ESC shows as ␛, BEL as ␇
    if code == _DEL:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str, *, keep_newlines: bool = False, keep_tabs: bool = False) -> str:
    """`text` with every control and bidi-override character shown as a visible stand-in."""

    def replace(m: re.Match[str]) -> str:
        ch = m.group()
        if (ch == "\n" and keep_newlines) or (ch == "\t" and keep_tabs):
            return ch
        return _replacement(m)

    return _UNSAFE.sub(replace, text)


_LINK = re.compile(r"(?:https?://|mailto:)\S+", re.IGNORECASE)


def is_link(url: str) -> bool:
    """Whether a URL from the file may become a link: http, https or mailto, with no whitespace
    and nothing `visible` would have to show (controls, bidi overrides)."""
    return _LINK.fullmatch(url) is not None and visible(url) == url
