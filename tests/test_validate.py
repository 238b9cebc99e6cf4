"""Validation on loaded models: what is an error, what is a warning, and where it points."""

from __future__ import annotations

import textwrap

from rirtime.checks import validate
from rirtime.errors import Severity
from rirtime.load import load_text


def _diags(body: str) -> list[tuple[str, str, int]]:
    text = "title: t\nsources:\n  s: {citation: S}\n" + textwrap.dedent(body)
    loaded = load_text(text.encode(), "v.yaml")
    assert loaded.diagnostics == []
    assert loaded.timeline is not None
    return [(d.severity.value, d.code, d.loc.line) for d in validate(loaded.timeline)]


def test_a_clean_timeline_has_no_diagnostics() -> None:
    assert (
        _diags(
            """\
            actors:
              iran: {name: Iran, kind: state}
              irgc: {name: IRGC, kind: military, part_of: iran}
            events:
              - {id: a, date: 2015, title: A, actors: [irgc], sources: [s]}
              - {id: b, date: 2015-03, title: B, actors: [irgc], sources: [s]}
            """
        )
        == []
    )


def test_a_parent_counts_as_used_through_its_parts_at_any_depth() -> None:
    found = _diags(
        """\
        actors:
          iran: {name: Iran, kind: state}
          irgc: {name: IRGC, kind: military, part_of: iran}
          quds: {name: Quds Force, kind: military, part_of: irgc}
          other: {name: Other, kind: state}
        events:
          - {id: a, date: 2015, title: A, actors: [quds], sources: [s]}
        """
    )
    assert found == [("warning", "unused-actor", 8)]


def test_each_cycle_is_reported_once() -> None:
    found = _diags(
        """\
        actors:
          a: {name: A, kind: group, part_of: b}
          b: {name: B, kind: group, part_of: a}
          c: {name: C, kind: group, part_of: a}
        events:
          - {id: e, date: 2015, title: E, actors: [c], sources: [s]}
        """
    )
    assert [f for f in found if f[1] == "part-of-cycle"] == [("error", "part-of-cycle", 5)]


def test_aliases_and_ids_must_name_one_actor_regardless_of_case() -> None:
    found = _diags(
        """\
        actors:
          iran: {name: Iran, kind: state, aliases: [Tehran]}
          persia: {name: Persia, kind: state, aliases: [TEHRAN, Iran]}
        events:
          - {id: e, date: 2015, title: E, actors: [iran, persia], sources: [s]}
        """
    )
    assert found == [("error", "ambiguous-alias", 6), ("error", "ambiguous-alias", 6)]


def test_order_compares_earliest_then_latest_day() -> None:
    found = _diags(
        """\
        actors:
          r: {name: R, kind: state}
        events:
          - {id: a, date: 2015, title: A, actors: [r], sources: [s]}
          - {id: b, date: 2015-01-01, title: B, actors: [r], sources: [s]}
          - {id: c, date: "2014/2016", title: C, actors: [r], sources: [s]}
        """
    )
    assert found == [("warning", "order", 8), ("warning", "order", 9)]


def test_warnings_are_warnings() -> None:
    found = _diags(
        """\
        actors:
          r: {name: R, kind: state}
        events:
          - {id: a, date: 2015, title: A, actors: [r, r]}
        """
    )
    assert {sev for sev, _, _ in found} == {Severity.WARNING.value}
    assert {code for _, code, _ in found} == {"no-source", "repeated", "unused-source"}


def test_a_long_part_of_cycle_is_one_error_and_a_long_chain_none() -> None:
    n = 5000
    event = "events:\n  - {id: e, date: 2015, title: E, actors: [a0], sources: [s]}\n"
    lines = [f"  a{i}: {{name: A, kind: group, part_of: a{(i + 1) % n}}}\n" for i in range(n)]
    assert _diags("actors:\n" + "".join(lines) + event) == [("error", "part-of-cycle", 5)]
    lines[-1] = f"  a{n - 1}: {{name: A, kind: group, part_of: nowhere}}\n"
    assert _diags("actors:\n" + "".join(lines) + event) == [("error", "undefined-actor", 4 + n)]
