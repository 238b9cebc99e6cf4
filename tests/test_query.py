"""Filters: what they keep, in what order; property tests hold them to subset, order and union."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, load_valid
from rirtime.errors import UsageError
from rirtime.load import load_text
from rirtime.model import Timeline
from rirtime.query import Filter, Window, apply, parse_human_date, resolve, sort_key, window

SHOW: Timeline = load_valid(str(DATA / "valid_show.yaml"))
ALL_IDS = [e.id for e in sorted(SHOW.events, key=sort_key)]


def ids(wanted: Filter) -> list[str]:
    return [e.id for e in apply(SHOW, resolve(SHOW, wanted))]


def test_no_filter_keeps_everything_in_chronological_order() -> None:
    assert ids(Filter()) == ALL_IDS
    # "by Sep 2015" (an unknown start) is placed in Sep 2015, not before 1995
    assert ALL_IDS[0] == "agreement-1995"
    assert ALL_IDS[ALL_IDS.index("obama-call-2015-07") + 1] == "by-2015-09"


def test_actor_includes_its_parts_at_any_depth() -> None:
    assert ids(Filter(actors=("iran",))) == [
        "agreement-1995",
        "quds-2015-09",
        "larijani-2015-10",
        "rouhani-visit-2017-03",
    ]
    assert ids(Filter(actors=("irgc",))) == ["quds-2015-09"]


@pytest.mark.parametrize("name", ["IRAN", "Tehran", "islamic republic", "tehran"])
def test_actor_by_alias_and_any_case(name: str) -> None:
    assert ids(Filter(actors=(name,))) == ids(Filter(actors=("iran",)))


def test_unknown_actor_suggests_close_ids() -> None:
    with pytest.raises(UsageError) as info:
        resolve(SHOW, Filter(actors=("irna",)))
    assert "unknown actor 'irna'" in info.value.message
    assert "iran" in info.value.message


def test_unknown_tag_and_source_are_usage_errors() -> None:
    with pytest.raises(UsageError, match=r"unknown tag 'vetoo'.*veto"):
        resolve(SHOW, Filter(tags=("vetoo",)))
    with pytest.raises(UsageError, match="unknown source 'n41'"):
        resolve(SHOW, Filter(sources=("n41",)))


def test_all_requires_every_actor() -> None:
    both = ids(Filter(actors=("russia", "iran"), all_of=True))
    assert both == ["agreement-1995", "quds-2015-09", "larijani-2015-10", "rouhani-visit-2017-03"]
    assert ids(Filter(tags=("visit", "diplomacy"), all_of=True)) == [
        "larijani-2015-10",
        "rouhani-visit-2017-03",
    ]


def test_exclusions() -> None:
    # the Quds Force is part of the IRGC, part of Iran: its event goes with Iran's
    assert ids(Filter(actors=("russia",), not_actors=("iran",))) == [
        "unsc-veto-2011-10-04",
        "obama-call-2015-07",
        "by-2015-09",
    ]
    assert ids(Filter(not_tags=("visit", "diplomacy", "military"))) == [
        "agreement-1995",
        "jihadists-2013-11",
        "obama-call-2015-07",
        "by-2015-09",
    ]


def test_person_search_and_source() -> None:
    assert ids(Filter(people=("putin",))) == ["obama-call-2015-07", "rouhani-visit-2017-03"]
    assert ids(Filter(search=("PRIORITY PARTNER",))) == ["larijani-2015-10"]
    assert ids(Filter(search=("thanked",))) == ["obama-call-2015-07"]  # the quote
    assert ids(Filter(search=("churkin",))) == ["unsc-veto-2011-10-04"]  # people
    assert ids(Filter(sources=("n14",))) == ["larijani-2015-10"]


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2015", date(2015, 1, 1), date(2015, 12, 31)),
        ("2015-09", date(2015, 9, 1), date(2015, 9, 30)),
        ("Sept 2015", date(2015, 9, 1), date(2015, 9, 30)),
        ("September 2015", date(2015, 9, 1), date(2015, 9, 30)),
        ("28 March 2017", date(2017, 3, 28), date(2017, 3, 28)),
        ("March 28, 2017", date(2017, 3, 28), date(2017, 3, 28)),
        ("2015-09-14", date(2015, 9, 14), date(2015, 9, 14)),
        ("2017~", date(2017, 1, 1), date(2017, 12, 31)),
    ],
)
def test_human_dates_keep_their_precision(text: str, earliest: date, latest: date) -> None:
    span = parse_human_date(text)
    assert (span.earliest, span.latest) == (earliest, latest)


@pytest.mark.parametrize("text", ["garbage", "March", "28 March", "2015-13", ""])
def test_unreadable_dates_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError):
        parse_human_date(text)


def test_windows_match_where_events_are_placed() -> None:
    # --to 2015 runs to the end of 2015; --on 2015-09 is all of September.
    assert ids(Filter(window=window(None, None, "2015"))) == [
        e for e in ALL_IDS if e not in ("hezbollah-2016", "rouhani-visit-2017-03")
    ]
    on_sept = ids(Filter(window=window("2015-09", None, None)))
    # "by Sep 2015" is placed in September; the ongoing flow of fighters runs on through it
    assert on_sept == ["jihadists-2013-11", "by-2015-09", "quds-2015-09"]
    # an open end reaches as far as it may; an unknown start is placed at its end
    assert ids(Filter(window=window(None, "2030", None))) == ["jihadists-2013-11"]
    assert ids(Filter(window=window(None, None, "1990"))) == []
    assert ids(Filter(window=window(None, None, "2001"))) == ["agreement-1995"]
    assert "by-2015-09" in ids(Filter(window=window("2015", None, None)))
    assert "by-2015-09" in ids(Filter(window=window(None, "2015-09", None)))
    assert "by-2015-09" not in ids(Filter(window=window("2014", None, None)))
    assert "by-2015-09" not in ids(Filter(window=window(None, "2015-10", None)))
    in_2016 = ids(Filter(window=window(None, "2016", "2016")))
    assert in_2016 == ["jihadists-2013-11", "hezbollah-2016"]


def test_possible_windows_match_every_day_an_event_could_be() -> None:
    def possible(on: str | None, start: str | None, end: str | None) -> list[str]:
        return ids(Filter(window=window(on, start, end), possible=True))

    # "by Sep 2015" could have happened any time up to then: before 1990 too
    assert possible(None, None, "1990") == ["by-2015-09"]
    assert possible("2014", None, None) == ["jihadists-2013-11", "by-2015-09"]
    assert "by-2015-09" not in possible(None, "2015-10", None)
    # what is placed in the window is possible in it too
    for args in [("2015-09", None, None), (None, "2012", "2016"), (None, None, "2011")]:
        assert set(ids(Filter(window=window(*args)))) <= set(possible(*args))


def test_empty_window_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="empty"):
        window(None, "2017", "2015")


def test_limit_and_reverse() -> None:
    assert ids(Filter(limit=2)) == ALL_IDS[:2]
    assert ids(Filter(reverse=True)) == ALL_IDS[::-1]
    assert ids(Filter(reverse=True, limit=1)) == [ALL_IDS[-1]]
    assert ids(Filter(limit=0)) == []


# -- properties ----------------------------------------------------------------------------------

_actors = st.lists(st.sampled_from(sorted(SHOW.actors)), max_size=3)
_tags = st.lists(st.sampled_from(sorted({t for e in SHOW.events for t in e.tags})), max_size=3)
_days = st.dates(min_value=date(1990, 1, 1), max_value=date(2020, 12, 31))


@st.composite
def _filters(draw: st.DrawFn) -> Filter:
    lo, hi = draw(st.one_of(st.none(), _days)), draw(st.one_of(st.none(), _days))
    if lo and hi and hi < lo:
        lo, hi = hi, lo
    return Filter(
        actors=tuple(draw(_actors)),
        tags=tuple(draw(_tags)),
        not_actors=tuple(draw(st.lists(st.sampled_from(sorted(SHOW.actors)), max_size=1))),
        search=tuple(draw(st.lists(st.sampled_from(["russia", "the", "x", "visit"]), max_size=2))),
        window=Window(lo, hi),
        all_of=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_filters())
def test_result_is_an_ordered_subset(wanted: Filter) -> None:
    result = ids(wanted)
    assert set(result) <= set(ALL_IDS)
    assert result == [i for i in ALL_IDS if i in result]
    assert len(result) == len(set(result))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(sorted(SHOW.actors)), min_size=2, max_size=3, unique=True))
def test_repeated_actor_is_the_union_of_each_alone(actors: list[str]) -> None:
    union = set().union(*(ids(Filter(actors=(a,))) for a in actors))
    assert set(ids(Filter(actors=tuple(actors)))) == union
    inter = set(ALL_IDS).intersection(*(ids(Filter(actors=(a,))) for a in actors))
    assert set(ids(Filter(actors=tuple(actors), all_of=True))) == inter


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_filters(), _filters())
def test_adding_a_filter_never_adds_events(a: Filter, b: Filter) -> None:
    narrowed = Filter(actors=a.actors, tags=a.tags, window=a.window, search=b.search)
    base = Filter(actors=a.actors, tags=a.tags, window=a.window)
    assert set(ids(narrowed)) <= set(ids(base))


# -- finding things as people type them -----------------------------------------------------------

FINDING = """\
title: Finding
sources:
  a: {citation: A}
