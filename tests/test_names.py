"""names.py: the one "did you mean", counted nouns and the folded actor-name index."""

from __future__ import annotations

import difflib
from typing import Any

import pytest
from counting import actor, event, timeline
from hypothesis import given
from hypothesis import strategies as st

from rirtime.checks import validate
from rirtime.errors import Loc
from rirtime.graph import folded_names
from rirtime.model import Actor, ActorKind, Places
from rirtime.names import CUTOFF, MAX_COMPARED, MAX_SUGGESTED, Suggester, did_you_mean, plural


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


# -- bounded work: counted comparisons, never a clock --------------------------------------------


class _Counting(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """A SequenceMatcher that counts the choices it is given to compare (one `set_seq1` each)."""

    compared = 0

    def set_seq1(self, a: Any) -> None:
        _Counting.compared += 1
        super().set_seq1(a)


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> type[_Counting]:
    monkeypatch.setattr(difflib, "SequenceMatcher", _Counting)
    _Counting.compared = 0
    return _Counting


def _misspelt(n_actors: int, words: list[str]) -> list[str]:
    """The messages of `check` for events naming each word, against `n_actors` actors."""
    actors = {f"actor-{i:05d}": actor(f"actor-{i:05d}", None) for i in range(n_actors)}
    events = tuple(event(i, (word,)) for i, word in enumerate(words))
    diags = validate(timeline(actors, events), {"undefined-actor"})
    return [d.message for d in diags]


def test_thousands_of_misspellings_cost_a_bounded_number_of_comparisons(
    compared: type[_Counting],
) -> None:
    messages = _misspelt(2000, [f"actr-{i:05d}" for i in range(2000)])
    assert len(messages) == 2000
    # difflib over every pair would be 4,000,000 comparisons (a minute); the first
    # MAX_SUGGESTED names are compared with each actor, the rest with none.
    assert compared.compared <= MAX_SUGGESTED * 2000 + 2000
    hinted = [m for m in messages if "did you mean" in m]
    assert hinted == [m for m in messages[:MAX_SUGGESTED]]
    assert messages[0] == "'actr-00000' is not an actor (did you mean 'actor-00000'?)"
    assert messages[-1] == "'actr-01999' is not an actor"


def test_a_repeated_misspelling_is_compared_once(compared: type[_Counting]) -> None:
    messages = _misspelt(2000, ["Actr-00007", "actr-00007"] * 1000)
    assert compared.compared <= 2000 + 2000
    assert set(messages) == {
        "'Actr-00007' is not an actor (did you mean 'actor-00007'?)",
        "'actr-00007' is not an actor (did you mean 'actor-00007'?)",
    }


def test_very_many_choices_stay_within_the_budget(compared: type[_Counting]) -> None:
    suggest = Suggester(f"a{i:06d}" for i in range(MAX_COMPARED // 10))
    hints = [suggest(f"b{i:06d}") for i in range(MAX_SUGGESTED)]
    assert compared.compared <= MAX_COMPARED + MAX_SUGGESTED
    assert hints[0] != ""
    assert hints[-1] == ""  # past the budget: no suggestion, no work


def test_choices_of_a_far_length_are_never_compared(compared: type[_Counting]) -> None:
    suggest = Suggester(["x" * n for n in range(1, 2000)])
    assert suggest("xxxxy") == " (did you mean 'xxxx'?)"
    # only the lengths difflib's first test lets through (0.6: from 2 to 11 letters for 5)
    assert compared.compared <= 10 + 1


@given(
    st.text("abcde-", max_size=8),
    st.lists(st.text("abcde-", max_size=12), max_size=12, unique=True),
)
def test_the_length_index_changes_no_suggestion(word: str, choices: list[str]) -> None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=CUTOFF)
    assert Suggester(choices)(word) == (f" (did you mean {close[0]!r}?)" if close else "")


def test_long_words_are_not_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    """difflib's work is the product of the lengths: 60 near-miss 150-character ids against
    4,000 such actors took minutes of "did you mean" (attacker pass). Past LONGEST: no guess."""
    import difflib

    from rirtime import names

    compared = 0
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], *args: object, **kwargs: object) -> list[str]:
        nonlocal compared
        compared += len(possibilities)
        return real(word, possibilities, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    long_ids = [("ab" * 75) + str(i) for i in range(4000)]
    suggest = names.Suggester(long_ids)
    assert suggest("ab" * 75 + "x") == ""
    assert compared == 0
    short = names.Suggester(["russia", *long_ids])
    assert short("rusia") == " (did you mean 'russia'?)"


def test_each_word_is_compared_with_few_choices(compared: type[_Counting]) -> None:
    # 2,000 actors of one length: the length index lets every one through, and difflib's ratio
    # with each was two seconds of `check` (H4). The letter index compares only the choices
    # whose letters could beat the best ratio found.
    messages = _misspelt(2000, [f"actr-{i:05d}x0" for i in range(MAX_SUGGESTED)])
    assert compared.compared <= MAX_SUGGESTED * 20
    assert messages[0] == "'actr-00000x0' is not an actor (did you mean 'actor-00000'?)"
    assert messages[1] == "'actr-00001x0' is not an actor (did you mean 'actor-00010'?)"


@given(
    st.text("abcab-", max_size=10),
    st.lists(st.text("abcba-", max_size=14), max_size=30),
)
def test_the_letter_index_changes_no_suggestion(word: str, choices: list[str]) -> None:
    # repeated letters (the index counts each letter's k-th copy), ties and duplicates
    close = difflib.get_close_matches(word, choices, n=1, cutoff=CUTOFF)
    assert Suggester(choices)(word) == (f" (did you mean {close[0]!r}?)" if close else "")
