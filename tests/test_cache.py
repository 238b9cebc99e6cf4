"""The cache of checked timelines: used only for the same bytes, never stale, never trusted."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import DATA
from entries import read_entry, write_entry
from rirtime import cache
from rirtime import workspace as workspace_module
from rirtime.cli import app
from rirtime.workspace import open_checked

SHOW = DATA / "valid_show.yaml"


def _entries() -> list[Path]:
    folder = cache.cache_folder()
    return sorted(folder.iterdir()) if folder.exists() else []


def _copy(tmp_path: Path, source: Path = SHOW) -> Path:
    path = tmp_path / "t.yaml"
    path.write_bytes(source.read_bytes())
    return path


def _outputs(runner: CliRunner, path: Path, *extra: str) -> list[str]:
    out = []
    for fmt in ("plain", "json", "jsonl", "csv", "tsv"):
        result = runner.invoke(app, ["show", "-f", str(path), "--format", fmt, *extra])
        assert result.exit_code == 0, result.stderr
        out.append(result.stdout)
    for command in (
        ["export", "md"],
        ["actors", "--format", "json"],
        ["stats", "--format", "json"],
    ):
        out.append(runner.invoke(app, [*command, "-f", str(path), *extra]).stdout)
    return out


def test_a_cached_read_gives_the_same_output(runner: CliRunner, tmp_path: Path) -> None:
    path = _copy(tmp_path)
    fresh = _outputs(runner, path, "--no-cache")
    assert _entries() == []
    first = _outputs(runner, path)  # fills the cache
    assert [p.suffix for p in _entries()] == [".json", ".jsonl"]
    cached = _outputs(runner, path)  # reads it
    assert fresh == first == cached


def test_hits_are_hits(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    open_checked(str(path), use_cache=True)
    data = path.read_bytes()
    assert cache.lookup(os.path.realpath(path), data, "t.yaml") is not None


def test_never_stale_even_with_the_same_size_and_time(runner: CliRunner, tmp_path: Path) -> None:
    path = _copy(tmp_path)
    runner.invoke(app, ["show", "-f", str(path)])
    stat = path.stat()
    text = path.read_text().replace("Rouhani visits Moscow", "Rouhani visits Sochi!")
    path.write_text(text)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    result = runner.invoke(app, ["show", "-f", str(path)])
    assert "Rouhani visits Sochi!" in result.stdout


def test_diagnostics_come_back_the_same(runner: CliRunner, tmp_path: Path) -> None:
    path = _copy(tmp_path, DATA / "warnings.yaml")
    fresh = runner.invoke(app, ["check", "-f", str(path), "--no-cache", "--color", "never"])
    first = runner.invoke(app, ["check", "-f", str(path), "--color", "never"])
    cached = runner.invoke(app, ["check", "-f", str(path), "--color", "never"])
    assert fresh.stderr == first.stderr == cached.stderr
    assert "out of chronological order" in cached.stderr
    assert "16 |" in cached.stderr
    broken = _copy(tmp_path, DATA / "references.yaml")
    results = [runner.invoke(app, ["check", "-f", str(broken), "--color", "never"]) for _ in "ab"]
    assert results[0].stderr == results[1].stderr
    assert results[1].exit_code == 1


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json at all \x00\xff",
        b'{"key": 1}',
        b"[1, 2, 3]",
        b'{"key": null, "timeline": {}}',
    ],
    ids=["empty", "garbage", "foreign", "list", "nulls"],
)
def test_corrupt_entries_are_ignored_and_rebuilt(
    runner: CliRunner, tmp_path: Path, damage: bytes
) -> None:
    path = _copy(tmp_path)
    expected = runner.invoke(app, ["show", "-f", str(path), "--format", "json"]).stdout
    entry = next(p for p in _entries() if p.suffix == ".json")
    entry.write_bytes(damage)
    result = runner.invoke(app, ["show", "-f", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert result.stdout == expected
    assert entry.read_bytes() != damage  # rebuilt


def test_a_tampered_entry_with_the_right_key_is_caught(runner: CliRunner, tmp_path: Path) -> None:

    path = _copy(tmp_path)
    expected = runner.invoke(app, ["show", "-f", str(path), "--format", "jsonl"]).stdout
    lines = next(p for p in _entries() if p.suffix == ".jsonl")
    lines.write_bytes(lines.read_bytes().replace(b"Rouhani", b"Someone"))
    assert runner.invoke(app, ["show", "-f", str(path), "--format", "jsonl"]).stdout == expected
    entry = next(p for p in _entries() if p.suffix == ".json")
    data, rows = read_entry(entry)
    rows[0][data["timeline"]["events"]["columns"].index("date")] = "2015-02-30"  # impossible
    write_entry(entry, data, rows)
    assert runner.invoke(app, ["show", "-f", str(path), "--format", "jsonl"]).stdout == expected


def test_no_cache_option_and_environment(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(tmp_path)
    # each run must succeed: a run that failed early would leave no entry either
    assert runner.invoke(app, ["show", "-f", str(path), "--no-cache"]).exit_code == 0
    assert _entries() == []
    monkeypatch.setenv("RIRTIME_NO_CACHE", "1")
    assert runner.invoke(app, ["check", "-f", str(path)]).exit_code == 0
    assert _entries() == []
    monkeypatch.setenv("RIRTIME_NO_CACHE", "0")
    assert runner.invoke(app, ["check", "-f", str(path)]).exit_code == 0
    assert [p.suffix for p in _entries()] == [".json"]  # the JSON lines: only when jsonl asks


def test_an_unwritable_cache_folder_is_no_problem(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = _copy(tmp_path)
    for _ in range(2):
        result = runner.invoke(app, ["show", "-f", str(path)])
        assert result.exit_code == 0
        assert len(result.stdout.splitlines()) == 9


def test_stdin_is_never_cached(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "-f", "-"], input=SHOW.read_text())
    assert result.exit_code == 0
    assert _entries() == []


def test_an_entry_is_named_fields_from_the_spec(runner: CliRunner, tmp_path: Path) -> None:

    from rirtime import spec

    path = _copy(tmp_path)
    runner.invoke(app, ["check", "-f", str(path)])
    entry, _ = read_entry(next(p for p in _entries() if p.suffix == ".json"))
    timeline = entry["timeline"]
    for kind in (spec.SOURCE, spec.ACTOR, spec.EVENT):
        columns = timeline[kind.name + "s"]["columns"]
        assert columns[-len(kind.names) :] == list(kind.names)
    assert entry["key"]["code"] == cache.code_fingerprint()


def test_a_change_of_the_code_is_a_new_key(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a source checkout the version stays while a rule changes: the entry must not be used."""
    path = _copy(tmp_path)
    runner.invoke(app, ["check", "-f", str(path)])
    data = path.read_bytes()
    assert cache.lookup(os.path.realpath(path), data, "t.yaml") is not None
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    module = package / "sub" / "rule.py"
    module.write_text("RULE = 1\n")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    monkeypatch.setattr(cache, "_fingerprint", [])
    first = cache.code_fingerprint()
    assert cache.lookup(os.path.realpath(path), data, "t.yaml") is None
    module.write_text("RULE = 22\n")
    monkeypatch.setattr(cache, "_fingerprint", [])
    assert cache.code_fingerprint() != first


