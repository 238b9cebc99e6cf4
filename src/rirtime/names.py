"""How messages name things: one "did you mean", and counted nouns. Imports nothing of rirtime."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

__all__ = [
    "CUTOFF",
    "LONGEST",
    "MAX_COMPARED",
    "MAX_SUGGESTED",
    "Suggester",
    "did_you_mean",
    "fold",
    "plural",
]

# difflib's own default: close enough for a typo ("rusia", "titel"), far enough to keep quiet
# about unrelated words. One cut-off for every suggestion rirtime makes.
CUTOFF = 0.6

# How many distinct unknown words of one kind get a suggestion. Each costs a comparison with
# every choice of a similar length; past this many, a file full of unknown names (thousands of
# misspelled actors against thousands of actors) would cost their product, and a reader would
# not go through more suggestions anyway.
MAX_SUGGESTED = 50
# And how many comparisons one set of choices may cost in all: with tens of thousands of
# choices, fewer than MAX_SUGGESTED words get a suggestion, and the work stays that of a moment.
MAX_COMPARED = 200_000


def _length_ratio(a: int, b: int) -> float:
    """difflib's `real_quick_ratio` of two lengths, in its own arithmetic (so the same floats)."""
    total = a + b
    return 2.0 * min(a, b) / total if total else 1.0


# Words and choices longer than this are not compared: difflib's work on two strings grows with
# the product of their lengths, so 150-character ids made a budget of comparisons minutes long.
LONGEST = 64


class Suggester:
    """Suggestions ("did you mean") for many words against one set of choices, in bounded work.

    The choices are indexed once by length: a choice whose length alone puts it below the
    cut-off (difflib's first test) is never compared. Each distinct word (case ignored) is
    looked up once, and only the first `limit` distinct words get a suggestion, while the
    comparisons made stay within `budget`; later words get none. So the work is bounded
    whatever the input: never the number of unknown words times the number of choices.
    """

    __slots__ = ("_budget", "_by_fold", "_by_length", "_limit", "_said")

    def __init__(
        self, choices: Iterable[str], limit: int = MAX_SUGGESTED, budget: int = MAX_COMPARED
    ) -> None:
        self._by_fold: dict[str, str] = {}
        for choice in choices:
            self._by_fold.setdefault(choice.casefold(), choice)
        self._by_length: dict[int, list[str]] = {}
        for folded in self._by_fold:
            if len(folded) <= LONGEST:
                self._by_length.setdefault(len(folded), []).append(folded)
        self._limit = limit
        self._budget = budget  # comparisons left
        self._said: dict[str, str] = {}  # folded word -> its hint, for the first `limit` words

    def __call__(self, word: str) -> str:
        """` (did you mean 'title'?)` when a choice is close to the word, else ""."""
        folded = word.casefold()
        hint = self._said.get(folded)
        if hint is not None:
            return hint
        if len(self._said) >= self._limit:
            return ""
        hint = self._suggest(folded)
        if hint is not None:
            self._said[folded] = hint
        return hint or ""

    def _suggest(self, folded: str) -> str | None:
        """The hint for a folded word; None when comparing it would go over the budget."""
        n = len(folded)
        if n > LONGEST:
            return ""  # a comparison costs the product of the lengths: no guess at a paragraph
        sizes = [length for length in self._by_length if _length_ratio(n, length) >= CUTOFF]
        cost = sum(len(self._by_length[length]) for length in sizes)
        if cost > self._budget:
            return None
        self._budget -= cost
        candidates = [choice for length in sizes for choice in self._by_length[length]]
        close = difflib.get_close_matches(folded, candidates, n=1, cutoff=CUTOFF)
        return f" (did you mean {self._by_fold[close[0]]!r}?)" if close else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'title'?)` when a choice is close to the word, else an empty string.

    Case is ignored in the comparison, as rirtime ignores it when it resolves a name, and the
    choice is shown as written. For many words against the same choices, use a `Suggester`.
    """
    return Suggester(choices)(word)


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
