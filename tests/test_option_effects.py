"""Every option of every command does its job: one table of "option -> observable effect".

Each row of ROWS runs a command line with the option and the same command line without it, each
in a folder of its own (fresh timeline files, a fresh cache), through the real command line
(typer's CliRunner on `rirtime.cli.app`, or the `rirtime` process on a pseudo-terminal where the
option is about terminals), and checks the difference the option promises: `--reverse` puts the
newest event first, `--toc` adds a list of links to the year sections, `add --quote` writes the
quote under `quote` (read back with yaml.safe_load), a filter keeps exactly the events it should
and drops the others, in every command that takes it. "The output differs" is never enough.

`test_every_option_has_a_row` reads the options from the app itself (what `rirtime --help` and
`rirtime COMMAND --help` list), so an option added later without a row fails the suite, and so
does a value of a choice (`--format`, `--color`, the export FORMAT) that no row uses.

Verified by disconnection: each option below was disconnected in a scratch edit of
src/rirtime/cli.py (parsed, then ignored: its value replaced by the default where it is used),
this module was run and failed on that option's rows, and cli.py was restored (never committed):
  show --long, --format, --color, --no-cache, --bom; export --toc, --mermaid, --force, -o, FORMAT,
  --no-cache, --group-by, --bom, --by; chart --by, --top; check --strict, --format, --no-cache;
  stats --top, --format; actors/tags/sources --format and --no-cache; add --summary, --quote,
  --note, --person, --tag, --source, --id, --dry-run, --color, -f; -f of every reading command;
  --color of every command at once; --version; all filters at once, and each alone: --actor,
  --tag, --person, --source, --from, --to, --on, --search, --not-actor, --not-tag, --all, --limit,
  --reverse.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import os
import re
import stat
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bundled
import pytest
import yaml
from typer.testing import CliRunner

from conftest import on_terminals
from entries import read_entry, write_entry
from rirtime import __version__
from rirtime.cli import app
from rirtime.files import default_path
from rirtime.formats.records import FIELDS

# -- the fixture ---------------------------------------------------------------------------------

# Small enough to know by heart; each filter below keeps some events and drops others.
TIMELINE = """\
# The fixture of test_option_effects.
title: Option effects
sources:
  a: {citation: "A. Author, First source, 2017", url: "https://example.org/a"}
  b: {citation: "B. Writer, Second source, 2018", url: "https://example.org/b"}
actors:
  russia: {name: Russia, kind: state, aliases: [Moscow]}
  iran: {name: Iran, kind: state, aliases: [Tehran]}
  irgc: {name: Islamic Revolutionary Guard Corps, kind: military, part_of: iran}
  syria: {name: Syria, kind: state}
  turkey: {name: Turkey, kind: state}
events:
  - id: arms-1995
    date: 1995
    title: Russia and Iran sign an arms agreement
    actors: [russia, iran]
    people: [Viktor Chernomyrdin]
    tags: [arms]
    sources: [a]
  - id: veto-2011
    date: 2011-10-04
    title: Russia vetoes a draft resolution on Syria
    summary: The first of four vetoes on Syria.
    actors: [russia, syria]
    tags: [un, diplomacy]
    sources: [b]
    quote: a sad day for the Council
  - id: commander-2015
    date: 2015-09
    title: An IRGC commander is reported in Moscow
    actors: [irgc, russia]
    people: [Qasem Soleimani]
    tags: [military, visit]
    sources: [a, b]
    note: Reported, not confirmed.
  - id: hamadan-2016
    date: 2016-08-16
    title: Russian bombers fly from Hamadan
    summary: Long-range bombers use an Iranian air base.
    actors: [russia, iran]
    tags: [military]
    sources: [a]
  - id: astana-2017
    date: "2017-03-27/2017-03-29"
    title: Rouhani visits Moscow before the Astana talks
    actors: [iran, russia, turkey]
    people: [Hassan Rouhani]
    tags: [visit, diplomacy]
    sources: [b]
"""
# The same with an actor no event names: a warning, not an error.
WARNINGS = TIMELINE.replace(
    "  turkey: {name: Turkey, kind: state}\n",
    "  turkey: {name: Turkey, kind: state}\n  egypt: {name: Egypt, kind: state}\n",
)
# The same with an event whose start is unknown ("by Sep 2015"): placed in Sep 2015, it could
# have happened any day before, which is what --possible matches.
BY = TIMELINE.replace(
    "  - id: hamadan-2016\n",
    "  - id: talks-by-2015-09\n"
    '    date: "/2015-09"\n'
    "    title: Turkey has hosted talks by September 2015\n"
    "    actors: [turkey]\n"
    "    tags: [talks]\n"
    "    sources: [a]\n"
    "  - id: hamadan-2016\n",
)
# A second file read with t.yaml as one chronology: russia defined word for word as t.yaml
# does (one actor), a source of t.yaml cited, an actor and a tag of its own.
MORE = """\
title: More
actors:
  russia: {name: Russia, kind: state, aliases: [Moscow]}
  egypt: {name: Egypt, kind: state}
events:
  - id: cairo-2019
    date: 2019
    title: Russia and Egypt meet in Cairo
    actors: [russia, egypt]
    tags: [meeting]
    sources: [b]