def test_the_code_fingerprint_is_every_module_rglob_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk with os.scandir (for start-up time) finds what Path.rglob did, in its order,
    so the key is the same: nested folders, a name that sorts between others, a link to a
    folder (not followed), a file that is not a module."""
    import hashlib

    package = tmp_path / "package"
    for name in ("a.py", "a/b.py", "a/c/d.py", "a-b.py", "ab/z.py", "notes.txt", ".hidden.py"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(f"# {name}\n")
    (package / "linked").symlink_to(package / "a", target_is_directory=True)
    h = hashlib.blake2b(digest_size=16)
    for module in sorted(package.rglob("*.py")):
        st = module.stat()
        h.update(
            f"{module.relative_to(package).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode()
        )
    monkeypatch.setattr(cache, "_PACKAGE", package)
    monkeypatch.setattr(cache, "_fingerprint", [])
    assert cache.code_fingerprint() == h.hexdigest()


def test_a_cached_chronology_does_not_pretend_to_know_field_places(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _copy(tmp_path)
    runner.invoke(app, ["check", "-f", str(path)])
    hit = cache.lookup(os.path.realpath(path), path.read_bytes(), "t.yaml")
    assert hit is not None
    event = hit.timeline.events[0]
    assert event.places.entry.line > 1
    with pytest.raises(LookupError):
        event.places.at("title")


def _planted(tmp_path: Path, runner: CliRunner) -> tuple[Path, Path]:
    path = _copy(tmp_path)
    runner.invoke(app, ["check", "-f", str(path)])
    (entry,) = (p for p in _entries() if p.suffix == ".json")
    return path, entry


def test_a_link_planted_at_an_entry_is_replaced_never_followed(
    runner: CliRunner, tmp_path: Path
) -> None:
    path, entry = _planted(tmp_path, runner)
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    for target in (victim, path):
        entry.unlink()
        entry.symlink_to(target)
        before = target.read_bytes()
        result = runner.invoke(app, ["show", "-f", str(path), "--format", "json"])
        assert result.exit_code == 0
        assert target.read_bytes() == before  # not written through the link
        assert not entry.is_symlink()  # the entry was made anew in its place


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_entry_that_is_no_file_neither_hangs_nor_isread_entry(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    path, entry = _planted(tmp_path, runner)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    result = runner.invoke(app, ["show", "-f", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("title", None),
        ("title", 5),
        ("actors", None),
        ("actors", "iran"),
        ("actors", ["iran", 1]),
        ("actors", [["iran"]]),
        ("tags", [None]),
        ("tags", {"a": 1}),
        ("date", None),
        ("@line", 1e309),
        ("@line", True),
        ("@column", "1"),
        ("@length", None),
    ],
)
def test_an_entry_with_impossible_values_is_ignored(
    runner: CliRunner, tmp_path: Path, column: str, value: object
) -> None:
    path, entry = _planted(tmp_path, runner)
    expected = runner.invoke(app, ["show", "-f", str(path), "--format", "json"]).stdout
    data, rows = read_entry(entry)
    rows[0][data["timeline"]["events"]["columns"].index(column)] = value
    write_entry(entry, data, rows)
    result = runner.invoke(app, ["show", "-f", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert result.stdout == expected


def test_a_path_that_is_not_unicode_is_read_without_the_cache(tmp_path: Path) -> None:
    import subprocess
    import sys

    name = os.fsdecode(b"t\xff.yaml")
    (tmp_path / name).write_bytes(SHOW.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "check", "-f", name],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr


# -- the folder: private, where the XDG spec puts it, and bounded ---------------------------------


def test_the_cache_folder_and_the_parents_it_makes_are_private(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "made" / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    path = _copy(tmp_path)
    old = os.umask(0o022)
    try:
        assert runner.invoke(app, ["check", "-f", str(path)]).exit_code == 0
    finally:
        os.umask(old)
    for folder in (tmp_path / "made", base, base / "rirtime"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert len(_entries()) == 1  # check stores no JSON lines


def test_a_cache_folder_open_to_others_is_made_private(runner: CliRunner, tmp_path: Path) -> None:
    folder = cache.cache_folder()
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert runner.invoke(app, ["check", "-f", str(_copy(tmp_path))]).exit_code == 0
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_relative_xdg_cache_home_is_ignored(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    assert cache.cache_folder() == home / ".cache" / "rirtime"
    assert runner.invoke(app, ["check", "-f", str(_copy(tmp_path))]).exit_code == 0
    assert not (work / "relative-cache").exists()
    assert len(list((home / ".cache" / "rirtime").iterdir())) == 1


def _fill(runner: CliRunner, tmp_path: Path, n: int, start: int = 0) -> list[Path]:
    """n files checked once each, so n entries written, the last the newest."""
    paths = []
    for i in range(start, start + n):
        path = tmp_path / f"t{i}.yaml"
        path.write_bytes(SHOW.read_bytes())
        assert runner.invoke(app, ["check", "-f", str(path)]).exit_code == 0
        paths.append(path)
    return paths


def _entry_stems() -> set[str]:
    return {p.stem for p in _entries() if p.suffix in (".json", ".jsonl")}


def _stem(path: Path) -> str:
    return cache._entry_path(os.path.realpath(path), cache.cache_folder()).stem


def test_the_cache_keeps_the_entries_last_used_and_no_more(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    first = _fill(runner, tmp_path, 3)
    folder = cache.cache_folder()
    (folder / "notes.txt").write_text("not the cache's: never removed\n")
    stale, live = folder / ".entry.abc.tmp", folder / ".entry.def.tmp"
    stale.write_text("a crashed write")
    live.write_text("a write under way")
    os.utime(stale, (1, 1))
    os.utime(folder / f"{_stem(first[0])}.json", (2, 2))  # the oldest, until it is used
    runner.invoke(app, ["show", "-f", str(first[0])])  # a hit: used now
    later = _fill(runner, tmp_path, 2, start=3)
    assert _entry_stems() == {_stem(first[0]), *(_stem(p) for p in later)}
    assert (folder / "notes.txt").exists()
    assert not stale.exists()
    assert live.exists()


def test_the_cache_keeps_within_its_bytes_but_always_the_newest(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_TOTAL", 1)
    paths = _fill(runner, tmp_path, 3)
    assert _entry_stems() == {_stem(paths[-1])}


def test_pruning_that_fails_fails_no_command(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 1)
    _fill(runner, tmp_path, 1)
    (cache.cache_folder() / ("0" * 32 + ".json")).mkdir()  # a folder by an entry's name

    def refuse(path: object) -> None:
        raise PermissionError(path)

    monkeypatch.setattr(cache.os, "unlink", refuse)
    paths = _fill(runner, tmp_path, 2, start=1)
    result = runner.invoke(app, ["show", "-f", str(paths[-1]), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"]


def test_a_cache_folder_linked_elsewhere_of_ones_own_is_used(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, base = tmp_path / "elsewhere", tmp_path / "base"
    target.mkdir()
    base.mkdir()
    (base / "rirtime").symlink_to(target)  # a user's own link, to a bigger disk say
    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    assert runner.invoke(app, ["check", "-f", str(_copy(tmp_path))]).exit_code == 0
    assert len(list(target.iterdir())) == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
@pytest.mark.parametrize("whose", ["folder", "link"])
def test_a_cache_folder_of_someone_else_is_not_used(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whose: str
) -> None:
    target, base = tmp_path / "elsewhere", tmp_path / "base"
    target.mkdir()
    base.mkdir()
    link = base / "rirtime"
    link.symlink_to(target)  # a link planted at the folder's name
    os.chown(target if whose == "folder" else link, 1234, 1234, follow_symlinks=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    for _ in "ab":  # written, then read: neither
        assert runner.invoke(app, ["check", "-f", str(_copy(tmp_path))]).exit_code == 0
    assert list(target.iterdir()) == []


# -- the JSON lines go to stdout as they are: a digest of their own proves nothing ---------------


def _forge(lines_path: Path, entry: Path, line: str) -> None:
    """Put `line` first in the stored lines, with the digest the entry checks recomputed."""
    import hashlib

    stored = lines_path.read_bytes().split(b"\n")
    stored[0] = line.encode()
    forged = b"\n".join(stored)
    lines_path.write_bytes(forged)
    data, rows = read_entry(entry)
    data["jsonl"] = hashlib.blake2b(forged, digest_size=32).hexdigest()
    write_entry(entry, data, rows)


@pytest.mark.parametrize(
    "forge",
    [
        lambda line: line.replace('"title": "', '"title": "\x1b]52;c;cHduZWQ=\x07\x1b[2J', 1),
        lambda line: line.replace('"title": "', '"title": "\x9b2J', 1),
        lambda line: line.replace('"title": "', '"title": "\u202eevil', 1),
        lambda line: line.replace('"title": "', '"title": "\U000e0041\U000e0042', 1),
        lambda line: line.replace('"title": "', '"title": "a\u2028b', 1),
        lambda line: line.replace('"title": "', '"title": "a\x7fb', 1),
        lambda line: line.replace('"title": "', '"title": "a\tb', 1),
        lambda line: line[:-1],  # not JSON
        lambda line: f"[{line}]",  # not an object
        lambda line: f"{line} {line}",  # two of them
        lambda line: line.replace('"id": "', '"id": "x', 1),  # another event's
    ],
    ids=[
        *("escape", "c1", "bidi", "tag-characters", "line-separator", "del", "tab"),
        *("truncated", "array", "two", "other-id"),
    ],
)
def test_forged_json_lines_never_reach_stdout(
    runner: CliRunner, tmp_path: Path, forge: Callable[[str], str]
) -> None:
    path = _copy(tmp_path)
    expected = runner.invoke(app, ["show", "-f", str(path), "--format", "jsonl"]).stdout
    lines_path = next(p for p in _entries() if p.suffix == ".jsonl")
    entry = lines_path.with_suffix(".json")
    first = expected.split("\n")[0]
    assert forge(first) != first
    _forge(lines_path, entry, forge(first))
    assert cache.lookup(os.path.realpath(path), path.read_bytes(), "t.yaml") is None
    result = runner.invoke(app, ["show", "-f", str(path), "--format", "jsonl"])
    assert result.exit_code == 0
    assert result.stdout == expected


def test_the_stored_lines_are_checked_for_every_character_a_full_search_finds() -> None:
    """The check of the stored lines searches only what is not printable ASCII (see
    `_beyond_printable_ascii`): it must find exactly what a search of the whole text finds,
    for every code point, alone and between ASCII letters."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    text = "a".join(every) + "\n"
    rest = cache._beyond_printable_ascii(text.encode()).decode()
    unsafe = re.compile(cache._RAW_UNSAFE)
    assert set(unsafe.findall(rest)) == set(unsafe.findall(text))
    assert not set(rest) & set("a\n ~")


