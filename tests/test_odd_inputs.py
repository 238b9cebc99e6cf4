"""Odd but possible inputs, each found by an attacker pass: a clear answer, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA


def _run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_a_file_name_that_is_not_utf8_exports_to_a_file(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xff.yaml")
    (tmp_path / name).write_bytes((DATA / "valid_show.yaml").read_bytes())
    result = _run("export", "md", "-f", name, "-o", "o.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    (tmp_path / "o.md").read_bytes().decode("utf-8")  # valid UTF-8 throughout


@pytest.mark.parametrize("target", ["nodir/", "existing.json/"])
def test_an_output_ending_in_a_slash_is_a_folder_not_a_file(tmp_path: Path, target: str) -> None:
    (tmp_path / "existing.json").write_text("keep", encoding="utf-8")
    result = _run(
        "export", "json", "-f", str(DATA / "valid_show.yaml"), "-o", target, "--force", cwd=tmp_path
    )
    assert result.returncode == 2
    assert b"names a folder" in result.stderr
    assert (tmp_path / "existing.json").read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "nodir").exists()


@pytest.mark.parametrize(
    ("typed", "problem"), [("5 12 2015", b"ambiguous"), ("10 11 12", b"two-digit")]
)
def test_a_date_of_numbers_and_spaces_is_not_guessed(
    tmp_path: Path, typed: str, problem: bytes
) -> None:
    result = _run("show", "-f", str(DATA / "valid_show.yaml"), "--on", typed, cwd=tmp_path)
    assert result.returncode == 2
    assert problem in result.stderr


def test_junk_completion_variables_complete_nothing_quietly(tmp_path: Path) -> None:
    env = {
        "COMP_WORDS": "rirtime show -a ",
        "COMP_CWORD": "junk",
        "_RIRTIME_COMPLETE": "complete_bash",
    }
    result = _run(cwd=tmp_path, env=env)
    assert b"Traceback" not in result.stderr
    assert result.stdout == b""


def test_add_never_writes_into_the_installed_chronology(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`add -f "$(python -c 'print(default_path())')"` wrote into site-packages (newcomer)."""
    from rirtime import targets
    from rirtime.errors import UsageError

    installed = tmp_path / "site" / "timeline.yaml"
    installed.parent.mkdir()
    installed.write_bytes((DATA / "valid_show.yaml").read_bytes())
    monkeypatch.setattr(targets, "INSTALLED", installed)
    (tmp_path / "link.yaml").symlink_to(installed)
    for name in (str(installed), str(tmp_path / "link.yaml")):
        with pytest.raises(UsageError, match="installed chronology"):
            targets.writable_timeline(name)
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(installed.read_bytes())
    assert targets.writable_timeline(str(copy)) == str(copy)
