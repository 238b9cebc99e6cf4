"""`rirtime diff OLD NEW`: what differs by id, field by field; sides from files, stdin or git
(`REV:PATH`); exit 0 when the same, 1 when different, 2 on trouble; and `git diff` through it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_hostile import first_unsafe
from typer.testing import CliRunner

from conftest import DATA
from rirtime import spec
from rirtime.cli import app
from rirtime.diff import compare
from rirtime.files import default_path
from rirtime.workspace import open_valid

OLD = """\
title: Diff
sources:
  a: {citation: "A source"}
  b: {citation: "B source", url: "https://example.org/b"}
actors:
  russia: {name: Russia, kind: state}
  iran: {name: Iran, kind: state}
  syria: {name: Syria, kind: state}
events:
  - id: kept
    date: 1995
    title: Nothing changes here
    actors: [russia, iran]
    sources: [a]
  - id: redated
    date: 2011-10
    title: The date moves
    actors: [russia]
    sources: [a]
  - id: gone
    date: 2012
    title: This one goes
    actors: [syria]
    sources: [b]
  - id: retold
    date: 2015
    alternatives:
      - {date: 2014, sources: [b], note: "one source says so"}
    title: The title changes
    actors: [iran]
    tags: [talks]
    sources: [a]
"""
NEW = (
    OLD.replace("  syria: {name: Syria, kind: state}\n", "  turkey: {name: Turkey, kind: state}\n")
    .replace(
        "  iran: {name: Iran, kind: state}", "  iran: {name: Iran, kind: state, aliases: [Tehran]}"
    )
    .replace(
        '  b: {citation: "B source", url: "https://example.org/b"}', '  b: {citation: "B source"}'
    )
    .replace("    date: 2011-10\n", "    date: 2011-10-04\n")
    .replace(
        "  - id: gone\n    date: 2012\n    title: This one goes\n"
        "    actors: [syria]\n    sources: [b]\n",
        "",
    )
    .replace("title: The title changes", "title: The title has changed")
    .replace("{date: 2014, sources: [b]", "{date: 2013, sources: [b]")
    + "  - id: new\n    date: 2017\n    title: A new event\n"
    + "    actors: [turkey]\n    sources: [b]\n"
)

EXPECTED = {
    "added": ["new"],
    "removed": ["gone"],
    "changed": [
        {
            "id": "redated",
            "fields": ["date"],
            "before": {"date": "2011-10"},
            "after": {"date": "2011-10-04"},
        },
        {
            "id": "retold",
            "fields": ["alternatives", "title"],
            "before": {
                "alternatives": [{"date": "2014", "sources": ["b"], "note": "one source says so"}],
                "title": "The title changes",
            },
            "after": {
                "alternatives": [{"date": "2013", "sources": ["b"], "note": "one source says so"}],
                "title": "The title has changed",
            },
        },
    ],
    "actors": {
        "added": ["turkey"],
        "removed": ["syria"],
        "changed": [
            {
                "id": "iran",
                "fields": ["aliases"],
                "before": {"aliases": []},
                "after": {"aliases": ["Tehran"]},
            }
        ],
    },
    "sources": {
        "added": [],
        "removed": [],
        "changed": [
            {
                "id": "b",
                "fields": ["url"],
                "before": {"url": "https://example.org/b"},
                "after": {"url": None},
            }
        ],
    },
    "periods": {"added": [], "removed": [], "changed": []},
    "timeline": [],
}


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def _diff(runner: CliRunner, *args: str, stdin: str | None = None) -> Any:
    return runner.invoke(app, ["diff", *args], input=stdin)


def test_json_says_what_was_added_removed_and_changed(
    runner: CliRunner, sides: tuple[Path, Path]
) -> None:
    result = _diff(runner, str(sides[0]), str(sides[1]), "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout) == EXPECTED


def test_the_text_view_names_each_change_and_both_dates(
    runner: CliRunner, sides: tuple[Path, Path]
) -> None:
    result = _diff(runner, str(sides[0]), str(sides[1]))
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines() == [
        "+ event new: 2017  A new event",
        "- event gone: 2012  This one goes",
        "~ event redated: date 2011-10 -> 2011-10-04",
        "~ event retold: alternatives, title",
        "+ actor turkey: Turkey",
        "- actor syria: Syria",
        "~ actor iran: aliases",
        "~ source b: url",
        "1 event added, 1 removed, 2 changed; 1 actor added, 1 removed, 1 changed; "
        "1 source changed",
    ]
    assert "\x1b" not in result.stdout  # no colour in a pipe


def test_the_same_chronology_has_no_differences(
    runner: CliRunner, sides: tuple[Path, Path]
) -> None:
    result = _diff(runner, str(sides[0]), str(sides[0]))
    assert (result.exit_code, result.stdout) == (0, "no differences\n")
    result = _diff(runner, str(sides[0]), str(sides[0]), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["changed"] == []


def test_the_top_level_is_compared_too(runner: CliRunner, sides: tuple[Path, Path]) -> None:
    sides[1].write_text(OLD.replace("title: Diff", "title: Diffs"), encoding="utf-8")
    result = _diff(runner, str(sides[0]), str(sides[1]), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["timeline"] == ["title"]


def test_every_field_of_the_spec_is_compared() -> None:
    """Each field of an event, changed alone, is named alone: a new field is compared the day it
    lands in spec.py."""
    old = open_valid(str(default_path())).timeline
    import dataclasses

    first = old.events[0]
    other = old.events[1]
    for f in spec.EVENT.fields:
        if f.name == "id":
            continue
        changed = dataclasses.replace(first, **{f.name: getattr(other, f.name)})
        if getattr(changed, f.name) == getattr(first, f.name):
            continue
        new = dataclasses.replace(old, events=(changed, *old.events[1:]))
        assert [c.fields for c in compare(old, new).events.changed] == [(f.name,)], f.name


def test_either_side_may_be_stdin_but_not_both(runner: CliRunner, sides: tuple[Path, Path]) -> None:
    result = _diff(runner, "-", str(sides[1]), "--format", "json", stdin=OLD)
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout) == EXPECTED
    result = _diff(runner, "-", "-", stdin=OLD)
    assert result.exit_code == 2
    assert "only one side can be standard input" in result.stderr


def test_an_invalid_side_is_reported_as_check_reports_it(
    runner: CliRunner, sides: tuple[Path, Path]
) -> None:
    sides[1].write_text(NEW.replace("actors: [turkey]", "actors: [turky]"), encoding="utf-8")
    result = _diff(runner, str(sides[0]), str(sides[1]))
    assert result.exit_code == 2
    assert result.stdout == ""
    line = NEW.splitlines().index("    actors: [turkey]") + 1
    assert f"{sides[1]}:{line}:" in result.stderr
    assert "turky" in result.stderr


@pytest.mark.parametrize("missing", ["nope.yaml", "nope:x.yaml", ""])
def test_a_side_that_is_not_there_is_trouble(
    runner: CliRunner, sides: tuple[Path, Path], missing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sides[0].parent)  # no git repository here (nor above: a temporary folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(sides[0].parent.parent))
    result = _diff(runner, missing, str(sides[1]))
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("rirtime: error: ")


def test_the_bundled_chronology_against_an_edited_copy(runner: CliRunner, tmp_path: Path) -> None:
    bundled = default_path()
    text = bundled.read_text(encoding="utf-8")
    events = open_valid(str(bundled)).timeline.events
    victim, redated = events[3], events[5]
    start = text.index(f"  - id: {victim.id}\n")
    end = text.index("  - id: ", start + 1)
    edited = text[:start] + text[end:]
    at = edited.index(f"  - id: {redated.id}\n")
    date_at = edited.index("    date: ", at)
    line_end = edited.index("\n", date_at)
    edited = edited[:date_at] + '    date: "2016-02-29"' + edited[line_end:]
    copy = tmp_path / "copy.yaml"
    copy.write_text(edited, encoding="utf-8")
    result = _diff(runner, str(bundled), str(copy), "--format", "json")
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["removed"] == [victim.id]
    assert data["added"] == []
    assert data["changed"] == [
        {
            "id": redated.id,
            "fields": ["date"],
            "before": {"date": redated.date.text if redated.date else None},
            "after": {"date": "2016-02-29"},
        }
    ]


# -- as a process: colour, hostile text --------------------------------------------------------


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "RIRTIME_FILE")}
    return subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**base, **env},
        check=False,
    )


def test_colour_as_git_diff_stat(sides: tuple[Path, Path]) -> None:
    old, new = str(sides[0]), str(sides[1])
    coloured = _run(["diff", old, new, "--color", "always"], sides[0].parent).stdout
    assert "\x1b[32m+ event new" in coloured
    assert "\x1b[31m- event gone" in coloured
    assert "\x1b[33m~ event redated" in coloured
    assert "\x1b" not in _run(["diff", old, new], sides[0].parent).stdout
    plain = _run(["diff", old, new, "--color", "auto"], sides[0].parent, NO_COLOR="1").stdout
    assert "\x1b" not in plain


def test_hostile_titles_and_ids_reach_no_terminal_raw(tmp_path: Path) -> None:
    hostile = (DATA / "valid_hostile.yaml").read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(hostile, encoding="utf-8")
    edited = hostile.replace("title: ", "title: x", 1)
    assert edited != hostile
    (tmp_path / "new.yaml").write_text(edited, encoding="utf-8")
    empty = "title: Empty\nactors: {}\nevents: []\n"
    (tmp_path / "empty.yaml").write_text(empty, encoding="utf-8")
    for args in (
        ["old.yaml", "new.yaml"],
        ["empty.yaml", "old.yaml"],
        ["old.yaml", "empty.yaml", "--color", "always"],
        ["old.yaml", "new.yaml", "--format", "json"],
    ):
        done = _run(["diff", *args], tmp_path)
        assert done.returncode == 1, done.stderr
        for stream in (done.stdout, done.stderr):
            assert first_unsafe(stream.replace("\x1b[", "[")) is None, (args, stream)


# -- git -----------------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with t.yaml committed twice (OLD, then NEW), and the work tree at NEW."""
    folder = tmp_path / "repo"
    folder.mkdir()
    _git(folder, "init", "-q")
    _git(folder, "config", "user.email", "test@example.org")
    _git(folder, "config", "user.name", "Test")
    _git(folder, "config", "commit.gpgsign", "false")
    for text in (OLD, NEW):
        (folder / "t.yaml").write_text(text, encoding="utf-8")
        _git(folder, "add", "t.yaml")
        _git(folder, "commit", "-q", "-m", "t")
    return folder