@pytest.mark.parametrize("enabled", [True, False])
def test_a_cached_read_runs_no_garbage_collection_and_restores_the_collector(
    runner: CliRunner, tmp_path: Path, enabled: bool
) -> None:
    """Counted, not timed: the read makes many objects and no cycle, so a collection during it
    only walks them again (see cache._collector_paused)."""
    import gc
    import subprocess
    import sys

    path = tmp_path / "t.yaml"
    generate = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
    made = [sys.executable, str(generate), "3000", "-o", str(path)]
    subprocess.run(made, check=True, timeout=600)
    assert runner.invoke(app, ["check", "-f", str(path)]).exit_code == 0
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    real, data = os.path.realpath(path), path.read_bytes()
    gc.collect()  # so that no collection is due as the read starts
    gc.callbacks.append(count)
    (gc.enable if enabled else gc.disable)()
    try:
        hit = cache.lookup(real, data, "t.yaml")
        assert gc.isenabled() is enabled
    finally:
        gc.callbacks.remove(count)
        gc.enable()
    assert hit is not None
    assert len(hit.timeline.events) == 3000
    assert collections in ([], [0])  # at most the young one a collector enabled again runs


@pytest.mark.parametrize(
    "command",
    [
        ["show", "--format", "text"],
        ["show", "--format", "plain"],
        ["export", "md"],
        ["export", "html"],
        ["show", "--format", "jsonl"],
    ],
)
def test_the_stored_lines_are_read_and_checked_only_for_the_jsonl_view(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """Counted: every other view of a cached file leaves the stored lines unread (their check
    was a fifth of the read); jsonl reads and checks them once."""
    path = _copy(tmp_path)
    expected = runner.invoke(app, [*command, "-f", str(path)]).stdout
    reads: list[Path] = []
    stored_lines = cache._stored_lines

    def counted(entry_path: Path, digest: object, events: object) -> list[str]:
        reads.append(entry_path)
        return stored_lines(entry_path, digest, events)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "_stored_lines", counted)
    result = runner.invoke(app, [*command, "-f", str(path)])
    assert result.exit_code == 0
    assert result.stdout == expected
    assert len(reads) == (1 if "jsonl" in command else 0)


