"""names.py: the one "did you mean", counted nouns and the folded actor-name index."""

from __future__ import annotations

import difflib

from hypothesis import given
from hypothesis import strategies as st

from rirtime.errors import Loc
from rirtime.graph import folded_names
from rirtime.model import Actor, ActorKind, Places
from rirtime.names import CUTOFF, did_you_mean, plural


def test_a_close_choice_is_suggested_in_one_style() -> None:
    assert did_you_mean("rusia", ["iran", "russia"]) == " (did you mean 'russia'?)"
    assert did_you_mean("titel", ("title", "description")) == " (did you mean 'title'?)"


def test_nothing_close_says_nothing() -> None:
    assert did_you_mean("zzz", ["iran", "russia"]) == ""
    assert did_you_mean("iran", []) == ""


def test_case_is_ignored_and_the_choice_shown_as_written() -> None:
    assert did_you_mean("TEHRAN", ["Tehran", "russia"]) == " (did you mean 'Tehran'?)"
    assert did_you_mean("Rusia", {"russia": 1}) == " (did you mean 'russia'?)"


@given(
    st.text("abcde-", max_size=8),
    st.lists(st.text("abcde-", min_size=1, max_size=8), max_size=6, unique=True),
)
def test_on_lowercase_words_it_agrees_with_difflib(word: str, choices: list[str]) -> None:
    # The loader's suggestion was exactly this; switching it to names.did_you_mean changes nothing
    # for the lowercase keys and ids that the format uses.
    close = difflib.get_close_matches(word, choices, n=1, cutoff=CUTOFF)
    assert did_you_mean(word, choices) == (f" (did you mean {close[0]!r}?)" if close else "")


def test_plural() -> None:
    assert [plural(n, "event") for n in (0, 1, 2)] == ["0 events", "1 event", "2 events"]


def _actor(actor_id: str, *aliases: str) -> Actor:
    return Actor(actor_id, actor_id, ActorKind.STATE, aliases, None, None, Places(Loc("t", 1, 1)))


def test_folded_names_map_each_name_to_its_first_actor() -> None:
    actors = {a.id: a for a in (_actor("iran", "Tehran"), _actor("persia", "IRAN", "Qom"))}
    assert folded_names(actors) == {
        "iran": "iran",
        "tehran": "iran",
        "persia": "persia",
        "qom": "persia",
    }
