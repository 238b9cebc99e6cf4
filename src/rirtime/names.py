"""How messages name things: one "did you mean", and counted nouns. Imports nothing of rirtime."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

__all__ = ["CUTOFF", "did_you_mean", "fold", "plural"]

# difflib's own default: close enough for a typo ("rusia", "titel"), far enough to keep quiet
# about unrelated words. One cut-off for every suggestion rirtime makes.
CUTOFF = 0.6


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'title'?)` when a choice is close to the word, else an empty string.

    Case is ignored in the comparison, as rirtime ignores it when it resolves a name, and the
    choice is shown as written.
    """
    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(choice.casefold(), choice)
    close = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=CUTOFF)
    return f" (did you mean {by_fold[close[0]]!r}?)" if close else ""


def plural(n: int, word: str) -> str:
    """A count and its noun: `1 event`, `3 events` (regular English plurals only)."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# Letters that carry no combining mark to drop (NFKD leaves them whole) but that people type
# without the accent all the same: Turkish dotless i, Polish l, Nordic o, Croatian d, ligatures.
_BASE_LETTERS = str.maketrans(
    {
        "\u0131": "i",  # dotless i
        "\u0142": "l",
        "\u00f8": "o",
        "\u0111": "d",
        "\u00f0": "d",
        "\u00fe": "th",
        "\u00e6": "ae",
        "\u0153": "oe",
    }
)


def fold(text: str) -> str:
    """Text as search compares it: without case or accents, so that `erdogan` finds "Erdoğan"
    and `rouhani` finds "ROUHANI" (Unicode NFKD, combining marks dropped, then casefolded)."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_BASE_LETTERS)
