"""How messages name things: one "did you mean", counted nouns, the folded actor-name index."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # errors.py may use plural(), and model imports errors: no import cycle
    from rirtime.model import Actor

__all__ = ["CUTOFF", "did_you_mean", "folded_names", "plural"]

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


def folded_names(actors: Mapping[str, Actor]) -> dict[str, str]:
    """Every actor id and alias, case-folded, -> the first actor (in file order) it names."""
    out: dict[str, str] = {}
    for actor in actors.values():
        for name in (actor.id, *actor.aliases):
            out.setdefault(name.casefold(), actor.id)
    return out
