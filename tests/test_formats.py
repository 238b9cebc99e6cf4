"""The format registry: every format is reachable by the command that writes what it writes, the
command line's choices and messages come from the registry, and a new format is one entry."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner, Result

from conftest import DATA
from rirtime.cli import app
from rirtime.cli.options import FormatChoice
from rirtime.formats import FORMATS, Format, Output, for_path, offered
from rirtime.formats.content import Document

SHOW = str(DATA / "valid_show.yaml")

# The commands that write each kind of output, and how a format is named to them.
COMMANDS: dict[Output, list[list[str]]] = {
    Output.EVENTS: [["show", "--format"]],
    # stats writes its numbers (DATA: text, json) or them as rows (plain, csv): every format
    # that writes ROWS writes stats, and no other.
    Output.ROWS: [
        ["actors", "--format"],
        ["tags", "--format"],
        ["sources", "--format"],
        ["stats", "--format"],
    ],
    Output.DOCUMENT: [["export"]],
    Output.DATA: [["check", "--format"]],
    Output.FILE: [],  # export's FORMAT too, with -o FILE only (tests/test_sqlite.py)
}
ALSO = {Output.DOCUMENT: Output.FILE}  # export names the formats of both
CASES = [
    pytest.param(command, f.name, id=f"{command[0]}-{f.name}")
    for f in FORMATS.values()
    for output, commands in COMMANDS.items()
    if f.writes(output)
    for command in commands
]


def _run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, [*args, "-f", SHOW])


def _flat(text: str) -> str:
    """Text from a rich panel with its frame and line breaks taken out."""
    return "".join(text.replace("│", " ").split())


@pytest.mark.parametrize(("command", "name"), CASES)
def test_every_format_is_reachable_by_its_command(
    runner: CliRunner, command: list[str], name: str
) -> None:
    result = _run(runner, *command, name)
    assert result.exit_code == 0, result.stderr
    if command[0] != "check":  # check's text goes to stderr, like its messages
        assert result.stdout.strip()


@pytest.mark.parametrize("output", list(Output))
def test_every_declared_writer_exists(output: Output) -> None:
    for f in offered(output):
        assert callable(f.writer(output)), (f.name, output)


@pytest.mark.parametrize("output", list(Output))
def test_a_command_refuses_a_format_that_cannot_write_its_output(
    runner: CliRunner, output: Output
) -> None:
    names = {f.name for o in (output, ALSO.get(output, output)) for f in offered(o)}
    for command in COMMANDS[output]:
        for other in FORMATS.values():
            if other.name not in names:
                result = _run(runner, *command, other.name)
                assert result.exit_code == 2
                assert "invalid value" in result.stderr
        wrong = _run(runner, *command, "nope")
        listed = _flat(wrong.stderr)
        assert all(f"'{name}'" in listed for name in names), wrong.stderr


def test_extensions_map_back_to_their_format() -> None:
    seen: dict[str, str] = {}
    for f in FORMATS.values():
        for ext in f.extensions:
            assert ext.startswith("."), ext
            assert ext == ext.lower(), ext
            assert ext not in seen, f"{ext} names both {seen[ext]} and {f.name}"
            seen[ext] = f.name
            for output in Output:
                if f.writes(output):
                    assert for_path(f"dir.d/out{ext.upper()}", output) is f
    assert for_path("out.txt", Output.DOCUMENT) is None
    assert for_path("out.tsv", Output.DOCUMENT) is None  # tsv writes events, not documents


@pytest.mark.parametrize(
    ("name", "ext"),
    [(f.name, ext) for f in offered(Output.DOCUMENT) for ext in f.extensions],
)
def test_export_infers_the_format_from_the_extension(
    runner: CliRunner, tmp_path: object, name: str, ext: str
) -> None:
    target = f"{tmp_path}/out{ext}"
    result = _run(runner, "export", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert f"({name}, 9 events)" in result.stderr


def test_the_usage_error_lists_the_registry(runner: CliRunner) -> None:
    result = _run(runner, "export", "-o", "out.txt")
    assert result.exit_code == 2
    for f in offered(Output.DOCUMENT):
        assert f.name in result.stderr
        for ext in f.extensions:
            assert ext in result.stderr


# -- a new format is one module and one entry ----------------------------------------------------


def shout_events(doc: Document) -> str:
    """A throwaway format: each title in capitals, a line each."""
    return "".join(e.title.upper() + "\n" for e in doc.events)


def shout_document(doc: Document) -> str:
    return f"# {doc.timeline.title.upper()}\n" + shout_events(doc)


@pytest.fixture
def shout(monkeypatch: pytest.MonkeyPatch) -> Format:
    fmt = Format(
        "shout",
        "titles in capitals",
        extensions=(".shout",),
        events=f"{__name__}:shout_events",
        document=f"{__name__}:shout_document",
    )
    monkeypatch.setitem(FORMATS, fmt.name, fmt)
    return fmt


@pytest.mark.usefixtures("shout")
def test_a_registered_format_is_offered_everywhere(runner: CliRunner, tmp_path: object) -> None:
    shown = _run(runner, "show", "--format", "shout", "-a", "iran")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert len(lines) == 4
    assert all(line == line.upper() for line in lines)

    exported = _run(runner, "export", "shout")
    assert exported.exit_code == 0
    assert exported.stdout.startswith("# ")

    target = f"{tmp_path}/all.shout"
    written = _run(runner, "export", "-o", target)
    assert written.exit_code == 0
    assert "(shout, 9 events)" in written.stderr

    refused = _run(runner, "export", "-o", "out.txt")
    assert "shout" in refused.stderr
    assert ".shout" in refused.stderr
    for command in (["show", "--format"], ["export"]):
        assert "'shout'" in _flat(_run(runner, *command, "nope").stderr)
    # It writes no rows: the listing commands do not offer it.
    assert _run(runner, "actors", "--format", "shout").exit_code == 2
    assert "shout" in _flat(runner.invoke(app, ["show", "--help"]).stdout)
    assert FormatChoice(Output.DOCUMENT).complete("sh") == [("shout", "titles in capitals")]


# -- only the chosen format is imported ----------------------------------------------------------

_PROBE = """\
import json, sys
from rirtime.__main__ import main
sys.argv = ["rirtime", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith(("rirtime.formats", "rich")))
sys.stdout.write("\\nMODULES " + json.dumps(loaded) + "\\n")
"""
# What any writer may use: the registry, what writers are given, the JSON encoder and records,
# and what the documents people read (Markdown, HTML) say alike.
_SHARED = {
    "rirtime.formats",
    "rirtime.formats.content",
    "rirtime.formats.tabular",
    "rirtime.formats.records",
    "rirtime.formats.prose",
}
LAZY = [
    pytest.param(command, f, output, id=f"{command[0]}-{f.name}")
    for f in FORMATS.values()
    if not f.terminal
    for output, commands in COMMANDS.items()
    if f.writes(output)
    for command in commands[:1]
]


def _imported(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args, "-f", SHOW],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    last = result.stdout.rstrip("\n").rsplit("\n", 1)[-1]
    assert last.startswith("MODULES "), result.stderr
    return set(json.loads(last.removeprefix("MODULES ")))


@pytest.mark.parametrize(("command", "fmt", "output"), LAZY)
def test_only_the_chosen_format_is_imported(
    command: list[str], fmt: Format, output: Output
) -> None:
    loaded = _imported(*command, fmt.name)
    writer = fmt.writer(output).__module__
    assert writer in loaded
    assert loaded <= _SHARED | {writer}, loaded
    assert not any(m.startswith("rich") for m in loaded), loaded


def test_show_plain_imports_one_format_module() -> None:
    _imported("show")  # a first run fills the cache, which makes each event's JSON line
    loaded = _imported("show", "--format", "plain")
    assert loaded == {"rirtime.formats", "rirtime.formats.content", "rirtime.formats.plain"}
