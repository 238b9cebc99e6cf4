"""The hostile suite: every command and every output path, on hostile files, as a user runs them.

The cases are made from the format registry and the command list, so a new format or command is
covered the day it lands. Each run must: exit with a documented code, print no traceback, put no
raw control character (nor bidi control) on stdout or stderr, and finish in bounded time and
memory (a subprocess with a timeout and an address-space limit).
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DATA
from rirtime.formats import FORMATS, Output, readable

TIMEOUT = 60
MEMORY = 1 << 30  # 1 GiB of address space for each run

# What may never reach a stream raw: C0 controls but TAB, LF and CR; DEL; C1 controls; line and
# paragraph separators; and every format character (Unicode category Cf: bidi controls and marks,
# zero-width characters, the soft hyphen, tag characters), but for a joiner (ZWJ, ZWNJ) between
# two visible characters outside ASCII, where it is seen: Persian's ZWNJ, an emoji sequence.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_JOINERS = "\u200c\u200d"


def _seen_around(text: str, at: int) -> bool:
    """Whether the characters on both sides of `at` are visible and outside ASCII."""
    return all(
        0 <= i < len(text)
        and ord(text[i]) > 0x7F
        and not text[i].isspace()
        and unicodedata.category(text[i]) != "Cf"
        for i in (at - 1, at + 1)
    )


def first_unsafe(text: str) -> int | None:
    """Where the first character that may not reach a stream raw is, or None."""
    found = UNSAFE.search(text)
    end = found.start() if found else len(text)
    for i, ch in enumerate(text[:end]):
        if unicodedata.category(ch) == "Cf" and not (ch in _JOINERS and _seen_around(text, i)):
            return i
    return found.start() if found else None


# A file whose every text field tries to take over a terminal, and the same in a file whose name
# does too.
HOSTILE = DATA / "valid_hostile.yaml"
HOSTILE_NAME = "name-\x1b]52;c;cHduZWQ=\x07-\u202eevil\u202c-\x9b2J-zero\u200bwidth\U000e0041.yaml"
# Invisible characters in every text field a valid file can hold them in (ids cannot), and the
# joiners that are seen (Persian's ZWNJ, an emoji sequence), which must stay as they are.
INVISIBLE_NAME = "invisible.yaml"
INVISIBLE_TEXT = "zero\\u200bwidth ZWNJ\\u200c ZWJ\\u200d WJ\\u2060 BOM\\ufeff soft\\u00adhyphen"
INVISIBLE_TEXT += " tags\\U000e0001\\U000e0041\\U000e007f ALM\\u061c MVS\\u180e fn\\u2061"
INVISIBLE_TEXT += (
    " ISS\\u206a IAA\\ufff9 seen: \\u0645\\u06cc\\u200c\\u062e\\u0648 \\U0001f469\\u200d\\U0001f4bb"
)
INVISIBLE = f"""\
title: "Title {INVISIBLE_TEXT}"
description: "Description {INVISIBLE_TEXT}"
sources:
  s:
    citation: "Citation {INVISIBLE_TEXT}"
    url: "https://evil\\u200b.example/\\u2060x"
    note: "Note {INVISIBLE_TEXT}"
  t: {{citation: "www.example.com me@example.com", url: "https://example.com/"}}
actors:
  a: {{name: "Name {INVISIBLE_TEXT}", kind: group, aliases: ["Alias {INVISIBLE_TEXT}"]}}
events:
  - id: invisible
    date: 2015
    title: "Title {INVISIBLE_TEXT}"
    summary: "Summary {INVISIBLE_TEXT}"
    actors: [a]
    people: ["Person {INVISIBLE_TEXT}"]
    quote: "Quote {INVISIBLE_TEXT}"
    note: "Note {INVISIBLE_TEXT}"
    sources: [s, t]
periods:
  - id: invisible
    title: "Period {INVISIBLE_TEXT}"
    date: "2014/.."
    note: "Note {INVISIBLE_TEXT}"
    sources: [s]
"""


# Several files as one chronology: a second file, hostile in its name and text, that merges
# cleanly; and a copy of the hostile file under a hostile name, whose every id clashes with
# the first file's (merge-clash, both places shown).
SECOND_NAME = "second-\x1b[2J\u202e.yaml"
SECOND = """\
title: "Second \\e[2J\\u202e"
sources:
  s2: {citation: "C \\u202e\\e]0;x\\a", url: "https://example.com/\\u200b"}
actors:
  b2: {name: "B \\e[31m\\u2066", kind: group, aliases: ["\\x9b2J"]}
