"""The pipeline contract and the promise that data is never lost, tested with real processes."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_corpus import rirtime

from conftest import DATA, on_terminals, sigint_as_on_a_terminal

SHOW = DATA / "valid_show.yaml"
ESC = b"\x1b"


def _run(*args: str, **kw: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*rirtime(), *args], capture_output=True, timeout=60, **kw, check=False)  # type: ignore[call-overload, no-any-return]


def test_a_closed_stdout_ends_quietly() -> None:
    for args in (["show"], ["show", "--format", "json"], ["export", "md"], ["actors"]):
        proc = subprocess.run(
            [*rirtime(), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
        assert proc.returncode == 0
        closed = subprocess.run(
            " ".join([*rirtime(), *args]) + " >&-",
            shell=True,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert b"Traceback" not in closed.stderr, args
        assert closed.returncode in (0, 1), args


def test_head_ends_quietly_for_every_format() -> None:
    for fmt in ("plain", "json", "jsonl", "csv", "tsv", "text"):
        proc = subprocess.run(
            " ".join([*rirtime(), "show", "--format", fmt]) + " | head -c 10",
            shell=True,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert proc.stderr == b"", (fmt, proc.stderr)


# -- exit codes under failing streams -------------------------------------------------------------

INVALID = DATA / "references.yaml"
# Each command that reads a timeline, with an output on stdout (data) or on stderr (check's report).
STREAM_COMMANDS = [
    ["check"],
    ["check", "--format", "json"],
    ["show"],
    ["show", "--format", "text"],
    ["export", "md"],
    ["stats"],
]


def _gone_pipe() -> int:
    """The write end of a pipe whose reader has gone already: every write to it fails (EPIPE)."""
    read, write = os.pipe()
    os.close(read)
    return write


def _with_streams(args: list[str], out: int | None, err: int | None) -> int:
    """The exit code of rirtime run with stdout and stderr on these descriptors (None: closed)."""

    def close_the_missing() -> None:
        for fd, given in ((1, out), (2, err)):
            if given is None:
                os.close(fd)

    proc = subprocess.run(
        [*rirtime(), *args],
        stdin=subprocess.DEVNULL,
        stdout=out if out is not None else subprocess.DEVNULL,
        stderr=err if err is not None else subprocess.DEVNULL,
        preexec_fn=close_the_missing,
        timeout=60,
        check=False,
    )
    return proc.returncode


STREAMS = {
    "stdout-reader-gone": ("gone", "null"),
    "stderr-reader-gone": ("null", "gone"),
    "both-readers-gone": ("gone", "gone"),
    "stdout-closed": ("closed", "null"),
    "stderr-closed": ("null", "closed"),
}


@pytest.mark.parametrize("streams", list(STREAMS))
@pytest.mark.parametrize("args", STREAM_COMMANDS, ids=" ".join)
def test_the_exit_code_is_the_datas_whatever_the_streams(args: list[str], streams: str) -> None:
    """A broken pipe or a closed stream on stdout or stderr never turns an invalid file into
    exit 0 (nor a valid one into 1): `check BAD | head -1` with pipefail still fails."""
    opened: list[int] = []

    def stream(kind: str) -> int | None:
        if kind == "closed":
            return None
        fd = _gone_pipe() if kind == "gone" else os.open(os.devnull, os.O_WRONLY)
        opened.append(fd)
        return fd

    try:
        for path, expected in ((SHOW, 0), (INVALID, 1)):
            out, err = (stream(kind) for kind in STREAMS[streams])
            code = _with_streams([*args, "-f", str(path)], out, err)
            assert code == expected, (args, streams, path.name, code)
    finally:
        for fd in opened:
            os.close(fd)


@pytest.mark.parametrize(
    "pipeline",
    [
        "{rirtime} check -f {bad} | head -1",
        "{rirtime} check -f {bad} 2>&1 | head -1",
        "{rirtime} check -f {bad} --format json | head -1",
        "{rirtime} check -f {bad} 2>&-",
        "{rirtime} check -f {bad} 2>&1 >&- | true",
        "{rirtime} show -f {bad} 2>&1 | true",
    ],
)
def test_a_pipeline_with_pipefail_sees_the_invalid_file(pipeline: str) -> None:
    command = pipeline.format(rirtime=" ".join(rirtime()), bad=INVALID)
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1, (command, proc.stderr)
    assert b"Traceback" not in proc.stderr


COLOURED = (
    ["show", "--format", "text", "--long"],
    ["check", "-f", str(DATA / "references.yaml")],
    ["stats"],
    ["actors", "--format", "text"],
    ["show", "-a", "nobody"],
)


def _plain_env(**extra: str) -> dict[str, str]:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**full, "TERM": "xterm-256color", **extra}


def test_no_escape_sequence_in_a_pipe() -> None:
    for args in COLOURED:
        proc = _run(*args, env=_plain_env())
        assert ESC not in proc.stdout + proc.stderr, args


@pytest.mark.parametrize(
    ("env", "args"),
    [({"NO_COLOR": "1"}, []), ({"TERM": "dumb"}, []), ({}, ["--color", "never"])],
    ids=["NO_COLOR", "TERM=dumb", "--color never"],
)
def test_no_escape_sequence_on_a_terminal_when_told(env: dict[str, str], args: list[str]) -> None:
    # On a terminal each of these is in colour, so what turns colour off is what is tested.
    # (`show -a nobody` is a usage error, which has no colour of its own.)
    for command in COLOURED:
        _, out, err = on_terminals([*rirtime(), *command], env=_plain_env())
        if command != ["show", "-a", "nobody"]:
            assert ESC.decode() in out + err, command
        _, out, err = on_terminals([*rirtime(), *command, *args], env=_plain_env(**env))
        assert ESC.decode() not in out + err, (command, env, args)


@pytest.mark.parametrize(
    ("path", "code", "fragment"),
    [
        ("/no/such/timeline.yaml", 2, b"no such file"),
        (str(DATA), 2, b"is a directory"),
        ("/dev/null", 2, b"is not a regular file"),
    ],
)
def test_files_that_cannot_be_read(path: str, code: int, fragment: bytes) -> None:
    for command in ("check", "show", "export md", "stats"):
        proc = _run(*command.split(), "-f", path)
        assert proc.returncode == code, (command, proc.stderr)
        assert fragment in proc.stderr
        assert b"Traceback" not in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.yaml"
    path.write_bytes(SHOW.read_bytes())
    path.chmod(0)
    proc = _run("check", "-f", str(path))
    assert proc.returncode == 1
    assert b"permission denied" in proc.stderr


def test_a_file_that_changes_while_add_works(tmp_path: Path) -> None:
    """add re-reads the file before its rename; a change in between is refused, not lost."""
    path = tmp_path / "t.yaml"
    path.write_bytes(SHOW.read_bytes())
    code = (
        "import sys, rirtime.edit as e\n"
        "orig = e.plan_add\n"
        "def plan(*a, **k):\n"
        "    p = orig(*a, **k)\n"
        f"    open({str(path)!r}, 'a').write('# edited by someone else\\n')\n"
        "    return p\n"
        "e.plan_add = plan\n"
        "from rirtime.__main__ import main\n"
        f"sys.argv = ['rirtime', 'add', '-f', {str(path)!r}, '--date', '2016', '--title', 'x',"
        " '-a', 'iran', '--source', 'article']\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == 1
    assert b"changed while rirtime was working" in proc.stderr
    assert path.read_bytes() == SHOW.read_bytes() + b"# edited by someone else\n"


# -- Ctrl-C and kill -----------------------------------------------------------------------------


def _interrupt(args: list[str], sig: int, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Start rirtime reading a timeline from a stdin that never ends, then send it `sig`."""
    proc = subprocess.Popen(
        [*rirtime(), *args],
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=sigint_as_on_a_terminal,
    )
    assert proc.stdin is not None
    proc.stdin.write(SHOW.read_bytes()[:200])
    proc.stdin.flush()
    time.sleep(1.0)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_export_leaves_no_file(tmp_path: Path, sig: int, code: int) -> None:
    result = _interrupt(["export", "md", "-f", "-", "-o", "out.md"], sig, tmp_path)
    assert result.returncode == code
    assert b"Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


