"""The registry of named checks: every code has its check, and `select` runs only those named."""

from __future__ import annotations

import functools
import json
import textwrap
from itertools import chain

import pytest
from counting import Counted, actor, event, timeline

from conftest import DATA
from rirtime.checks import BY_NAME, CHECKS, validate
from rirtime.errors import UsageError
from rirtime.load import load_text
from rirtime.model import Timeline

# One file with every problem the checks know.
EVERYTHING = textwrap.dedent(
    """\
    title: t
    sources:
      s: {citation: S}
      Bad_Source: {citation: "two\\nlines"}
      idle: {citation: "  "}
      early: {citation: Early, published: 2014}
      day: {citation: Day, published: 2017-05-01, text: @ARTICLE@}
      gone: {citation: Gone, text: no-such-text-file.txt}
    actors:
      iran: {name: Iran, kind: state, aliases: [Persia]}
      persia: {name: Persia, kind: state}
      a: {name: A, kind: group, part_of: b}
      b: {name: B, kind: group, part_of: a}
      c: {name: C, kind: group, part_of: irn}
      lonely: {name: Lonely, kind: state}
    events:
      - {id: one, date: 2016, title: One, actors: [iran, a, c], sources: [s]}
      - id: one
        date: 2015
        title: Two
        actors: [rusia, iran, iran]
        tags: [Bad Tag]
        sources: [artcle, early]
      - {id: Bad_Id, date: 2017, title: Three, actors: [persia]}
      - id: four
        date: 2017-05-01
        title: Four
        actors: [iran]
        sources: [day, gone]
        quote: not in the article
    """
).replace("@ARTICLE@", json.dumps(str(DATA / "evidence" / "article.txt")))


def _timeline(text: str) -> Timeline:
    loaded = load_text(text.encode(), "t.yaml")
    assert loaded.diagnostics == []
    assert loaded.timeline is not None
    return loaded.timeline


@functools.cache
def _corpus() -> list[Timeline]:
    out = [_timeline(EVERYTHING)]
    for path in sorted(DATA.glob("*.yaml")):
        loaded = load_text(path.read_bytes(), path.name)
        if loaded.timeline is not None:
            out.append(loaded.timeline)
    return out


def test_every_check_fires_on_its_example_and_every_code_is_a_check() -> None:
    found = validate(_timeline(EVERYTHING))
    # merge-clash is between files: one file has nothing to clash with (below, two do)
    assert {d.code for d in found} == set(BY_NAME) - {"merge-clash"}
    assert not [d for d in found if d.related]
    for d in chain.from_iterable(validate(t) for t in _corpus()):
        assert d.code in BY_NAME
        assert d.severity is BY_NAME[d.code].severity


def test_merge_clash_fires_between_two_files_and_names_the_first_place() -> None:
    from rirtime.merge import merge

    first = _timeline(EVERYTHING)
    other = load_text(b"title: u\nactors:\n  iran: {name: Iran, kind: group}\n", "u.yaml")
    assert other.timeline is not None
    parts = (first, other.timeline)
    found = validate(merge(parts), parts=parts, select={"merge-clash"})
    assert [(d.loc.path, d.loc.line, d.code) for d in found] == [("u.yaml", 3, "merge-clash")]
    assert [(r.path, r.line) for r in found[0].related] == [("t.yaml", 10)]
    assert "defined differently in t.yaml:10:3 (kind, aliases differ)" in found[0].message


def test_with_parts_only_the_checks_across_files_run() -> None:
    t = _timeline(EVERYTHING)
    across = {d.code for d in validate(t, parts=(t,))}
    assert across
    assert not {c for c in across if BY_NAME[c].per_file}


def test_the_registry_is_well_formed() -> None:
    assert len(BY_NAME) == len(CHECKS)
    for check in CHECKS:
        assert check.find.__module__ == f"rirtime.checks.{check.family}"
        assert check.doc
        assert "\n" not in check.doc


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_select_runs_only_the_checks_named(name: str) -> None:
    for t in _corpus():
        everything = validate(t)
        assert validate(t, select={name}) == [d for d in everything if d.code == name]


def test_select_keeps_file_order_across_checks() -> None:
    timeline = _timeline(EVERYTHING)
    chosen = {"duplicate-id", "undefined-actor", "no-source"}
    assert validate(timeline, select=chosen) == [d for d in validate(timeline) if d.code in chosen]
    assert validate(timeline, select=()) == []