"""
FILES = {"t.yaml": TIMELINE, "warn.yaml": WARNINGS, "by.yaml": BY, "more.yaml": MORE}

DATA: dict[str, Any] = yaml.safe_load(TIMELINE)
EVENTS: dict[str, dict[str, Any]] = {e["id"]: e for e in DATA["events"]}
ALL = list(EVENTS)  # in chronological order, as the file has them
TITLES = [e["title"] for e in DATA["events"]]
NEWEST = "astana-2017"


def _family(actor_id: str) -> set[str]:
    """The actor and every actor part of it, as --actor and `actors` count them."""
    out = {actor_id}
    while True:
        more = {a for a, v in DATA["actors"].items() if v.get("part_of") in out} - out
        if not more:
            return out
        out |= more


# -- running a command line ----------------------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str
    dir: Path

    def text(self, name: str) -> str:
        return (self.dir / name).read_text(encoding="utf-8")

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)

    def added(self) -> dict[str, Any]:
        """The one event of t.yaml that the fixture does not have, read back with safe_load."""
        events = yaml.safe_load(self.text("t.yaml"))["events"]
        new = [e for e in events if e["id"] not in EVENTS]
        assert len(new) == 1, new
        assert [e["id"] for e in events if e["id"] in EVENTS] == ALL  # the rest is untouched
        return dict(new[0])


Invoke = Callable[[Sequence[str]], Run]


def _env(folder: Path) -> dict[str, str]:
    return {
        "HOME": str(folder),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "COLUMNS": "100",
    }


def _cli(runner: CliRunner, folder: Path, stdin: str | None) -> Invoke:
    def invoke(args: Sequence[str]) -> Run:
        old = os.getcwd()
        os.chdir(folder)
        try:
            result = runner.invoke(app, list(args), input=stdin, env=_env(folder))
        finally:
            os.chdir(old)
        assert "Traceback" not in result.stderr, result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr, folder)

    return invoke


def _process(folder: Path, tty: bool, extra_env: dict[str, str]) -> Invoke:
    """The command as a process: on pipes, or with its stdout and stderr each a terminal."""

    def invoke(args: Sequence[str]) -> Run:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            **_env(folder),
            **extra_env,
        }
        command = [sys.executable, "-m", "rirtime", *args]
        if not tty:
            done = subprocess.run(
                command, cwd=folder, env=env, capture_output=True, timeout=60, check=False
            )
            out, err = done.stdout.decode(), done.stderr.decode()
            code = done.returncode
        else:
            code, out, err = on_terminals(command, folder, env)
        assert "Traceback" not in err, err
        return Run(code, out, err, folder)

    return invoke


# -- the table -----------------------------------------------------------------------------------

Check = Callable[[Run, Run], None]


@dataclass(frozen=True)
class Row:
    """`covers` is (command, option, value): the option this row proves, and for an option of
    choices the value it uses ("" for the top level, "FORMAT" for export's argument)."""

    covers: tuple[str, str, str | None]
    with_: tuple[str, ...]
    without: tuple[str, ...]
    check: Check
    name: str = ""
    tty: bool = False  # run as a process on terminals
    stdin: str | None = None
    setup: Callable[[Invoke], None] | None = None
    process_env: dict[str, str] | None = None  # run as a process on pipes, with this env

    @property
    def id(self) -> str:
        return self.name or " ".join(self.with_)


ROWS: list[Row] = []


def row(  # noqa: PLR0913, PLR0917 - a row of the table is its columns, in order
    covers: tuple[str, str, str | None],
    with_: Sequence[str],
    without: Sequence[str],
    name: str = "",
    tty: bool = False,
    stdin: str | None = None,
    setup: Callable[[Invoke], None] | None = None,
    process_env: dict[str, str] | None = None,
) -> Callable[[Check], Check]:
    def add(check: Check) -> Check:
        ROWS.append(
            Row(covers, tuple(with_), tuple(without), check, name, tty, stdin, setup, process_env)
        )
        return check

    return add


def rows(*specs: tuple[tuple[str, str, str | None], Sequence[str], Sequence[str]]) -> Any:
    """The same check for several rows."""

    def add(check: Check) -> Check:
        for covers, with_, without in specs:
            ROWS.append(Row(covers, tuple(with_), tuple(without), check))
        return check

    return add


ESC = "\x1b["
SGR = re.compile(r"\x1b\[[0-9;]*m")


def _ids(r: Run) -> list[str]:
    return [e["id"] for e in r.json()]


# -- filters, in every command that lists events -------------------------------------------------


@dataclass(frozen=True)
class Keeps:
    """A filter: with `options` (added to `base`), exactly `kept` remain of `base_kept`."""

    options: tuple[str, ...]
    kept: list[str]
    base: tuple[str, ...] = ()
    base_kept: list[str] = field(default_factory=lambda: list(ALL))


ALL_BUT_VETO = ["arms-1995", "commander-2015", "hamadan-2016", "astana-2017"]
FILTERS = [
    Keeps(("--actor", "iran"), ALL_BUT_VETO),  # irgc is part of iran: its event counts
    Keeps(("-a", "TEHRAN"), ALL_BUT_VETO),  # an alias, any case
    Keeps(("--tag", "military"), ["commander-2015", "hamadan-2016"]),
    Keeps(("-t", "visit"), ["commander-2015", "astana-2017"]),
    Keeps(("--person", "SOLEIMANI"), ["commander-2015"]),
    Keeps(("--source", "b"), ["veto-2011", "commander-2015", "astana-2017"]),
    Keeps(("--from", "2016"), ["hamadan-2016", "astana-2017"]),
    Keeps(("--to", "2011"), ["arms-1995", "veto-2011"]),
    Keeps(("--on", "2015-09"), ["commander-2015"]),
    Keeps(("--search", "VETO"), ["veto-2011"]),  # in a title
    Keeps(("-s", "air base"), ["hamadan-2016"]),  # in a summary
    Keeps(("--not-actor", "syria"), ALL_BUT_VETO),
    Keeps(("--not-tag", "visit"), ["arms-1995", "veto-2011", "hamadan-2016"]),
    Keeps(
        ("--all",),
        ["commander-2015"],
        ("-t", "military", "-t", "visit"),
        ["commander-2015", "hamadan-2016", "astana-2017"],
    ),
    Keeps(("--all",), ALL_BUT_VETO, ("-a", "russia", "-a", "iran"), ALL),
]
# Only in show, and in every command below (it is the same code), so one command suffices.
SHOW_ONLY_FILTERS = [
    Keeps(("--search", "rouhani"), [NEWEST]),  # in people
    Keeps(("-s", "SAD DAY"), ["veto-2011"]),  # in a quote
    Keeps(("--from", "Sept 2015"), ["commander-2015", "hamadan-2016", NEWEST]),
    Keeps(("--to", "March 2011"), ["arms-1995"]),
    Keeps(("--on", "28 March 2017"), [NEWEST]),  # inside the interval
    # repeated: any of them
    Keeps(
        ("--actor", "syria"), ["veto-2011", "commander-2015"], ("-a", "irgc"), ["commander-2015"]
    ),
]
ORDERING = [
    Keeps(("--limit", "2"), ["arms-1995", "veto-2011"]),
    Keeps(("-n", "0"), []),
    Keeps(("--reverse",), ALL[::-1]),
    Keeps(("--limit", "1"), [NEWEST], ("--reverse",), ALL[::-1]),  # the newest one
]


def _selected(ids: list[str]) -> list[dict[str, Any]]:
    return [EVENTS[i] for i in ids]


def _actors_view(ids: list[str]) -> dict[str, int]:
    counts = {
        a: sum(bool(_family(a) & set(e["actors"])) for e in _selected(ids)) for a in DATA["actors"]
    }
    return {a: n for a, n in counts.items() if n}


def _sources_view(ids: list[str]) -> dict[str, list[str]]:
    citing = {s: [e["id"] for e in _selected(ids) if s in e["sources"]] for s in DATA["sources"]}
    return {s: c for s, c in citing.items() if c}


def _stats_view(ids: list[str]) -> tuple[int, dict[str, int], dict[str, int]]:
    events = _selected(ids)
    years = Counter(str(e["date"]).lstrip("/")[:4] for e in events)  # "by" at its end
    return len(events), dict(years), dict(Counter(a for e in events for a in e["actors"]))


def _chart_rows(r: Run) -> tuple[int, dict[str, int]]:
    """What a chart shows: how many events, and each row's name and count."""
    assert r.code == 0, r.err
    if r.out == "No events match.\n":
        return 0, {}
    rows = {}
    for line in r.out.splitlines():
        if "\u2502" in line:
            name, count = line.split("\u2502")[0].split()
            rows[name] = int(count)
    summary = re.search(r"^(\d+) events?;", r.out, re.M)
    assert summary, r.out
    return int(summary.group(1)), rows


def _chart_view(ids: list[str]) -> tuple[int, dict[str, int]]:
    """A row per actor an event names itself (a part's events are in the part's row)."""
    events = _selected(ids)
    return len(events), dict(Counter(a for e in events for a in e["actors"]))


# command line -> (what the output shows, what it must show for these events)
LISTINGS: dict[str, tuple[tuple[str, ...], Callable[[Run], Any], Callable[[list[str]], Any]]] = {
    "show": (("show", "-f", "t.yaml", "--format", "json"), _ids, list),
    "export": (
        ("export", "json", "-f", "t.yaml"),
        lambda r: [e["id"] for e in r.json()["events"]],
        list,
    ),
    "actors": (
        ("actors", "-f", "t.yaml", "--format", "json"),
        lambda r: {a["id"]: a["events"] for a in r.json()},
        _actors_view,
    ),
    "tags": (
        ("tags", "-f", "t.yaml", "--format", "json"),
        lambda r: {t["tag"]: t["events"] for t in r.json()},
        lambda ids: dict(Counter(t for e in _selected(ids) for t in e["tags"])),
    ),
    "sources": (
        ("sources", "-f", "t.yaml", "--format", "json"),
        lambda r: {s["id"]: s["events"] for s in r.json()},
        _sources_view,
    ),
    "stats": (
        ("stats", "-f", "t.yaml", "--format", "json"),
        lambda r: (
            r.json()["events"],
            {y["year"]: y["events"] for y in r.json()["per_year"] if y["events"]},
            {a["actor"]: a["events"] for a in r.json()["actors"]},
        ),
        _stats_view,
    ),
    "chart": (("chart", "-f", "t.yaml", "--top", "50"), _chart_rows, _chart_view),
}


def _filter_check(view: Callable[[Run], Any], expect: Any, spec: Keeps) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert view(w) == expect(spec.kept), w.out
        assert view(wo) == expect(spec.base_kept), wo.out

    return check


def _filter_rows() -> None:
    for command, (line, view, expect) in LISTINGS.items():
        specs = FILTERS + (SHOW_ONLY_FILTERS if command == "show" else [])
        specs += ORDERING if command in ("show", "export") else []
        for spec in specs:
            # A row proves something only if the option changes what this command shows.
            assert expect(spec.kept) != expect(spec.base_kept), (command, spec)
            option = next(o for o in spec.options if o.startswith("-"))
            ROWS.append(
                Row(
                    (command, option, None),
                    (*line, *spec.base, *spec.options),
                    (*line, *spec.base),
                    _filter_check(view, expect, spec),
                )
            )


_filter_rows()

# --possible: `--on 2014` keeps nothing of by.yaml; with --possible, the event "by Sep 2015".
_POSSIBLE = {
    "show": ["talks-by-2015-09"],
    "export": ["talks-by-2015-09"],
    "actors": {"turkey": 1},
    "tags": {"talks": 1},
    "sources": {"a": ["talks-by-2015-09"]},
    "stats": (1, {"2015": 1}, {"turkey": 1}),
    "chart": (1, {"turkey": 1}),
}
_NOTHING: dict[str, Any] = {"show": [], "export": [], "stats": (0, {}, {}), "chart": (0, {})}


def _possible_rows() -> None:
    for command, (line, view, _) in LISTINGS.items():
        by_line = tuple("by.yaml" if part == "t.yaml" else part for part in line)

        def check(w: Run, wo: Run, command: str = command, view: Any = view) -> None:
            assert view(w) == _POSSIBLE[command], w.out
            assert view(wo) == _NOTHING.get(command, {}), wo.out

        ROWS.append(
            Row(
                (command, "--possible", None),
                (*by_line, "--on", "2014", "--possible"),
                (*by_line, "--on", "2014"),
                check,
            )
        )


_possible_rows()


# -- show ----------------------------------------------------------------------------------------

LONG_ONLY = [
    "The first of four vetoes on Syria.",
    "Long-range bombers use an Iranian air base.",
    "\u201ca sad day for the Council\u201d",
    "Note: Reported, not confirmed.",
    "People: Qasem Soleimani",
    "[a] A. Author, First source, 2017 https://example.org/a",
    "[b] B. Writer, Second source, 2018 https://example.org/b",
]


@rows(
    (
        ("show", "--long", None),
        ["show", "-f", "t.yaml", "--format", "text", "--long"],
        ["show", "-f", "t.yaml", "--format", "text"],
    ),
    (
        ("show", "-l", None),
        ["show", "-f", "t.yaml", "--format", "text", "-l"],
        ["show", "-f", "t.yaml", "--format", "text"],
    ),
)
def _long(w: Run, wo: Run) -> None:
    for title in TITLES:  # both views show every event
        assert title in w.out
        assert title in wo.out
    for part in LONG_ONLY:  # summaries, quote, note, people, sources with their citations
        assert part in w.out, part
        assert part not in wo.out, part


def _text_view(r: Run) -> None:
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == "Option effects"
    assert lines[-1] == "5 of 5 events"
    assert "1995" in lines
    assert "  1995            Russia and Iran sign an arms agreement" in lines


def _plain_view(r: Run) -> None:
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [[str(EVENTS[i]["date"]), i] for i in ALL]
    assert all(line.count("\t") == 3 for line in lines)


@row(
    ("show", "--format", "text"),
    ["show", "-f", "t.yaml", "--format", "text"],
    ["show", "-f", "t.yaml"],
)
def _show_text(w: Run, wo: Run) -> None:
    _text_view(w)
    _plain_view(wo)  # the default in a pipe


@row(
    ("show", "--format", "plain"),
    ["show", "-f", "t.yaml", "--format", "plain"],
    ["show", "-f", "t.yaml"],
    tty=True,
)
def _show_plain(w: Run, wo: Run) -> None:
    _plain_view(w)
    assert ESC not in w.out
    assert SGR.sub("", wo.out).splitlines()[0] == "Option effects"  # the text view, on a terminal


@row(
    ("show", "--format", "json"),
    ["show", "-f", "t.yaml", "--format", "json"],
    ["show", "-f", "t.yaml"],
)
def _show_json(w: Run, wo: Run) -> None:
    records = w.json()
    assert [list(r) for r in records] == [list(FIELDS)] * 5
    assert [r["title"] for r in records] == TITLES
    assert records[1]["quote"] == "a sad day for the Council"
    _plain_view(wo)


@row(
    ("show", "--format", "jsonl"),
    ["show", "-f", "t.yaml", "--format", "jsonl"],
    ["show", "-f", "t.yaml"],
)
def _show_jsonl(w: Run, wo: Run) -> None:
    records = [json.loads(line) for line in w.out.splitlines()]
    assert [r["id"] for r in records] == ALL
    assert all(list(r) == list(FIELDS) for r in records)
    _plain_view(wo)


@row(
    ("show", "--format", "csv"),
    ["show", "-f", "t.yaml", "--format", "csv"],
    ["show", "-f", "t.yaml"],
)
def _show_csv(w: Run, wo: Run) -> None:
    records = list(csv.DictReader(io.StringIO(w.out, newline="")))
    assert [r["id"] for r in records] == ALL
    assert list(records[0]) == list(FIELDS)
    assert records[4]["actors"] == "iran; russia; turkey"
    _plain_view(wo)


@row(
    ("show", "--format", "tsv"),
    ["show", "-f", "t.yaml", "--format", "tsv"],
    ["show", "-f", "t.yaml"],
)
def _show_tsv(w: Run, wo: Run) -> None:
    lines = [line.split("\t") for line in w.out.splitlines()]
    assert lines[0] == list(FIELDS)
    assert [r[0] for r in lines[1:]] == ALL
    _plain_view(wo)


def _oneline_view(r: Run) -> None:
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert len(lines) == 5  # one line an event, nothing else
    shown = ["1995", "4 Oct 2011", "Sep 2015", "16 Aug 2016", "27\u201329 Mar 2017"]
    for line, when, title in zip(lines, shown, TITLES, strict=True):
        assert line.startswith(when), line
        assert title in line, line  # 100 columns: no title cut
    assert lines[0].endswith("russia iran")


@row(
    ("show", "--oneline", None),
    ["show", "-f", "t.yaml", "--format", "text", "--oneline"],
    ["show", "-f", "t.yaml", "--format", "text"],
)
def _show_oneline(w: Run, wo: Run) -> None:
    _oneline_view(w)
    _text_view(wo)


@row(
    ("show", "--oneline", None),
    ["show", "-f", "t.yaml", "--oneline"],
    ["show", "-f", "t.yaml"],
    name="show --oneline in a pipe: the one-line view, not plain lines",
)
def _show_oneline_pipe(w: Run, wo: Run) -> None:
    _oneline_view(w)
    assert "\t" not in w.out
    _plain_view(wo)


@row(
    ("show", "-l", None),
    ["show", "-f", "t.yaml", "-l"],
    ["show", "-f", "t.yaml"],
    name="show -l in a pipe: the long text view, not plain lines",
)
def _show_long_pipe(w: Run, wo: Run) -> None:
    assert ESC not in w.out
    for part in LONG_ONLY:
        assert part in w.out, part
    _plain_view(wo)


@row(
    ("show", "--color", "always"),
    ["show", "-f", "t.yaml", "--color", "always"],
    ["show", "-f", "t.yaml"],
    name="show --color always in a pipe: the text view, in colour",
)
def _show_colour_implies_text(w: Run, wo: Run) -> None:
    assert ESC in w.out
    _text_view(Run(w.code, SGR.sub("", w.out), w.err, w.dir))
    _plain_view(wo)


# A terminal 10 lines high and a pager that marks what it shows: the text view (17 lines) pages.
PAGED = {"LINES": "10", "PAGER": "sed s/^/paged:/"}


@row(
    ("show", "--no-pager", None),
    ["show", "-f", "t.yaml", "--no-pager"],
    ["show", "-f", "t.yaml"],
    tty=True,
    process_env=PAGED,
)
def _show_no_pager(w: Run, wo: Run) -> None:
    assert w.code == wo.code == 0
    assert "paged:" not in w.out
    assert SGR.sub("", w.out).splitlines()[0] == "Option effects"
    lines = SGR.sub("", wo.out).splitlines()
    assert lines[0] == "paged:Option effects"
    assert all(line.startswith("paged:") for line in lines)
    assert ESC in wo.out  # the colours go through the pager


# -- colour: --color always in a pipe, --color never (and auto) on a terminal --------------------

COLOUR_LINES: dict[str, tuple[tuple[str, ...], str]] = {
    # command -> a command line that prints in colour when asked, and the stream it uses
    "show": (("show", "-f", "t.yaml", "--format", "text"), "out"),
    "check": (("check", "-f", "warn.yaml"), "err"),
    "actors": (("actors", "-f", "t.yaml", "--format", "text"), "out"),
    "tags": (("tags", "-f", "t.yaml", "--format", "text"), "out"),
    "sources": (("sources", "-f", "t.yaml", "--format", "text"), "out"),
    "stats": (("stats", "-f", "t.yaml"), "out"),
    "chart": (("chart", "-f", "t.yaml"), "out"),
    # refused: the diagnostics on stderr are what add colours
    "add": (("add", "-f", "t.yaml", "-d", "2018", "--title", "X", "-a", "nobody"), "err"),
    "diff": (("diff", "t.yaml", "by.yaml"), "out"),
}


def _colour_check(stream: str, coloured: bool) -> Check:
    def check(w: Run, wo: Run) -> None:
        with_text, without_text = getattr(w, stream), getattr(wo, stream)
        assert with_text.strip()
        assert without_text.strip()
        assert (ESC in with_text) is coloured, with_text
        assert (ESC in without_text) is not coloured, without_text
        # the same words, with or without colour
        plain = SGR.sub("", with_text)
        assert plain == SGR.sub("", without_text)

    return check


for _command, (_line, _stream) in COLOUR_LINES.items():
    ROWS.append(
        Row(
            (_command, "--color", "always"),
            (*_line, "--color", "always"),
            _line,
            _colour_check(_stream, True),
        )
    )
    ROWS.append(
        Row(
            (_command, "--color", "never"),
            (*_line, "--color", "never"),
            _line,
            _colour_check(_stream, False),
            tty=True,
        )
    )
    # auto, given after never, turns colour back on: on a terminal, that is
    ROWS.append(
        Row(
            (_command, "--color", "auto"),
            (*_line, "--color", "never", "--color", "auto"),
            (*_line, "--color", "never"),
            _colour_check(_stream, True),
            tty=True,
        )
    )


@row(
    ("show", "--color", "always"),
    ["show", "-f", "bad.yaml", "--color", "always"],
    ["show", "-f", "bad.yaml"],
    name="show --color always on a refused file",
    setup=lambda _invoke: Path("bad.yaml").write_text(
        TIMELINE.replace("[russia, syria]", "[rusia]")
    ),
)
def _show_refused_colour(w: Run, wo: Run) -> None:
    assert w.code == wo.code == 1
    assert w.out == wo.out == ""
    assert ESC in w.err
    assert ESC not in wo.err
    assert "error: 'rusia' is not an actor" in SGR.sub("", w.err)


# -- export --------------------------------------------------------------------------------------


def _format_check(parse: Callable[[str], None]) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert w.code == 0, w.err
        parse(w.out)
        assert wo.code == 2
        assert wo.out == ""
        assert "name a FORMAT" in wo.err

    return check


def _md(text: str) -> None:
    assert text.startswith("# Option effects\n\n*From t.yaml: 5 of 5 events.*\n")
    assert re.findall(r"^### (.*)$", text, re.M) == TITLES
    assert re.findall(r"^## (.*)$", text, re.M) == [
        "1995",
        "2011",
        "2015",
        "2016",
        "2017",
        "Sources",
    ]


def _json_document(text: str) -> None:
    doc = json.loads(text)
    keys = ["title", "description", "filters", "actors", "sources", "events", "periods"]
    assert list(doc) == keys
    assert doc["title"] == "Option effects"
    assert [e["id"] for e in doc["events"]] == ALL


def _jsonl(text: str) -> None:
    assert [json.loads(line)["id"] for line in text.splitlines()] == ALL


def _csv(text: str) -> None:
    assert [r["id"] for r in csv.DictReader(io.StringIO(text, newline=""))] == ALL


def _ics(text: str) -> None:
    import icalendar

    calendar = icalendar.Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{i}@rirtime" for i in ALL]
    assert [str(e["SUMMARY"]) for e in events] == TITLES


def _timelinejs(text: str) -> None:
    data = json.loads(text)
    assert [e["unique_id"] for e in data["events"]] == ALL
    assert [e["text"]["headline"] for e in data["events"]] == TITLES


def _html(text: str) -> None:
    assert text.startswith("<!DOCTYPE html>")
    assert re.findall(r'<li class="event" id="event-([^"]+)"', text) == ALL


def _svg_lanes(text: str) -> list[list[str]]:
    """The events of each lane of an SVG picture, in its order."""
    lanes = re.split(r'<g class="lane">', text)[1:]
    return [re.findall(r'<g class="event" data-event="([^"]+)"', lane) for lane in lanes]


def _svg_events(text: str, ids: list[str]) -> None:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg '), text[:80]
    assert _svg_lanes(text) == [ids]  # one lane, every event
    assert "<title>14 Jul 2015" not in text
    assert (
        "<title>27\u201329 Mar 2017: Rouhani visits Moscow before the Astana talks</title>" in text
    )


EXPORT_FORMATS: dict[str, Callable[[str], None]] = {
    "md": _md,
    "json": _json_document,
    "jsonl": _jsonl,
    "csv": _csv,
    "ics": _ics,
    "timelinejs": _timelinejs,
    "html": _html,
    "svg": lambda text: _svg_events(text, ALL),
}
for _fmt, _parse in EXPORT_FORMATS.items():
    ROWS.append(
        Row(
            ("export", "FORMAT", _fmt),
            ("export", _fmt, "-f", "t.yaml"),
            ("export", "-f", "t.yaml"),
            _format_check(_parse),
        )
    )


def _toc(text: str) -> list[tuple[str, str]]:
    if "## Contents" not in text:
        return []
    block = text.split("## Contents\n\n", 1)[1].split("\n\n", 1)[0]
    items = [re.fullmatch(r"- \[(.+)\]\(#(.+)\)", line) for line in block.splitlines()]
    assert all(items), block
    return [(m.group(1), m.group(2)) for m in items if m]


@row(
    ("export", "--toc", None),
    ["export", "md", "-f", "t.yaml", "--toc"],
    ["export", "md", "-f", "t.yaml"],
)
def _export_toc(w: Run, wo: Run) -> None:
    from rirtime.formats.markdown import slug

    toc = _toc(w.out)
    headings = re.findall(r"^## (.*)$", w.out, re.M)
    assert headings[0] == "Contents"
    # a link to each year section and to the sources, in order, each to its heading's anchor
    assert toc == [(h, slug(h)) for h in headings[1:]]
    assert [name for name, _ in toc] == ["1995", "2011", "2015", "2016", "2017", "Sources"]
    assert _toc(wo.out) == []
    assert "](#" not in wo.out
    before, contents = w.out.split("## Contents\n\n", 1)
    assert before + contents.split("\n\n", 1)[1] == wo.out  # nothing else changes


def _mermaid(text: str) -> list[str]:
    if "```mermaid" not in text:
        return []
    return text.split("```mermaid\n", 1)[1].split("```", 1)[0].splitlines()


@row(
    ("export", "--mermaid", None),
    ["export", "md", "-f", "t.yaml", "--mermaid"],
    ["export", "md", "-f", "t.yaml"],
)
def _export_mermaid(w: Run, wo: Run) -> None:
    block = _mermaid(w.out)
    assert block[:2] == ["timeline", "    title Option effects"]
    # a column a year (there are few), each event a box with its date and title
    columns = [line.strip().split(" : ", 1) for line in block[2:]]
    assert [period for period, _ in columns] == ["1995", "2011", "2015", "2016", "2017"]
    assert [box.split(" \u2014 ", 1)[1] for _, box in columns] == TITLES
    assert block[2] == "    1995 : 1995 \u2014 Russia and Iran sign an arms agreement"
    assert "The diagram shows" not in w.out  # it leaves nothing out, so says nothing of it
    assert _mermaid(wo.out) == []
    assert "```" not in wo.out
    before, block_and_after = w.out.split("```mermaid\n", 1)
    assert before + block_and_after.split("```\n\n", 1)[1] == wo.out  # nothing else changes


def _groups(r: Run) -> list[str | None]:
    assert r.code == 0, r.err
    return [e.get("group") for e in r.json()["events"]]


@row(
    ("export", "--group-by", "actor"),
    ["export", "timelinejs", "-f", "t.yaml", "--group-by", "actor"],
    ["export", "timelinejs", "-f", "t.yaml"],
)
def _export_group_by_actor(w: Run, wo: Run) -> None:
    irgc = "Islamic Revolutionary Guard Corps"
    assert _groups(w) == ["Russia", "Russia", irgc, "Russia", "Iran"]  # each one's first actor
    assert _groups(wo) == [None] * 5  # no groups unless asked


@row(
    ("export", "--group-by", "tag"),
    ["export", "timelinejs", "-f", "t.yaml", "--group-by", "tag"],
    ["export", "timelinejs", "-f", "t.yaml"],
)
def _export_group_by_tag(w: Run, wo: Run) -> None:
    assert _groups(w) == ["arms", "un", "military", "military", "visit"]  # each one's first tag
    assert _groups(wo) == [None] * 5


@row(
    ("export", "--by", "actor"),
    ["export", "svg", "-f", "t.yaml", "--by", "actor"],
    ["export", "svg", "-f", "t.yaml"],
)
def _export_svg_by_actor(w: Run, wo: Run) -> None:
    # a lane per actor, busiest first, each with the events naming it; irgc's event in its own
    assert _svg_lanes(w.out) == [
        ["arms-1995", "veto-2011", "commander-2015", "hamadan-2016", "astana-2017"],
        ["arms-1995", "hamadan-2016", "astana-2017"],
        ["commander-2015"],
        ["veto-2011"],
        ["astana-2017"],
    ]
    assert ">Islamic Revolutiona\u2026</text>" in w.out  # a name cut to 20 characters
    assert _svg_lanes(wo.out) == [ALL]


@row(
    ("export", "--by", "tag"),
    ["export", "svg", "-f", "t.yaml", "--by", "tag"],
    ["export", "svg", "-f", "t.yaml"],
)
def _export_svg_by_tag(w: Run, wo: Run) -> None:
    lanes = _svg_lanes(w.out)
    assert lanes[0] == ["veto-2011", "astana-2017"]  # diplomacy: 2, before military (2) by name
    assert ">#military</text>" in w.out
    assert len(lanes) == 5  # five tags, each a lane
    assert _svg_lanes(wo.out) == [ALL]


@row(
    ("export", "--by", None),
    ["export", "md", "-f", "t.yaml", "--by", "actor"],
    ["export", "md", "-f", "t.yaml"],
    name="export md --by: said to change nothing",
)
def _export_by_ignored(w: Run, wo: Run) -> None:
    assert w.out == wo.out
    assert w.err == "rirtime: --by changes only the svg export; md ignores it\n"


def _bom(w: Run, wo: Run) -> None:
    assert w.code == wo.code == 0, w.err
    assert wo.out.startswith('"id","date"')
    assert w.out == "\ufeff" + wo.out  # UTF-8's byte order mark first, for Excel; nothing else


row(
    ("export", "--bom", None),
    ["export", "csv", "-f", "t.yaml", "--bom"],
    ["export", "csv", "-f", "t.yaml"],
)(_bom)
row(
    ("show", "--bom", None),
    ["show", "-f", "t.yaml", "--format", "csv", "--bom"],
    ["show", "-f", "t.yaml", "--format", "csv"],
)(_bom)


def _written(name: str, parse: Callable[[str], None], fmt: str) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert w.code == 0, w.err
        assert w.out == ""  # with -o, stdout stays empty
        assert w.err == f"rirtime: wrote {name} ({fmt}, 5 events)\n"
        parse(w.text(name))
        assert not (wo.dir / name).exists()

    return check


def _to_stdout_instead(parse: Callable[[str], None]) -> Check:
    def check(w: Run, wo: Run) -> None:
        _written("out.md", parse, "md")(w, wo)
        assert wo.code == 0
        assert wo.err == ""
        assert wo.out == w.text("out.md")  # the same text, on stdout

    return check


row(
    ("export", "-o", None),
    ["export", "md", "-f", "t.yaml", "-o", "out.md"],
    ["export", "md", "-f", "t.yaml"],
)(_to_stdout_instead(_md))
row(
    ("export", "--output", None),
    ["export", "md", "-f", "t.yaml", "--output", "out.md"],
    ["export", "md", "-f", "t.yaml"],
)(_to_stdout_instead(_md))


@row(
    ("export", "-o", None),
    ["export", "-f", "t.yaml", "-o", "out.ics"],
    ["export", "-f", "t.yaml"],
    name="export -o out.ics: the extension picks the format",
)
def _export_extension(w: Run, wo: Run) -> None:
    _written("out.ics", _ics, "ics")(w, wo)
    assert wo.code == 2
    assert "name a FORMAT" in wo.err


@row(
    ("export", "-o", None),
    ["export", "md", "-f", "t.yaml", "-o", "-"],
    ["export", "md", "-f", "t.yaml", "-o", "out.md"],
    name="export -o - is stdout",
)
def _export_dash(w: Run, wo: Run) -> None:
    assert w.code == 0
    assert w.err == ""
    assert not (w.dir / "-").exists()
    _md(w.out)
    assert wo.out == ""
    assert wo.text("out.md") == w.out


def _old_target(_invoke: Invoke) -> None:
    Path("out.md").write_text("an old file\n")


@row(
    ("export", "--force", None),
    ["export", "md", "-f", "t.yaml", "-o", "out.md", "--force"],
    ["export", "md", "-f", "t.yaml", "-o", "out.md"],
    setup=_old_target,
)
def _export_force(w: Run, wo: Run) -> None:
    assert w.code == 0, w.err
    _md(w.text("out.md"))
    assert wo.code == 1
    assert wo.text("out.md") == "an old file\n"
    assert "out.md: already exists; add --force to replace it" in wo.err


# -- check ---------------------------------------------------------------------------------------


@row(
    ("check", "--strict", None),
    ["check", "-f", "warn.yaml", "--strict"],
    ["check", "-f", "warn.yaml"],
)
def _check_strict(w: Run, wo: Run) -> None:
    for r in (w, wo):
        assert "warn.yaml:12:3: warning: actor 'egypt' is never used [unused-actor]" in r.err
    assert w.code == 1
    assert "failing with --strict" in w.err
    assert wo.code == 0
    assert "failing" not in wo.err


@row(
    ("check", "--format", "json"),
    ["check", "-f", "warn.yaml", "--format", "json"],
    ["check", "-f", "warn.yaml"],
)
def _check_json(w: Run, wo: Run) -> None:
    assert w.code == 0
    assert w.err == ""
    assert json.loads(w.out) == [
        {
            "path": "warn.yaml",
            "line": 12,
            "column": 3,
            "severity": "warning",
            "code": "unused-actor",
            "message": "actor 'egypt' is never used",
        }
    ]
    assert wo.out == ""
    assert "[unused-actor]" in wo.err


@row(
    ("check", "--format", "text"),
    ["check", "-f", "warn.yaml", "--format", "json", "--format", "text"],
    ["check", "-f", "warn.yaml", "--format", "json"],
)
def _check_text(w: Run, wo: Run) -> None:
    assert w.out == ""
    assert w.err.splitlines()[0] == (
        "warn.yaml:12:3: warning: actor 'egypt' is never used [unused-actor]"
    )
    assert json.loads(wo.out)[0]["code"] == "unused-actor"
    assert wo.err == ""


@row(
    ("check", "--select", None),
    ["check", "-f", "warn.yaml", "--strict", "--select", "order,no-source"],
    ["check", "-f", "warn.yaml", "--strict"],
)
def _check_select(w: Run, wo: Run) -> None:
    assert w.code == 0, w.err  # the unused actor is another check's finding
    assert "[unused-actor]" not in w.err
    assert wo.code == 1
    assert "[unused-actor]" in wo.err


@row(("check", "--list-checks", None), ["check", "--list-checks"], ["check", "-f", "t.yaml"])
def _check_list(w: Run, wo: Run) -> None:
    from rirtime.checks import CHECKS

    assert w.code == 0
    assert [line.split()[0] for line in w.out.splitlines()] == [c.name for c in CHECKS]
    assert wo.out == ""


# -- add -----------------------------------------------------------------------------------------

ADD = ("add", "-f", "t.yaml", "--date", "2018-05-04", "--title", "A new event", "-a", "russia")
ADDED_ID = "a-new-event-2018-05-04"


def _added_field(key: str, value: object) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert w.code == 0, w.err
        assert wo.code == 0, wo.err
        assert w.added()[key] == value
        assert key not in wo.added()

    return check


for _option, _value, _key, _read in (
    ("--summary", "What happened, in a sentence.", "summary", "What happened, in a sentence."),
    ("--quote", "a turning point", "quote", "a turning point"),
    ("--note", "The day is given by one source.", "note", "The day is given by one source."),
    ("--person", "Sergei Lavrov", "people", ["Sergei Lavrov"]),
    ("--tag", "diplomacy", "tags", ["diplomacy"]),
    ("-t", "visit", "tags", ["visit"]),
    ("--source", "b", "sources", ["b"]),
):
    ROWS.append(
        Row(("add", _option, None), (*ADD, _option, _value), ADD, _added_field(_key, _read))
    )


@row(("add", "--id", None), [*ADD, "--id", "my-own-id"], ADD)
def _add_id(w: Run, wo: Run) -> None:
    assert w.added()["id"] == "my-own-id"
    assert wo.added()["id"] == ADDED_ID  # made from the title and the date


def _required(option: str, key: str, value: object) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert w.code == 0, w.err
        assert str(w.added()[key]) == str(value)
        assert wo.code == 2
        assert f"add needs {option}" in wo.err
        assert wo.text("t.yaml") == TIMELINE  # nothing written

    return check


_DATE, _TITLE, _ACTOR = ("--date", "2018-05-04"), ("--title", "A new event"), ("-a", "russia")
for _option, _given, _others, _key, _value in (
    ("--date", _DATE, (*_TITLE, *_ACTOR), "date", "2018-05-04"),
    ("-d", ("-d", "2018-05"), (*_TITLE, *_ACTOR), "date", "2018-05"),
    ("--title", _TITLE, (*_DATE, *_ACTOR), "title", "A new event"),
    ("--actor", ("--actor", "iran"), (*_DATE, *_TITLE), "actors", ["iran"]),
    ("-a", ("-a", "iran", "-a", "turkey"), (*_DATE, *_TITLE), "actors", ["iran", "turkey"]),
):
    _line = ("add", "-f", "t.yaml", *_others)
    _needs = "--actor" if _option == "-a" else "--date" if _option == "-d" else _option
    ROWS.append(
        Row(("add", _option, None), (*_line, *_given), _line, _required(_needs, _key, _value))
    )


@row(("add", "--dry-run", None), [*ADD, "--dry-run"], ADD)
def _add_dry_run(w: Run, wo: Run) -> None:
    assert w.code == 0
    assert w.text("t.yaml") == TIMELINE
    assert yaml.safe_load(w.out) == [
        {
            "id": ADDED_ID,
            "date": datetime.date(2018, 5, 4),
            "title": "A new event",
            "actors": ["russia"],
        }
    ]
    assert f"would add {ADDED_ID} to t.yaml" in w.err
    assert wo.code == 0
    assert wo.out == ""
    assert wo.added()["title"] == "A new event"
    assert f"added {ADDED_ID} to t.yaml" in wo.err


def _read_only(_invoke: Invoke) -> None:
    Path("t.yaml").chmod(0o444)


@row(("add", "--force", None), [*ADD, "--force"], ADD, setup=_read_only)
def _add_force(w: Run, wo: Run) -> None:
    assert wo.code == 1
    assert "is read-only" in wo.err
    assert wo.text("t.yaml") == TIMELINE  # nothing written
    assert w.code == 0
    assert w.added()["title"] == "A new event"
    assert stat.S_IMODE(os.stat(w.dir / "t.yaml").st_mode) == 0o444  # its mode kept


# -- stats ---------------------------------------------------------------------------------------


def _matrix(text: str) -> list[str]:
    """The actors of the who-with-whom matrix, in its order."""
    lines = text.split("Who appears with whom (shared events)\n", 1)[1].splitlines()
    header = lines[0].split()
    body = [line.split() for line in lines[1:] if line.strip() and line.split()[0].isdigit()]
    assert header == [str(i + 1) for i in range(len(body))]  # as many columns as rows
    assert all(len(cells) == 2 + len(body) for cells in body)
    return [cells[1] for cells in body]


@row(("stats", "--top", None), ["stats", "-f", "t.yaml", "--top", "3"], ["stats", "-f", "t.yaml"])
def _stats_top(w: Run, wo: Run) -> None:
    assert _matrix(w.out) == ["russia", "iran", "irgc"]  # the three busiest
    assert _matrix(wo.out) == ["russia", "iran", "irgc", "syria", "turkey"]  # 8 by default: all
    assert w.out.split("Who appears")[0] == wo.out.split("Who appears")[0]


@row(
    ("stats", "--format", "json"),
    ["stats", "-f", "t.yaml", "--format", "json"],
    ["stats", "-f", "t.yaml"],
)
def _stats_json(w: Run, wo: Run) -> None:
    data = w.json()
    assert (data["events"], data["total"]) == (5, 5)
    assert data["actors"][:2] == [{"actor": "russia", "events": 5}, {"actor": "iran", "events": 3}]
    assert {"actors": ["iran", "russia"], "events": 3} in data["pairs"]
    assert wo.out.startswith("5 of 5 events\n")
    assert "Events per year" in wo.out


@row(
    ("stats", "--format", "text"),
    ["stats", "-f", "t.yaml", "--format", "json", "--format", "text"],
    ["stats", "-f", "t.yaml", "--format", "json"],
)
def _stats_text(w: Run, wo: Run) -> None:
    assert w.out.startswith("5 of 5 events\n\nEvents per year\n1995 1 ")
    assert _matrix(w.out)[0] == "russia"
    assert json.loads(wo.out)["events"] == 5


# -- chart ---------------------------------------------------------------------------------------


@row(("chart", "--top", None), ["chart", "-f", "t.yaml", "--top", "2"], ["chart", "-f", "t.yaml"])
def _chart_top(w: Run, wo: Run) -> None:
    assert list(_chart_rows(w)[1]) == ["russia", "iran"]  # the two busiest
    assert list(_chart_rows(wo)[1]) == ["russia", "iran", "irgc", "syria", "turkey"]
    assert "3 more with --top" in w.out


@rows(
    (("chart", "--by", "tag"), ["chart", "-f", "t.yaml", "--by", "tag"], ["chart", "-f", "t.yaml"]),
)
def _chart_by_tag(w: Run, wo: Run) -> None:
    tags = Counter(t for e in DATA["events"] for t in e["tags"])
    assert _chart_rows(w) == (5, dict(tags))
    assert list(_chart_rows(w)[1])[:2] == ["diplomacy", "military"]  # busiest, then by name
    assert _chart_rows(wo) == _chart_view(ALL)


@row(
    ("chart", "--by", "actor"),
    ["chart", "-f", "t.yaml", "--by", "tag", "--by", "actor"],
    ["chart", "-f", "t.yaml", "--by", "tag"],
)
def _chart_by_actor(w: Run, wo: Run) -> None:
    assert _chart_rows(w) == _chart_view(ALL)
    assert "diplomacy" in _chart_rows(wo)[1]


# -- actors, tags, sources: --format ------------------------------------------------------------

LIST_HEADERS = {
    "actors": ["id", "name", "kind", "part of", "events", "first", "last"],
    "tags": ["tag", "events", "first", "last"],
    "sources": ["id", "events", "citation"],
}
LIST_FIRST = {
    "actors": ["russia", "Russia", "state", "", "5", "1995", "2017-03-27/2017-03-29"],
    "tags": ["diplomacy", "2", "2011-10-04", "2017-03-27/2017-03-29"],
    "sources": [
        "a",
        "A. Author, First source, 2017",
        "https://example.org/a",
        "arms-1995 commander-2015 hamadan-2016",
        "true",
    ],
}
LIST_KEYS = {
    "actors": ["id", "name", "kind", "part_of", "events", "first", "last"],
    "tags": ["tag", "events", "first", "last"],
    "sources": ["id", "citation", "url", "events", "used"],
}


def _plain_rows(command: str) -> Callable[[Run], None]:
    def check(r: Run) -> None:
        assert r.code == 0
        assert ESC not in r.out
        lines = [line.split("\t") for line in r.out.splitlines()]
        assert len(lines) == {"actors": 5, "tags": 5, "sources": 2}[command]
        first = lines[0]
        if command == "sources":  # the events as a list: shown space- or comma-joined
            first[3] = " ".join(re.split(r"[ ,;]+", first[3]))
        assert first == LIST_FIRST[command], first

    return check


def _table(command: str) -> Callable[[Run], None]:
    def check(r: Run) -> None:
        assert r.code == 0
        assert "\t" not in r.out
        lines = SGR.sub("", r.out).splitlines()  # coloured on a terminal
        assert lines[0].split() == " ".join(LIST_HEADERS[command]).split()
        noun = {"actors": "5 actors", "tags": "5 tags", "sources": "2 sources"}[command]
        if command == "actors":  # which count includes the parts, said under the table
            assert lines[-2:] == [noun, "events: its own and its parts', as --actor counts them"]
        else:
            assert lines[-1] == noun
        assert all(line == line.rstrip() for line in lines)  # no padding left at line ends

    return check


def _both(with_check: Callable[[Run], None], without_check: Callable[[Run], None]) -> Check:
    def check(w: Run, wo: Run) -> None:
        with_check(w)
        without_check(wo)

    return check


for _command in LIST_HEADERS:
    _line = (_command, "-f", "t.yaml")
    _plain, _text = _plain_rows(_command), _table(_command)
    ROWS.append(
        Row(
            (_command, "--format", "text"),
            (*_line, "--format", "text"),
            _line,
            _both(_text, _plain),
        )
    )
    ROWS.append(
        Row(
            (_command, "--format", "plain"),
            (*_line, "--format", "plain"),
            _line,
            _both(_plain, _text),
            tty=True,
        )
    )

    def _json_rows(w: Run, wo: Run, command: str = _command, plain: Any = _plain) -> None:
        records = w.json()
        assert all(list(r) == LIST_KEYS[command] for r in records)
        assert len(records) == {"actors": 5, "tags": 5, "sources": 2}[command]
        plain(wo)

    def _csv_rows(w: Run, wo: Run, command: str = _command, plain: Any = _plain) -> None:
        records = list(csv.DictReader(io.StringIO(w.out, newline="")))
        assert list(records[0]) == LIST_KEYS[command]
        assert len(records) == {"actors": 5, "tags": 5, "sources": 2}[command]
        plain(wo)

    ROWS.append(
        Row((_command, "--format", "json"), (*_line, "--format", "json"), _line, _json_rows)
    )
    ROWS.append(Row((_command, "--format", "csv"), (*_line, "--format", "csv"), _line, _csv_rows))

    def _limit_json(w: Run, wo: Run, command: str = _command) -> None:
        every = wo.json()
        assert len(every) == {"actors": 5, "tags": 5, "sources": 2}[command]
        assert w.json() == every[:1]  # the first, as listed

    def _limit_text(w: Run, wo: Run, command: str = _command) -> None:
        noun = {"actors": "actors", "tags": "tags", "sources": "sources"}[command]
        every = {"actors": 5, "tags": 5, "sources": 2}[command]
        lines, all_lines = SGR.sub("", w.out).splitlines(), SGR.sub("", wo.out).splitlines()
        assert f"1 of {every} {noun}" in lines
        assert f"{every} {noun}" in all_lines
        assert lines[1].split()[0] == all_lines[1].split()[0]  # the first row, then no more
        assert len(lines) < len(all_lines)

    ROWS.append(
        Row(
            (_command, "--limit", None),
            (*_line, "--format", "json", "--limit", "1"),
            (*_line, "--format", "json"),
            _limit_json,
        )
    )
    ROWS.append(
        Row(
            (_command, "-n", None),
            (*_line, "--format", "text", "-n", "1"),
            (*_line, "--format", "text"),
            _limit_text,
        )
    )


STATS_ROWS = [
    ["events", "matched", "", "5"],
    ["events", "total", "", "5"],
    ["year", "1995", "", "1"],
]


@row(
    ("stats", "--format", "csv"),
    ["stats", "-f", "t.yaml", "--format", "csv"],
    ["stats", "-f", "t.yaml"],
)
def _stats_csv(w: Run, wo: Run) -> None:
    records = list(csv.reader(io.StringIO(w.out, newline="")))
    assert records[0] == ["section", "name", "with", "events"]
    assert records[1:4] == STATS_ROWS
    assert ["actor", "russia", "", "5"] in records  # the events naming it
    assert ["actor", "iran", "", "3"] in records
    assert ["pair", "iran", "russia", "3"] in records
    assert wo.out.startswith("5 of 5 events\n")


@row(
    ("stats", "--format", "plain"),
    ["stats", "-f", "t.yaml", "--format", "plain"],
    ["stats", "-f", "t.yaml"],
)
def _stats_plain(w: Run, wo: Run) -> None:
    lines = [line.split("\t") for line in w.out.splitlines()]
    assert lines[:3] == STATS_ROWS  # no header
    assert ["pair", "iran", "russia", "3"] in lines
    assert all(len(line) == 4 for line in lines)
    assert wo.out.startswith("5 of 5 events\n")


# -- the file option, for every command ----------------------------------------------------------

BUNDLED = yaml.safe_load(default_path().read_text(encoding="utf-8"))
BUNDLED_TITLE = BUNDLED["title"]

FILE_VIEWS: dict[str, tuple[tuple[str, ...], Callable[[Run], Any], Any, Any]] = {
    # command line (the file option is added to it) -> what it shows, for t.yaml, for the bundled
    "show": (("show", "--format", "json"), _ids, ALL, [e["id"] for e in BUNDLED["events"]]),
    "export": (
        ("export", "md"),
        lambda r: r.out.splitlines()[0],
        "# Option effects",
        f"# {BUNDLED_TITLE}",
    ),
    "check": (
        ("check",),
        lambda r: (r.code, r.err.splitlines()[-1].split(": ", 1)[1]),
        (0, "ok (5 events, 5 actors, 2 sources)"),
        (0, bundled.summary()),  # "ok (...)", or a warning where the seed text is not here
    ),
    "actors": (
        ("actors", "--format", "json"),
        lambda r: [a["id"] for a in r.json()],
        list(DATA["actors"]),
        list(BUNDLED["actors"]),
    ),
    "tags": (
        ("tags", "--format", "json"),
        lambda r: sorted(t["tag"] for t in r.json()),
        sorted({t for e in DATA["events"] for t in e["tags"]}),
        sorted({t for e in BUNDLED["events"] for t in e.get("tags", [])}),
    ),
    "sources": (
        ("sources", "--format", "json"),
        lambda r: [s["id"] for s in r.json()],
        list(DATA["sources"]),
        list(BUNDLED["sources"]),
    ),
    "stats": (
        ("stats", "--format", "json"),
        lambda r: r.json()["total"],
        5,
        len(BUNDLED["events"]),
    ),
    "chart": (("chart", "--top", "50"), lambda r: _chart_rows(r)[0], 5, len(BUNDLED["events"])),
}


def _file_check(view: Callable[[Run], Any], mine: Any, bundled: Any) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert view(w) == mine, w.err
        assert view(wo) == bundled, wo.err

    return check


for _command, (_line, _view, _mine, _bundled) in FILE_VIEWS.items():
    assert _mine != _bundled
    _check = _file_check(_view, _mine, _bundled)
    ROWS.append(Row((_command, "-f", None), (*_line, "-f", "t.yaml"), _line, _check))
    ROWS.append(Row((_command, "--file", None), (*_line, "--file", "t.yaml"), _line, _check))
    ROWS.append(
        Row(
            (_command, "-f", None),
            (*_line, "-f", "-"),
            _line,
            _check,
            name=f"{' '.join(_line)} -f - (stdin)",
            stdin=TIMELINE,
        )
    )


# -f twice: the two files as one chronology, in every reading command (and stdin as the second).


def _as_more(line: str) -> str:
    """A line naming the files, with stdin named as more.yaml (what it is given)."""
    return line.replace("\\<stdin\\>", "more.yaml").replace("<stdin>", "more.yaml")


SECOND_FILE: dict[str, tuple[tuple[str, ...], Callable[[Run], Any], Any, Any]] = {
    # command line -> what it shows, for t.yaml and more.yaml, for t.yaml alone
    "show": (("show", "--format", "json"), _ids, [*ALL, "cairo-2019"], ALL),
    "export": (
        ("export", "md"),
        lambda r: _as_more(r.out.splitlines()[2]),
        "*From t.yaml, more.yaml: 6 of 6 events.*",
        "*From t.yaml: 5 of 5 events.*",
    ),
    "check": (
        ("check",),
        lambda r: (r.code, _as_more(r.err.splitlines()[-1])),
        (0, "t.yaml, more.yaml: ok (6 events, 6 actors, 2 sources)"),
        (0, "t.yaml: ok (5 events, 5 actors, 2 sources)"),
    ),
    "actors": (
        ("actors", "--format", "json"),
        lambda r: sorted(a["id"] for a in r.json()),
        sorted([*DATA["actors"], "egypt"]),
        sorted(DATA["actors"]),
    ),
    "tags": (
        ("tags", "--format", "json"),
        lambda r: sorted(t["tag"] for t in r.json()),
        sorted({t for e in DATA["events"] for t in e["tags"]} | {"meeting"}),
        sorted({t for e in DATA["events"] for t in e["tags"]}),
    ),
    "sources": (
        ("sources", "--format", "json"),
        lambda r: {s["id"]: len(s["events"]) for s in r.json()},
        {"a": 3, "b": 4},
        {"a": 3, "b": 3},
    ),
    "stats": (("stats", "--format", "json"), lambda r: r.json()["total"], 6, 5),
}

for _command, (_line, _view, _both, _one) in SECOND_FILE.items():
    _check = _file_check(_view, _both, _one)
    _first = (*_line, "-f", "t.yaml")
    for _second in ("-f", "--file"):
        ROWS.append(
            Row(
                (_command, _second, None),
                (*_first, _second, "more.yaml"),
                _first,
                _check,
                name=f"{' '.join(_line)} -f t.yaml {_second} more.yaml",
            )
        )
    ROWS.append(
        Row(
            (_command, "-f", None),
            (*_first, "-f", "-"),
            _first,
            _check,
            name=f"{' '.join(_line)} -f t.yaml -f - (stdin second)",
            stdin=MORE,
        )
    )


@rows(
    (("add", "-f", None), ADD, ("add", *ADD[3:])),
    (("add", "--file", None), ("add", "--file", "t.yaml", *ADD[3:]), ("add", *ADD[3:])),
)
def _add_file(w: Run, wo: Run) -> None:
    assert w.code == 0
    assert w.added()["id"] == ADDED_ID
    assert wo.code == 2
    assert "add writes to a timeline of your own" in wo.err
    assert wo.text("t.yaml") == TIMELINE


# -- --no-cache, for every command that reads through the cache ---------------------------------

NO_CACHE_LINES = {
    "show": ("show", "-f", "t.yaml", "--format", "json"),
    "export": ("export", "json", "-f", "t.yaml"),
    "check": ("check", "-f", "t.yaml", "--format", "json"),
    "actors": ("actors", "-f", "t.yaml", "--format", "json"),
    "tags": ("tags", "-f", "t.yaml", "--format", "json"),
    "sources": ("sources", "-f", "t.yaml", "--format", "json"),
    "stats": ("stats", "-f", "t.yaml", "--format", "json"),
    "chart": ("chart", "-f", "t.yaml"),
}


def _entries(r: Run) -> list[str]:
    folder = r.dir / "cache" / "rirtime"
    return sorted(p.suffix for p in folder.iterdir()) if folder.exists() else []


def _fresh_cache(w: Run, wo: Run) -> None:
    assert w.code == wo.code == 0
    assert w.out == wo.out
    assert _entries(w) == []  # under --no-cache, the cache folder gets no entry
    assert ".json" in _entries(wo)


def _poison(line: Sequence[str]) -> Callable[[Invoke], None]:
    """Fill the cache, then change what the entry says (its key still matching the file): a
    command that reads the cache shows the poisoned entry, one that reads the file does not."""

    def setup(invoke: Invoke) -> None:
        assert invoke(line).code == 0
        (entry,) = Path("cache", "rirtime").glob("*.json")
        data, rows = read_entry(entry)
        t = data["timeline"]
        t["title"] = "POISONED"

        def poison(table: dict[str, Any], values: dict[str, object]) -> None:
            for row in table["rows"]:
                for name, value in values.items():
                    row[table["columns"].index(name)] = value

        poison(t["sources"], {"citation": "POISONED"})
        poison(t["actors"], {"name": "POISONED"})
        events = {"columns": t["events"]["columns"], "rows": rows}
        poison(events, {"title": "POISONED", "actors": ["poisoned"], "tags": ["poisoned"]})
        data["diagnostics"].append(
            {"@": [1, 1, 1], "severity": "warning", "code": "poisoned", "message": "POISONED"}
        )
        # each event's JSON line, beside the entry, with the digest the entry keeps of them (a
        # view's first read stores them; `check` does not)
        for lines in Path("cache", "rirtime").glob("*.jsonl"):
            poisoned = re.sub(r'"title": "[^"]*"', '"title": "POISONED"', lines.read_text())
            lines.write_text(poisoned)
            data["jsonl"] = hashlib.blake2b(poisoned.encode(), digest_size=32).hexdigest()
        write_entry(entry, data, rows)

    return setup


def _poisoned_entry(w: Run, wo: Run) -> None:
    assert w.code == 0
    assert "poison" not in (w.out + w.err).lower()
    assert "poison" in (wo.out + wo.err).lower()


for _command, _line in NO_CACHE_LINES.items():
    ROWS.append(Row((_command, "--no-cache", None), (*_line, "--no-cache"), _line, _fresh_cache))
    ROWS.append(
        Row(
            (_command, "--no-cache", None),
            (*_line, "--no-cache"),
            _line,
            _poisoned_entry,
            name=f"{' '.join(_line)} --no-cache, the cache entry poisoned",
            setup=_poison(_line),
        )
    )


# -- help, version, completion -------------------------------------------------------------------

COMMANDS = [
    *("show", "chart", "export", "check", "add", "actors", "tags", "sources", "stats", "schema")
]
COMMANDS += ["diff"]
RUNS_WITHOUT_HELP = {
    "show": ("show", "-f", "t.yaml"),
    "export": ("export", "md", "-f", "t.yaml"),
    "check": ("check", "-f", "t.yaml"),
    "add": ADD,
    "actors": ("actors", "-f", "t.yaml"),
    "tags": ("tags", "-f", "t.yaml"),
    "sources": ("sources", "-f", "t.yaml"),
    "stats": ("stats", "-f", "t.yaml"),
    "chart": ("chart", "-f", "t.yaml"),
    "schema": ("schema",),
    "diff": ("diff", "t.yaml", "t.yaml"),
}


def _option_names(command: str) -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    params = group.params if command == "" else group.commands[command].params  # type: ignore[attr-defined]
    return [name for p in params if p.param_type_name == "option" for name in p.opts]


def _help_check(command: str) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert w.code == 0
        assert w.err == ""
        assert w.out.lstrip().startswith(f"Usage: rirtime {command}".rstrip())
        for name in _option_names(command):
            assert name in w.out, name
        assert w.text("t.yaml") == TIMELINE  # add --help adds nothing
        assert "Usage:" not in wo.out, wo.err
        assert wo.code == 0, wo.err

    return check


for _command in COMMANDS:
    _line = RUNS_WITHOUT_HELP[_command]
    for _help in ("--help", "-h"):
        ROWS.append(
            Row(
                (_command, _help, None),
                (*_line[:1], _help, *_line[1:]),
                _line,
                _help_check(_command),
                name=f"{_command} {_help}",
            )
        )


@rows(
    (("", "--help", None), ["--help", "schema"], ["schema"]),
    (("", "-h", None), ["-h", "schema"], ["schema"]),
)
def _root_help(w: Run, wo: Run) -> None:
    assert w.code == 0
    assert w.out.lstrip().startswith("Usage: rirtime [OPTIONS] COMMAND")
    for command in COMMANDS:
        assert re.search(rf"^│ {command} ", w.out, re.M), command
    assert json.loads(wo.out)["$schema"].startswith("https://json-schema.org/")


@row(("", "--version", None), ["--version", "schema"], ["schema"])
def _version(w: Run, wo: Run) -> None:
    assert (w.code, w.out, w.err) == (0, f"rirtime {__version__}\n", "")
    assert not wo.out.startswith("rirtime")
    assert json.loads(wo.out)["type"] == "object"


# typer's own switch for tests: the shell is named, not detected from the processes around.
NAMED_SHELL = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}