# -- data is never lost --------------------------------------------------------------------------

_FAIL_AT = """
import errno, os, signal, sys
where = sys.argv[1]
real_replace, real_write, real_link = os.replace, os.write, os.link
def fail_replace(*a, **k):
    if where == "rename": raise OSError(errno.EACCES, "Permission denied")
    if where == "kill-before-rename": os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(*a, **k)
def fail_write(fd, data):
    if where == "disk-full": raise OSError(errno.ENOSPC, "No space left on device")
    return real_write(fd, data)
def fail_link(*a, **k):
    if where == "kill-after-write": os.kill(os.getpid(), signal.SIGKILL)
    return real_link(*a, **k)
os.replace, os.write, os.link = fail_replace, fail_write, fail_link
if where == "kill-after-write":
    os.fsync = lambda fd, real=os.fsync: (real(fd), os.kill(os.getpid(), signal.SIGKILL))
from rirtime.__main__ import main
sys.argv = ["rirtime", *sys.argv[2:]]
main()
"""

FAILURES = ["rename", "disk-full", "kill-after-write", "kill-before-rename"]


def _failing(where: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", _FAIL_AT, where, *args],
        cwd=cwd,
        capture_output=True,
        timeout=60,
        check=False,
    )


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize("where", FAILURES)
def test_add_under_failure_keeps_the_original(tmp_path: Path, where: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(SHOW.read_bytes())
    args = ["add", "-f", "t.yaml", "--date", "2016", "--title", "New", "-a", "iran"]
    result = _failing(where, *args, "--source", "article", cwd=tmp_path)
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr
    assert path.read_bytes() == SHOW.read_bytes()
    left = _leftovers(tmp_path, {"t.yaml"})
    if where == "kill-before-rename":
        # The file had its name already; the next write to t.yaml clears it away.
        assert all(name.endswith(".rirtime-tmp") for name in left)
        again = _run("add", "-f", "t.yaml", "--date", "2016", "--title", "New", "-a", "iran",
                     cwd=tmp_path)  # fmt: skip
        assert again.returncode == 0
        assert _leftovers(tmp_path, {"t.yaml"}) == []
    else:
        assert left == []


@pytest.mark.parametrize("where", FAILURES)
def test_export_under_failure_keeps_the_target(tmp_path: Path, where: str) -> None:
    target = tmp_path / "out.md"
    target.write_text("the report I already had")
    args = ["export", "md", "-f", str(SHOW), "-o", "out.md", "--force"]
    result = _failing(where, *args, cwd=tmp_path)
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr
    assert target.read_text() == "the report I already had"
    if where != "kill-before-rename":
        assert _leftovers(tmp_path, {"out.md"}) == []


# -- the terminal's size, as the environment says it ---------------------------------------------

SIZED = [
    ["show", "--format", "text", "-l"],
    ["stats"],
    ["actors", "--format", "text"],
    ["check", "--list-checks"],
    ["--help"],
    ["show", "--help"],
    ["show", "--format", "nope"],  # a usage error, in typer's panel
]


@pytest.mark.parametrize(
    "env",
    [
        {"COLUMNS": "0"},
        {"COLUMNS": "-5"},
        {"COLUMNS": "abc"},
        {"COLUMNS": "1"},
        {"COLUMNS": "99999999"},
        {"COLUMNS": ""},
        {"TERMINAL_WIDTH": "abc"},
        {"TERMINAL_WIDTH": "0"},
        {"LINES": "0", "COLUMNS": " 80 "},
        # digits int() refuses though str.isdigit() takes them, or reads though no terminal would
        {"LINES": "\u00b2"},
        {"LINES": "\u2460", "COLUMNS": "\u00b2"},
        {"LINES": "\u0663", "COLUMNS": "\u0663"},
        {"LINES": "9" * 5000},
    ],
    ids=lambda env: ",".join(f"{k}={v!r}" for k, v in env.items()),
)
def test_any_terminal_size_in_the_environment_gives_readable_output(env: dict[str, str]) -> None:
    """Junk or zero: as if unset. Too narrow or too wide for a layout: 20 or 1,000 columns.
    Never a traceback, never empty output, never a line wider than 1,000 columns."""
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TERMINAL_WIDTH")}
    for args in SIZED:
        proc = _run(*args, "-f", str(SHOW), env={**base, **env})
        out = (proc.stdout + proc.stderr).decode()
        assert "Traceback" not in out, (args, out[-2000:])
        assert proc.returncode in (0, 2), (args, proc.returncode)
        lines = out.splitlines()
        assert len([line for line in lines if line.strip()]) >= 2, (args, out)
        assert max(len(line) for line in lines) <= 1000, args
        assert len(lines) < 3000, (args, len(lines))  # not one character a line


# -- add needs a file it can rewrite ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0", "link-to-stdin"])
@pytest.mark.parametrize("how", ["redirected", "piped"])
def test_add_refuses_standard_input_by_any_name(tmp_path: Path, name: str, how: str) -> None:
    """`add -f /dev/stdin < t.yaml` rewrote t.yaml through the descriptor's link (and a pipe was
    'not a regular file: pipe it in with -f -', which add cannot take): a clear refusal."""
    path = tmp_path / "t.yaml"
    path.write_bytes(SHOW.read_bytes())
    if name == "link-to-stdin":
        (tmp_path / name).symlink_to("/dev/stdin")
    args = [*rirtime(), "add", "-f", name, "--date", "2016", "--title", "x", "-a", "iran"]
    with path.open("rb") as timeline:
        proc = subprocess.run(
            args if how == "redirected" else ["sh", "-c", 'cat "$0" | "$@"', str(path), *args],
            cwd=tmp_path,
            stdin=timeline if how == "redirected" else subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 2, proc.stderr
    assert b"standard input" in proc.stderr
    assert b"rewrite" in proc.stderr
    assert path.read_bytes() == SHOW.read_bytes()


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["export", "--help"]])
def test_help_whose_reader_goes_away_ends_quietly(args: list[str]) -> None:
    """`rirtime --help | grep -q Usage` under pipefail: the reader leaves early, and rich ended
    with 1 (attacker pass); a closed stdout ends quietly, 0."""
    command = " ".join([shlex.quote(sys.executable), "-m", "rirtime", *args])
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -c1 > /dev/null"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
