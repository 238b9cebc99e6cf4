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


# -- memory --------------------------------------------------------------------------------------


def test_the_default_limit_is_what_memory_allows() -> None:
    from rirtime import files

    # checking takes about MEMORY_PER_BYTE times the file: the default stays near 1.6 GB of it
    assert files.max_bytes() == files.MAX_BYTES == 64 * 2**20
    assert files.MAX_BYTES * files.MEMORY_PER_BYTE <= 2 * 2**30


def _flow_list(path: Path, megabytes: int) -> None:
    """A timeline whose events are one flow list `[a, a, ...]`: a node for every two bytes."""
    with path.open("w") as f:
        f.write("title: x\nevents: [a")
        f.write(", a" * (megabytes * 2**20 // 3))
        f.write("]\n")


@pytest.mark.parametrize("how", ["file", "stdin"])
def test_running_out_of_memory_is_a_message_naming_the_file(tmp_path: Path, how: str) -> None:
    import resource

    _flow_list(tmp_path / "flow.yaml", 16)

    def limit() -> None:  # some 25 times 16 MiB would be needed: far more than this
        resource.setrlimit(resource.RLIMIT_AS, (256 * 2**20, 256 * 2**20))

    args = ["check", "-f", "flow.yaml"] if how == "file" else ["show", "-f", "-"]
    with (tmp_path / "flow.yaml").open("rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "rirtime", *args, "--no-cache"],
            cwd=tmp_path,
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=limit,
            check=False,
        )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    name = "flow.yaml" if how == "file" else "<stdin>"
    assert f"error: not enough memory to read {name} (16 MiB)" in result.stderr
    assert result.stdout == ""


def test_memory_running_out_anywhere_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer

    from rirtime import files
    from rirtime.cli.errors import handle_errors

    said: list[str] = []
    monkeypatch.setattr("rirtime.cli.errors.say", said.append)
    for read, expected in [
        ([("big.yaml", 3 * 2**20)], "error: not enough memory to read big.yaml (3 MiB): "),
        ([], "error: not enough memory to finish"),
    ]:
        monkeypatch.setattr(files, "_READING", read)
        with pytest.raises(typer.Exit) as ended, handle_errors():
            raise MemoryError
        assert ended.value.exit_code == 1
        assert said.pop().startswith(expected)