@row(
    ("", "--show-completion", None),
    ["--show-completion", "bash"],
    ["schema"],
    process_env=NAMED_SHELL,
)
def _show_completion(w: Run, wo: Run) -> None:
    assert w.code == 0
    assert "_RIRTIME_COMPLETE=complete_bash" in w.out
    assert "complete -o default -F _rirtime_completion rirtime" in w.out
    assert "_RIRTIME_COMPLETE" not in wo.out


@row(
    ("", "--install-completion", None),
    ["--install-completion", "bash"],
    ["schema"],
    process_env=NAMED_SHELL,
)
def _install_completion(w: Run, wo: Run) -> None:
    assert w.code == 0, w.err
    script = w.dir / ".bash_completions" / "rirtime.sh"
    assert "_RIRTIME_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in w.text(".bashrc")
    assert not (wo.dir / ".bashrc").exists()
    assert not (wo.dir / ".bash_completions").exists()


@row(("schema", "", None), ["schema"], ["schema", "--help"], name="schema (no options)")
def _schema(w: Run, wo: Run) -> None:
    schema = w.json()
    assert schema["type"] == "object"
    assert "events" in schema["properties"]
    assert "Usage: rirtime schema" in wo.out


# -- init, add-actor, add-source: starting and editing a file ------------------------------------
# Verified by disconnection, as above (each option parsed, then ignored, in a scratch edit of
# cli/add.py and cli/init.py): init --force; add-actor --alias, --part-of, --note, --dry-run,
# --force, --color; add-source --url, --published, --note, --dry-run, --force.


