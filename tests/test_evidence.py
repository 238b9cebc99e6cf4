"""The evidence checks: a source published too early, a day taken from the source, quotes that
must be in a source's text, and text files that cannot be read (hostile ones too)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, TESTS
from rirtime import texts
from rirtime.checks import BY_NAME, evidence, validate
from rirtime.cli import app
from rirtime.load import load_text
from rirtime.workspace import open_checked

EVIDENCE = {c.name for c in BY_NAME.values() if c.family == "evidence"}
GOLDEN = DATA / "warnings_evidence.yaml"


def _found(
    tmp_path: Path, events: str, sources: str = "", files: dict[str, bytes] | None = None
) -> list[tuple[str, int, int, str]]:
    """The evidence findings in a timeline at tmp_path/t.yaml: (code, line, column, message).

    `sources` and `events` are YAML, indented as under their keys; `files` are written beside."""
    for name, data in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    text = "title: T\nsources:\n  s: {citation: S}\n"
    text += textwrap.indent(textwrap.dedent(sources), "  ")
    text += "actors:\n  iran: {name: Iran, kind: state}\nevents:\n"
    text += textwrap.indent(textwrap.dedent(events), "  ")
    loaded = load_text(text.encode(), str(tmp_path / "t.yaml"))
    assert loaded.diagnostics == [], loaded.diagnostics
    assert loaded.timeline is not None
    found = validate(loaded.timeline, select=EVIDENCE)
    return [(d.code, d.loc.line, d.loc.column, d.message) for d in found]


def _codes(found: list[tuple[str, int, int, str]]) -> list[str]:
    return [code for code, *_ in found]


def _event(date: str, sources: str = "[s]", extra: str = "") -> str:
    return f'- {{id: e, date: "{date}", title: E, actors: [iran], sources: {sources}{extra}}}\n'


# -- early-source ----------------------------------------------------------------------------------


def test_a_source_published_before_the_event_cannot_attest_it(tmp_path: Path) -> None:
    event = _event("2015-03", "[s, old]")
    found = _found(tmp_path, event, 'old: {citation: O, published: "2014"}\n')
    ((code, line, column, message),) = found
    assert code == "early-source"
    assert (line, column) == (8, event.index("old") + 3)  # the cited id in the event's sources
    assert "source 'old' was published 2014" in message
    assert "event 'e' (Mar 2015)" in message


@pytest.mark.parametrize(
    ("published", "date", "early"),
    [
        ("2015-03-01", "2015-03-01", False),  # the same day
        ("2015-03-01", "2015-03", False),  # the month starts that day
        ("2015-02-28", "2015-03", True),  # the day before the month
        ("2015-02", "2015-03-01", True),
        ("2014", "/2015-09", False),  # an unknown start: no earliest day
        ("2014", "../2015-09", False),  # an open start: none either
        ("2014", "2015-03/", True),  # an unknown end: the start is known
        ("2014-24", "2015-02", False),  # winter 2014 runs into February 2015
        ("2014-24", "2015-03", True),
        ("2014-23", "2014-12", True),  # autumn ends with November
        ("2014~", "2015-01", True),  # approximate: by its bounds, the year 2014
        ("2015~", "2015-06", False),
        ("2015?", "2015-12-31", False),
        ("2014/..", "2016", False),  # an open end: never over
        ("/2014", "2015", True),  # "by 2014": over at the end of 2014
        ("2014-06/2014-12", "2015", True),
        ("201X", "2015", False),  # the 2010s may reach past 2015
        ("2015-05", "2015~/2016", False),  # the start's bounds: 2015-01-01
        ("2014-05", "2015~/2016", True),
    ],
)
def test_early_source_by_the_bounds(tmp_path: Path, published: str, date: str, early: bool) -> None:
    sources = f'old: {{citation: O, published: "{published}"}}\n'
    found = _found(tmp_path, _event(date, "[old]"), sources)
    assert [c for c in _codes(found) if c == "early-source"] == (["early-source"] if early else [])


def test_no_published_date_or_no_such_source_is_no_finding(tmp_path: Path) -> None:
    assert _found(tmp_path, _event("2015", "[s, nowhere]")) == []


def test_each_early_source_of_an_event_is_its_own_finding(tmp_path: Path) -> None:
    sources = 'a: {citation: A, published: "2010"}\nb: {citation: B, published: "2011-05-01"}\n'
    event = _event("2015", "[a, s, b]")
    found = _found(tmp_path, event, sources)
    columns = [event.index("a, s") + 3, event.index("b]") + 3]
    assert [(c, col) for c, _, col, _ in found] == [("early-source", col) for col in columns]
    assert "1 May 2011" in found[1][3]


# -- day-from-source -------------------------------------------------------------------------------

_MEHR = 'mehr: {citation: M, published: "2015-12-05"}\n'


def test_a_day_that_is_the_sources_day_is_false_precision(tmp_path: Path) -> None:
    event = _event("2015-12-05", "[mehr]")
    ((code, line, column, message),) = _found(tmp_path, event, _MEHR)
    assert code == "day-from-source"
    assert (line, column) == (8, event.index('"2015') + 3)  # the event's date
    assert "the day its source 'mehr' appeared" in message
    assert 'date: "/2015-12-05" ("by 5 Dec 2015")' in message


@pytest.mark.parametrize(
    ("published", "date", "flagged"),
    [
        ("2015-12-05", "2015-12-05", True),
        ("2015-12-05", "2015-12-05~", True),  # approximate, but still that one day
        ("2015-12-05", "2015-12-05?", True),
        ("2015-12-05", "2015-12-04", False),
        ("2015-12-05", "2015-12", False),  # a month is not a day
        ("2015-12-05", "2015-12-05/2015-12-06", False),  # an interval
        ("2015-12-05", "2015-12-05/2015-12-05", False),  # an interval, even of one day
        ("2015-12-05", "/2015-12-05", False),  # the honest form
        ("2015-12", "2015-12-05", False),  # a source of a month: no day to take
        ("2015-12-05/2015-12-05", "2015-12-05", False),
        ("2015-12-05~", "2015-12-05", True),  # by its bounds: that day
    ],
)
def test_day_from_source_by_the_bounds(
    tmp_path: Path, published: str, date: str, flagged: bool
) -> None:
    sources = f'mehr: {{citation: M, published: "{published}"}}\n'
    found = _found(tmp_path, _event(date, "[s, mehr]"), sources)
    assert _codes(found) == (["day-from-source"] if flagged else [])


@pytest.mark.parametrize(
    ("note", "says_why"),
    [
        ("Velayati spoke on 2015-12-05, the interview says.", True),
        ("The interview says he spoke on 5 December 2015.", True),
        ("The interview says he spoke on December 5, 2015.", True),
        ("he spoke on Dec. 5th, 2015", True),
        ("he spoke on 05 dec 2015", True),
        ("he spoke on the 5th of December\n  2015", True),
        ("the text dates it", False),  # says something, but not the day
        ("he spoke on December 15, 2015", False),
        ("he spoke on 15 December 2015", False),
        ("he spoke on 5 December 2016", False),
        ("he spoke on 5 November 2015", False),
        ("2015-12-051", False),
        ("Dated by the Mehr interview of December 5, 2015.", False),  # the source's day, admitted
        ("dated from n9 (5 Dec 2015)", False),
        ("The date is that of the interview (2015-12-05).", False),
        ("Dated: the text says he spoke on 5 December 2015", True),
    ],
)
def test_a_note_that_names_the_day_says_why_it_holds(
    tmp_path: Path, note: str, says_why: bool
) -> None:
    found = _found(tmp_path, _event("2015-12-05", "[mehr]", f", note: {json.dumps(note)}"), _MEHR)
    assert _codes(found) == ([] if says_why else ["day-from-source"])


def test_every_source_of_that_day_is_named(tmp_path: Path) -> None:
    sources = _MEHR + 'irna: {citation: I, published: "2015-12-05"}\n'
    ((*_, message),) = _found(tmp_path, _event("2015-12-05", "[mehr, s, irna, mehr]"), sources)
    assert "its sources 'mehr', 'irna' appeared" in message


# -- quote-not-found -------------------------------------------------------------------------------

_COPY = (
    "Ali Akbar Velayati said \u201cAssad is our red\nline\u201d \u2014 and spoke of long-\n"
    "term co\u00adoperation, of the e\ufb03cient \u2018block\u2019 of resistance,\u00a0and of "
    "Russia\u2019s role \u2212 all in one TALK.\n"
)


def _quote(tmp_path: Path, quote: str, sources: str = "[s, copy]") -> list[str]:
    files = {"copy.txt": _COPY.encode()}
    found = _found(
        tmp_path,
        _event("2015", sources, f", quote: {json.dumps(quote)}"),
        "copy: {citation: C, text: copy.txt}\n",
        files,
    )
    return _codes(found)


@pytest.mark.parametrize(
    "quote",
    [
        "Assad is our red line",  # across a line break
        "\u201cAssad is our red line\u201d",
        '"Assad is our red line" - and',  # straight quotes, a hyphen for the em dash
        "'Assad is our red line'\u2013and",
        "ASSAD   is our\tRED line",
        "long-term cooperation",  # a hyphen at a line break, a soft hyphen
        "of long-term",
        "efficient 'block' of resistance",  # a ligature, curly single quotes
        "resistance, and of Russia's role - all",  # a no-break space, a minus sign
        "in one talk.",
    ],
)
def test_a_quote_is_found_however_its_marks_and_spaces_are_written(
    tmp_path: Path, quote: str
) -> None:
    assert _quote(tmp_path, quote) == []


@pytest.mark.parametrize(
    "quote", ["Assad must go", "Assad is our redline", "long term cooperation", "red line."]
)
def test_a_quote_that_is_not_there_is_a_warning_at_the_quote(tmp_path: Path, quote: str) -> None:
    files = {"copy.txt": _COPY.encode()}
    events = _event("2015", "[s, copy]", f", quote: {json.dumps(quote)}")
    found = _found(tmp_path, events, "copy: {citation: C, text: copy.txt}\n", files)
    ((code, line, column, message),) = found
    assert code == "quote-not-found"
    assert (line, column) == (8, events.index("quote") + 10)
    assert "the quote of event 'e' is not in the text of source 'copy'" in message


def test_no_cited_source_with_a_text_means_nothing_to_compare(tmp_path: Path) -> None:
    assert _quote(tmp_path, "Assad must go", "[s]") == []


def test_one_text_that_holds_the_quote_is_enough(tmp_path: Path) -> None:
    files = {"a.txt": b"nothing here", "b.txt": b"Assad must go."}
    sources = "a: {citation: A, text: a.txt}\nb: {citation: B, text: b.txt}\n"
    quote = ", quote: Assad must go"
    assert _found(tmp_path, _event("2015", "[a, b]", quote), sources, files) == []
    ((*_, message),) = _found(tmp_path, _event("2015", "[a, s]", quote), sources, files)
    assert "not in the text of source 'a'" in message


def test_a_text_that_cannot_be_read_is_one_warning_at_its_line(tmp_path: Path) -> None:
    sources = "gone: {citation: G, text: copies/gone.txt}\nb: {citation: B, text: b.txt}\n"
    events = _event("2015", "[gone]", ", quote: Q") + _event("2016", "[gone, b]", ", quote: Q")
    found = _found(tmp_path, events, sources, {"b.txt": b"no such words"})
    assert [(c, line) for c, line, *_ in found] == [("unreadable-text", 4), ("quote-not-found", 10)]
    assert found[0][2] == 29  # the `text` value
    assert "'copies/gone.txt' (a path from the timeline's folder): no such file" in found[0][3]
    assert "the text of source 'gone' cannot be read" in found[1][3]


def test_each_text_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    real = texts.read_input

    def counted(path: str, limit: int | None = None) -> tuple[str, bytes]:
        reads.append(path)
        return real(path, limit)

    monkeypatch.setattr(texts, "read_input", counted)
    sources = "a: {citation: A, text: copy.txt}\nb: {citation: B, text: ./copy.txt}\n"
    events = "".join(_event("2015", "[a, b]", f", quote: q{i}") for i in range(20))
    found = _found(tmp_path, events, sources, {"copy.txt": b"q1 q2 q3"})
    assert len(found) == 20 - 3
    assert len(reads) == 1


def test_the_search_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Quotes times texts is not linear: past a budget of characters the rest are named as not
    looked for, once, rather than searched for minutes."""
    monkeypatch.setattr(evidence, "SEARCH_BUDGET", 5 * 1000)
    words = b"word " * 200  # 1,000 characters
    events = "".join(_event("2015", "[a]", f", quote: q{i}") for i in range(8))
    found = _found(tmp_path, events, "a: {citation: A, text: a.txt}\n", {"a.txt": words})
    assert _codes(found) == ["quote-not-found"] * 6
    assert found[-1][1] == 13  # the sixth quote, the first not looked for
    assert "3 quote(s), this one first, were not looked for" in found[-1][3]