@needs_git
@pytest.mark.parametrize(
    "sides",
    [["HEAD~1:t.yaml", "t.yaml"], ["HEAD~1:t.yaml", "HEAD:t.yaml"], ["HEAD~1:./t.yaml", "-"]],
)
def test_a_side_from_git(repo: Path, sides: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rirtime", "diff", *sides, "--format", "json"],
        cwd=repo,
        input=NEW,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout) == EXPECTED


@needs_git
def test_a_file_with_a_colon_in_its_name_is_a_file(repo: Path) -> None:
    (repo / "HEAD~1:t.yaml").write_text(NEW, encoding="utf-8")
    done = _run(["diff", "HEAD~1:t.yaml", "t.yaml"], repo)
    assert (done.returncode, done.stdout) == (0, "no differences\n"), done.stderr


@needs_git
@pytest.mark.parametrize(
    ("side", "said"),
    [
        ("HEAD:nope.yaml", "nope.yaml is not in HEAD"),
        ("nosuchrev:t.yaml", "nosuchrev is not a revision git knows"),
        ("--output=x:t.yaml", "is not a revision"),
        ("HEAD:", "give a path after the colon"),
        ("HEAD~1:./", "is a folder in git"),
    ],
)
def test_git_trouble_is_said_clearly(repo: Path, side: str, said: str) -> None:
    done = _run(["diff", "--", side, "t.yaml"], repo)
    assert done.returncode == 2, done.stderr
    assert said in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(os.listdir(repo)) == [".git", "t.yaml"]  # git wrote nothing (no --output)