@row(("init", "", None), ["init", "new.yaml"], ["init"], name="init FILE")
def _init_file(w: Run, wo: Run) -> None:
    from rirtime.edit import STARTER

    assert w.code == wo.code == 0, (w.err, wo.err)
    assert w.text("new.yaml") == STARTER
    assert not (w.dir / "timeline.yaml").exists()
    assert wo.text("timeline.yaml") == STARTER  # the default: timeline.yaml, here
    assert not (wo.dir / "new.yaml").exists()
    assert "wrote new.yaml" in w.err


@row(("init", "", None), ["init", "-"], ["init"], name="init - (stdout)")
def _init_stdout(w: Run, wo: Run) -> None:
    from rirtime.edit import STARTER

    assert w.code == wo.code == 0
    assert w.out == STARTER
    assert not (w.dir / "timeline.yaml").exists()
    assert wo.out == ""


@row(("init", "--force", None), ["init", "t.yaml", "--force"], ["init", "t.yaml"])
def _init_force(w: Run, wo: Run) -> None:
    from rirtime.edit import STARTER

    assert w.code == 0, w.err
    assert w.text("t.yaml") == STARTER
    assert wo.code == 1
    assert "t.yaml: already exists; add --force to replace it" in wo.err
    assert wo.text("t.yaml") == TIMELINE


