"""atomic.py: temporary names that fit any target's name, and a file's mode kept whole."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from rirtime.atomic import write_atomic

OTHER_USER = 54321  # no one on this machine


@pytest.mark.parametrize(
    "name",
    ["a" * 250 + ".md", "я" * 125 + ".md", "a" * 255, "é" * 127 + "a"],
    ids=["250-ascii", "253-cyrillic", "255-ascii", "255-accented"],
)
def test_a_target_name_up_to_name_max_can_be_written(tmp_path: Path, name: str) -> None:
    assert len(os.fsencode(name)) <= 255
    target = tmp_path / name
    for force in (False, True):  # a new file, then one replaced
        write_atomic(str(target), b"data", force=force)
        assert target.read_bytes() == b"data"
        assert os.listdir(tmp_path) == [name]


def test_export_to_a_long_name_from_the_command_line(tmp_path: Path) -> None:
    name = "r" * 250 + ".md"
    for extra in ([], ["--force"]):
        proc = subprocess.run(
            [sys.executable, "-m", "rirtime", "export", "-o", name, *extra],
            cwd=tmp_path,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
    assert os.listdir(tmp_path) == [name]


def test_a_killed_writers_leftover_is_cleared_for_a_long_name_too(tmp_path: Path) -> None:
    from rirtime.atomic import _temp_stem  # the name a killed writer left behind

    name = "x" * 250
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    leftover = tmp_path / f".{_temp_stem(name)}.{dead}.rirtime-tmp"
    leftover.write_bytes(b"half")
    write_atomic(str(tmp_path / name), b"whole")
    assert sorted(os.listdir(tmp_path)) == [name]


def test_long_names_alike_at_the_start_have_temporary_names_of_their_own() -> None:
    from rirtime.atomic import _temp_stem

    first, second = "a" * 240 + "-first", "a" * 240 + "-second"
    assert _temp_stem(first) != _temp_stem(second)
    assert _temp_stem("short.md") == "short.md"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can keep another user's ownership")
@pytest.mark.parametrize("mode", [0o4755, 0o2755, 0o6750], ids=oct)
def test_setuid_and_setgid_are_kept_with_the_owner(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "tool"
    target.write_bytes(b"old")
    os.chown(target, OTHER_USER, OTHER_USER)
    target.chmod(mode)
    write_atomic(str(target), b"new", force=True)
    st = target.stat()
    assert (st.st_uid, st.st_gid) == (OTHER_USER, OTHER_USER)
    assert stat.S_IMODE(st.st_mode) == mode


def _acl_granting_read(uid: int) -> bytes:
    """A POSIX access ACL in the kernel's xattr form: owner rw, `uid` r, group r, mask r."""
    import struct

    undefined = 0xFFFFFFFF
    entries = [(1, 6, undefined), (2, 4, uid), (4, 4, undefined), (0x10, 4, undefined)]
    entries.append((0x20, 0, undefined))
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)


def _xattrs_or_skip(path: Path) -> None:
    if not hasattr(os, "setxattr"):
        pytest.skip("no extended attributes here")
    try:
        os.setxattr(path, "user.rirtime-probe", b"1")
        os.setxattr(path, "system.posix_acl_access", _acl_granting_read(OTHER_USER))
    except OSError as exc:
        pytest.skip(f"this file system keeps no extended attributes or ACLs: {exc}")


def test_add_keeps_the_files_acl_and_extended_attributes(tmp_path: Path) -> None:
    """A colleague granted read access by an ACL keeps it after `add` rewrites the file, and a
    user's own attributes (tags a file manager set) stay: replacing the file drops neither."""
    from rirtime.files import default_path

    target = tmp_path / "t.yaml"
    target.write_bytes(Path(default_path()).read_bytes())
    target.chmod(0o640)
    _xattrs_or_skip(target)
    before = {n: os.getxattr(target, n) for n in os.listxattr(target)}
    argv = ["add", "-f", str(target), "--date", "2017-05", "--title", "Talks", "-a", "iran"]
    run = subprocess.run(
        [sys.executable, "-m", "rirtime", *argv, "--source", "article"],
        check=False,
        capture_output=True,
        env={**os.environ, "RIRTIME_NO_CACHE": "1"},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert b"Talks" in target.read_bytes()
    after = {n: os.getxattr(target, n) for n in os.listxattr(target)}
    assert after == before
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
