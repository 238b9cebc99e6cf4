"""`rirtime init`: a starter timeline that passes `check`, written atomically, never over a file
without --force; and the first steps from it, as a new user takes them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import load_valid
from rirtime.cli import app
from rirtime.edit import STARTER
from rirtime.workspace import check_bytes


def _rirtime(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RIRTIME_FILE"}
    return subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_the_starter_passes_check_with_only_its_unused_warnings() -> None:
    checked = check_bytes(STARTER.encode(), "timeline.yaml")
    assert checked.timeline is not None
    assert sorted(d.code for d in checked.diagnostics) == ["unused-actor", "unused-source"]
    t = checked.timeline
    assert t.title
    assert len(t.sources) == len(t.actors) == 1
    assert t.events == ()


def test_the_starter_names_the_schema_for_editors() -> None:
    assert STARTER.startswith("# yaml-language-server: $schema=timeline.schema.json\n")
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=timeline.schema.json" in readme


def test_init_writes_timeline_yaml_here_by_default(tmp_path: Path) -> None:
    done = _rirtime(tmp_path, "init")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "wrote timeline.yaml" in done.stderr
    assert (tmp_path / "timeline.yaml").read_text(encoding="utf-8") == STARTER
    checked = _rirtime(tmp_path, "check", "-f", "timeline.yaml")
    assert checked.returncode == 0, checked.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.yaml"]


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("title: Mine\n")
    done = _rirtime(tmp_path, "init", "mine.yaml")
    assert done.returncode == 1
    assert "mine.yaml: already exists; add --force to replace it" in done.stderr
    assert target.read_text() == "title: Mine\n"
    target.chmod(0o640)
    done = _rirtime(tmp_path, "init", "mine.yaml", "--force")
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == STARTER
    assert (target.stat().st_mode & 0o777) == 0o640  # the old file's mode, as every write keeps


def test_dash_is_stdout(tmp_path: Path) -> None:
    done = _rirtime(tmp_path, "init", "-")
    assert done.returncode == 0
    assert done.stdout == STARTER
    assert done.stderr == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("what", ["folder", "fifo", "no-folder"])
def test_what_is_not_a_file_is_refused(tmp_path: Path, what: str) -> None:
    if what == "folder":
        (tmp_path / "target").mkdir()
        name, fragment = "target", "is a directory"
    elif what == "fifo":
        os.mkfifo(tmp_path / "target")
        name, fragment = "target", "init writes a file, or standard output with `rirtime init -`"
    else:
        name, fragment = "nowhere/target.yaml", "no such folder"
    done = _rirtime(tmp_path, "init", name, "--force")
    assert done.returncode == 1
    assert fragment in done.stderr
    assert "Traceback" not in done.stderr


def test_an_interrupted_init_leaves_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(_src: str, _dst: str) -> None:
        raise KeyboardInterrupt

    # a new file gets its name by a link (never over a file made meanwhile), an old one by a
    # rename: Ctrl-C at either leaves nothing
    monkeypatch.setattr(os, "replace", killed)
    monkeypatch.setattr(os, "link", killed)
    target = tmp_path / "t.yaml"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 130
    assert list(tmp_path.iterdir()) == []


def test_help_says_the_default(runner: CliRunner) -> None:
    result = runner.invoke(app, ["init", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "default timeline.yaml in the current folder" in result.stdout
    assert "'-' for stdout" in result.stdout


def test_first_steps_from_the_starter(tmp_path: Path) -> None:
    """init, then add-actor, add-source, add twice: each lands in its place, in block style
    (`events: []` gives way to the first event), and the file still reads as the starter did
    everywhere else."""
    assert _rirtime(tmp_path, "init").returncode == 0
    steps = [
        ("add-actor", "iran", "--name", "Iran", "--kind", "state", "--alias", "Tehran"),
        ("add-source", "n14", "--citation", "K. Latukhina, Rossiyskaya Gazeta, 2015"),
        ("add", "--date", "2016-08", "--title", "Bombers at Hamadan", "-a", "russia", "-a", "iran"),
        ("add", "--date", "2015-09-30", "--title", "Air strikes begin", "-a", "russia"),
    ]
    for step in steps:
        cites = ["--source", "n14"] if step[0] == "add" else []
        done = _rirtime(tmp_path, *step, *cites, "-f", "timeline.yaml")
        assert done.returncode == 0, done.stderr
    text = (tmp_path / "timeline.yaml").read_text(encoding="utf-8")
    assert "events: [" not in text
    assert "events:\n  - id: air-strikes-begin-2015-09-30\n" in text
    timeline = load_valid(tmp_path / "timeline.yaml")
    assert [e.id for e in timeline.events] == [
        "air-strikes-begin-2015-09-30",
        "bombers-at-hamadan-2016-08",
    ]
    assert list(timeline.actors) == ["russia", "iran"]
    assert list(timeline.sources) == ["article", "n14"]
    # every line of the starter is still there, in its order
    lines = iter(text.splitlines())
    starter = STARTER.replace("events: []", "events:").splitlines()
    assert all(any(line == kept for kept in lines) for line in starter)


def test_a_full_disk_on_stdout_is_an_error(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "rirtime", "init", "-"],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert b"No space left on device" in done.stderr
    assert b"Traceback" not in done.stderr
