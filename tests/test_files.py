"""Reading is bounded: only regular files, at most max_bytes(), stdin included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run(
    *args: str, stdin: object = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        stdin=stdin,  # type: ignore[arg-type]
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("command", ["check", "show", "stats"])
def test_a_device_is_refused_not_read_forever(command: str) -> None:
    result = _run(command, "-f", "/dev/zero")
    assert result.returncode == 2
    assert "/dev/zero: is not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fifo_without_a_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    result = _run("check", "-f", str(fifo))
    assert result.returncode == 2
    assert "is not a regular file" in result.stderr


def test_standard_input_is_read_up_to_the_limit() -> None:
    proc = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        result = _run("check", "-f", "-", stdin=proc.stdout, env={"RIRTIME_MAX_BYTES": "100000"})
    finally:
        proc.kill()
        proc.wait()
    assert result.returncode == 1
    assert "<stdin>: larger than 100,000 bytes" in result.stderr


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(2_000_000)  # sparse: nothing is really written
    result = _run("check", "-f", str(big), env={"RIRTIME_MAX_BYTES": "1000000"})
    assert result.returncode == 1
    assert "larger than 1,000,000 bytes" in result.stderr


@pytest.mark.parametrize("value", ["lots", "-5", "0", "\u00b2", "9" * 5000])
def test_a_bad_limit_is_a_usage_error(value: str) -> None:
    result = _run("check", env={"RIRTIME_MAX_BYTES": value})
    assert result.returncode == 2
    assert "RIRTIME_MAX_BYTES" in result.stderr


def test_an_empty_file_option_is_not_the_default() -> None:
    result = _run("check", "-f", "")
    assert result.returncode == 2
    assert "--file is empty" in result.stderr


def test_closed_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "check", "-f", "-"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "the file is empty" in result.stderr
    closed = subprocess.run(
        f"{sys.executable} -m rirtime check -f - <&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert closed.returncode == 2
    assert "standard input is closed" in closed.stderr
    assert "Traceback" not in closed.stderr
