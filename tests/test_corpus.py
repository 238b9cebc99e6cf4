"""The hostile-input corpus (tests/corpus/), run against the installed command as a user runs it:
each case bounded in time and memory, with its exit code and the file:line of its first error."""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
CASES: dict[str, dict[str, object]] = json.loads((CORPUS / "cases.json").read_text())
MEMORY = 1024 * 2**20  # every case runs in 1 GiB of address space at most
TIMEOUT = 60
# What must never reach a terminal from the file: C0 controls but tab and newline, DEL, C1
# controls, bidi overrides.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def rirtime() -> list[str]:
    """The installed command: the console script next to this Python, else `python -m`."""
    script = Path(sys.executable).with_name("rirtime")
    if script.exists():
        return [str(script)]
    found = shutil.which("rirtime")
    return [found] if found else [sys.executable, "-m", "rirtime"]


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(
    args: list[str], cwd: Path, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*rirtime(), *args],
        cwd=cwd,
        input=data,
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=_limit,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "LANG": "C.UTF-8", "NO_COLOR": "1"},
        check=False,
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_case(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    shutil.copy(CORPUS / name, tmp_path / name)
    result = run(["check", "-f", name], tmp_path)
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == case["exit"], err
    assert "Traceback" not in err
    assert result.stdout == b""
    if case["exit"]:
        first = next(line for line in err.splitlines() if ": error: " in line)
        assert first.startswith(f"{name}:{case['line']}:"), first
        assert str(case["message"]) in err
    assert not (tmp_path / "PWNED").exists()  # no tag ever runs anything


def test_every_accepted_file_shows_and_exports(tmp_path: Path) -> None:
    for name, case in CASES.items():
        if case["exit"] != 0:
            continue
        shutil.copy(CORPUS / name, tmp_path / name)
        for args in (
            ["show", "--format", "text"],
            ["show"],
            ["show", "--format", "json"],
            ["export", "md"],
            ["export", "csv"],
            ["export", "html"],
            ["export", "ics"],
        ):
            result = run([*args, "-f", name], tmp_path)
            assert result.returncode == 0, (name, args, result.stderr)
            assert result.stdout or args == ["show"]  # no events: plain has no lines


@pytest.mark.parametrize(
    "args",
    [
        ["show", "--format", "text", "--long"],
        ["show", "--format", "plain"],
        ["show", "--format", "tsv"],
        ["export", "md"],
        ["export", "csv"],
        ["export", "html"],
        ["check"],
        ["actors", "--format", "text"],
        ["sources", "--format", "text"],
    ],
    ids=" ".join,
)
def test_hostile_text_is_harmless_and_readable(args: list[str], tmp_path: Path) -> None:
    shutil.copy(CORPUS / "hostile_text.yaml", tmp_path / "h.yaml")
    result = run([*args, "-f", "h.yaml"], tmp_path)
    out = result.stdout.decode().replace("\r\n", "\n")  # CSV ends its records with CRLF
    assert result.returncode == 0
    assert not RAW_CONTROL.search(out), repr(RAW_CONTROL.search(out))
    if args[0] in ("show", "export") and args[-1] != "html":
        assert "[bold]not bold[/]" in out.replace("\\", "")
        assert "ایران" in out
        assert "Россия" in out


# -- cases made at run time: too large to keep ---------------------------------------------------


def _deep(n: int) -> bytes:
    return ("title: x\nevents: " + "[" * n + "]" * n + "\n").encode()


def _deep_block(n: int) -> bytes:
    return ("title: x\nevents:\n" + "".join(" " * i + "- \n" for i in range(1, n))).encode()


def _long_title(size: int) -> bytes:
    head = "title: x\nactors: {r: {name: R, kind: state}}\nevents:\n"
    return (head + "  - {id: a, date: 2015, actors: [r], title: " + "a" * size + "}\n").encode()


def _many_actors(n: int) -> bytes:
    head = "title: x\nactors: {r: {name: R, kind: state}}\nevents:\n"
    refs = ", ".join(f"a{i}" for i in range(n))
    return (head + f"  - {{id: a, date: 2015, title: t, actors: [{refs}]}}\n").encode()


def _laughs(levels: int) -> bytes:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return ("\n".join(lines) + "\ntitle: boom\n").encode()


GENERATED: dict[str, tuple[Callable[[], bytes], int, str]] = {
    "nesting 100,000 deep (flow)": (lambda: _deep(100_000), 1, ":2:"),
    "nesting 10,000 deep (block)": (lambda: _deep_block(10_000), 1, "too-deep"),
    "a 10 MB one-line title": (lambda: _long_title(10 * 2**20), 0, ""),
    "100,000 actors on one event": (lambda: _many_actors(100_000), 1, "'a99999' is not an actor"),
    "billion laughs, 30 levels": (lambda: _laughs(30), 1, "[alias]"),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case(name: str, tmp_path: Path) -> None:
    make, code, fragment = GENERATED[name]
    (tmp_path / "big.yaml").write_bytes(make())
    result = run(["check", "-f", "big.yaml"], tmp_path)
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, err[-2000:]
    assert "Traceback" not in err
    assert "Segmentation" not in err
    assert fragment in err
    if code == 0:
        shown = run(["show", "-f", "big.yaml", "--format", "text"], tmp_path)
        assert shown.returncode == 0


def test_stdin_works_for_every_read_only_command(tmp_path: Path) -> None:
    data = (CORPUS / "hostile_text.yaml").read_bytes()
    for args in (
        ["check"],
        ["show"],
        ["export", "md"],
        ["actors"],
        ["tags"],
        ["sources"],
        ["stats"],
    ):
        result = run([*args, "-f", "-"], tmp_path, data)
        assert result.returncode == 0, (args, result.stderr)