ACTOR_LINE = ("add-actor", "-f", "t.yaml", "iran-mfa", "--name", "Iranian MFA", "--kind", "state")


def _added_entry(r: Run, section: str) -> tuple[str, dict[str, Any]]:
    """The one actor (or source) of t.yaml that the fixture does not have, read back."""
    data = yaml.safe_load(r.text("t.yaml"))
    new = {k: v for k, v in data[section].items() if k not in DATA[section]}
    assert len(new) == 1, new
    assert {k: v for k, v in data[section].items() if k in DATA[section]} == DATA[section]
    assert data["events"] == DATA["events"]
    ((key, value),) = new.items()
    return key, dict(value)


def _entry_field(section: str, key: str, value: object) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert w.code == 0, w.err
        assert wo.code == 0, wo.err
        assert _added_entry(w, section)[1][key] == value
        assert key not in _added_entry(wo, section)[1]

    return check


for _option, _value, _key, _read in (
    ("--alias", "Foreign Ministry", "aliases", ["Foreign Ministry"]),
    ("--part-of", "iran", "part_of", "iran"),
    ("--note", "Its own entry.", "note", "Its own entry."),
):
    ROWS.append(
        Row(
            ("add-actor", _option, None),
            (*ACTOR_LINE, _option, _value),
            ACTOR_LINE,
            _entry_field("actors", _key, _read),
        )
    )


