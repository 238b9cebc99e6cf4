"""Time rirtime's commands as whole processes and hold them to targets set against baselines.

    python benchmarks/run.py                   # 10k and 100k events, 5 runs (3 on 100k): minutes
    python benchmarks/run.py --quick --runs 1  # 200 and 2,000 events: seconds (the test runs this)
    python benchmarks/run.py --markdown benchmarks/RESULTS.md --title "..."

Every measurement is one child process (stdout to /dev/null): its wall time from spawn to exit,
taken with time.perf_counter, and its peak memory (maximum resident set size) as the OS reports it
for that one child through os.wait4. Each command runs once as a warm-up, then --runs times; the
table quotes medians. The commands take turns, round by round, so that a noisy neighbour slows
baselines and rirtime alike. The baselines run in the same session, on the same files:

    B0       python -c "import yaml"
    B1       python -c "yaml.load(<10k file>, Loader=yaml.CSafeLoader)", nothing else
    B1-100k  the same on the 100k file (for memory)

The hostile files of issue 11 (generate.py --hostile) are measured against B1 of the 10k file.
`show ... | head -40` is measured with stdout a pipe of which the runner reads 40 lines and then
closes it: its time is to the child's end (what a shell waits for), so it holds only when the
command stops soon after the first screen, not only when the first screen comes soon.

rirtime runs with the interpreter that runs this script (`python -m rirtime`), or with the console
script given by --exe (`--exe rirtime`). Children get this environment minus NO_COLOR, FORCE_COLOR,
RIRTIME_FILE, RIRTIME_NO_CACHE and PYTHONDONTWRITEBYTECODE, and an XDG_CACHE_HOME of their own
inside the temporary folder: a new empty one for every run of a "first run" measurement, a shared
one otherwise. Without PYTHONDONTWRITEBYTECODE the warm-up run writes rirtime's bytecode, as an
installed rirtime has it (pip writes it, as it did for yaml's in B0): with it set, an editable
install compiled every module of rirtime at every start, 45 ms of CPU of a bundled `show`.

The script reports; it does not judge: it exits 0 whether or not the targets hold, and 1 only
when a command fails (exits non-zero), which is a bug to report.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
LOAD_SNIPPET = (
    "import sys, yaml; "
    "yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
)
DROPPED_ENV = (
    "NO_COLOR",
    "FORCE_COLOR",
    "RIRTIME_FILE",
    "RIRTIME_NO_CACHE",
    "PYTHONDONTWRITEBYTECODE",  # rirtime measured with its bytecode, as installed (see above)
)
TARGET_NAMES = (
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
HEAD_LINES = 40  # `| head -40`: the first screen
HOSTILE_QUICK = 200  # the size of each hostile file in --quick runs (else generate.py's own)


class CommandFailed(Exception):
    """A measured command exited non-zero."""


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Measurement:
    """One command, run `runs` times after a warm-up."""

    key: str
    shown: str  # the command as a reader would type it
    argv: list[str]
    env: Callable[[], dict[str, str]]  # called once per run: a fresh cache folder, or not
    runs: int
    samples: list[Sample] = field(default_factory=list)
    error: str | None = None
    ok_codes: tuple[int, ...] = (0,)  # a check of a broken file exits 1: that is its answer
    head: bool = False  # stdout a pipe: read HEAD_LINES lines, then close it (`| head -40`)

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return statistics.median(s.peak_mb for s in self.samples)


@dataclass
class Target:
    name: str
    what: str
    measured: Measurement
    baseline: Measurement
    factor: float
    memory: bool = False  # compare peak memory instead of time

    def values(self) -> tuple[float, float] | None:
        if not self.measured.samples or not self.baseline.samples:
            return None
        if self.memory:
            return self.measured.peak_mb, self.baseline.peak_mb
        return self.measured.seconds, self.baseline.seconds


# -- running one child --------------------------------------------------------------------------


def _maxrss_mb(maxrss: int) -> float:
    """ru_maxrss is in kilobytes on Linux and the BSDs, in bytes on macOS."""
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def _read_head(proc: subprocess.Popen[bytes]) -> None:
    """Read the first HEAD_LINES lines of the child's stdout, then close it, as `head` does."""
    assert proc.stdout is not None
    for _ in range(HEAD_LINES):
        if not proc.stdout.readline():
            break
    proc.stdout.close()


