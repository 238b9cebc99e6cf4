"""The command line from the outside: exit codes, which file is read, stdout against stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bundled import assert_strict_check
from typer.testing import CliRunner

from conftest import DATA
from rirtime import __version__
from rirtime.cli import app
from rirtime.files import default_path

VALID = str(DATA / "valid_full.yaml")
BROKEN = str(DATA / "references.yaml")


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"rirtime {__version__}\n"


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "Usage: rirtime [OPTIONS] COMMAND" in result.output
    for command in ("check", "show", "export", "add", "actors", "tags", "sources", "stats"):
        assert f"│ {command} " in result.output, command
    assert result.exit_code in (0, 2)


def test_check_valid_file_exits_0_and_keeps_stdout_empty(runner: CliRunner) -> None:
    path = str(DATA / "valid_minimal.yaml")
    result = runner.invoke(app, ["check", "-f", path])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"{path}: ok (0 events, 0 actors, 0 sources)\n"


def test_check_invalid_file_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--file", BROKEN, "--color", "never"])
    assert result.exit_code == 1
    assert f"{BROKEN}:16:22: error: 'rusia' is not an actor" in result.stderr


def test_strict_fails_on_warnings(runner: CliRunner) -> None:
    warnings = str(DATA / "warnings.yaml")
    assert runner.invoke(app, ["check", "-f", warnings]).exit_code == 0
    result = runner.invoke(app, ["check", "--strict", "-f", warnings])
    assert result.exit_code == 1
    assert "failing with --strict" in result.stderr


def test_check_json_goes_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--format", "json", "-f", BROKEN])
    assert result.exit_code == 1
    diags = json.loads(result.stdout)
    assert diags[0] == {
        "path": BROKEN,
        "line": 6,
        "column": 3,
        "severity": "warning",
        "code": "unused-actor",
        "message": "actor 'iran' is never used",
    }
    assert result.stderr == ""


def test_check_json_escapes_what_could_act_on_a_terminal(runner: CliRunner, tmp_path: Path) -> None:
    # The same JSON encoder as every other output: a bidi override in the file's name (or any
    # text of a message) is written as \u202e, not raw.
    path = tmp_path / "a\u202eb.yaml"
    path.write_bytes(Path(BROKEN).read_bytes())
    result = runner.invoke(app, ["check", "--format", "json", "-f", str(path)])
    assert result.exit_code == 1
    assert "\u202e" not in result.stdout
    assert "\\u202e" in result.stdout
    assert json.loads(result.stdout)[0]["path"] == str(path)


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["check", "-f", "/no/such/file.yaml"], 2, "/no/such/file.yaml: no such file"),
        (["check", "-f", str(DATA)], 2, "is a directory"),
        (["check", "--bogus"], 2, "no such option"),
        (["check", "--format", "xml"], 2, "invalid value"),
        (["nonsense"], 2, "no such command"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], code: int, fragment: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert fragment in result.stderr
    assert "Traceback" not in result.output


def test_unreadable_file_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "locked.yaml"
    path.write_text("title: x\n")
    path.chmod(0)
    result = runner.invoke(app, ["check", "-f", str(path)])
    assert result.exit_code == 1
    assert "permission denied" in result.stderr


def test_stdin(runner: CliRunner) -> None:
    text = Path(BROKEN).read_text()
    result = runner.invoke(app, ["check", "-f", "-", "--color", "never"], input=text)
    assert result.exit_code == 1
    assert "<stdin>:16:22: error" in result.stderr


def test_file_option_beats_environment(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIRTIME_FILE", BROKEN)
    assert runner.invoke(app, ["check"]).exit_code == 1
    assert runner.invoke(app, ["check", "-f", VALID]).exit_code == 0


def test_default_is_the_bundled_chronology(runner: CliRunner) -> None:
    # Strict, every check on: clean, or (where the seed text is not beside the repository) only
    # the article's unreadable text; see tests/bundled.py.
    result = runner.invoke(app, ["check", "--strict", "--format", "json"])
    assert_strict_check(result.exit_code, result.stdout)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.stderr
    assert str(default_path()) in result.stderr
    assert default_path().name == "timeline.yaml"


def test_color_always_and_never(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    colored = runner.invoke(app, ["check", "-f", BROKEN, "--color", "always"])
    assert "\x1b[" in colored.stderr
    plain = runner.invoke(app, ["check", "-f", BROKEN])  # not a terminal
    assert "\x1b" not in plain.stderr
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in runner.invoke(app, ["check", "-f", BROKEN]).stderr


def test_file_text_cannot_reach_the_terminal_raw(runner: CliRunner, tmp_path: Path) -> None:
    # Text from the file inside a message (an unknown key written with escapes), and a raw ESC
    # (in a comment) where a diagnostic points.
    named = tmp_path / "named.yaml"
    named.write_bytes(b'title: x\n"\\e]0;pwned\\a \\u202e [bold]x[/]": y\n')
    raw = tmp_path / "raw.yaml"
    raw.write_bytes(b"title: x\nevents: [] # \x1b[31mred\n")
    for path, shown in (
        (named, "unknown key '\\x1b]0;pwned\\x07 \\u202e [bold]x[/]'"),  # escaped, as written
        (raw, f"{raw}:2:14: error: the control character U+001B cannot stand in a YAML file"),
    ):
        result = runner.invoke(app, ["check", "-f", str(path), "--color", "never"])
        assert result.exit_code == 1
        assert shown in result.stderr  # the text did reach the message, harmlessly
        assert "\x1b" not in result.stderr
        assert "\x07" not in result.stderr
        assert "\u202e" not in result.stderr


def _run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
        check=False,
    )  # type: ignore[call-overload]


def test_python_dash_m_and_exit_codes_as_a_process() -> None:
    assert _run("--version").stdout == f"rirtime {__version__}\n"
    broken = _run("check", "-f", BROKEN)
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr
    missing = _run("check", "-f", "/no/such.yaml")
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    bad_option = _run("check", "--nope")
    assert bad_option.returncode == 2
    assert "Traceback" not in bad_option.stderr


def test_check_from_any_directory(tmp_path: Path) -> None:
    # The article's text path starts at the timeline's folder, not at the current directory.
    result = _run("check", "--strict", "--format", "json", cwd=tmp_path)
    assert_strict_check(result.returncode, result.stdout)


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (
            ["show", "--since", "2015"],
            "rirtime: error: no such option: --since (did you mean '--from'?)",
        ),
        (
            ["show", "--until", "2015"],
            "rirtime: error: no such option: --until (did you mean '--to'?)",
        ),
        (["check", "--until", "2015"], "rirtime: error: no such option: --until"),  # no --to there
        (
            ["show", "--formt", "json"],
            "rirtime: error: no such option: --formt (did you mean '--format'?)",
        ),
        (["show", "--limit", "x"], "rirtime: error: invalid value for '--limit' / '-n'"),
        (["shwo"], "rirtime: error: no such command 'shwo'. Did you mean 'show'?"),
        (["show", "extra"], "rirtime: error: got unexpected extra argument(s) (extra)"),
    ],
)
def test_every_usage_error_is_one_line_in_rirtimes_style(args: list[str], first: str) -> None:
    """typer draws its usage errors in a box, even into a pipe or a file; rirtime says them as
    it says every error, and where to look."""
    result = _run(*args)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(first), lines
    if args[0] == "check":
        assert "did you mean" not in lines[0]
    assert lines[1].startswith("rirtime: see 'rirtime")
    assert len(lines) == 2
    assert not set("╭─│╰") & set(result.stderr)
    assert result.stdout == ""
