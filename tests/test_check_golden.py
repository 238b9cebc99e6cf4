"""The corpus under tests/data: `rirtime check` on each file gives exactly its golden output."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import DATA, TESTS, assert_golden
from rirtime.cli import app

CORPUS = sorted(p.name for p in DATA.glob("*.yaml"))


@pytest.mark.parametrize("name", CORPUS)
def test_check_reports_exactly_the_golden_diagnostics(
    name: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(TESTS)
    result = runner.invoke(app, ["check", "--color", "never", "-f", f"data/{name}"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert_golden(f"check/{name[:-5]}.txt", f"exit {result.exit_code}\n{result.stderr}")
    assert result.exit_code == (0 if name.startswith(("valid_", "warnings")) else 1)


@pytest.mark.parametrize("name", CORPUS)
def test_check_json_matches_the_text_report(
    name: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.chdir(TESTS)
    text = runner.invoke(app, ["check", "--color", "never", "-f", f"data/{name}"])
    result = runner.invoke(app, ["check", "--format", "json", "-f", f"data/{name}"])
    assert result.exit_code == text.exit_code
    diagnostics = json.loads(result.stdout)
    heads = [line for line in text.stderr.splitlines() if line.startswith("data/") and ": " in line]
    for d in diagnostics:
        assert set(d) == {"path", "line", "column", "severity", "code", "message"}
        head = f"{d['path']}:{d['line']}:{d['column']}: {d['severity']}: "
        assert any(h.startswith(head) for h in heads)
    assert len(diagnostics) == len(heads) - 1  # the last head is the summary line
