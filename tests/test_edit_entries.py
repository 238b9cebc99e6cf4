"""`add-actor` and `add-source`: the new entry lands at the end of its mapping, in the style of
its neighbours, and nothing else changes; the same machinery as `add`, and the same promises."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import DATA, load_valid
from rirtime.cli import app
from rirtime.edit import NewActor, NewEvent, NewSource, add_to_file, plan_add
from rirtime.errors import RirtimeError
from rirtime.workspace import check_bytes

BASE = """\
# A timeline kept by hand: comments, quoting and order must survive.
title: 'Hand-kept'   # single quotes on purpose
sources:
  a:
    citation: "A source"   # the first
    note: |
      A note whose last lines
      #look-like-comments
  b: {citation: B source}
actors:
  russia: {name: Russia, kind: state}   # flow
  iran:
    name: Iran
    kind: state
    # aliases: [Tehran]   (a field commented out stays with iran)

# -- events --
events:
  - id: early
    date: 2011-10-04
    title: "Early"
    actors: [russia, iran]
    sources: [a, b]
"""

ACTOR = ["add-actor", "irgc", "--name", "Islamic Revolutionary Guard Corps", "--kind", "military"]
SOURCE = ["add-source", "n14", "--citation", "K. Latukhina, Rossiyskaya Gazeta, 2015"]


def _write(tmp_path: Path, text: str, name: str = "t.yaml", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode())
    return path


def _added_lines(before: str, after: str) -> list[str]:
    diff = list(difflib.ndiff(before.splitlines(True), after.splitlines(True)))
    assert not [d for d in diff if d.startswith("- ")], "a line was changed or removed"
    return [d[2:] for d in diff if d.startswith("+ ")]


def _run(runner: CliRunner, path: Path, args: list[str]) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "-f", str(path)])
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_an_actor_goes_after_the_last_and_nothing_else_changes(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _write(tmp_path, BASE)
    args = [*ACTOR, "--part-of", "iran", "--alias", "IRGC", "--alias", "Sepah", "--note", "N."]
    code, _, err = _run(runner, path, args)
    assert code == 0, err
    assert "added actor irgc to" in err
    assert "after iran" in err
    after = path.read_text()
    assert _added_lines(BASE, after) == [
        "  irgc:\n",
        "    name: Islamic Revolutionary Guard Corps\n",
        "    kind: military\n",
        "    aliases: [IRGC, Sepah]\n",
        "    part_of: iran\n",
        "    note: N.\n",
    ]
    # after iran's commented-out field, before the comments that head the next section
    assert after.index("# aliases: [Tehran]") < after.index("irgc:") < after.index("# -- events")
    actor = load_valid(path).actors["irgc"]
    assert (actor.name, actor.kind.value if actor.kind else None) == (
        "Islamic Revolutionary Guard Corps",
        "military",
    )
    assert actor.aliases == ("IRGC", "Sepah")
    assert actor.part_of == "iran"
    assert list(load_valid(path).actors) == ["russia", "iran", "irgc"]


def test_a_source_goes_after_the_last_in_its_style(runner: CliRunner, tmp_path: Path) -> None:
    """The last source is a `{...}` on one line: so is the new one."""
    path = _write(tmp_path, BASE)
    args = [*SOURCE, "--url", "https://rg.ru/x", "--published", "2015-10-22", "--note", "Cited."]
    code, _, err = _run(runner, path, args)
    assert code == 0, err
    assert "added source n14 to" in err
    assert _added_lines(BASE, path.read_text()) == [
        '  n14: {citation: "K. Latukhina, Rossiyskaya Gazeta, 2015", url: "https://rg.ru/x", '
        "published: 2015-10-22, note: Cited.}\n"
    ]
    source = load_valid(path).sources["n14"]
    assert source.citation == "K. Latukhina, Rossiyskaya Gazeta, 2015"
    assert source.published is not None
    assert source.published.text == "2015-10-22"
    # the note ending in lines that look like comments is untouched
    assert load_valid(path).sources["a"].note == "A note whose last lines\n#look-like-comments\n"


def test_a_block_scalar_at_the_end_of_the_mapping_keeps_its_lines(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = BASE.replace("  b: {citation: B source}\n", "").replace("[a, b]", "[a]")
    path = _write(tmp_path, text)
    code, _, err = _run(runner, path, SOURCE)
    assert code == 0, err
    added = _added_lines(text, path.read_text())
    assert added == ["  n14:\n", "    citation: K. Latukhina, Rossiyskaya Gazeta, 2015\n"]
    assert load_valid(path).sources["a"].note == "A note whose last lines\n#look-like-comments\n"


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_line_ends_and_encodings_are_kept(
    runner: CliRunner, tmp_path: Path, newline: str, encoding: str
) -> None:
    path = tmp_path / "t.yaml"
    original = BASE.replace("\n", newline).encode(encoding)
    path.write_bytes(original)
    assert _run(runner, path, ACTOR)[0] == 0
    assert _run(runner, path, SOURCE)[0] == 0
    after = path.read_bytes()
    assert after.startswith(original[:3])
    text = after.decode(encoding)
    if newline == "\r\n":
        assert "\n" not in text.replace("\r\n", "")
    added = _added_lines(BASE.replace("\n", newline), text)
    assert len(added) == 4
    assert all(line.endswith(newline) for line in added)
    assert set(load_valid(path).actors) == {"russia", "iran", "irgc"}


def test_no_final_newline(runner: CliRunner, tmp_path: Path) -> None:
    text = "title: T\nactors:\n  r:\n    name: R\n    kind: state"
    path = _write(tmp_path, text)
    assert _run(runner, path, ACTOR)[0] == 0
    after = path.read_text()
    assert (
        after == text + "\n  irgc:\n    name: Islamic Revolutionary Guard Corps\n    kind: military"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a flow mapping: the new one is its last item
        (
            "title: T\nactors: {r: {name: R, kind: state}}  # all\n",
            "title: T\nactors: {r: {name: R, kind: state}, irgc: {name: Islamic Revolutionary "
            "Guard Corps, kind: military}}  # all\n",
        ),
        # an empty one, or none at all: block style under the key, a comment kept
        (
            "title: T\nactors: {}   # none yet\nevents: []\n",
            "title: T\nactors:   # none yet\n"
            "  irgc:\n    name: Islamic Revolutionary Guard Corps\n    kind: military\n"
            "events: []\n",
        ),
        (
            "title: T\nactors:\nevents: []\n",
            "title: T\nactors:\n"
            "  irgc:\n    name: Islamic Revolutionary Guard Corps\n    kind: military\n"
            "events: []\n",
        ),
        # no `actors:` at all: before the key the format places after it, and its comments
        (
            "title: T\nsources: {}\n\n# the events\nevents: []\n",
            "title: T\nsources: {}\n\n"
            "actors:\n  irgc:\n    name: Islamic Revolutionary Guard Corps\n    kind: military\n"
            "# the events\nevents: []\n",
        ),
        (
            "title: T\n",
            "title: T\nactors:\n"
            "  irgc:\n    name: Islamic Revolutionary Guard Corps\n    kind: military\n",
        ),
    ],
    ids=["flow", "empty-flow", "empty", "missing-before-events", "missing-at-the-end"],
)
def test_every_shape_of_the_mapping(
    runner: CliRunner, tmp_path: Path, text: str, expected: str
) -> None:
    path = _write(tmp_path, text)
    code, _, err = _run(runner, path, ACTOR)
    assert code == 0, err
    assert path.read_text() == expected
    assert list(load_valid(path).actors)[-1] == "irgc"


def test_the_first_source_of_a_file_without_sources(runner: CliRunner, tmp_path: Path) -> None:
    text = "title: T\nactors: {r: {name: R, kind: state}}\nevents: []\n"
    path = _write(tmp_path, text)
    code, _, err = _run(runner, path, SOURCE)
    assert code == 0, err
    assert "the first source" in err
    assert path.read_text() == (
        "title: T\nsources:\n  n14:\n    citation: K. Latukhina, Rossiyskaya Gazeta, 2015\n"
        "actors: {r: {name: R, kind: state}}\nevents: []\n"
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["add-actor", "iran", "--name", "I", "--kind", "state"], "an actor has it already"),
        (["add-actor", "Big_One", "--name", "B", "--kind", "state"], "did you mean big-one?"),
        (
            ["add-actor", "x", "--name", "X", "--kind", "stat"],
            "the kinds are state, government, military, organization, group, company, other "
            "(did you mean 'state'?)",
        ),
        (
            ["add-actor", "x", "--name", "X", "--kind", "group", "--part-of", "irn"],
            "invalid --part-of 'irn': no actor has that id (did you mean 'iran'?)",
        ),
        (["add-actor", "x", "--kind", "state"], "add-actor needs --name"),
        (["add-actor", "x", "--name", "X"], "add-actor needs --kind"),
        (["add-source", "a", "--citation", "C"], "a source has it already"),
        (["add-source", "x"], "add-source needs --citation"),
        (
            ["add-source", "x", "--citation", "C", "--published", "Sept 2015"],
            "did you mean --published 2015-09?",
        ),
    ],
)
def test_usage_errors_leave_the_file_identical(
    runner: CliRunner, tmp_path: Path, args: list[str], fragment: str
) -> None:
    path = _write(tmp_path, BASE)
    code, _, err = _run(runner, path, args)
    assert code == 2
    assert fragment in err
    assert path.read_text() == BASE
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]


def test_what_check_refuses_is_refused_with_its_diagnostics(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _write(tmp_path, BASE)
    code, _, err = _run(runner, path, ["add-actor", "x", "--name", "two\nlines", "--kind", "state"])
    assert code == 1
    assert "nothing was written: with the new actor at line 16" in err
    assert path.read_text() == BASE


def test_an_invalid_file_is_refused_before_anything(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes((DATA / "references.yaml").read_bytes())
    before = path.read_bytes()
    code, _, err = _run(runner, path, ACTOR)
    assert code == 1
    assert f"{path}:16:22: error: 'rusia' is not an actor" in err
    assert path.read_bytes() == before


def test_never_the_bundled_chronology_nor_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ACTOR)
    assert result.exit_code == 2
    assert "add-actor writes to a timeline of your own" in result.stderr
    result = runner.invoke(app, [*SOURCE, "-f", "-"])
    assert result.exit_code == 2
    assert "add-source cannot write to standard input" in result.stderr


def test_dry_run_prints_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    code, out, err = _run(runner, path, [*ACTOR, "--dry-run"])
    assert code == 0, err
    assert out == "  irgc:\n    name: Islamic Revolutionary Guard Corps\n    kind: military\n"
    assert "would add actor irgc to" in err
    assert "line 16, after iran" in err
    assert path.read_text() == BASE


def test_a_read_only_file_is_refused_unless_forced(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    path.chmod(0o444)
    code, _, err = _run(runner, path, SOURCE)
    assert code == 1
    assert "is read-only" in err
    assert _run(runner, path, [*SOURCE, "--force"])[0] == 0
    assert "n14" in load_valid(path).sources
    assert (path.stat().st_mode & 0o777) == 0o444


def test_the_other_entries_are_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    """The last line of defence holds for actors too: another entry reading differently after
    the insertion is refused."""
    from rirtime import edit

    real = edit._insert

    def clumsy(*args: object, **kwargs: object) -> tuple[str, str, int]:
        new, block, line = real(*args, **kwargs)  # type: ignore[arg-type]
        return new.replace("name: Iran", "name: Persia"), block, line

    monkeypatch.setattr(edit, "_insert", clumsy)
    actor = NewActor("irgc", "IRGC", "military")
    with pytest.raises(RirtimeError, match="without changing what the file already holds"):
        plan_add(BASE.encode(), "t.yaml", actor)


def test_several_entries_in_one_write(tmp_path: Path) -> None:
    """A new actor and source, then the event that names them: one atomic write, each planned
    on the file with the ones before it."""
    path = _write(tmp_path, BASE)
    planned = add_to_file(
        str(path),
        NewActor("turkey", "Turkey", "state"),
        NewSource("n14", "K. Latukhina, 2015"),
        NewEvent("2015", "Talks", ("turkey", "iran"), sources=("n14",)),
    )
    assert [p.label for p in planned] == ["actor turkey", "source n14", "talks-2015"]
    timeline = load_valid(path)
    assert "turkey" in timeline.actors
    assert "n14" in timeline.sources
    assert [e.id for e in timeline.events] == ["early", "talks-2015"]
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]


INVISIBLES = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # BOM
    "\u00ad",  # soft hyphen
    "\u180e",  # Mongolian vowel separator
    "\u061c",  # Arabic letter mark
    "\u200e",  # left-to-right mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u206a",  # inhibit symmetric swapping
    "\ufff9",  # interlinear annotation anchor
    "\U000e0041",  # tag latin capital letter a
    "\x85",  # NEL
    "\x9b",  # CSI
    "\x7f",  # DEL
    "\x1b",  # ESC
    "\u2028",  # line separator
]


@pytest.mark.parametrize("char", INVISIBLES, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_are_written_as_escapes(char: str) -> None:
    """In every kind of entry, every invisible or control character goes into the YAML as an
    escape in a double-quoted scalar, never raw, and reads back as given."""
    text = f"a{char}b"
    entries = [
        NewEvent("2016", text, ("iran",), people=(text,), summary=text),
        NewActor("x", text, "group", aliases=(text,), note=text),
        NewSource("x", text, url=f"https://e.org/{char}", note=text),
    ]
    for entry in entries:
        planned = plan_add(BASE.encode(), "t.yaml", entry)
        written = planned.data.decode("utf-8")
        assert char not in written
        assert char not in planned.entry_text
        code = ord(char)
        escape = f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
        assert escape in planned.entry_text or (code < 0x20 and "\\u001b" in planned.entry_text)
        loaded = yaml.safe_load(planned.data)
        after = check_bytes(planned.data, "t.yaml").timeline
        assert after is not None
        if isinstance(entry, NewEvent):
            assert loaded["events"][-1]["title"] == text
        elif isinstance(entry, NewActor):
            assert after.actors["x"].name == text
            assert after.actors["x"].aliases == (text,)
        else:
            assert after.sources["x"].citation == text


def test_the_edit_module_escapes_every_format_character() -> None:
    """Every Unicode format character (category Cf), the line and paragraph separators and the
    C1 controls: none is written raw (the old list let zero-width ones and tags through)."""
    import sys
    import unicodedata

    from rirtime.edit import _quoted

    chars = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    chars += ["\u2028", "\u2029", *map(chr, range(0x7F, 0xA0))]
    written = _quoted("".join(chars))
    assert written.isascii()
    assert yaml.safe_load(written) == "".join(chars)


def test_add_actor_help_names_every_kind(runner: CliRunner) -> None:
    from rirtime.spec import ActorKind

    result = runner.invoke(app, ["add-actor", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for kind in ActorKind:
        assert kind.value in result.stdout, kind


def test_kind_completion_offers_the_kinds() -> None:
    from rirtime.cli.add import _kinds
    from rirtime.spec import ActorKind

    assert _kinds("") == [k.value for k in ActorKind]
    assert _kinds("gr") == ["group"]