def _entry_required(command: str, option: str, key: str, value: object) -> Check:
    section = "actors" if command == "add-actor" else "sources"

    def check(w: Run, wo: Run) -> None:
        assert w.code == 0, w.err
        assert _added_entry(w, section)[1][key] == value
        assert wo.code == 2
        assert f"{command} needs {option}" in wo.err
        assert wo.text("t.yaml") == TIMELINE

    return check


for _option, _value, _key in (("--name", "Iranian MFA", "name"), ("--kind", "state", "kind")):
    _line = tuple(a for a in ACTOR_LINE if a not in (_option, _value))
    ROWS.append(
        Row(
            ("add-actor", _option, None),
            (*_line, _option, _value),
            _line,
            _entry_required("add-actor", _option, _key, _value),
        )
    )

SOURCE_LINE = ("add-source", "-f", "t.yaml", "c", "--citation", "C. Third, A third source")

for _option, _value, _key, _read in (
    ("--url", "https://example.org/c", "url", "https://example.org/c"),
    ("--published", "2019-03", "published", "2019-03"),
    ("--note", "Its own entry.", "note", "Its own entry."),
):
    ROWS.append(
        Row(
            ("add-source", _option, None),
            (*SOURCE_LINE, _option, _value),
            SOURCE_LINE,
            _entry_field("sources", _key, _read),
        )
    )