def test_an_unknown_check_is_a_usage_error() -> None:
    with pytest.raises(
        UsageError, match=r"unknown check 'unused-actors' \(did you mean 'unused-actor'\?\)"
    ):
        validate(_timeline(EVERYTHING), select=["unused-actors"])


def _events(n: int) -> Timeline:
    """n events, each with a few of every kind of item and a problem or two."""
    return timeline(
        {a: actor(a, None) for a in (Counted("iran"), Counted("russia"))},
        tuple(
            event(
                i,
                (Counted("iran"), Counted("russia"), Counted("rusia"), Counted("iran")),
                event_id=Counted(f"e{i % (n // 2)}"),  # every id twice
                date=str(2000 + (i * 7) % 20),  # out of order now and then
                tags=(Counted("tag"), Counted("Bad")),
                people=(Counted("p"), Counted("p")),
                sources=(Counted("s"), Counted("nowhere")),
            )
            for i in range(n)
        ),
    )


def test_the_event_checks_are_linear_in_events_and_items() -> None:
    def steps(n: int) -> int:
        t = _events(n)
        Counted.steps = 0
        validate(t)
        return Counted.steps

    assert steps(3000) <= 11 * steps(300)


def test_select_is_names_not_a_string() -> None:
    with pytest.raises(TypeError):
        validate(_timeline(EVERYTHING), select="order")


def test_only_keeps_the_named_checks_and_every_problem_of_reading() -> None:
    import pytest

    from rirtime.errors import UsageError
    from rirtime.workspace import check_bytes

    data = (
        b"title: T\nbogus: 1\nactors:\n  a: {name: A, kind: state}\n  b: {name: B, kind: state}\n"
    )
    data += b"events:\n  - {id: e, date: 2001, title: E, actors: [a, zz]}\n"
    checked = check_bytes(data, "t.yaml")
    codes = {d.code for d in checked.diagnostics}
    assert {"unknown-key", "undefined-actor", "unused-actor", "no-source"} <= codes
    only = checked.only({"unused-actor"})
    assert {d.code for d in only.diagnostics} == {"unknown-key", "unused-actor"}
    with pytest.raises(UsageError, match="did you mean 'unused-actor'"):
        checked.only({"unused-actr"})


def test_no_code_of_reading_is_the_name_of_a_check() -> None:
    """--select keeps every problem of reading by its code: no such code may name a check."""
    from conftest import DATA
    from rirtime.checks import BY_NAME
    from rirtime.load import load_text

    corpus = [*DATA.glob("*.yaml"), *(DATA.parent / "corpus").glob("*.yaml")]
    extra = [
        b"",
        b"# only\n",
        b"title:\n",
        b"title: !!str x\n",
        b"title: T\nevents:\n  - {date: }\n",
    ]
    codes = {d.code for p in corpus for d in load_text(p.read_bytes(), p.name).diagnostics}
    codes |= {d.code for data in extra for d in load_text(data, "t.yaml").diagnostics}
    assert codes, "the corpus gave no diagnostics"
    assert codes & set(BY_NAME) == set()


def test_an_empty_selection_is_a_usage_error() -> None:
    import pytest

    from rirtime.errors import UsageError
    from rirtime.workspace import check_bytes

    checked = check_bytes(b"title: T\n", "t.yaml")
    with pytest.raises(UsageError, match="names no check"):
        checked.only(set())


def test_the_list_of_checks_fits_the_terminal() -> None:
    import os
    import sys

    from conftest import on_terminals

    for columns in (40, 80, 120):
        env = {**os.environ, "COLUMNS": str(columns)}
        code, out, _ = on_terminals(
            [sys.executable, "-m", "rirtime", "check", "--list-checks"], env=env
        )
        assert code == 0
        lines = out.splitlines()
        assert all(len(line) <= columns for line in lines), (columns, max(lines, key=len))
        assert "kebab-case" in out


def test_the_readme_lists_every_check_as_the_registry_does() -> None:
    """The README's table of checks is the registry's, row for row (`--list-checks` in Markdown)."""
    from conftest import TESTS

    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    rows = [f"| `{c.name}` | {c.severity.value} | {c.family} | {c.doc} |" for c in CHECKS]
    table = "| check | severity | family | what it holds |\n| --- | --- | --- | --- |\n"
    assert table + "\n".join(rows) + "\n" in readme