def test_forged_lines_found_when_first_read_are_made_again_from_the_events(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _copy(tmp_path)
    expected = runner.invoke(app, ["show", "-f", str(path), "--format", "jsonl"]).stdout
    lines_path = next(p for p in _entries() if p.suffix == ".jsonl")
    first = expected.split("\n")[0]
    _forge(
        lines_path,
        lines_path.with_suffix(".json"),
        first.replace('"title": "', '"title": "\x1b[2J', 1),
    )
    hit = cache.lookup(
        os.path.realpath(path), path.read_bytes(), "t.yaml", remake=lambda e: ["made"] * len(e)
    )
    assert hit is not None
    assert hit.json_lines is not None
    assert hit.json_lines[0] == "made"
    assert runner.invoke(app, ["show", "-f", str(path), "--format", "jsonl"]).stdout == expected


def test_an_entry_is_written_as_json_encodes_it_in_one_go() -> None:
    """Written in pieces (so a large entry is never one string), each piece encoded by json's C
    encoder: the bytes are exactly what encoding the whole entry at once gives."""
    import json

    from rirtime.cache import _encoded

    value = {
        "key": {"path": "t.yaml", "size": 3},
        "timeline": {"events": {"id": [f"e{i}" for i in range(5000)], "note": [None, "\u00e9"]}},
        "diagnostics": [{"line": i, "message": "x\u2028y"} for i in range(3000)],
        "empty": {"list": [], "map": {}},
    }
    whole = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode(value)
    assert "".join(_encoded(value)) == whole


def test_a_first_check_stores_no_json_lines_and_the_first_jsonl_stores_them(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only jsonl needs the events' JSON lines: `check` does not make them (a fifth of its time,
    benchmarks/RESULTS.md); the first cached jsonl makes them, stores them beside the entry and
    writes the entry again with their digest; the next reads them (counted)."""
    path = _copy(tmp_path)
    expected = runner.invoke(app, ["show", "-f", str(path), "--format", "jsonl", "--no-cache"])
    assert runner.invoke(app, ["check", "-f", str(path)]).exit_code == 0
    assert [p.suffix for p in _entries()] == [".json"]
    header, rows = read_entry(_entries()[0])
    assert header["jsonl"] is None
    made: list[int] = []
    remake = workspace_module._json_lines

    def counted(events: Any) -> list[str]:
        made.append(len(events))
        return remake(events)

    monkeypatch.setattr(workspace_module, "_json_lines", counted)
    for _ in range(3):
        result = runner.invoke(app, ["show", "-f", str(path), "--format", "jsonl"])
        assert result.stdout == expected.stdout
    assert made == [len(rows)]  # made once, then read
    assert [p.suffix for p in _entries()] == [".json", ".jsonl"]
    again, rows_again = read_entry(_entries()[0])
    assert again["jsonl"] is not None
    assert {**again, "jsonl": None} == header
    assert rows_again == rows


def test_the_diagnostics_are_written_as_json_encodes_their_rows() -> None:
    """Each diagnostic's row is written at once (no dict and list made for it): the bytes are
    exactly those of encoding the rows, whatever the texts hold."""
    import json

    from rirtime.cache import _dump_diagnostics, _encoded
    from rirtime.errors import Diagnostic, Loc, Severity

    texts = ["plain", 'a "quote" and \\ back', "\x00\x1b\x7f\x85", "\u2028\u2029", "é日本🙂", ""]
    diags = [
        Diagnostic(Loc("t.yaml", i + 1, 2**21 + i, i), severity, code, message)
        for i, (severity, code, message) in enumerate(
            (s, c, m) for s in Severity for c in texts for m in texts
        )
    ]
    rows = [
        {
            "@": [d.loc.line, d.loc.column, d.loc.length],
            "severity": d.severity.value,
            "code": d.code,
            "message": d.message,
        }
        for d in diags
    ]
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for some in (rows, rows[:1], []):
        value = {"key": "k", "diagnostics": some}
        dumped = {"key": "k", "diagnostics": _dump_diagnostics(diags[: len(some)])}
        assert "".join(_encoded(dumped)) == encode(value)


def test_a_check_whose_findings_far_outnumber_the_entries_is_not_stored(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Reading back a hundred thousand findings about one line costs what finding them again
    does: such a check is not stored (a failed check of a few findings is, as before)."""
    path = tmp_path / "t.yaml"
    unknown = ", ".join(f"nobody-{i}" for i in range(3000))
    path.write_text(
        SHOW.read_text().replace("actors: [iran, russia]", f"actors: [iran, russia, {unknown}]", 1)
    )
    assert "nobody-0" in path.read_text()
    first = runner.invoke(app, ["check", "-f", str(path)])
    assert first.exit_code == 1
    assert first.stderr.count("is not an actor") == 3000
    assert _entries() == []
    assert runner.invoke(app, ["check", "-f", str(path)]).stderr == first.stderr