@needs_git
def test_outside_a_repository(sides: tuple[Path, Path]) -> None:
    done = _run(
        ["diff", "HEAD:old.yaml", "new.yaml"],
        sides[0].parent,
        GIT_CEILING_DIRECTORIES=str(sides[0].parent.parent),
    )
    assert done.returncode == 2
    assert "not in a git repository" in done.stderr


@needs_git
def test_what_git_gives_is_bounded(repo: Path) -> None:
    done = _run(["diff", "HEAD~1:t.yaml", "t.yaml"], repo, RIRTIME_MAX_BYTES="100")
    assert done.returncode == 2
    assert "HEAD~1:t.yaml: larger than 100 bytes" in done.stderr


def _rirtime_command() -> str:
    """The command line that runs this checkout's rirtime, as git's config writes it."""
    return f"'{sys.executable}' -m rirtime"


@needs_git
def test_git_diff_through_the_textconv(repo: Path) -> None:
    """The README's setup: `*.yaml diff=rirtime`, and `export json` as the text git compares."""
    (repo / ".gitattributes").write_text("t.yaml diff=rirtime\n", encoding="utf-8")
    _git(repo, "config", "diff.rirtime.textconv", f"{_rirtime_command()} export json --no-cache -f")
    shown = _git(repo, "diff", "HEAD~1", "HEAD", "--", "t.yaml")
    assert '-      "title": "The title changes",' in shown
    assert '+      "title": "The title has changed",' in shown
    assert '-      "date": "2011-10",' in shown