events:
  - id: second-2019
    date: 2019
    title: "Second \\e]8;;http://x\\a link\\u202e"
    summary: "\\u2028line\\x85next"
    actors: [b2]
    sources: [s2]
"""
CLASH_NAME = "clash-\x1b]0;x\x07\u202e.yaml"


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("RIRTIME_FILE", "NO_COLOR")}
    env["COLUMNS"] = "80"
    return subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        cwd=cwd,
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=_limit,
        env=env,
        check=False,
    )


def _commands_of_several_files() -> Iterator[tuple[str, list[str]]]:
    """The commands that read two chronologies (diff; import's input and its output; -f twice)."""
    # diff: every entry of the file added (its ids, titles, names, citations), or removed, or
    # the same; each side named on the command line, not with -f
    yield "diff-colour", ["diff", EMPTY, THE_FILE, "--color", "always"]
    yield "diff-removed", ["diff", THE_FILE, EMPTY]
    yield "diff-same", ["diff", THE_FILE, THE_FILE]
    yield "diff-bad-rev", ["diff", "\x1b]0;x\x07\u202e:t.yaml", THE_FILE]
    yield "chart", ["chart"]
    yield "chart-tags", ["chart", "--by", "tag", "--top", "3"]
    yield "export-svg-lanes", ["export", "svg", "--by", "actor"]
    for fmt in readable():  # import reads what export wrote of the hostile timeline
        yield f"import-{fmt.name}", ["import", fmt.name, IMPORT_SOURCE]
        yield f"import-{fmt.name}-file", ["import", fmt.name, IMPORT_SOURCE, "-o", "out.yaml"]
    for second, tag in ((SECOND_NAME, "merged"), (CLASH_NAME, "clash")):
        yield f"show-text-{tag}", ["show", "--format", "text", "-l", "-f", second]
        yield f"show-json-{tag}", ["show", "--format", "json", "-f", second]
        yield f"export-md-{tag}", ["export", "md", "-f", second]
        yield f"export-html-{tag}", ["export", "html", "-f", second]
        yield f"export-ics-{tag}", ["export", "ics", "-f", second]
        yield f"check-text-{tag}", ["check", "--strict", "-f", second]
        yield f"check-json-{tag}", ["check", "--format", "json", "-f", second]


def _command_lines() -> Iterator[tuple[str, list[str]]]:
    """Every output path: each command with each format it offers, to stdout and to a file."""
    for fmt in FORMATS.values():
        if fmt.writes(Output.EVENTS):
            yield f"show-{fmt.name}", ["show", "--format", fmt.name, "-l"]
        if fmt.writes(Output.ROWS):
            for command in ("actors", "tags", "sources"):
                yield f"{command}-{fmt.name}", [command, "--format", fmt.name]
        if fmt.writes(Output.DATA):
            yield f"stats-{fmt.name}", ["stats", "--format", fmt.name]
        if fmt.writes(Output.DOCUMENT):
            yield f"export-{fmt.name}", ["export", fmt.name, "--toc", "--mermaid"]
            yield f"export-{fmt.name}-file", ["export", fmt.name, "-o", f"out.{fmt.name}"]
        if fmt.writes(Output.FILE):  # a binary format: refused on stdout, written to a file
            yield f"export-{fmt.name}", ["export", fmt.name]
            yield f"export-{fmt.name}-file", ["export", fmt.name, "-o", f"out.{fmt.name}"]
        if fmt.writes(Output.DATA):
            yield f"diff-{fmt.name}", ["diff", EMPTY, THE_FILE, "--format", fmt.name]
    yield from _commands_of_several_files()
    yield "check-text", ["check", "--strict"]
    yield "check-json", ["check", "--format", "json", "--strict"]
    yield "add-dry-run", ["add", "--dry-run", "--date", "2019", "--title", "t\x1b[2J", "-a", "a"]
    yield "add-refused", ["add", "--date", "2019", "--title", "t", "-a", "nobody\u202e"]
    # the commands that add an actor or a source: hostile values in the YAML they print, in
    # the ids and values they refuse
    yield (
        "add-actor-dry-run",
        [
            *("add-actor", "newbie", "--name", "N\x1b[2J\u202e\u200b", "--kind", "group"),
            *("--alias", "A\x9b\U000e0041", "--note", "n\u2066\x85x", "--dry-run"),
        ],
    )
    yield (
        "add-actor-refused",
        ["add-actor", "new\x1b[2J\u202e", "--name", "N", "--kind", "stat\x07"],
    )
    yield (
        "add-actor-part-of",
        [
            *("add-actor", "newbie", "--name", "N", "--kind", "group"),
            *("--part-of", "nob\x1b]0;x\x07ody\u202e"),
        ],
    )
    yield (
        "add-source-dry-run",
        [
            *("add-source", "newsrc", "--citation", "C\x1b[2J\u202e\U000e0041\u00ad"),
            *("--url", "https://x\u200b.example/", "--published", "2019", "--dry-run"),
        ],
    )
    yield "add-source-refused", ["add-source", "s\u202e\x1b[2J", "--citation", "C"]
    yield "add-source-bad-date", ["add-source", "n", "--citation", "C", "--published", "2\x1b[2J"]
    # bytes that are not UTF-8 (a shell's $'\x9b'), as Python gives them: refused, and said safely
    yield "add-actor-bytes", ["add-actor", "newbie", "--name", "N\udc9b", "--kind", "group"]
    yield "add-bytes", ["add", "--date", "2019", "--title", "t\udc9b[2J\udce2\udc80", "-a", "a"]
    # init names the file it writes, or refuses to write over (the timeline's name, made new)
    yield "init-new", ["init", INIT_TARGET]
    yield "init-exists", ["init", INIT_TARGET]
    yield "show-unknown-actor", ["show", "-a", "\x1b]0;x\x07nobody"]
    # typer's own usage errors quote what was typed
    yield "usage-bad-format", ["show", "--format", "x\x1b[2J\u202e"]
    yield "usage-bad-number", ["show", "--limit", "x\x1b[2J\u202e"]
    yield "usage-unknown-option", ["show", "--fo\x1b]0;x\x07\u202e"]
    yield "usage-extra-argument", ["export", "md", "extra\x9b\u202e"]
    yield "usage-unknown-command", ["sh\x1b[2J\u202e"]


INIT_TARGET = "<a file named like the timeline>"  # where `init` writes, made per case
THE_FILE = "<the timeline>"  # where a command names the file itself, not with -f (diff)
EMPTY = "empty.yaml"  # a timeline with nothing in it, for diff's other side
IMPORT_SOURCE = "<the timeline exported in the format>"  # what `import` reads, made per case
CASES = list(_command_lines())


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copy(HOSTILE, folder / HOSTILE_NAME)
    shutil.copy(HOSTILE, folder / "plain.yaml")
    shutil.copy(HOSTILE, folder / CLASH_NAME)
    (folder / SECOND_NAME).write_text(SECOND, encoding="utf-8")
    (folder / INVISIBLE_NAME).write_text(INVISIBLE, encoding="utf-8")
    (folder / EMPTY).write_text("title: Empty\n", encoding="utf-8")
    return folder


def _assert_safe(result: subprocess.CompletedProcess[bytes], what: str) -> None:
    for name, data in (("stdout", result.stdout), ("stderr", result.stderr)):
        text = data.decode("utf-8", "replace")
        if what.startswith("export-ics"):  # iCalendar's folds are no content (RFC 5545, 3.1)
            text = text.replace("\r\n ", "")
        if "-colour" in what:  # rirtime's own colours: a file's ESC would show as ␛, not match
            text = re.sub(r"\x1b\[[0-9;]*m", "", text)
        assert "Traceback" not in text, f"{what}: a traceback on {name}:\n{text[-2000:]}"
        at = first_unsafe(text)
        assert at is None, (
            f"{what}: U+{ord(text[at]):04X} raw on {name} at {at}: "
            f"{text[max(0, at - 60) : at + 20]!r}"
        )
    assert result.returncode in (0, 1, 2), f"{what}: exit {result.returncode}"


@pytest.mark.parametrize(
    "name",
    ["plain.yaml", HOSTILE_NAME, INVISIBLE_NAME],
    ids=["plain-name", "hostile-name", "invisible-text"],
)
@pytest.mark.parametrize(("case", "args"), CASES, ids=[c for c, _ in CASES])
def test_every_output_path_is_safe(
    hostile_folder: Path, case: str, args: list[str], name: str
) -> None:
    out = hostile_folder / f"{case}.out"
    args = [a if not a.startswith("out.") else str(out) for a in args]
    if INIT_TARGET in args:  # init takes no -f: the file it writes has the hostile name
        target = hostile_folder / f"{case}-{name}"
        target.unlink(missing_ok=True)
        if case == "init-exists":
            shutil.copy(hostile_folder / name, target)
        result = _run([target.name if a == INIT_TARGET else a for a in args], hostile_folder)
        _assert_safe(result, f"{case} on {name!r}")
        assert result.returncode == (1 if case == "init-exists" else 0), result.stderr
        return
    if THE_FILE in args:
        result = _run([name if a == THE_FILE else a for a in args], hostile_folder)
        _assert_safe(result, f"{case} on {name!r}")
        assert result.returncode == (0 if case == "diff-same" else 1 if "-bad-" not in case else 2)
    if IMPORT_SOURCE in args:
        _import_case(hostile_folder, case, args, name, out)
        return
    result = _run([*args, "-f", name, *(["--force"] if "-o" in args else [])], hostile_folder)
    _assert_safe(result, f"{case} on {name!r}")
    if "-o" in args and result.returncode == 0:
        assert out.exists()


def _import_case(folder: Path, case: str, args: list[str], name: str, out: Path) -> None:
    """`import FORMAT FILE`, FILE the timeline `name` exported in FORMAT (and named like it):
    safe on both streams, and what it writes passes `check`."""
    fmt = args[1]
    exported = folder / f"{name}.{case}.{fmt}"
    made = _run(["export", fmt, "-f", name, "-o", str(exported), "--force"], folder)
    assert made.returncode == 0, made.stderr
    out.unlink(missing_ok=True)
    run = [
        str(exported) if a == IMPORT_SOURCE else str(out) if a.startswith("out.") else a
        for a in args
    ]
    result = _run(run, folder)
    _assert_safe(result, f"{case} on {name!r}")
    assert result.returncode == 0, result.stderr.decode()
    written = out if "-o" in args else folder / f"{case}.yaml"
    if "-o" not in args:
        written.write_bytes(result.stdout)
    checked = _run(["check", "-f", str(written)], folder)
    assert checked.returncode == 0, checked.stderr.decode()
    _periods_came_back(folder, fmt, exported, written)


def _periods_came_back(folder: Path, fmt: str, exported: Path, written: Path) -> None:
    """The periods (hostile titles and notes) come back from the formats that carry them: all
    of them from JSON, the eras from TimelineJS; none from rirtime's CSV, which has none."""
    back = json.loads(_run(["export", "json", "-f", str(written)], folder).stdout)["periods"]
    given = json.loads(exported.read_bytes()) if fmt != "csv" else {}
    if fmt == "json":
        assert [p["title"] for p in back] == [p["title"] for p in given["periods"]]
        assert [p["note"] for p in back] == [p["note"] for p in given["periods"]]
    else:
        assert len(back) == len(given.get("eras", []))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        *([c, "--help"] for c in ("show", "chart", "export", "check", "add", "init", "diff")),
        *([c, "--help"] for c in ("import",)),
        *([c, "--help"] for c in ("add-actor", "add-source")),
    ],
    ids=" ".join,
)
def test_help_and_version_are_safe(tmp_path: Path, args: list[str]) -> None:
    _assert_safe(_run(args, tmp_path), " ".join(args))


