"""Shared test helpers: the data folder, golden files, a CLI runner, and terminals to run on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rirtime.model import Timeline
from rirtime.workspace import open_valid

TESTS = Path(__file__).parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
UPDATE = os.environ.get("RIRTIME_UPDATE_GOLDEN") == "1"


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; RIRTIME_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no golden file {path}; run with RIRTIME_UPDATE_GOLDEN=1 to write it"
    expected = path.read_bytes().decode("utf-8")  # bytes: CRLF in a golden file is meant
    assert actual == expected, f"output differs from {path}"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in ("RIRTIME_FILE", "NO_COLOR", "FORCE_COLOR", "RIRTIME_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # Each test gets its own cache folder: the user's is never touched, and no test sees
    # another's entries.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def load_valid(path: str | Path) -> Timeline:
    """The timeline at `path`, which must pass `check`."""
    return open_valid(str(path)).timeline


def on_terminals(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """Run `command` with its stdout and stderr each a terminal (a pseudo-terminal) of its own,
    as a user's shell runs it: (exit code, stdout, stderr), newlines as written (not CR LF)."""
    import pty
    import select
    import subprocess
    import time

    out_master, out_slave = pty.openpty()
    err_master, err_slave = pty.openpty()
    proc = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=out_slave, stderr=err_slave, cwd=cwd, env=env
    )
    os.close(out_slave)
    os.close(err_slave)
    chunks: dict[int, list[bytes]] = {out_master: [], err_master: []}
    reading = set(chunks)
    deadline = time.monotonic() + 60
    try:
        while reading:
            ready, _, _ = select.select(list(reading), [], [], max(0, deadline - time.monotonic()))
            if not ready:
                proc.kill()
                raise AssertionError(f"{command}: no end within 60 s")
            for fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # EIO: the process closed its end of the terminal
                    data = b""
                if data:
                    chunks[fd].append(data)
                else:
                    reading.discard(fd)
        code = proc.wait(timeout=60)
    finally:
        os.close(out_master)
        os.close(err_master)

    def text(fd: int) -> str:  # a terminal writes each newline as CR LF
        return b"".join(chunks[fd]).decode("utf-8", "replace").replace("\r\n", "\n")

    return code, text(out_master), text(err_master)


def sigint_as_on_a_terminal() -> None:
    """A child's preexec_fn: SIGINT back to its default, as a shell on a terminal starts every
    command. A test run that is a background job of a non-interactive shell ignores SIGINT, and
    children inherit that; Ctrl-C tests would then test nothing but the inheritance."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def chromium_or_skip() -> str:
    """Debian's chromium, for the tests that look at a page or a picture in a browser; a skip
    where it is missing, except in CI, where that is a failure."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    message = "chromium is not installed (apt-get install -y chromium): the browser test needs it"
    if _ci():
        pytest.fail(f"CI is set but {message}", pytrace=False)
    pytest.skip(message)