@needs_git
def test_git_diff_through_the_external_driver(repo: Path) -> None:
    """The README's other setup: rirtime's own view, with GIT_EXTERNAL_DIFF's arguments
    (path old-file old-hex old-mode new-file new-hex new-mode)."""
    (repo / ".gitattributes").write_text("t.yaml diff=rirtime\n", encoding="utf-8")
    driver = f'f() {{ {_rirtime_command()} diff "$2" "$5"; [ $? -lt 2 ]; }}; f'
    _git(repo, "config", "diff.rirtime.command", driver)
    shown = _git(repo, "diff", "HEAD~1", "HEAD", "--", "t.yaml")
    assert "~ event redated: date 2011-10 -> 2011-10-04" in shown
    assert "+ event new: 2017  A new event" in shown


@needs_git
def test_the_driver_takes_a_file_added_or_deleted(repo: Path) -> None:
    """git names /dev/null as the missing side of a file added or deleted: the driver reads it as
    the empty chronology (it used to refuse it as "not a regular file", and git died)."""
    (repo / ".gitattributes").write_text("t.yaml diff=rirtime\n", encoding="utf-8")
    driver = f'f() {{ {_rirtime_command()} diff "$2" "$5"; [ $? -lt 2 ]; }}; f'
    _git(repo, "config", "diff.rirtime.command", driver)
    first = _git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    added = _git(repo, "show", "--ext-diff", "--format=", first, "--", "t.yaml")
    assert "+ event redated:" in added
    _git(repo, "rm", "-q", "--cached", "t.yaml")
    deleted = _git(repo, "diff", "--cached", "--ext-diff", "--", "t.yaml")
    assert "- event new:" in deleted


