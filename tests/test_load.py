"""Loading: places of values, encodings, and the YAML that must never get through unnoticed."""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rirtime.errors import Severity
from rirtime.load import load_text

GOOD = textwrap.dedent(
    """\
    title: Places
    sources:
      article: {citation: An article}
    actors:
      russia: {name: Russia, kind: state, aliases: [Moscow]}
    events:
      - id: one
        date: 2015-07-14
        title: "Жанр: one"
        actors: [russia]
        sources: [article]
    """
)


def _codes(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    return [d.code for d in load_text(data, "t.yaml").diagnostics]


def test_every_value_keeps_its_line_and_column() -> None:
    loaded = load_text(GOOD.encode(), "t.yaml")
    assert loaded.diagnostics == []
    assert loaded.timeline is not None
    event = loaded.timeline.events[0]
    assert (event.places.at("date").line, event.places.at("date").column) == (8, 11)
    assert (event.places.at("title").line, event.places.at("title").column) == (9, 12)
    assert (event.places.at("actors", 0).line, event.places.at("actors", 0).column) == (10, 14)
    actor = loaded.timeline.actors["russia"]
    assert (actor.places.entry.line, actor.places.entry.column) == (5, 3)
    assert actor.aliases == ("Moscow",)
    assert event.title == "Жанр: one"
    assert str(event.places.at("date")) == "t.yaml:8:11"


def test_columns_count_characters_not_bytes() -> None:
    from rirtime.checks import validate

    # Cyrillic before the value on its line: counted in bytes, the column would be 4 more (each
    # of the four letters takes two bytes in UTF-8).
    line = '  - {id: one, date: 2015-07-14, title: "Жанр", actors: [russa], sources: [article]}'
    text = GOOD.split("events:\n")[0] + "events:\n" + line + "\n"
    loaded = load_text(text.encode(), "t.yaml")
    assert loaded.diagnostics == []
    assert loaded.timeline is not None
    column = line.index("russa") + 1
    place = loaded.timeline.events[0].places.at("actors", 0)
    assert (place.line, place.column) == (7, column)
    # the reference is checked by validate, which points at the same character
    (diag,) = [d for d in validate(loaded.timeline) if d.code == "undefined-actor"]
    assert (diag.loc.line, diag.loc.column) == (7, column)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_read_the_same(encoding: str) -> None:
    loaded = load_text(GOOD.encode(encoding), "t.yaml")
    assert loaded.diagnostics == []
    assert loaded.timeline is not None
    assert loaded.timeline.events[0].title == "Жанр: one"


def test_crlf_and_lone_cr_line_ends() -> None:
    crlf = load_text(GOOD.replace("\n", "\r\n").encode(), "t.yaml")
    assert crlf.diagnostics == []
    assert crlf.timeline is not None
    assert crlf.timeline.events[0].places.at("title").line == 9
    assert crlf.timeline.events[0].title == "Жанр: one"


def test_latin1_is_refused_at_the_bad_byte() -> None:
    diag = load_text("title: ok\nnote: café\n".encode("latin-1"), "t.yaml").diagnostics[0]
    assert (diag.code, diag.loc.line, diag.loc.column) == ("encoding", 2, 10)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("title: a\ntitle: b\n", "duplicate-key", 2),
        ("title: !!python/object/apply:os.system [echo]\n", "yaml-tag", 1),
        ("title: !!int ''\n", "yaml-tag", 1),
        ("title: !!bool x\n", "yaml-tag", 1),
        ("title: !!timestamp 2020-13-45\n", "yaml-tag", 1),
        ("title: x\nevents:\n- &a {id: a}\n- *a\n", "anchor", 3),
        ("title: [unclosed\n", "yaml", 2),
        ("title: x\n\tevents: []\n", "tab", 2),
        ("title: a\n---\ntitle: b\n", "documents", 2),
        ("", "empty-file", 1),
        ("# just a comment\n", "empty-file", 1),
        ("- a\n", "type", 1),
        ("title: x\x07\n", "control-character", 1),
        ("title: NO\n", "implicit-type", 1),
        ("title: x\nevents: [{id: 012}]\n", "implicit-type", 2),
    ],
)
def test_bad_yaml_is_a_located_diagnostic(text: str, code: str, line: int) -> None:
    diags = load_text(text.encode(), "t.yaml").diagnostics
    assert code in [d.code for d in diags]
    assert next(d for d in diags if d.code == code).loc.line == line


def test_duplicate_keys_name_both_lines() -> None:
    diag = load_text(b"title: a\ndescription: x\ntitle: b\n", "t.yaml").diagnostics[0]
    assert diag.loc.line == 3
    assert "line 1" in diag.message


def test_malformed_scalars_that_crash_pyyaml_are_diagnostics() -> None:
    # yaml.safe_load raises ValueError on this date; we never construct it.
    text = (
        "title: x\nactors: {r: {name: R, kind: state}}\n"
        "events:\n- {id: a, date: 2020-13-45, title: t, actors: [r]}\n"
    )
    diags = load_text(text.encode(), "t.yaml").diagnostics
    assert [(d.code, d.loc.line) for d in diags] == [("date", 4)]


def test_unsafe_tags_run_nothing(tmp_path: pytest.TempPathFactory) -> None:
    marker = f"{tmp_path}/ran"
    text = f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
    load_text(text.encode(), "t.yaml")
    import os

    assert not os.path.exists(marker)