ROWS.append(
    Row(
        ("add-source", "--citation", None),
        SOURCE_LINE,
        SOURCE_LINE[:-2],
        _entry_required("add-source", "--citation", "citation", SOURCE_LINE[-1]),
    )
)

_ENTRY_LINES = {"add-actor": ACTOR_LINE, "add-source": SOURCE_LINE}


def _entry_dry_run(section: str, key: str) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert w.code == 0, w.err
        assert w.text("t.yaml") == TIMELINE
        assert list(yaml.safe_load(w.out)) == [key]
        assert f"would add {section[:-1]} {key} to t.yaml" in w.err
        assert wo.code == 0
        assert wo.out == ""
        assert _added_entry(wo, section)[0] == key
        assert f"added {section[:-1]} {key} to t.yaml" in wo.err

    return check


def _entry_force(section: str) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert wo.code == 1
        assert "is read-only" in wo.err
        assert wo.text("t.yaml") == TIMELINE
        assert w.code == 0, w.err
        assert _added_entry(w, section)
        assert stat.S_IMODE(os.stat(w.dir / "t.yaml").st_mode) == 0o444

    return check


def _entry_file(command: str, section: str) -> Check:
    def check(w: Run, wo: Run) -> None:
        assert w.code == 0, w.err
        assert _added_entry(w, section)
        assert wo.code == 2
        assert f"{command} writes to a timeline of your own" in wo.err
        assert wo.text("t.yaml") == TIMELINE

    return check