actors:
  usa: {name: United States, kind: state, aliases: [Washington]}
  assad: {name: Bashar al-Assad, kind: other, aliases: [Asad, Assad]}
  turkey: {name: Türkiye, kind: state}
events:
  - id: erdogan
    date: 2016
    title: Erdoğan visits the Kremlin
    actors: [turkey]
    people: [Recep Tayyip Erdoğan]
    sources: [a]
  - id: strike
    date: 2017-04
    title: Washington strikes an air base of Assad's forces
    actors: [usa, assad]
    people: [Donald Trump]
    sources: [a]
  - id: database
    date: 2017-05
    title: A database of bases is published
    actors: [usa]
    sources: [a]
"""


def _finding() -> Timeline:
    loaded = load_text(FINDING.encode(), "f.yaml")
    assert loaded.timeline is not None
    assert not loaded.diagnostics
    return loaded.timeline


def _found(**kwargs: Any) -> list[str]:
    t = _finding()
    return [e.id for e in apply(t, resolve(t, Filter(**kwargs)))]


@pytest.mark.parametrize("term", ["erdogan", "ERDOGAN", "Erdoğan", "erdo"])
def test_search_ignores_accents_and_case(term: str) -> None:
    assert _found(search=(term,)) == ["erdogan"]
    assert _found(people=(term,)) == ["erdogan"]


def test_every_word_of_a_search_must_match_at_the_start_of_a_word() -> None:
    assert _found(search=("base air",)) == ["strike"]  # both words, in any order
    assert _found(search=("air database",)) == []
    assert _found(search=("base",)) == ["strike", "database"]  # "bases" too
    assert _found(search=("abase",)) == []  # not inside "database"
    assert _found(search=("kremlin trump",)) == []  # no event holds both
    assert _found(search=("kremlin", "database")) == ["erdogan", "database"]  # any of them


def test_search_finds_the_spellings_the_file_gives_as_aliases() -> None:
    assert _found(search=("Asad",)) == ["strike"]  # the text says "Assad's"
    assert _found(search=("asad forces",)) == ["strike"]


def test_actor_by_name_alias_or_id_ignoring_accents() -> None:
    for name in ("United States", "united  states", "usa", "WASHINGTON"):
        assert _found(actors=(name,)) == ["strike", "database"], name
    assert _found(actors=("turkiye",)) == ["erdogan"]


def test_an_unknown_actor_suggests_an_id_or_the_person_filter() -> None:
    t = _finding()
    with pytest.raises(UsageError, match=r"it names a person: try --person 'trump'"):
        resolve(t, Filter(actors=("trump",)))
    with pytest.raises(UsageError) as info:
        resolve(t, Filter(actors=("washingtn",)))
    assert "did you mean 'usa'?" in info.value.message  # the id, not the alias


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("05/12/2015", "ambiguous"),
        ("5.12.2015", "ambiguous"),
        ("05-12-15", "two-digit year"),
        ("yesterday", "cannot read"),
    ],
)
def test_dates_typed_two_ways_are_refused(text: str, problem: str) -> None:
    with pytest.raises(UsageError, match=problem):
        parse_human_date(text)


def test_an_unambiguous_day_first_date_is_read() -> None:
    assert parse_human_date("13/05/2015").text == "2015-05-13"
    assert parse_human_date("05/05/2015").text == "2015-05-05"
