"""The benchmark scripts still work: the generator makes valid, deterministic files, and the runner
runs to its end. Nothing here asserts a time: the numbers belong in benchmarks/RESULTS.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
GENERATE = BENCHMARKS / "generate.py"
RUN = BENCHMARKS / "run.py"
TARGETS = (
    "T1 version",
    "T2 show bundled",
    "T3 check first run",
    "T4 show cached",
    "T5 check scaling",
    "T6 check memory",
    "T7 show text",
    "T8 text first screen",
    "T9 export html",
    "T10 export md",
    "T11 check 100k time",
    "T12 check 100k memory",
    "T13 show bundled start",
    "T14 export svg",
    "T15 chart",
    "H1 part_of chain check",
    "H2 part_of chain actors",
    "H3 wide event stats",
    "H4 misspellings check",
    "H5 diagnostics on one line",
    "H6 palette show",
    "H7 palette html",
    "G1 show text growth",
    "G2 first screen growth",
    "G3 export html growth",
    "G4 export md growth",
    "G5 show jsonl growth",
    "G6 export svg growth",
    "G7 chart growth",
)
HOSTILE = {"chain": 0, "wide": 0, "misspelt": 1, "one-line": 1, "palette": 0}  # check's exit
HANG = 600  # seconds: only so that a hung child fails the test instead of stalling the suite


def _generate(n: int, out: Path) -> bytes:
    subprocess.run(
        [sys.executable, str(GENERATE), str(n), "-o", str(out)], check=True, timeout=HANG
    )
    return out.read_bytes()


def test_generate_is_deterministic(tmp_path: Path) -> None:
    first = _generate(300, tmp_path / "a.yaml")
    second = _generate(300, tmp_path / "b.yaml")
    assert first == second
    assert first.count(b"\n  - id: ") == 300


@pytest.mark.parametrize("n", [0, 1, 300])
def test_generated_file_passes_check_without_warnings(tmp_path: Path, n: int) -> None:
    path = tmp_path / f"{n}.yaml"
    _generate(n, path)
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "check", "--strict", "-f", str(path)],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"ok ({n} event" in result.stderr


def test_generate_writes_stdout_like_the_file(tmp_path: Path) -> None:
    on_disk = _generate(40, tmp_path / "40.yaml")
    result = subprocess.run(
        [sys.executable, str(GENERATE), "40"], capture_output=True, check=True, timeout=HANG
    )
    assert result.stdout == on_disk


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_files_are_what_they_say(tmp_path: Path, kind: str) -> None:
    """Small hostile files (issue 11's shapes): the valid ones pass check, the others fail it
    with the diagnostics they are made of, and no check is a traceback."""
    path = tmp_path / f"{kind}.yaml"
    subprocess.run(
        [sys.executable, str(GENERATE), "50", "--hostile", kind, "-o", str(path)],
        check=True,
        timeout=HANG,
    )
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "check", "-f", str(path)],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert result.returncode == HOSTILE[kind], result.stderr
    assert "Traceback" not in result.stderr
    if HOSTILE[kind]:
        assert "is not an actor" in result.stderr


def test_run_quick_reports_every_target(tmp_path: Path) -> None:
    """The slow one (a few seconds: some twenty short processes): --quick on 200 and 2,000
    events, one run each. It checks that the runner finishes and reports, not what it measures."""
    markdown = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--runs", "1", "--markdown", str(markdown)],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = markdown.read_text(encoding="utf-8")
    for name in TARGETS:
        assert name in result.stdout
        assert f"| {name} |" in report
    assert "libyaml" in result.stdout