def test_the_suite_covers_every_format_and_command() -> None:
    """A new format lands in CASES by itself; a new command must be added to _command_lines."""
    covered = {args[0] for _, args in CASES}
    import typer.main

    from rirtime.cli import app

    commands = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert commands - {"schema"} <= covered, commands - covered
    for fmt in FORMATS:
        assert any(fmt in args for _, args in CASES), fmt


# What writes to stdout (check's text report and add's messages go to stderr; files that clash
# are refused before anything is written).
_TO_STDOUT = [
    (c, a)
    for c, a in CASES
    if "-o" not in a
    and not c.startswith(("add", "check-text", "init", "import"))
    and not c.endswith("-clash")
]


@pytest.mark.parametrize(("case", "args"), _TO_STDOUT, ids=[c for c, _ in _TO_STDOUT])
def test_a_full_disk_on_stdout_is_an_error_not_a_traceback(
    hostile_folder: Path, case: str, args: list[str]
) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "rirtime", *args, "-f", "plain.yaml"],
            cwd=hostile_folder,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            check=False,
        )
    assert b"Traceback" not in result.stderr, result.stderr.decode()[-2000:]
    if result.returncode != 2:  # a usage error says so before it writes anything
        assert result.returncode == 1, case
        assert b"No space left on device" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--list-checks"]])
def test_help_and_version_on_a_full_disk(tmp_path: Path, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "rirtime", *args],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            check=False,
        )
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert b"No space left on device" in result.stderr


def test_version_with_stdout_closed(tmp_path: Path) -> None:
    result = subprocess.run(
        f"{sys.executable} -m rirtime --version >&-",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["show", "--format", "plain"], ["show", "--format", "text"]])
def test_a_stream_that_cannot_take_utf8_gets_escapes(hostile_folder: Path, args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", *args, "-f", "plain.yaml"],
        cwd=hostile_folder,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert b"\\u" in result.stdout  # the Persian and Russian words, escaped
    result.stdout.decode("ascii")
