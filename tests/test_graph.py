"""graph.py: the part_of relation, both ways, its cycles, and that every walk over it is linear."""

from __future__ import annotations

import pytest
from counting import Counted, actor, event, timeline
from hypothesis import given
from hypothesis import strategies as st

from rirtime import graph
from rirtime.checks import validate
from rirtime.model import Actor, Timeline
from rirtime.query import Filter, apply, descendants
from rirtime.stats import actor_rows


def _registry(pairs: list[tuple[str, str | None]]) -> dict[str, Actor]:
    return {a: actor(a, up) for a, up in pairs}


# -- what it answers --------------------------------------------------------------------------

TREE = _registry(
    [
        ("iran", None),
        ("irgc", "iran"),
        ("quds", "irgc"),
        ("mfa", "iran"),
        ("russia", None),
        ("stray", "nowhere"),
    ]
)


def test_ancestors_are_the_chain_up_nearest_first() -> None:
    g = graph.build(TREE)
    assert g.ancestors("quds") == ("irgc", "iran")
    assert g.ancestors("iran") == ()
    assert g.ancestors("stray") == ()  # part_of an actor that does not exist leads nowhere
    assert g.ancestors("unknown") == ()


def test_descendants_are_the_actor_and_everything_part_of_it() -> None:
    g = graph.build(TREE)
    assert g.descendants("iran") == {"iran", "irgc", "quds", "mfa"}
    assert g.descendants("irgc") == {"irgc", "quds"}
    assert g.descendants("russia") == {"russia"}
    assert g.descendants("unknown") == {"unknown"}
    # As the registry says: an actor written part_of a name that is no actor is part of it.
    assert g.descendants("nowhere") == {"nowhere", "stray"}


def test_reached_is_the_named_actors_and_all_they_are_part_of() -> None:
    g = graph.build(TREE)
    assert g.reached(["quds", "russia", "unknown"]) == {"quds", "irgc", "iran", "russia"}
    assert g.reached(["stray"]) == {"stray"}
    assert g.reached([]) == set()


def test_each_cycle_once_from_the_first_actor_that_runs_into_it() -> None:
    actors = _registry(
        [("t", "b"), ("a", "b"), ("b", "c"), ("c", "a"), ("s", "s"), ("x", None), ("y", "q")]
    )
    g = graph.build(actors)
    # t comes first and enters the circle at b; the self-loop is a cycle of one.
    assert g.cycles == (("b", "c", "a"), ("s",))
    assert g.ancestors("t") == ("b", "c", "a")
    assert g.ancestors("a") == ("b", "c")
    assert g.descendants("a") == {"a", "b", "c", "t"}
    assert g.reached(["t"]) == {"t", "a", "b", "c"}


def test_of_builds_once_pertimeline() -> None:
    one, two = timeline(TREE), timeline(dict(TREE))
    assert graph.of(one) is graph.of(one)
    assert graph.of(two) is not graph.of(one)
    assert graph.of(two).descendants("irgc") == {"irgc", "quds"}


_names = st.sampled_from(["a", "b", "c", "d", "e", "f", "zz"])


@given(st.dictionaries(_names, st.one_of(st.none(), _names), max_size=7))
def test_it_agrees_with_the_naive_definitions(parts: dict[str, str | None]) -> None:
    actors = _registry(list(parts.items()))
    g = graph.build(actors)
    for name in [*actors, "zz", "nope"]:
        # The fixpoint query.py used: add any actor part_of one already in, until none is.
        expected = {name}
        while True:
            more = {a.id for a in actors.values() if a.part_of in expected} - expected
            if not more:
                break
            expected |= more
        assert g.descendants(name) == expected
        assert set(g.reached([name])) == {a for a in actors if name in g.descendants(a)}
    assert g.cycles == _naive_cycles(actors)


def _naive_cycles(actors: dict[str, Actor]) -> tuple[tuple[str, ...], ...]:
    """The validator's former quadratic search: walk up from every actor in file order."""
    out: list[tuple[str, ...]] = []
    reported: set[str] = set()
    for start in actors:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in actors and current not in path:
            path.append(current)
            current = actors[current].part_of
        if current is None or current not in path:
            continue
        cycle = path[path.index(current) :]
        if not reported.intersection(cycle):
            reported.update(cycle)
            out.append(tuple(cycle))
    return tuple(out)


# -- how much work: counted, never timed --------------------------------------------------------


def _chain(n: int, cycle: bool) -> Timeline:
    """a0 part_of a1 part_of ... a(n-1), which is part of nothing, or of a0 when `cycle`."""
    ids = [Counted(f"a{i}") for i in range(n)]
    ups: list[str | None] = [Counted(f"a{i + 1}") for i in range(n - 1)]
    ups.append(Counted("a0") if cycle else None)
    actors = {a: actor(a, up) for a, up in zip(ids, ups, strict=True)}
    return timeline(actors, (event(0, (Counted("a0"),)),))


def _every_walk(t: Timeline) -> None:
    g = graph.build(t.actors)
    top = next(reversed(t.actors))
    g.descendants(top)
    g.ancestors("a0")
    g.reached(["a0"])
    descendants(t, top)
    apply(t, Filter(actors=(top,)))
    actor_rows(t, list(t.events), only_used=False)
    validate(t)


def _steps(n: int, cycle: bool) -> int:
    t = _chain(n, cycle)
    Counted.steps = 0
    _every_walk(t)
    return Counted.steps


@pytest.mark.parametrize("cycle", [False, True], ids=["chain", "cycle"])
def test_every_walk_over_part_of_is_linear(cycle: bool) -> None:
    # Quadratic work on 5,000 actors is ~12.5M steps and grows 100-fold from 500 actors; linear
    # work is a few steps an actor and grows 10-fold.
    small, large = _steps(500, cycle), _steps(5000, cycle)
    assert large <= 11 * small
    assert large <= 100 * 5000
