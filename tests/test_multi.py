"""Several files as one chronology: `-f A -f B` (and RIRTIME_FILE=A:B) on every reading command.

Each file is read and checked on its own (its own FILE:LINE, its own cache entry), then merged:
an actor or source defined the same in two files is one, defined otherwise (or an event id in
two files) is a `merge-clash` naming both places, and names resolve across the files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from rirtime.cli import app

A = """\
title: Part A
description: The first file.
sources:
  s1: {citation: "Source one"}
actors:
  russia: {name: Russia, kind: state, aliases: [Moscow]}
  iran: {name: Iran, kind: state}
events:
  - id: a-2001
    date: 2001
    title: A in 2001
    actors: [russia, iran]
    sources: [s1]
  - id: a-2010
    date: 2010
    title: A in 2010
    actors: [russia]
    sources: [s1]
"""

# Shares `russia` with A, word for word (in another spelling of YAML); cites A's source.
B = """\
title: Part B
sources:
  s2: {citation: "Source two"}
actors:
  russia:
    name: Russia
    kind: state
    aliases: [Moscow]
  syria: {name: Syria, kind: state}
events:
  - id: b-2005
    date: 2005
    title: B in 2005
    actors: [syria, iran]
    sources: [s1, s2]
  - id: b-2010
    date: 2010
    title: B in 2010
    actors: [syria]
    sources: [s2]
"""

# Defines `iran` otherwise than A does, and reuses A's event id a-2010.
C = """\
title: Part C
sources: {}
actors:
  iran: {name: Iran, kind: government}
