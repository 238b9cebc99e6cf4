"""`rirtime show` from the outside: formats, defaults, bad values, and the pipeline contract."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from conftest import DATA, on_terminals, sigint_as_on_a_terminal
from rirtime.cli import app
from rirtime.formats.records import FIELDS

SHOW = str(DATA / "valid_show.yaml")
HOSTILE = str(DATA / "valid_hostile.yaml")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["show", "-f", SHOW, *args])
    return result.exit_code, result.stdout, result.stderr


def test_plain_is_the_default_in_a_pipe(runner: CliRunner) -> None:
    code, out, err = run(runner)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == 9
    assert all(line.count("\t") == 3 for line in lines)
    assert "\x1b" not in out


def test_json_has_the_same_keys_in_the_same_order(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert len(records) == 9
    assert all(list(r) == list(FIELDS) for r in records)
    veto = next(r for r in records if r["id"] == "unsc-veto-2011-10-04")
    assert veto["date"] == "2011-10-04"
    assert veto["start"] == veto["end"] == "2011-10-04"
    assert veto["precision"] == "day"
    assert veto["people"] == ["Vitaly Churkin"]
    by = next(r for r in records if r["id"] == "by-2015-09")
    assert (by["date"], by["start"], by["end"]) == ("/2015-09", None, "2015-09-30")
    larijani = next(r for r in records if r["id"] == "larijani-2015-10")
    assert larijani["approximate"] is True
    assert larijani["uncertain"] is False


def test_jsonl_is_one_object_a_line(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--format", "jsonl", "-a", "iran")
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == 4
    assert json.loads(lines[0])["id"] == "agreement-1995"


def test_csv_and_tsv_have_a_header_and_read_back(runner: CliRunner) -> None:
    _, out, _ = run(runner, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 9
    assert list(rows[0]) == list(FIELDS)
    veto = next(r for r in rows if r["id"] == "unsc-veto-2011-10-04")
    assert veto["actors"] == "russia; un-security-council; syria"
    _, out, _ = run(runner, "--format", "tsv")
    lines = out.splitlines()
    assert lines[0].split("\t") == list(FIELDS)
    assert all(len(line.split("\t")) == len(FIELDS) for line in lines)


def test_text_format_on_request(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--format", "text", "--color", "never", "-a", "irgc")
    assert code == 0
    assert "The Quds Force commander" in out
    assert out.endswith("1 of 9 events\n")
    code, out, _ = run(runner, "--format", "text", "--color", "always")
    assert "\x1b[" in out


def test_no_match_is_not_an_error(runner: CliRunner) -> None:
    code, out, err = run(runner, "--person", "nobody")
    assert (code, out, err) == (0, "", "")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-a", "irna"], "unknown actor 'irna' (did you mean 'iran'?)"),
        (["--not-actor", "nobody"], "unknown actor 'nobody'"),
        (["-t", "vetoo"], "unknown tag 'vetoo'"),
        (["--source", "n99"], "unknown source 'n99'"),
        (["--from", "someday"], "cannot read 'someday' as a date"),
        (["--on", "March"], "has no year"),
        (["--from", "2017", "--to", "2015"], "empty stretch"),
        (["--limit", "-1"], "invalid value"),
        (["--format", "yaml"], "invalid value"),
        (["--color", "sometimes"], "invalid value"),
    ],
)
def test_bad_filter_values_are_usage_errors(
    runner: CliRunner, args: list[str], fragment: str
) -> None:
    code, out, err = run(runner, *args)
    assert code == 2
    assert out == ""
    assert fragment in err


def test_invalid_timeline_is_refused_with_the_diagnostics(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "-f", str(DATA / "references.yaml"), "--color", "never"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "references.yaml:16:22: error: 'rusia' is not an actor" in result.stderr


def test_warnings_do_not_stop_show(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "-f", str(DATA / "warnings.yaml")])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


def test_hostile_text_in_every_format(runner: CliRunner) -> None:
    for fmt in ("plain", "text", "json", "jsonl", "tsv"):
        result = runner.invoke(app, ["show", "-f", HOSTILE, "--format", fmt, "--color", "never"])
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout
        assert "\x07" not in result.stdout
        assert "\u202e" not in result.stdout
        assert "\x9b" not in result.stdout
    out = runner.invoke(app, ["show", "-f", HOSTILE, "--format", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows[3]["title"].startswith("'=HYPERLINK")
    assert rows[3]["summary"].startswith("'+1")


# -- the pipeline contract, with real processes --------------------------------------------------


def _rirtime(*args: str) -> list[str]:
    return [sys.executable, "-m", "rirtime", *args]


def test_head_ends_quietly() -> None:
    big = subprocess.run(
        f"{sys.executable} -m rirtime show --format jsonl | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert big.stderr == ""
    assert len(big.stdout.splitlines()) == 1
    proc = subprocess.Popen(_rirtime("show"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err
    assert "Broken pipe" not in err


def test_no_escape_codes_in_a_pipe_or_with_no_color() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    broken = str(DATA / "references.yaml")
    for args in (("show", "--format", "text"), ("show",), ("check", "-f", broken)):
        result = subprocess.run(
            _rirtime(*args), capture_output=True, text=True, env=env, timeout=60, check=False
        )
        assert "\x1b" not in result.stdout + result.stderr, args  # in a pipe
        _, out, err = on_terminals(_rirtime(*args), env=env)
        assert "\x1b[" in out + err, args  # on a terminal, in colour
        _, out, err = on_terminals(_rirtime(*args), env={**env, "NO_COLOR": "1"})
        assert "\x1b" not in out + err, args  # unless NO_COLOR says no


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    # A timeline on stdin that never ends keeps rirtime reading until the signal comes.
    proc = subprocess.Popen(
        _rirtime("show", "-f", "-"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=sigint_as_on_a_terminal,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"Traceback" not in err


# -- which view, and colour, when the options say so ---------------------------------------------


def test_color_always_beats_no_color() -> None:
    """no-color.org: a command-line flag is the user's latest word, over NO_COLOR."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("COLORTERM", None)
    done = subprocess.run(
        _rirtime("show", "-f", SHOW, "--color", "always"),
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert "\x1b[32m" in done.stdout  # the dates' green: colour, not only bold
    assert re.search(r"\x1b\[38;5;\d+m(russia|iran)", done.stdout)  # and the actors'
    _, out, _ = on_terminals(_rirtime("show", "-f", SHOW), env=env)
    assert "\x1b[3" not in out  # without the flag, NO_COLOR holds on a terminal


def test_long_or_oneline_with_a_machine_format_says_it_does_nothing(runner: CliRunner) -> None:
    code, out, err = run(runner, "--format", "json", "-l")
    assert code == 0
    assert json.loads(out)[0]["id"] == "agreement-1995"
    assert err == "rirtime: --long changes only the text view; --format json ignores it\n"
    code, _, err = run(runner, "--format", "plain", "--oneline")
    assert code == 0
    assert err == "rirtime: --oneline changes only the text view; --format plain ignores it\n"
    code, _, err = run(runner, "--format", "text", "-l")
    assert (code, err) == (0, "")


def test_long_and_oneline_do_not_go_together(runner: CliRunner) -> None:
    code, out, err = run(runner, "-l", "--oneline")
    assert code == 2
    assert out == ""
    assert "--long and --oneline do not go together" in err


def test_oneline_cuts_titles_rather_than_wrapping(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["show", "-f", SHOW, "--oneline", "--color", "never"], env={"COLUMNS": "60"}
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 9
    long = next(line for line in lines if line.startswith("c. Oct 2015"))
    assert "A very long title that goes on" in long
    assert "\u2026" in long
    assert all(len(line) <= 60 for line in lines)
