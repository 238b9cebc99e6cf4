"""merge.py on its own: what the merge keeps, what clashes, and that both are linear."""

from __future__ import annotations

import dataclasses

from counting import Counted, actor, event, timeline

from rirtime.dates import parse
from rirtime.errors import Loc
from rirtime.merge import clashes, merge
from rirtime.model import Period, Places, Timeline
from rirtime.query import sort_key


def _in(path: str, t: Timeline) -> Timeline:
    """`t` as if read from `path`: every place in that file."""

    def moved(item: object) -> object:
        places = Places(Loc(path, 1, 1))
        return dataclasses.replace(item, places=places)  # type: ignore[type-var]

    return dataclasses.replace(
        t,
        path=path,
        actors={k: moved(a) for k, a in t.actors.items()},  # type: ignore[misc]
        sources={k: moved(s) for k, s in t.sources.items()},  # type: ignore[misc]
        events=tuple(moved(e) for e in t.events),  # type: ignore[misc]
        periods=tuple(moved(p) for p in t.periods),  # type: ignore[misc]
    )


def _period(period_id: str, path: str) -> Period:
    return Period(period_id, "P", parse("2015"), None, (), Places(Loc(path, 9, 3)))


def test_one_file_is_merged_into_itself() -> None:
    t = timeline({"a": actor("a", None)}, (event(0, ("a",)),))
    assert merge([t]) is t
    assert list(clashes([t])) == []


def test_events_of_later_files_come_after_on_a_tie() -> None:
    first = _in("a.yaml", timeline({"a": actor("a", None)}, (event(0, ("a",)), event(1, ("a",)))))
    second = _in("b.yaml", timeline({}, (event(0, ("a",), event_id="x"),)))
    merged = merge([second, first])
    assert [e.index for e in merged.events] == [0, 1, 2]
    ordered = sorted(merged.events, key=sort_key)
    assert [(e.places.entry.path, e.id) for e in ordered] == [
        ("b.yaml", "x"),
        ("a.yaml", "e0"),
        ("a.yaml", "e1"),
    ]
    assert merged.title == second.title
    assert merged.path == "b.yaml"
    assert list(merged.actors) == ["a"]


def test_periods_are_merged_and_one_id_in_two_files_clashes() -> None:
    a = dataclasses.replace(timeline({}), path="a.yaml", periods=(_period("war", "a.yaml"),))
    b = dataclasses.replace(
        timeline({}), path="b.yaml", periods=(_period("war", "b.yaml"), _period("peace", "b.yaml"))
    )
    assert [p.id for p in merge([a, b]).periods] == ["war", "war", "peace"]
    found = list(clashes([a, b]))
    assert [(at.path, first.path) for at, _, first in found] == [("b.yaml", "a.yaml")]
    assert "period id 'war' is in a.yaml:9:3 too" in found[0][1]


def test_an_actor_defined_alike_is_one_and_otherwise_clashes() -> None:
    a = _in("a.yaml", timeline({"x": actor("x", None)}))
    same = _in("b.yaml", timeline({"x": actor("x", None)}))
    other = _in("c.yaml", timeline({"x": actor("x", "y")}))
    assert list(clashes([a, same])) == []
    assert [m for _, m, _ in clashes([a, same, other])] == [
        "actor 'x' is defined differently in a.yaml:1:1 (part_of differs): define it once, "
        "or the same in each file"
    ]


def test_merging_and_its_clashes_are_linear() -> None:
    def steps(n: int) -> int:
        files = [
            timeline(
                {Counted(f"a{i}"): actor(Counted(f"a{i}"), None) for i in range(n)},
                tuple(event(i, (Counted("a0"),), event_id=Counted(f"e{i}")) for i in range(n)),
            )
            for _ in range(3)
        ]
        Counted.steps = 0
        merge(files)
        list(clashes(files))
        return Counted.steps

    assert steps(3000) <= 11 * steps(300)