events:
  - id: c-2003
    date: 2003
    title: C in 2003
    actors: [iran]
    sources: [s2]
  - id: a-2010
    date: 2011
    title: C reuses an id
    actors: [iran]
    sources: [s1]
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The three files, in a folder that is the current one."""
    for name, text in (("a.yaml", A), ("b.yaml", B), ("c.yaml", C)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _ids(runner: CliRunner, *args: str) -> list[str]:
    result = runner.invoke(app, ["show", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return [e["id"] for e in json.loads(result.stdout)]


@pytest.mark.usefixtures("folder")
def test_two_files_are_one_chronology_in_placement_order_then_file_order(runner: CliRunner) -> None:
    assert _ids(runner, "-f", "a.yaml", "-f", "b.yaml") == ["a-2001", "b-2005", "a-2010", "b-2010"]
    # the same date: the file given first comes first
    assert _ids(runner, "-f", "b.yaml", "-f", "a.yaml") == ["a-2001", "b-2005", "b-2010", "a-2010"]
    assert _ids(runner, "-f", "a.yaml", "-f", "b.yaml", "--reverse", "-n", "1") == ["b-2010"]


@pytest.mark.usefixtures("folder")
def test_an_actor_defined_alike_in_two_files_is_one(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "-f", "a.yaml", "-f", "b.yaml", "--strict"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "a.yaml, b.yaml: ok (4 events, 3 actors, 2 sources)\n"
    listed = runner.invoke(app, ["actors", "-f", "a.yaml", "-f", "b.yaml", "--format", "json"])
    assert {a["id"]: a["events"] for a in json.loads(listed.stdout)} == {
        "russia": 2,
        "iran": 2,
        "syria": 2,
    }
    # a filter by an alias of the shared actor finds its events in both files
    assert _ids(runner, "-f", "a.yaml", "-f", "b.yaml", "-a", "moscow") == ["a-2001", "a-2010"]


def test_names_resolve_across_files_in_both_directions(runner: CliRunner, folder: Path) -> None:
    # b.yaml cites A's source s1 and names A's actor iran; alone it fails on both
    alone = runner.invoke(app, ["check", "-f", "b.yaml", "--color", "never"])
    assert alone.exit_code == 1
    assert "b.yaml:14:21: error: 'iran' is not an actor" in alone.stderr
    assert "b.yaml:15:15: error: 's1' is not a source" in alone.stderr
    # and a.yaml leans on b.yaml the other way: an event of A citing B's source
    (folder / "a.yaml").write_text(
        A.replace("sources: [s1]\n  - id: a-2010", "sources: [s2]\n  - id: a-2010")
    )
    for order in (["a.yaml", "b.yaml"], ["b.yaml", "a.yaml"]):
        args = [x for f in order for x in ("-f", f)]
        for _ in range(2):  # afresh, then from the cache: the same answer
            result = runner.invoke(app, ["check", *args, "--strict"])
            assert result.exit_code == 0, result.stderr


@pytest.mark.usefixtures("folder")
def test_a_name_defined_nowhere_is_still_found_at_its_place(runner: CliRunner) -> None:
    runner.invoke(app, ["check", "-f", "b.yaml"])  # into the cache, with its own diagnostics
    for _ in range(2):
        result = runner.invoke(app, ["check", "-f", "b.yaml", "-f", "c.yaml", "--color", "never"])
        assert result.exit_code == 1
        assert "'iran' is not an actor" not in result.stderr  # c.yaml defines it
        assert "b.yaml:15:15: error: 's1' is not a source" in result.stderr
        assert "15 |     sources: [s1, s2]\n   |               ^^\n" in result.stderr
        assert "c.yaml:15:15: error: 's1' is not a source" in result.stderr
        assert "15 |     sources: [s1]\n   |               ^^\n" in result.stderr


@pytest.mark.usefixtures("folder")
def test_an_actor_defined_otherwise_is_a_clash_naming_both_places(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["check", "-f", "a.yaml", "-f", "b.yaml", "-f", "c.yaml", "--color", "never"]
    )
    assert result.exit_code == 1
    assert (
        "c.yaml:4:3: error: actor 'iran' is defined differently in a.yaml:7:3 (kind differs): "
        "define it once, or the same in each file [merge-clash]\n"
        " 4 |   iran: {name: Iran, kind: government}\n"
        "   |   ^^^^\n"
        "a.yaml:7:3: note: first here\n"
        " 7 |   iran: {name: Iran, kind: state}\n"
        "   |   ^^^^\n"
    ) in result.stderr
    assert result.stderr.endswith("a.yaml, b.yaml, c.yaml: 2 errors\n")


@pytest.mark.usefixtures("folder")
def test_an_event_id_in_two_files_is_a_clash_naming_both_places(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["check", "-f", "a.yaml", "-f", "b.yaml", "-f", "c.yaml", "--format", "json"]
    )
    assert result.exit_code == 1
    clashes = [d for d in json.loads(result.stdout) if d["code"] == "merge-clash"]
    assert clashes[1] == {
        "path": "c.yaml",
        "line": 11,
        "column": 5,
        "severity": "error",
        "code": "merge-clash",
        "message": "event id 'a-2010' is in a.yaml:14:5 too: give one of them another",
        "related": [{"path": "a.yaml", "line": 14, "column": 5}],
    }
    # show refuses the files with the same diagnostics, and --select finds them alone
    shown = runner.invoke(app, ["show", "-f", "a.yaml", "-f", "b.yaml", "-f", "c.yaml"])
    assert shown.exit_code == 1
    assert "c.yaml:11:5: error: event id 'a-2010' is in a.yaml:14:5 too" in shown.stderr
    selected = runner.invoke(
        app, ["check", *("-f", "a.yaml", "-f", "c.yaml"), "--select", "merge-clash"]
    )
    assert selected.stderr.count("[merge-clash]") == 2


def test_merge_clash_is_a_named_check(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["check", "--list-checks", "--format", "json"])
    assert {"name": "merge-clash", "severity": "error", "family": "files"}.items() <= next(
        c for c in json.loads(listed.stdout) if c["name"] == "merge-clash"
    ).items()


def test_an_alias_across_files_that_names_two_actors_is_an_error(
    runner: CliRunner, folder: Path
) -> None:
    (folder / "d.yaml").write_text("title: D\nactors:\n  moscow: {name: Moscow, kind: state}\n")
    result = runner.invoke(app, ["check", "-f", "a.yaml", "-f", "d.yaml", "--color", "never"])
    assert result.exit_code == 1
    assert "d.yaml:3:3: error: 'moscow' names both actor 'russia' and actor 'moscow'" in (
        result.stderr
    )


@pytest.mark.usefixtures("folder")
def test_unused_is_judged_on_the_whole(runner: CliRunner) -> None:
    # a.yaml's s1 is cited by its own events; b.yaml's russia only by a.yaml's
    result = runner.invoke(app, ["check", "-f", "b.yaml", "-f", "a.yaml", "--format", "json"])
    assert [d["code"] for d in json.loads(result.stdout)] == []
    alone = runner.invoke(
        app, ["check", "-f", "b.yaml", "--format", "json", "--select", "unused-actor"]
    )
    assert [d["message"] for d in json.loads(alone.stdout)] == ["actor 'russia' is never used"]


@pytest.mark.usefixtures("folder")
def test_stdin_is_one_of_the_files(runner: CliRunner) -> None:
    ids = runner.invoke(app, ["show", "-f", "a.yaml", "-f", "-", "--format", "json"], input=B)
    assert ids.exit_code == 0, ids.stderr
    assert [e["id"] for e in json.loads(ids.stdout)] == ["a-2001", "b-2005", "a-2010", "b-2010"]
    bad = runner.invoke(app, ["check", "-f", "-", "-f", "c.yaml", "--color", "never"], input=A)
    assert "c.yaml:4:3: error: actor 'iran' is defined differently in <stdin>:7:3" in bad.stderr
    assert "<stdin>:7:3: note: first here\n 7 |   iran: {name: Iran, kind: state}\n" in bad.stderr
    twice = runner.invoke(app, ["check", "-f", "-", "-f", "-"], input=A)
    assert twice.exit_code == 2
    assert "'-' is given twice" in twice.stderr


@pytest.mark.usefixtures("folder")
def test_stdin_is_read_once_when_a_cached_file_is_read_again(runner: CliRunner) -> None:
    # c.yaml from the cache knows only where its entries start; its s1 and s2 are undefined
    # beside a.yaml, so it is read again for their places, and standard input is not
    runner.invoke(app, ["check", "-f", "c.yaml"])
    result = runner.invoke(app, ["check", "-f", "-", "-f", "c.yaml", "--color", "never"], input=A)
    assert "c.yaml:10:15: error: 's2' is not a source" in result.stderr
    assert "<stdin>:14:5: note: first here" in result.stderr
    assert result.stderr.endswith("<stdin>, c.yaml: 3 errors\n"), result.stderr


def test_one_file_given_twice_is_a_usage_error(runner: CliRunner, folder: Path) -> None:
    (folder / "link.yaml").symlink_to(folder / "a.yaml")
    os.link(folder / "a.yaml", folder / "hard.yaml")  # a hard link: another path, one file
    for other in ("a.yaml", "./a.yaml", str(folder / "a.yaml"), "link.yaml", "hard.yaml"):
        result = runner.invoke(app, ["show", "-f", "a.yaml", "-f", other])
        assert result.exit_code == 2, other
        assert "give each file once" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_missing_second_file_is_a_usage_error_and_writes_nothing(
    runner: CliRunner, folder: Path
) -> None:
    result = runner.invoke(app, ["export", "md", "-o", "out.md", "-f", "a.yaml", "-f", "nope.yaml"])
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.stderr
    assert not (folder / "out.md").exists()


@pytest.mark.usefixtures("folder")
def test_rirtime_file_holds_several_paths_and_f_overrides_it(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIRTIME_FILE", os.pathsep.join(["a.yaml", "", "b.yaml", ""]))
    assert _ids(runner) == ["a-2001", "b-2005", "a-2010", "b-2010"]
    # -f replaces RIRTIME_FILE's paths, all of them
    assert _ids(runner, "-f", "a.yaml") == ["a-2001", "a-2010"]
    alone = runner.invoke(app, ["check", "-f", "b.yaml"])
    assert alone.exit_code == 1  # b.yaml names what only a.yaml defines


def test_rirtime_file_with_several_paths_as_a_process(folder: Path) -> None:
    env = {**os.environ, "RIRTIME_FILE": os.pathsep.join(["a.yaml", "b.yaml"])}
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "check", "--strict"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("a.yaml, b.yaml: ok")


def test_the_commands_that_write_take_one_file(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (folder / "a.yaml").read_bytes()
    for line in (
        ["add", "--date", "2019", "--title", "T", "-a", "iran", "--source", "s1"],
        ["add-actor", "turkey", "--name", "Turkey", "--kind", "state"],
        ["add-source", "s9", "--citation", "C"],
    ):
        two = runner.invoke(app, [*line, "-f", "a.yaml", "-f", "b.yaml"])
        assert two.exit_code == 2, two.output
        assert f"{line[0]} writes one timeline: -f is given 2 times" in two.stderr
        monkeypatch.setenv("RIRTIME_FILE", os.pathsep.join(["a.yaml", "b.yaml"]))
        env = runner.invoke(app, line)
        monkeypatch.delenv("RIRTIME_FILE")
        assert env.exit_code == 2
        assert "RIRTIME_FILE names several" in env.stderr
    assert (folder / "a.yaml").read_bytes() == before


def _export(runner: CliRunner, fmt: str, *files: str) -> str:
    result = runner.invoke(app, ["export", fmt, *(x for f in files for x in ("-f", f))])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.usefixtures("folder")
def test_exports_say_which_files_they_came_from(runner: CliRunner) -> None:
    doc = json.loads(_export(runner, "json", "a.yaml", "b.yaml"))
    assert doc["files"] == ["a.yaml", "b.yaml"]
    assert doc["title"] == "Part A"  # the first file's title and description
    assert [e["id"] for e in doc["events"]] == ["a-2001", "b-2005", "a-2010", "b-2010"]
    assert set(doc["actors"]) == {"russia", "iran", "syria"}
    assert "*From a.yaml, b.yaml: 4 of 4 events.*" in _export(runner, "md", "a.yaml", "b.yaml")
    assert "from <code>a.yaml, b.yaml</code>" in _export(runner, "html", "a.yaml", "b.yaml")
    ics = _export(runner, "ics", "a.yaml", "b.yaml").splitlines()
    assert "X-WR-CALDESC:From a.yaml\\, b.yaml" in ics
    tjs = json.loads(_export(runner, "timelinejs", "a.yaml", "b.yaml"))
    assert tjs["title"]["text"]["text"].endswith("<p>From a.yaml, b.yaml</p>")


@pytest.mark.usefixtures("folder")
def test_one_file_exports_as_before(runner: CliRunner) -> None:
    assert "files" not in json.loads(_export(runner, "json", "a.yaml"))
    assert "X-WR-CALDESC" not in _export(runner, "ics", "a.yaml")
    assert "*From a.yaml: 2 of 2 events.*" in _export(runner, "md", "a.yaml")


@pytest.mark.usefixtures("folder")
def test_the_export_schema_allows_the_files_list(runner: CliRunner) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent.parent / "schemas/export.schema.json").read_text())
    jsonschema.validate(json.loads(_export(runner, "json", "a.yaml", "b.yaml")), schema)
    jsonschema.validate(json.loads(_export(runner, "json", "a.yaml")), schema)


def test_export_never_writes_over_any_file_it_read(runner: CliRunner, folder: Path) -> None:
    before = (folder / "b.yaml").read_bytes()
    result = runner.invoke(
        app, ["export", "json", "-f", "a.yaml", "-f", "b.yaml", "-o", "b.yaml", "--force"]
    )
    assert result.exit_code != 0
    assert (folder / "b.yaml").read_bytes() == before


@pytest.mark.usefixtures("folder")
def test_each_file_has_its_own_cache_entry(runner: CliRunner) -> None:
    first = runner.invoke(app, ["show", "-f", "a.yaml", "-f", "b.yaml", "--format", "jsonl"])
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "rirtime"
    assert len(list(cache.glob("*.json"))) == 2
    again = runner.invoke(app, ["show", "-f", "a.yaml", "-f", "b.yaml", "--format", "jsonl"])
    fresh = runner.invoke(
        app, ["show", "-f", "a.yaml", "-f", "b.yaml", "--format", "jsonl", "--no-cache"]
    )
    assert first.stdout == again.stdout == fresh.stdout
    assert [json.loads(line)["id"] for line in again.stdout.splitlines()] == [
        "a-2001",
        "b-2005",
        "a-2010",
        "b-2010",
    ]


def test_quotes_are_looked_for_beside_the_file_that_defines_the_source(
    runner: CliRunner, tmp_path: Path
) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    (there / "copy.txt").write_text("The ministers met in Moscow.", encoding="utf-8")
    (there / "sources.yaml").write_text(
        "title: S\nsources:\n  s: {citation: S, text: copy.txt}\n", encoding="utf-8"
    )
    event = textwrap.dedent(
        """\
        title: E
        actors:
          x: {name: X, kind: state}
        events:
          - id: e
            date: 2001
            title: E
            actors: [x]
            sources: [s]
            quote: QUOTE
        """
    )
    files = ["-f", str(there / "sources.yaml"), "-f", str(here / "events.yaml")]
    for quote, found in (("ministers met", True), ("never said", False)):
        (here / "events.yaml").write_text(event.replace("QUOTE", quote), encoding="utf-8")
        result = runner.invoke(app, ["check", *files, "--format", "json"])
        codes = [d["code"] for d in json.loads(result.stdout)]
        assert codes == ([] if found else ["quote-not-found"]), result.stdout


def test_a_file_that_is_no_timeline_is_reported_with_the_others(
    runner: CliRunner, folder: Path
) -> None:
    (folder / "broken.yaml").write_text("title: [unclosed\n")
    result = runner.invoke(app, ["check", "-f", "a.yaml", "-f", "broken.yaml", "--color", "never"])
    assert result.exit_code == 1
    assert "broken.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.usefixtures("folder")
def test_completion_reads_every_file_given() -> None:
    from rirtime import complete

    class Ctx:
        params: ClassVar = {"file": ["a.yaml", "b.yaml"]}

    assert [a for a, _ in complete.actors(Ctx(), "")] == ["russia", "iran", "syria"]
    assert [s for s, _ in complete.sources(Ctx(), "s")] == ["s1", "s2"]


def test_files_of_one_name_in_two_folders_are_told_apart(runner: CliRunner, folder: Path) -> None:
    (folder / "other").mkdir()
    (folder / "other" / "a.yaml").write_text(B, encoding="utf-8")
    doc = json.loads(_export(runner, "json", "a.yaml", "other/a.yaml"))
    assert doc["files"] == ["a.yaml", "other/a.yaml"]


@pytest.mark.usefixtures("folder")
def test_select_takes_one_path_or_several() -> None:
    from rirtime.query import Filter
    from rirtime.selection import select

    assert [e.id for e in select("a.yaml", Filter()).events] == ["a-2001", "a-2010"]
    both = select(["a.yaml", "b.yaml"], Filter())
    assert both.files == ("a.yaml", "b.yaml")
    assert len(both.events) == 4


def test_shell_completion_offers_the_actors_of_every_file(folder: Path) -> None:
    words = "rirtime show -f a.yaml -f b.yaml -a "
    env = {
        **os.environ,
        "_RIRTIME_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split())),
    }
    result = subprocess.run(
        [sys.executable, "-c", "from rirtime.cli import main; main()"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == ["russia", "iran", "syria"]


@pytest.mark.usefixtures("folder")
def test_unchanged_files_are_answered_from_the_cache_each(monkeypatch: pytest.MonkeyPatch) -> None:
    import rirtime.load
    from rirtime.workspace import open_all

    first = open_all(["a.yaml", "b.yaml"], use_cache=True)
    loads: list[str] = []
    real = rirtime.load.load_text

    def counted(data: bytes, name: str) -> object:
        loads.append(name)
        return real(data, name)

    monkeypatch.setattr(rirtime.load, "load_text", counted)
    again = open_all(["a.yaml", "b.yaml"], use_cache=True)
    assert loads == []  # neither file was parsed again
    assert again.diagnostics == first.diagnostics == []
    assert again.timeline is not None
    assert [e.id for e in again.timeline.events] == ["a-2001", "a-2010", "b-2005", "b-2010"]
    (Path("b.yaml")).write_text(B.replace("B in 2005", "B in 2006"), encoding="utf-8")
    open_all(["a.yaml", "b.yaml"], use_cache=True)
    assert loads == ["b.yaml"]  # only the changed one


def test_a_write_reads_rirtime_file_as_the_readers_do(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`RIRTIME_FILE=a.yaml:` (a trailing separator, as PATH often has) is one file for `add`, as
    for `show`: empty parts are skipped, not counted as a second file."""
    monkeypatch.setenv("RIRTIME_FILE", "a.yaml" + os.pathsep)
    added = runner.invoke(app, ["add-source", "s9", "--citation", "C"])
    assert added.exit_code == 0, added.stderr
    assert "s9:" in (folder / "a.yaml").read_text(encoding="utf-8")


