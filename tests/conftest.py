"""Shared test helpers: the data folder, golden files, and a CLI runner."""

from __future__ import annotations

import os
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
