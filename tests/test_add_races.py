"""`add` under concurrency and interference: every add that says "added" has its event in the
file; the others fail clearly; nothing else changes; mode, owner and links are respected."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rirtime.edit import NewEvent, add_to_file
from rirtime.errors import RirtimeError

TIMELINE = """title: T
actors:
  iran: {name: Iran, kind: state}
events:
  - id: first
    date: 2000
    title: First
    actors: [iran]
"""


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(TIMELINE)
    return path


def _add(path: Path, i: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "rirtime", "add", "-f", str(path), "--date", f"{2001 + i}"),
            *("--title", f"Event {i}", "--actor", "iran", "--id", f"e{i}"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "RIRTIME_NO_CACHE": "1"},
    )


@pytest.mark.parametrize("n", [2, 12])
def test_concurrent_adds_lose_nothing(tmp_path: Path, n: int) -> None:
    path = _file(tmp_path)
    procs = [_add(path, i) for i in range(n)]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    ids = {e["id"] for e in yaml.safe_load(path.read_text())["events"]}
    for i, (code, err) in enumerate(results):
        if code == 0:
            assert "added" in err, err
            assert f"e{i}" in ids, err
        else:
            assert code == 1, err
            assert "another change is in progress" in err, err
            assert f"e{i}" not in ids
    assert sum(code == 0 for code, _ in results) >= 1
    assert ids == {"first"} | {f"e{i}" for i, (code, _) in enumerate(results) if code == 0}


def test_a_change_made_while_add_works_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor saves the file between add's read and its rename: add writes nothing."""
    from rirtime import edit

    path = _file(tmp_path)
    saved = TIMELINE.replace("title: First", "title: First, as the editor saved it")
    real = edit.plan_add

    def slow(original: bytes, name: str, event: NewEvent) -> edit.Planned:
        planned = real(original, name, event)
        path.write_text(saved)  # the editor saves now
        return planned

    monkeypatch.setattr(edit, "plan_add", slow)
    with pytest.raises(RirtimeError, match="changed while rirtime was working"):
        add_to_file(str(path), NewEvent(date="2001", title="New", actors=("iran",)))
    assert path.read_text() == saved


def test_mode_and_group_are_kept(tmp_path: Path) -> None:
    path = _file(tmp_path)
    path.chmod(0o640)
    before = path.stat()
    add_to_file(str(path), NewEvent(date="2001", title="New", actors=("iran",)))
    after = path.stat()
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_root_keeps_the_owner_of_a_users_file(tmp_path: Path) -> None:
    path = _file(tmp_path)
    os.chown(path, 1234, 5678)
    path.chmod(0o640)
    add_to_file(str(path), NewEvent(date="2001", title="New", actors=("iran",)))
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 5678, 0o640)


def test_a_read_only_file_is_refused_unless_asked(tmp_path: Path) -> None:
    path = _file(tmp_path)
    path.chmod(0o444)
    with pytest.raises(RirtimeError, match="read-only"):
        add_to_file(str(path), NewEvent(date="2001", title="New", actors=("iran",)))
    assert path.read_text() == TIMELINE
    add_to_file(str(path), NewEvent(date="2001", title="New", actors=("iran",)), read_only_ok=True)
    assert "New" in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_hard_linked_file_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path)
    other = tmp_path / "other-name.yaml"
    os.link(path, other)
    with pytest.raises(RirtimeError, match="hard links"):
        add_to_file(str(path), NewEvent(date="2001", title="New", actors=("iran",)))
    assert path.read_text() == other.read_text() == TIMELINE
    assert os.path.samefile(path, other)


def test_export_never_writes_over_the_file_read_through_stdin(tmp_path: Path) -> None:
    path = _file(tmp_path)
    with path.open("rb") as stdin:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "rirtime",
                "export",
                "json",
                "-f",
                "-",
                "-o",
                str(path),
                "--force",
            ],
            stdin=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 1, result.stderr
    assert "refusing to write over the timeline" in result.stderr
    assert path.read_text() == TIMELINE


@pytest.mark.parametrize("target", ["/dev/null", "fifo"])
def test_export_never_renames_over_a_device_or_a_pipe(tmp_path: Path, target: str) -> None:
    if target == "fifo":
        target = str(tmp_path / "fifo")
        os.mkfifo(target)
    before = os.stat(target)
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "export", "json", "-o", target, "--force"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert "not a regular file" in result.stderr
    after = os.stat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


@pytest.mark.parametrize("command", ["export", "import"])
def test_writes_started_at_once_without_force_make_the_file_once(
    tmp_path: Path, command: str
) -> None:
    """Eight `-o NEW` without --force at once: one writes the file, the others find it there and
    write nothing (the check for an existing file used to come long before the rename, so several
    "wrote" and the last one won)."""
    from rirtime.files import default_path

    source = tmp_path / "in.json"
    source.write_bytes(
        subprocess.run(
            [sys.executable, "-m", "rirtime", "export", "json", "-f", str(default_path())],
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
    )
    target = tmp_path / "out"
    if command == "export":
        argv = ["export", "md", "-f", str(default_path()), "-o", str(target)]
    else:
        argv = ["import", "json", str(source), "-o", str(target)]
    env = {**os.environ, "RIRTIME_NO_CACHE": "1"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "rirtime", *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(8)
    ]
    codes = [r.wait(timeout=300) for r in runs]
    for r in runs:
        assert r.stderr is not None
        assert b"Traceback" not in r.stderr.read()
        r.stderr.close()
    assert codes.count(0) == 1, codes
    assert set(codes) == {0, 1}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
