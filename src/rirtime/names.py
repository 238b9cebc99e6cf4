"""How messages name things: one "did you mean", and counted nouns. Imports nothing of rirtime."""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
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

    Within that, a word is compared (difflib's costly `ratio`) with few choices: an index of
    each length's choices by the letters they hold gives every choice's shared letters with
    the word at once (difflib's second test, `quick_ratio`, an upper bound of the ratio), and
    the choices are compared best bound first, stopping when no bound left can beat the best
    ratio found. The answer is difflib's `get_close_matches(word, choices, n=1)`, exactly.
    """

    __slots__ = ("_budget", "_by_fold", "_by_length", "_letters", "_limit", "_said")

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
        # length -> (letter, k) -> the choices of that length holding the letter k times or
        # more; made for a length when a word first needs it (most checks suggest nothing).
        self._letters: dict[int, dict[tuple[str, int], list[str]]] = {}
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
        close = self._closest(folded, sizes)
        return f" (did you mean {self._by_fold[close]!r}?)" if close is not None else ""

    def _closest(self, folded: str, sizes: list[int]) -> str | None:
        """difflib's closest choice of these lengths to the word (best ratio, then the greater
        string, as `get_close_matches` ranks them), or None when none reaches the cut-off."""
        if not folded:  # only the empty choice is of a length close enough, and it is equal
            return "" if 0 in sizes else None
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(folded)
        best: tuple[float, str] | None = None
        for bound, choice in sorted(self._bounds(folded, sizes), reverse=True):
            if best is not None and bound < best[0]:
                break  # the ratio is never above quick_ratio: no choice left can do better
            matcher.set_seq1(choice)
            score = matcher.ratio()
            if score >= CUTOFF and (best is None or (score, choice) > best):
                best = (score, choice)
        return best[1] if best is not None else None

    def _bounds(self, folded: str, sizes: list[int]) -> list[tuple[float, str]]:
        """Each choice whose `quick_ratio` with the word passes the cut-off, with it (computed
        in difflib's arithmetic, so the same float)."""
        wanted = Counter(folded)
        found: list[tuple[float, str]] = []
        for length in sizes:
            letters = self._letters.get(length)
            if letters is None:
                letters = self._letters[length] = _letter_index(self._by_length[length])
            shared: Counter[str] = Counter()
            for letter, count in wanted.items():
                for k in range(1, count + 1):
                    shared.update(letters.get((letter, k), ()))
            total = len(folded) + length
            found += [(b, c) for c, m in shared.items() if (b := 2.0 * m / total) >= CUTOFF]
        return found


def _letter_index(choices: list[str]) -> dict[tuple[str, int], list[str]]:
    """(letter, k) -> the choices holding that letter k times or more: counting a word's
    letters' entries gives each choice's letters in common with it (a multiset intersection)."""
    index: dict[tuple[str, int], list[str]] = {}
    for choice in choices:
        for letter, count in Counter(choice).items():
            for k in range(1, count + 1):
                index.setdefault((letter, k), []).append(choice)
    return index


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