def _run_bounded(text: str) -> subprocess.CompletedProcess[str]:
    """Load `text` in a child with 512 MB of address space and 30 s of CPU; print the codes."""
    code = (
        "import sys\n"
        "from rirtime.load import load_text\n"
        "d = load_text(sys.stdin.buffer.read(), 'x.yaml').diagnostics\n"
        "print(' '.join(sorted({x.code for x in d})))\n"
    )

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))
        resource.setrlimit(resource.RLIMIT_CPU, (30, 30))

    return subprocess.run(
        [sys.executable, "-c", code],
        input=text,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=60,
        check=False,
    )


def test_alias_bomb_fails_fast_in_bounded_memory() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    bomb = "\n".join(lines) + "\ntitle: boom\n"
    result = _run_bounded(bomb)
    assert result.returncode == 0, result.stderr
    # a0..a29 are no keys of a timeline: said so, and nothing expanded to say it
    assert result.stdout.split() == ["alias", "anchor", "unknown-key"]


def test_an_alias_bomb_hides_no_other_problem() -> None:
    lines = ["title: boom", "sources: {s: {citation: S}}", "actors:"]
    lines.append("  a0: &a0 {name: A, kind: state, aliases: [x, x, x, x, x, x, x, x, x, x]}")
    for i in range(1, 30):
        lines.append(
            f"  a{i}: &a{i} {{name: A, kind: state, aliases: ["
            + ", ".join([f"*a{i - 1}"] * 10)
            + "]}"
        )
    lines += ["events:", "  - {id: e, date: 2015-02-30, title: T, actors: [a0], sources: [s]}"]
    lines += ["titel: typo"]
    result = _run_bounded("\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["alias", "anchor", "date", "unknown-key"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("title: !!int 5\nsources: []\n", [("yaml-tag", 1), ("type", 2)]),
        ("title: T\nnote: *x\ntitel: u\n", [("alias", 2), ("unknown-key", 2), ("unknown-key", 3)]),
        (
            "title: &t T\ndescription: !!bool yes\nevents: {}\n",
            [("anchor", 1), ("yaml-tag", 2), ("type", 3)],
        ),
        ("*root\n", [("alias", 1)]),
        (
            "title: T\n*k : v\nevents: [*e, {id: x}]\n",
            [("alias", 2), ("alias", 3), ("missing-key", 3)],
        ),
    ],
    ids=["tag", "alias", "anchor", "alias-root", "alias-key-and-item"],
)
def test_tags_anchors_and_aliases_hide_no_other_problem(
    text: str, codes: list[tuple[str, int]]
) -> None:
    diags = load_text(text.encode(), "t.yaml").diagnostics
    assert sorted({(d.code, d.loc.line) for d in diags}) == sorted(set(codes))


@pytest.mark.parametrize("shape", ["flow", "block"])
def test_deep_nesting_is_refused_without_crashing(shape: str) -> None:
    if shape == "flow":
        text = "title: x\nevents: " + "[" * 100_000 + "]" * 100_000 + "\n"
    else:
        text = "title: x\nevents:\n" + "".join("  " * i + "-\n" for i in range(1, 3000))
    result = _run_bounded(text)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["too-deep"]


def test_pure_python_parser_gives_the_same_diagnostics(monkeypatch: pytest.MonkeyPatch) -> None:
    from rirtime import load

    bad = GOOD.replace("title: Places", "titel: Places").replace("2015-07-14", "2015-02-30")
    with_c = load.load_text(bad.encode(), "t.yaml").diagnostics
    monkeypatch.setitem(sys.modules, "yaml._yaml", None)
    without_c = load.load_text(bad.encode(), "t.yaml").diagnostics
    assert with_c == without_c
    assert len(with_c) == 3


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.binary(max_size=200))
def test_random_bytes_never_raise(data: bytes) -> None:
    loaded = load_text(data, "r.yaml")
    for d in loaded.diagnostics:
        assert d.loc.line >= 1
        assert d.loc.column >= 1
    if loaded.timeline is None:
        assert any(d.severity is Severity.ERROR for d in loaded.diagnostics)


_fragments = st.lists(
    st.sampled_from(
        [
            "title: x\n",
            "events:\n",
            "- id: a\n",
            "  date: 2015\n",
            "  title: t\n",
            "actors:\n",
            "  r: {name: R, kind: state}\n",
            "  actors: [r]\n",
            "[",
            "]",
            "{",
            "}",
            ": ",
            "- ",
            "&a ",
            "*a ",
            "!!str ",
            "'",
            '"',
            "#",
            "\t",
            "  ",
            "\n",
            "---\n",
            "NO",
            "012",
            "~",
            "2015-02-30",
            "|\n",
            ">-\n",
            "? ",
            ",",
            "%YAML 1.1\n",
        ]
    ),
    max_size=25,
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_fragments)
def test_random_yaml_fragments_never_raise(parts: list[str]) -> None:
    loaded = load_text("".join(parts).encode(), "f.yaml")
    lines = "".join(parts).count("\n") + 2
    for d in loaded.diagnostics:
        assert 1 <= d.loc.line <= lines


def test_implicit_type_told_without_the_resolver_is_the_resolvers_answer() -> None:
    """The fast path for text (a first character YAML types nothing by) answers as yaml's own
    resolver would, for every first character and what may follow it."""
    import yaml
    from yaml.resolver import Resolver

    from rirtime.syntax import TYPE_NAMES, Scalar, implicit_type

    resolver = Resolver()
    firsts = [chr(c) for c in range(0x20, 0x250)] + ["\u00a0", "\u2028", "\U0001f600"]
    for first in firsts:
        for rest in ("", "1", "rue", "ull", "2015-07-14", " x", ".5", "ff"):
            value = first + rest
            node = Scalar.__new__(Scalar)
            node.value, node.plain, node.tag = value, True, None
            tag = resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            assert implicit_type(node) == (tag if tag in TYPE_NAMES else None), value