# An invalid file: what an adding command colours is the diagnostics that refuse it.
_BAD = TIMELINE.replace("[russia, syria]", "[rusia]")

for _command, _line in _ENTRY_LINES.items():
    _section = "actors" if _command == "add-actor" else "sources"
    _key = _line[3]
    ROWS.append(
        Row(
            (_command, "--dry-run", None),
            (*_line, "--dry-run"),
            _line,
            _entry_dry_run(_section, _key),
        )
    )
    ROWS.append(
        Row(
            (_command, "--force", None),
            (*_line, "--force"),
            _line,
            _entry_force(_section),
            setup=_read_only,
        )
    )
    _elsewhere = (_command, *_line[3:])
    for _file_option in ("-f", "--file"):
        ROWS.append(
            Row(
                (_command, _file_option, None),
                (_command, _file_option, "t.yaml", *_line[3:]),
                _elsewhere,
                _entry_file(_command, _section),
                name=f"{_command} {_file_option} t.yaml, or no file named",
            )
        )
    _refused = (_command, "-f", "bad.yaml", *_line[3:])
    _write_bad = lambda _invoke: Path("bad.yaml").write_text(_BAD)  # noqa: E731
    for _value, _with, _without, _coloured, _tty in (
        ("always", (*_refused, "--color", "always"), _refused, True, False),
        ("never", (*_refused, "--color", "never"), _refused, False, True),
        (
            "auto",
            (*_refused, "--color", "never", "--color", "auto"),
            (*_refused, "--color", "never"),
            True,
            True,
        ),
    ):
        ROWS.append(
            Row(
                (_command, "--color", _value),
                _with,
                _without,
                _colour_check("err", _coloured),
                tty=_tty,
                setup=_write_bad,
            )
        )

EDITING = {"init": ("init", "new.yaml"), **_ENTRY_LINES}
COMMANDS += list(EDITING)
RUNS_WITHOUT_HELP.update(EDITING)
for _command, _line in EDITING.items():
    for _help in ("--help", "-h"):
        ROWS.append(
            Row(
                (_command, _help, None),
                (*_line[:1], _help, *_line[1:]),
                _line,
                _help_check(_command),
                name=f"{_command} {_help}",
            )
        )


# -- diff and export sqlite ---------------------------------------------------------------------


@rows(
    (
        ("diff", "--format", "json"),
        ["diff", "t.yaml", "by.yaml", "--format", "json"],
        ["diff", "t.yaml", "by.yaml"],
    ),
    (
        ("diff", "--format", "text"),
        ["diff", "t.yaml", "by.yaml", "--format", "json", "--format", "text"],
        ["diff", "t.yaml", "by.yaml", "--format", "json"],
    ),
)
def _diff_format(w: Run, wo: Run) -> None:
    assert w.code == wo.code == 1, (w.err, wo.err)
    json_run, text_run = (w, wo) if w.out.startswith("{") else (wo, w)
    assert json.loads(json_run.out)["added"] == ["talks-by-2015-09"]
    assert text_run.out.startswith("+ event talks-by-2015-09: /2015-09  Turkey has hosted talks")


@row(
    ("export", "FORMAT", "sqlite"),
    ["export", "sqlite", "-o", "t.db", "-f", "t.yaml"],
    ["export", "-f", "t.yaml", "-o", "t.txt"],
)
def _export_sqlite(w: Run, wo: Run) -> None:
    import sqlite3

    assert w.code == 0, w.err
    with sqlite3.connect(w.dir / "t.db") as db:
        assert [r[0] for r in db.execute("SELECT id FROM events ORDER BY position")] == ALL
    assert wo.code == 2
    assert "name a FORMAT" in wo.err
    assert "sqlite" in wo.err


# -- import --------------------------------------------------------------------------------------


def _exported_json(invoke: Invoke) -> None:
    """What `import json` reads: t.yaml as `export json` writes it."""
    assert invoke(["export", "json", "-f", "t.yaml", "-o", "in.json"]).code == 0


def _imported(text: str) -> None:
    """The fixture's events, read back from what `import json` made of its export."""
    data = yaml.safe_load(text)
    assert [e["id"] for e in data["events"]] == [e["id"] for e in DATA["events"]]


def _import_to_file(w: Run, wo: Run) -> None:
    assert w.code == wo.code == 0, (w.err, wo.err)
    assert w.out == ""
    assert w.text("out.yaml") == wo.out
    _imported(wo.out)
    assert "to out.yaml" in w.err
    assert not (wo.dir / "out.yaml").exists()


for _option in ("-o", "--output"):
    row(
        ("import", _option, None),
        ["import", "json", "in.json", _option, "out.yaml"],
        ["import", "json", "in.json"],
        setup=_exported_json,
    )(_import_to_file)


def _old_import_target(invoke: Invoke) -> None:
    _exported_json(invoke)
    Path("out.yaml").write_text("an old file\n")


@row(
    ("import", "--force", None),
    ["import", "json", "in.json", "-o", "out.yaml", "--force"],
    ["import", "json", "in.json", "-o", "out.yaml"],
    setup=_old_import_target,
)
def _import_force(w: Run, wo: Run) -> None:
    assert w.code == 0, w.err
    _imported(w.text("out.yaml"))
    assert wo.code == 1
    assert wo.text("out.yaml") == "an old file\n"
    assert "out.yaml: already exists; add --force to replace it" in wo.err


_IMPORT_LINE = ("import", "json", "-")
COMMANDS.append("import")
RUNS_WITHOUT_HELP["import"] = _IMPORT_LINE
for _help in ("--help", "-h"):
    ROWS.append(
        Row(
            ("import", _help, None),
            (*_IMPORT_LINE[:1], _help, *_IMPORT_LINE[1:]),
            _IMPORT_LINE,
            _help_check("import"),
            name=f"import {_help}",
            stdin='{"title": "T", "events": []}',
        )
    )


# -- the tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("the_row", ROWS, ids=[r.id for r in ROWS])
def test_option_has_its_effect(the_row: Row, runner: CliRunner, tmp_path: Path) -> None:
    runs = []
    for n, args in enumerate((the_row.with_, the_row.without)):
        folder = tmp_path / ("with" if n == 0 else "without")
        folder.mkdir()
        for name, text in FILES.items():
            (folder / name).write_text(text, encoding="utf-8")
        if the_row.tty or the_row.process_env is not None:
            assert the_row.stdin is None
            invoke = _process(folder, the_row.tty, the_row.process_env or {})
        else:
            invoke = _cli(runner, folder, the_row.stdin)
        if the_row.setup is not None:
            old = os.getcwd()
            os.chdir(folder)
            try:
                the_row.setup(_cli(runner, folder, None))
            finally:
                os.chdir(old)
        runs.append(invoke(args))
    the_row.check(*runs)


def _choices(param: Any) -> list[str]:
    choices = getattr(param.type, "choices", None) or []
    return [str(getattr(c, "value", c)) for c in choices]


def test_every_option_has_a_row() -> None:  # noqa: C901, PLR0912 - one walk over the app
    """Every option (each of its names) and every value of a choice that the app declares."""
    import typer.main

    group = typer.main.get_command(app)
    commands: dict[str, Any] = {"": group, **group.commands}  # type: ignore[attr-defined]
    covered = {(c, o) for (c, o, _) in (r.covers for r in ROWS)}
    values = {(c, o, v) for (c, o, v) in (r.covers for r in ROWS)}
    missing = []
    for name, command in commands.items():
        for param in command.params:
            if param.param_type_name == "argument":
                wanted = [(name, "FORMAT", v) for v in _choices(param)]
                missing += [w for w in wanted if w not in values]
                continue
            for opt in param.opts + param.secondary_opts:
                if (name, opt) not in covered:
                    missing.append((name, opt, None))
            for value in _choices(param):
                if not any((name, opt, value) in values for opt in param.opts):
                    missing.append((name, param.opts[0], value))
    for name in commands:  # the help option of every command
        for opt in ("--help", "-h"):
            if (name, opt) not in covered:
                missing.append((name, opt, None))
    assert not missing, f"options without a row in test_option_effects: {missing}"
    for r in ROWS:  # each row uses the option it says it covers, and drops or changes it
        command, opt, value = r.covers
        if opt and opt != "FORMAT":
            assert opt in r.with_, r.id
        if value is not None:
            assert value in r.with_, r.id
        assert r.with_ != r.without, r.id