def run_once(
    argv: Sequence[str], env: dict[str, str], ok: tuple[int, ...] = (0,), *, head: bool = False
) -> Sample:
    """Run one child to its end: wall time and peak memory; CommandFailed if it exits with a
    status not in `ok`. With `head`, its stdout is a pipe of which the first lines are read
    and which is then closed; the time is still to the child's end (what a shell waits for)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if head else subprocess.DEVNULL,
            stderr=err,
            env=env,
        )
        if head:
            _read_head(proc)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            peak = _maxrss_mb(usage.ru_maxrss)
        else:  # no wait4 (Windows): time only
            proc.wait()
            seconds = time.perf_counter() - start
            peak = float("nan")
        if proc.returncode not in ok:
            err.seek(0)
            tail = err.read()[-3000:].decode("utf-8", "replace")
            raise CommandFailed(f"exit status {proc.returncode}\n{tail}")
    return Sample(seconds, peak)


def child_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in DROPPED_ENV:
        env.pop(name, None)
    env["XDG_CACHE_HOME"] = str(cache)
    return env


def measure_all(measurements: list[Measurement], log: Callable[[str], None]) -> None:
    """A warm-up round, then rounds of one run each, so that the commands take turns."""
    rounds = max(m.runs for m in measurements)
    for r in range(rounds + 1):
        label = "warm-up" if r == 0 else f"run {r}/{rounds}"
        for m in measurements:
            if m.error is not None or r > m.runs:
                continue
            try:
                sample = run_once(m.argv, m.env(), m.ok_codes, head=m.head)
            except CommandFailed as exc:
                m.error = str(exc)
                log(f"  {label:>9}  {m.key:<18} FAILED: {exc}")
                continue
            if r > 0:
                m.samples.append(sample)
            log(f"  {label:>9}  {m.key:<18} {sample.seconds:8.3f} s {sample.peak_mb:8.1f} MB")


# -- the machine --------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith(("model name", "Hardware", "cpu model")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return "?"
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine(rirtime: Sequence[str]) -> list[tuple[str, str]]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    try:
        version = subprocess.run(
            [*rirtime, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        version = version.splitlines()[0] if version else "(no output)"
    except OSError as exc:
        version = f"cannot run: {exc}"
    libyaml = getattr(yaml, "__with_libyaml__", False) and hasattr(yaml, "CSafeLoader")
    return [
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("platform", platform.platform()),
        ("CPU", cpu_model()),
        ("cores", f"{os.cpu_count()} ({usable} usable by this process)"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("PyYAML", f"{yaml.__version__}, libyaml {'yes' if libyaml else 'NO'}"),
        ("rirtime", f"{version} run as `{shown_command(rirtime)}`"),
        ("load average at start", load_average()),
    ]


# -- tables -------------------------------------------------------------------------------------


def shown_command(argv: Sequence[str]) -> str:
    return " ".join("python" if a == sys.executable else a for a in argv)


def target_rows(targets: list[Target]) -> list[list[str]]:
    rows = [["target", "measurement", "median", "baseline", "ratio", "target", "holds"]]
    for t in targets:
        unit = "MB" if t.memory else "s"
        base = f"{t.baseline.key}"
        values = t.values()
        if values is None:
            failed = t.measured if t.measured.error else t.baseline
            rows.append(
                [
                    t.name,
                    t.what,
                    "failed",
                    base,
                    "-",
                    f"<= {t.factor:g}x",
                    f"n/a ({failed.key} failed)",
                ]
            )
            continue
        value, baseline = values
        ratio = value / baseline if baseline else float("inf")
        digits = 1 if t.memory else 3
        rows.append(
            [
                t.name,
                t.what,
                f"{value:.{digits}f} {unit}",
                f"{base} {baseline:.{digits}f} {unit}",
                f"{ratio:.2f}x",
                f"<= {t.factor:g}x",
                "yes" if ratio <= t.factor else "no",
            ]
        )
    return rows


def measurement_rows(measurements: list[Measurement]) -> list[list[str]]:
    rows = [["key", "command", "runs", "median s", "min s", "max s", "peak MB"]]
    for m in measurements:
        if not m.samples:
            rows.append([m.key, m.shown, "0", "failed", "-", "-", "-"])
            continue
        times = [s.seconds for s in m.samples]
        rows.append(
            [
                m.key,
                m.shown,
                str(len(m.samples)),
                f"{m.seconds:.3f}",
                f"{min(times):.3f}",
                f"{max(times):.3f}",
                f"{m.peak_mb:.1f}",
            ]
        )
    return rows


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def markdown_table(rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(cell(c) for c in rows[0]) + " |"]
    lines.append("|" + "|".join(" --- " for _ in rows[0]) + "|")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows[1:]]
    return "\n".join(lines)


HOSTILE_KINDS = ("chain", "wide", "misspelt", "one-line", "palette")


def generate_hostile(work: Path, n: int, log: Callable[[str], None]) -> dict[str, Path]:
    """The hostile files of issue 11 (generate.py --hostile), at their own size or `n`."""
    out = {}
    for kind in HOSTILE_KINDS:
        out[kind] = work / f"hostile-{kind}.yaml"
        log(f"generating {out[kind].name}")
        subprocess.run(
            [sys.executable, str(GENERATE), str(n), "--hostile", kind, "-o", str(out[kind])],
            check=True,
        )
    return out


class Plan:
    """The measurements and the targets, one line a row: `row(name, what, measured, baseline,
    factor)`. A new command is a `cmd(...)` and a `row(...)`, as chart and export svg are."""

    def __init__(self, work: Path, rirtime: list[str], runs: int, runs_large: int) -> None:
        self.work = work
        self.rirtime = rirtime
        self.rt = shown_command(rirtime)
        self.runs = runs
        self.runs_large = runs_large
        self.measurements: list[Measurement] = []
        self.targets: list[Target] = []
        self.counter = iter(range(1_000_000))
        self.last_fresh: list[Path] = []

    def warm(self, name: str) -> Callable[[], dict[str, str]]:
        """A cache folder shared by the runs of a measurement (the warm-up fills it)."""
        cache = self.work / f"cache-{name}"
        return lambda: child_env(cache)

    def fresh(self) -> dict[str, str]:
        """A new empty cache folder; the last one (its run is over) is removed."""
        while self.last_fresh:
            shutil.rmtree(self.last_fresh.pop(), ignore_errors=True)
        cache = self.work / f"cache-fresh-{next(self.counter)}"
        cache.mkdir()
        self.last_fresh.append(cache)
        return child_env(cache)

    def cmd(
        self,
        key: str,
        args: list[str],
        shown: str,
        *,
        large: bool = False,
        fresh: bool = False,
        ok: tuple[int, ...] = (0,),
        head: bool = False,
    ) -> Measurement:
        """`rirtime ARGS`, measured; a kept cache unless `fresh`."""
        m = Measurement(
            key,
            f"{self.rt} {shown}",
            [*self.rirtime, *args],
            self.fresh if fresh else self.warm("shared"),
            self.runs_large if large else self.runs,
            ok_codes=ok,
            head=head,
        )
        self.measurements.append(m)
        return m

    def base(self, key: str, shown: str, argv: list[str], *, large: bool = False) -> Measurement:
        m = Measurement(
            key, shown, argv, self.warm("shared"), self.runs_large if large else self.runs
        )
        self.measurements.append(m)
        return m

    def row(
        self,
        name: str,
        what: str,
        measured: Measurement,
        baseline: Measurement,
        factor: float,
        *,
        memory: bool = False,
    ) -> None:
        assert name in TARGET_NAMES, name
        self.targets.append(Target(name, what, measured, baseline, factor, memory))

    def build(
        self, small: Path, large: Path, s: str, lg: str, hostile: dict[str, Path]
    ) -> tuple[list[Measurement], list[Target]]:
        """Every measurement and target of issue 16 (and the T1..T6 before it)."""
        py = sys.executable
        f_s, f_l = str(small), str(large)
        cmd, row = self.cmd, self.row
        b0 = self.base("B0", 'python -c "import yaml"', [py, "-c", "import yaml"])
        version = cmd("version", ["--version"], "--version")
        bundled = cmd("show-bundled", ["show", "--format", "plain"], "show --format plain")
        b1 = self.base("B1", f"yaml.load({s}.yaml, CSafeLoader)", [py, "-c", LOAD_SNIPPET, f_s])
        check_s = cmd(
            f"check-{s}", ["check", "-f", f_s], f"check -f {s}.yaml (fresh cache)", fresh=True
        )
        jsonl_s = cmd(
            f"show-{s}-cached",
            ["show", "-f", f_s, "--format", "jsonl"],
            f"show -f {s}.yaml --format jsonl (cache kept)",
        )
        text_s = cmd(
            f"text-{s}",
            ["show", "-f", f_s, "--format", "text"],
            f"show -f {s}.yaml --format text (cache kept)",
        )
        head_s = cmd(
            f"head-{s}",
            ["show", "-f", f_s, "--format", "text"],
            f"show -f {s}.yaml --format text | head -{HEAD_LINES} (cache kept)",
            head=True,
        )
        html_s = cmd(
            f"html-{s}", ["export", "html", "-f", f_s], f"export html -f {s}.yaml (cache kept)"
        )
        md_s = cmd(f"md-{s}", ["export", "md", "-f", f_s], f"export md -f {s}.yaml (cache kept)")
        svg_s = cmd(
            f"svg-{s}", ["export", "svg", "-f", f_s], f"export svg -f {s}.yaml (cache kept)"
        )
        chart_s = cmd(f"chart-{s}", ["chart", "-f", f_s], f"chart -f {s}.yaml (cache kept)")
        h = {k: str(v) for k, v in hostile.items()}
        chain = cmd(
            "H-chain", ["check", "-f", h["chain"]], "check -f hostile-chain.yaml", fresh=True
        )
        chain_actors = cmd(
            "H-chain-actors",
            ["actors", "-f", h["chain"]],
            "actors -f hostile-chain.yaml",
            fresh=True,
        )
        wide = cmd("H-wide", ["stats", "-f", h["wide"]], "stats -f hostile-wide.yaml", fresh=True)
        misspelt = cmd(
            "H-misspelt",
            ["check", "-f", h["misspelt"]],
            "check -f hostile-misspelt.yaml (exits 1)",
            fresh=True,
            ok=(1,),
        )
        one_line = cmd(
            "H-one-line",
            ["check", "-f", h["one-line"]],
            "check -f hostile-one-line.yaml (exits 1)",
            fresh=True,
            ok=(1,),
        )
        palette = cmd(
            "H-palette",
            ["show", "--format", "text", "-f", h["palette"]],
            "show --format text -f hostile-palette.yaml",
            fresh=True,
        )
        palette_html = cmd(
            "H-palette-html",
            ["export", "html", "-f", h["palette"]],
            "export html -f hostile-palette.yaml",
            fresh=True,
        )
        b1_l = self.base(
            f"B1-{lg}",
            f"yaml.load({lg}.yaml, CSafeLoader)",
            [py, "-c", LOAD_SNIPPET, f_l],
            large=True,
        )
        check_l = cmd(
            f"check-{lg}",
            ["check", "-f", f_l],
            f"check -f {lg}.yaml (fresh cache)",
            large=True,
            fresh=True,
        )
        jsonl_l = cmd(
            f"show-{lg}-cached",
            ["show", "-f", f_l, "--format", "jsonl"],
            f"show -f {lg}.yaml --format jsonl (cache kept)",
            large=True,
        )
        text_l = cmd(
            f"text-{lg}",
            ["show", "-f", f_l, "--format", "text"],
            f"show -f {lg}.yaml --format text (cache kept)",
            large=True,
        )
        head_l = cmd(
            f"head-{lg}",
            ["show", "-f", f_l, "--format", "text"],
            f"show -f {lg}.yaml --format text | head -{HEAD_LINES} (cache kept)",
            large=True,
            head=True,
        )
        html_l = cmd(
            f"html-{lg}",
            ["export", "html", "-f", f_l],
            f"export html -f {lg}.yaml (cache kept)",
            large=True,
        )
        md_l = cmd(
            f"md-{lg}",
            ["export", "md", "-f", f_l],
            f"export md -f {lg}.yaml (cache kept)",
            large=True,
        )
        svg_l = cmd(
            f"svg-{lg}",
            ["export", "svg", "-f", f_l],
            f"export svg -f {lg}.yaml (cache kept)",
            large=True,
        )
        chart_l = cmd(
            f"chart-{lg}", ["chart", "-f", f_l], f"chart -f {lg}.yaml (cache kept)", large=True
        )

        row("T1 version", f"{self.rt} --version", version, b0, 2)
        row("T2 show bundled", f"{self.rt} show --format plain (bundled)", bundled, b0, 3)
        row("T3 check first run", f"check -f {s}.yaml, first run", check_s, b1, 1.3)
        row("T4 show cached", f"show -f {s}.yaml --format jsonl, cached", jsonl_s, b1, 0.15)
        row("T5 check scaling", f"check -f {lg}.yaml vs {s}.yaml time", check_l, check_s, 11)
        row("T6 check memory", f"check -f {lg}.yaml peak memory", check_l, b1_l, 1.5, memory=True)
        row("T7 show text", f"show -f {s}.yaml --format text, cached", text_s, b1, 0.3)
        row(
            "T8 text first screen",
            f"show -f {s}.yaml --format text | head -{HEAD_LINES}, cached, to the process's end",
            head_s,
            b1,
            0.1,
        )
        row("T9 export html", f"export html -f {s}.yaml, cached", html_s, b1, 0.3)
        row("T10 export md", f"export md -f {s}.yaml, cached", md_s, b1, 0.3)
        row("T14 export svg", f"export svg -f {s}.yaml, cached", svg_s, b1, 0.3)
        row("T15 chart", f"chart -f {s}.yaml, cached", chart_s, b1, 0.3)
        row("T11 check 100k time", f"check -f {lg}.yaml, first run", check_l, b1_l, 0.3)
        row(
            "T12 check 100k memory",
            f"check -f {lg}.yaml peak memory",
            check_l,
            b1_l,
            0.5,
            memory=True,
        )
        row("T13 show bundled start", "show --format plain (bundled)", bundled, b0, 2.5)
        row("H1 part_of chain check", "check, 4,000-actor part_of chain", chain, b1, 0.5)
        row("H2 part_of chain actors", "actors, 4,000-actor part_of chain", chain_actors, b1, 0.5)
        row("H3 wide event stats", "stats, one event naming 2,000 actors", wide, b1, 0.5)
        row("H4 misspellings check", "check, 5,000 misspelt ids, 2,000 actors", misspelt, b1, 0.5)
        row(
            "H5 diagnostics on one line",
            "check, 100,000 unknown ids on one line",
            one_line,
            b1,
            0.5,
        )
        row("H6 palette show", "show --format text, 2,000 actors", palette, b1, 0.5)
        row("H7 palette html", "export html, 2,000 actors", palette_html, b1, 0.5)
        row("G1 show text growth", f"show --format text {lg} vs {s}", text_l, text_s, 11)
        row("G2 first screen growth", f"show | head -{HEAD_LINES} {lg} vs {s}", head_l, head_s, 11)
        row("G3 export html growth", f"export html {lg} vs {s}", html_l, html_s, 11)
        row("G4 export md growth", f"export md {lg} vs {s}", md_l, md_s, 11)
        row("G5 show jsonl growth", f"show --format jsonl {lg} vs {s}", jsonl_l, jsonl_s, 11)
        row("G6 export svg growth", f"export svg {lg} vs {s}", svg_l, svg_s, 11)
        row("G7 chart growth", f"chart {lg} vs {s}", chart_l, chart_s, 11)
        return self.measurements, self.targets


# -- main ---------------------------------------------------------------------------------------


def size_label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time rirtime against baselines measured in the same run; report the targets."
    )
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 events, few runs")
    parser.add_argument("--runs", type=int, help="measured runs per command (default 5; quick 2)")
    parser.add_argument(
        "--runs-large", type=int, help="runs on the large file (default: --runs, at most 3)"
    )
    parser.add_argument(
        "--exe",
        metavar="PROGRAM",
        help="run rirtime as this program (e.g. the console script `rirtime`) "
        "instead of `python -m rirtime` with this interpreter",
    )
    parser.add_argument("--markdown", metavar="FILE", help="also write the results as Markdown")
    parser.add_argument(
        "--title", default="rirtime benchmark results", help="heading of the Markdown file"
    )
    args = parser.parse_args(argv)

    small, large = (200, 2000) if args.quick else (10_000, 100_000)
    runs = args.runs if args.runs is not None else (2 if args.quick else 5)
    runs_large = args.runs_large if args.runs_large is not None else min(runs, 3)
    if runs < 1 or runs_large < 1:
        parser.error("--runs and --runs-large must be at least 1")
    if args.exe:
        found = shutil.which(args.exe)
        if found is None:
            parser.error(f"--exe {args.exe}: no such program on PATH")
        rirtime = [found]
    else:
        rirtime = [sys.executable, "-m", "rirtime"]

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    info = machine(rirtime)
    with tempfile.TemporaryDirectory(prefix="rirtime-bench-") as tmp:
        work = Path(tmp)
        files: dict[int, Path] = {}
        for n in (small, large):
            files[n] = work / f"{size_label(n)}.yaml"
            log(f"generating {files[n].name} ({n} events)")
            subprocess.run([sys.executable, str(GENERATE), str(n), "-o", str(files[n])], check=True)
        s, lg = size_label(small), size_label(large)
        hostile = generate_hostile(work, HOSTILE_QUICK if args.quick else 0, log)
        p = Plan(work, rirtime, runs, runs_large)
        measurements, targets = p.build(files[small], files[large], s, lg, hostile)
        log(f"measuring: a warm-up, then {runs} runs ({runs_large} on {lg}.yaml), taking turns")
        measure_all(measurements, log)

    info.append(("load average at end", load_average()))
    info.append(("files", f"{s}.yaml and {lg}.yaml from benchmarks/generate.py"))
    print()
    for key, value in info:
        print(f"{key + ':':<23} {value}")
    print()
    print("Targets (medians; ratio = measurement / baseline)")
    print(text_table(target_rows(targets)))
    print()
    print("Measurements (wall time of the whole process; peak = max RSS of the child)")
    print(text_table(measurement_rows(measurements)))

    failed = [m for m in measurements if m.error is not None]
    if args.markdown:
        given = list(argv if argv is not None else sys.argv[1:])
        invocation = shlex.join(["python", "benchmarks/run.py", *given])
        write_markdown(Path(args.markdown), args.title, invocation, info, targets, measurements)
    for m in failed:
        print(f"\nFAILED: {m.shown}: {m.error}", file=sys.stderr)
    return 1 if failed else 0


def write_markdown(
    path: Path,
    title: str,
    invocation: str,
    info: list[tuple[str, str]],
    targets: list[Target],
    measurements: list[Measurement],
) -> None:
    lines = [f"# {title}", "", f"Produced by `{invocation}`.", ""]
    lines += [f"- **{key}**: {value}" for key, value in info]
    lines += [
        "",
        "## Targets",
        "",
        "Medians; ratio = measurement / baseline; the target is the largest ratio allowed.",
        "",
        markdown_table(target_rows(targets)),
        "",
        "## Measurements",
        "",
        "Each a whole process, stdout to /dev/null, after one warm-up run; the commands take turns"
        " round by round. Peak = maximum resident set size of the child (os.wait4). A fresh cache"
        " is a new empty XDG_CACHE_HOME for every run; a kept cache is one folder shared by the"
        " runs, filled by the warm-up.",
        "",
        markdown_table(measurement_rows(measurements)),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