def test_dev_null_is_the_empty_chronology(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(NEW, encoding="utf-8")
    for sides, code in (([os.devnull, str(path)], 1), ([os.devnull, os.devnull], 0)):
        run = subprocess.run(
            [sys.executable, "-m", "rirtime", "diff", *sides],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert run.returncode == code, run.stderr
        assert "Traceback" not in run.stderr


def test_comparing_and_showing_is_linear() -> None:
    """Counted ids: the steps of comparing and drawing every event added, removed or changed
    grow with the number of events, not with its square."""
    from counting import Counted, actor, event, timeline

    from rirtime.diff import render

    def steps(n: int) -> int:
        actors = {"a": actor("a", None)}
        old = timeline(actors, tuple(event(i, ("a",), event_id=Counted(f"e{i}")) for i in range(n)))
        new = timeline(
            actors,
            tuple(
                event(i, ("a",), event_id=Counted(f"e{i + n // 2}"), date="2016") for i in range(n)
            ),
        )
        Counted.steps = 0
        changes = compare(old, new)
        render(changes)
        assert len(changes.events.added) == len(changes.events.removed) == n - n // 2
        return Counted.steps

    small, large = steps(500), steps(4000)
    assert large < 8 * small * 2, (small, large)  # 8 times the events: about 8 times the steps


def test_periods_are_compared_by_their_fields() -> None:
    """Periods are compared as the other entries are, field by field."""
    import dataclasses

    from rirtime.dates import parse
    from rirtime.model import Period

    old = open_valid(str(default_path())).timeline
    here = old.events[0].places

    def period(pid: str, date: str, title: str = "A war") -> Period:
        return Period(pid, title, parse(date), None, (), here)

    before = dataclasses.replace(old, periods=(period("war", "2011/2017"), period("gone", "2000")))
    after = dataclasses.replace(old, periods=(period("war", "2011/2018"), period("new", "2019")))
    data = compare(before, after).as_data()["periods"]
    assert data == {
        "added": ["new"],
        "removed": ["gone"],
        "changed": [
            {
                "id": "war",
                "fields": ["date"],
                "before": {"date": "2011/2017"},
                "after": {"date": "2011/2018"},
            }
        ],
    }
    from rirtime.diff import render

    shown = render(compare(before, after))
    assert "~ period war: date 2011/2017 -> 2011/2018" in shown
    assert "+ period new: A war" in shown


def test_a_changed_period_in_two_files_shows_both_dates(runner: CliRunner, tmp_path: Path) -> None:
    """Read from files, as `check` reads them: a re-dated period shows both dates as written,
    the other changed fields by name, and the JSON's `periods` holds the same."""
    periods = (
        "periods:\n"
        "  - {id: war, title: A war, date: 2011-03/.., sources: [a]}\n"
        "  - {id: calm, title: Calm, date: 2016, sources: [a]}\n"
    )
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD + periods, encoding="utf-8")
    new.write_text(
        OLD
        + periods.replace("date: 2011-03/..", "date: 2011-03/2017-12")
        .replace("title: A war,", "title: The war, note: ended,")
        .replace("  - {id: calm, title: Calm, date: 2016, sources: [a]}\n", "")
        + "  - {id: truce, title: A truce, date: 2017-05, sources: [b]}\n",
        encoding="utf-8",
    )
    shown = _diff(runner, str(old), str(new))
    assert shown.exit_code == 1, shown.stderr
    assert "~ period war: title, date 2011-03/.. -> 2011-03/2017-12, note\n" in shown.stdout
    assert "+ period truce: A truce\n" in shown.stdout
    assert "- period calm: Calm\n" in shown.stdout
    assert shown.stdout.endswith("1 period added, 1 removed, 1 changed\n")
    data = json.loads(_diff(runner, str(old), str(new), "--format", "json").stdout)
    assert data["periods"] == {
        "added": ["truce"],
        "removed": ["calm"],
        "changed": [
            {
                "id": "war",
                "fields": ["title", "date", "note"],
                "before": {"title": "A war", "date": "2011-03/..", "note": None},
                "after": {"title": "The war", "date": "2011-03/2017-12", "note": "ended"},
            }
        ],
    }
    assert data["added"] == data["removed"] == data["changed"] == []


@needs_git
@pytest.mark.parametrize("path", ["t.y*", "[t].yaml", "t.yam?"])
def test_a_path_with_pattern_characters_is_a_path_not_a_pattern(repo: Path, path: str) -> None:
    """`git show HEAD:t.y*` printed nothing and exited 0, which read as an empty file: the path
    is looked up as it is, and is not there."""
    run = subprocess.run(
        [sys.executable, "-m", "rirtime", "diff", f"HEAD:{path}", "t.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "is not in HEAD" in run.stderr
    assert "empty" not in run.stderr