def test_a_text_is_read_up_to_a_quarter_of_the_timeline_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Folding a text for the quote check takes several copies of it: a text over a quarter of
    RIRTIME_MAX_BYTES (16 MiB by default) is one clear warning, not gigabytes of memory."""
    monkeypatch.setenv("RIRTIME_MAX_BYTES", "8000")
    sources = "a: {citation: A, text: a.txt}\nb: {citation: B, text: b.txt}\n"
    events = _event("2015", "[a]", ", quote: word") + _event("2016", "[b]", ", quote: word")
    files = {"a.txt": b"word " * 380, "b.txt": b"word " * 420}  # 1,900 and 2,100 bytes
    found = _found(tmp_path, events, sources, files)
    ((code, _, _, message),) = found
    assert code == "unreadable-text"
    assert "b.txt" in message
    assert "larger than 2,000 bytes, the most rirtime reads of a source's text" in message
    assert "RIRTIME_MAX_BYTES" in message


def test_the_same_quote_in_the_same_text_is_searched_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evidence, "SEARCH_BUDGET", 1500)
    events = "".join(_event("2015", "[a]", ", quote: word") for _ in range(50))
    found = _found(tmp_path, events, "a: {citation: A, text: a.txt}\n", {"a.txt": b"word " * 200})
    assert found == []


# -- text files: where they are, and hostile ones --------------------------------------------------


def test_a_path_outside_the_folder_is_read_as_a_file(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("the words outside", encoding="utf-8")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    sources = "o: {citation: O, text: ../../outside.txt}\n"
    assert _found(inner, _event("2015", "[o]", ", quote: words outside"), sources) == []
    absolute = f"o: {{citation: O, text: {json.dumps(str(tmp_path / 'outside.txt'))}}}\n"
    assert _found(inner, _event("2015", "[o]", ", quote: words outside"), absolute) == []


def test_through_a_link_paths_start_at_the_timelines_own_folder(tmp_path: Path) -> None:
    home = tmp_path / "repo"
    (home / "copies").mkdir(parents=True)
    (home / "copies" / "c.txt").write_text("the words", encoding="utf-8")
    (home / "t.yaml").write_text(
        "title: T\nsources:\n  c: {citation: C, text: copies/c.txt}\n"
        "actors:\n  iran: {name: Iran, kind: state}\nevents:\n"
        "  - {id: e, date: 2015, title: E, actors: [iran], sources: [c], quote: the words}\n",
        encoding="utf-8",
    )
    (tmp_path / "link.yaml").symlink_to(home / "t.yaml")
    checked = open_checked(str(tmp_path / "link.yaml"))
    assert checked.diagnostics == []


def _hostile(tmp_path: Path) -> dict[str, str]:
    """Text paths that must each be one clear warning, never a hang nor a traceback."""
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "loop1").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop1")
    (tmp_path / "folder").mkdir()
    with (tmp_path / "huge.txt").open("wb") as f:  # sparse: 300 MB that take no room
        f.truncate(300 * 1024 * 1024)
    (tmp_path / "latin1.txt").write_bytes("caf\u00e9 Assad".encode("latin-1"))
    return {
        "fifo": "not a regular file",
        "/dev/zero": "not a regular file",
        "loop1": "cannot be read: Too many levels of symbolic links",
        "folder": "a directory, not a file",
        "huge.txt": "larger than",
        "latin1.txt": "not valid UTF-8 (byte 0xE9 at offset 3)",
        "missing.txt": "no such file",
        "a\\0b": "not a path a file can have",
    }


def test_hostile_text_paths_are_each_one_warning(tmp_path: Path) -> None:
    hostile = _hostile(tmp_path)
    sources = "".join(f'h{i}: {{citation: H, text: "{path}"}}\n' for i, path in enumerate(hostile))
    cited = "[" + ", ".join(f"h{i}" for i in range(len(hostile))) + "]"
    found = _found(tmp_path, _event("2015", cited, ", quote: Assad"), sources)
    assert _codes(found) == ["unreadable-text"] * len(hostile)
    for (*_, message), why in zip(found, hostile.values(), strict=True):
        assert why in message


def _run(
    args: list[str], cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {k: v for k, v in os.environ.items() if k not in ("RIRTIME_FILE", "NO_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "rirtime", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=60,
        preexec_fn=limit,
        env=env,
        check=False,
    )


def test_hostile_text_paths_as_a_user_runs_them(tmp_path: Path) -> None:
    """A real process in 1 GiB and 60 s: warnings at FILE:LINE:COL, no traceback; --strict fails."""
    hostile = _hostile(tmp_path)
    sources = "".join(f'  h{i}: {{citation: H, text: "{p}"}}\n' for i, p in enumerate(hostile))
    cited = ", ".join(f"h{i}" for i in range(len(hostile)))
    (tmp_path / "t.yaml").write_text(
        f"title: T\nsources:\n{sources}actors:\n  iran: {{name: Iran, kind: state}}\nevents:\n"
        f"  - {{id: e, date: 2015, title: E, actors: [iran], sources: [{cited}], quote: Q}}\n",
        encoding="utf-8",
    )
    for strict, code in (([], 0), (["--strict"], 1)):
        result = _run(["check", "-f", "t.yaml", "--color", "never", *strict], tmp_path)
        err = result.stderr.decode()
        assert result.returncode == code, err
        assert "Traceback" not in err
        for i, why in enumerate(hostile.values()):
            assert f"t.yaml:{i + 3}:" in err
            assert why in err
        assert err.count("[unreadable-text]") == len(hostile)


def test_from_stdin_text_paths_start_at_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "copy.txt").write_text("Assad is our red line", encoding="utf-8")
    data = (
        b"title: T\nsources:\n  c: {citation: C, text: copy.txt}\n"
        b"actors:\n  iran: {name: Iran, kind: state}\nevents:\n"
        b"  - {id: e, date: 2015, title: E, actors: [iran], sources: [c], quote: red line}\n"
        b"  - {id: f, date: 2016, title: F, actors: [iran], sources: [c], quote: blue line}\n"
    )
    result = _run(["check", "-f", "-", "--color", "never"], tmp_path, data)
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert err.count("[quote-not-found]") == 1
    assert "<stdin>:8:" in err


# -- the command line ------------------------------------------------------------------------------


def test_the_checks_are_listed_and_selectable(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = runner.invoke(app, ["check", "--list-checks", "--format", "json"])
    rows = {r["name"]: r for r in json.loads(listed.stdout)}
    assert {"unreadable-text", "early-source", "day-from-source", "quote-not-found"} == EVIDENCE
    for name in EVIDENCE:
        assert rows[name]["family"] == "evidence"
        assert rows[name]["severity"] == "warning"
    monkeypatch.chdir(TESTS)
    path = "data/warnings_evidence.yaml"
    for name in EVIDENCE:
        result = runner.invoke(app, ["check", "-f", path, "--select", name, "--format", "json"])
        codes = {d["code"] for d in json.loads(result.stdout)}
        assert codes == {name}


def test_json_diagnostics_carry_the_codes_and_strict_fails(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(TESTS)
    path = "data/warnings_evidence.yaml"
    result = runner.invoke(app, ["check", "-f", path, "--format", "json"])
    assert result.exit_code == 0
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)]
    assert found == [
        ("unreadable-text", 16, 11),
        ("unreadable-text", 19, 11),
        ("early-source", 33, 24),
        ("quote-not-found", 39, 12),
        ("day-from-source", 41, 11),
    ]
    assert runner.invoke(app, ["check", "-f", path, "--strict"]).exit_code == 1


# -- the cache -------------------------------------------------------------------------------------


def _cached_case(tmp_path: Path) -> tuple[Path, Path]:
    copy = tmp_path / "copies" / "copy.txt"
    copy.parent.mkdir()
    copy.write_text("Assad is our red line", encoding="utf-8")
    path = tmp_path / "t.yaml"
    path.write_text(
        "title: T\nsources:\n  c: {citation: C, text: copies/copy.txt}\n"
        "actors:\n  iran: {name: Iran, kind: state}\nevents:\n"
        "  - {id: e, date: 2015, title: E, actors: [iran], sources: [c], quote: red line}\n",
        encoding="utf-8",
    )
    return path, copy


def _codes_of(path: Path) -> list[str]:
    return [d.code for d in open_checked(str(path), use_cache=True).diagnostics]


def test_the_cache_answers_an_unchanged_timeline_and_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = _cached_case(tmp_path)
    assert _codes_of(path) == []
    import rirtime.load

    def no_load(*_: object) -> None:
        raise AssertionError("loaded again: the cache did not answer")

    monkeypatch.setattr(rirtime.load, "load_text", no_load)
    assert _codes_of(path) == []


def test_a_changed_text_is_never_answered_stale(tmp_path: Path) -> None:
    path, copy = _cached_case(tmp_path)
    assert _codes_of(path) == []
    before = copy.stat()
    copy.write_text("Assad is our rad line", encoding="utf-8")
    os.utime(copy, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same size and time
    assert _codes_of(path) == ["quote-not-found"]
    copy.write_text("Assad is our red line", encoding="utf-8")
    assert _codes_of(path) == []
    copy.unlink()
    assert _codes_of(path) == ["unreadable-text"]
    copy.write_text("Assad is our red line", encoding="utf-8")
    assert _codes_of(path) == []


def test_a_changed_text_between_two_runs_of_check(tmp_path: Path) -> None:
    """As a user runs it: two processes, one cache folder, the text edited in between."""
    path, copy = _cached_case(tmp_path)
    first = _run(["check", "-f", str(path), "--strict"], tmp_path)
    assert first.returncode == 0, first.stderr
    copy.write_text("Assad is our green line", encoding="utf-8")
    second = _run(["check", "-f", str(path), "--strict"], tmp_path)
    assert second.returncode == 1
    assert b"[quote-not-found]" in second.stderr
    copy.unlink()
    third = _run(["check", "-f", str(path), "--strict"], tmp_path)
    assert b"[unreadable-text]" in third.stderr


def test_the_golden_file_reads_the_same_through_the_cache(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(TESTS)
    args = ["check", "-f", "data/warnings_evidence.yaml", "--color", "never"]
    fresh = runner.invoke(app, [*args, "--no-cache"])
    first = runner.invoke(app, args)
    monkeypatch.chdir(DATA)  # the same file by another name: its texts are the same files
    cached = runner.invoke(app, ["check", "-f", "warnings_evidence.yaml", "--color", "never"])
    assert fresh.stderr == first.stderr
    assert cached.stderr == fresh.stderr.replace(
        "data/warnings_evidence.yaml", "warnings_evidence.yaml"
    )
    assert GOLDEN.exists()