def _two_folders(tmp_path: Path, second_text: str) -> list[str]:
    """d1/a.yaml and d2/b.yaml, each with `s: {citation: Same, text: src.txt}` and a src.txt of
    its own beside it (d2's holding `second_text`), each quoting its own."""
    paths = []
    for name, text, quote in (
        ("d1/a", "the quick brown fox\n", "quick brown fox"),
        ("d2/b", second_text, "lazy dog sleeps"),
    ):
        folder = tmp_path / name.split("/")[0]
        folder.mkdir()
        (folder / "src.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.yaml").write_text(
            f"title: T\nsources:\n  s: {{citation: Same, text: src.txt}}\n"
            f"actors:\n  x: {{name: X, kind: state}}\nevents:\n"
            f"  - {{id: e-{folder.name}, date: 2015, title: T, actors: [x], sources: [s], "
            f"quote: {quote}}}\n",
            encoding="utf-8",
        )
        paths += ["-f", f"{name}.yaml"]
    return paths


def test_one_text_path_in_two_folders_is_two_sources_and_clashes(tmp_path: Path) -> None:
    """`text: src.txt` written alike in two folders names two files: not the same source (the
    merge would keep one, and check the other file's quotes against it), a clash naming both."""
    paths = _two_folders(tmp_path, "a lazy dog sleeps\n")
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "check", *paths, "--color", "never"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "d2/b.yaml:3:3: error: source 's' is defined differently in d1/a.yaml:3:3" in (
        result.stderr
    )
    assert f"{tmp_path / 'd1' / 'src.txt'}' there and '{tmp_path / 'd2' / 'src.txt'}' here" in (
        result.stderr.replace("\n", "")
    ), result.stderr
    assert "[merge-clash]" in result.stderr


def test_one_text_path_in_two_folders_holding_the_same_is_one_source(tmp_path: Path) -> None:
    # each quote is in both texts: the same content is the same source, as before
    both = "the quick brown fox, a lazy dog sleeps\n"
    paths = _two_folders(tmp_path, both)
    (tmp_path / "d1" / "src.txt").write_text(both, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "check", *paths, "--color", "never"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "merge-clash" not in result.stderr
