"""`export sqlite -o FILE.db`: a database that counts what `show` counts, clean by SQLite's own
checks, hostile text stored as data, and written atomically or not at all."""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, load_valid
from rirtime.cli import app
from rirtime.files import default_path
from rirtime.formats import FORMATS, Output, for_path

BUNDLED = str(default_path())
HOSTILE = str(DATA / "valid_hostile.yaml")


def _export(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["export", *args])
    return result.exit_code, result.stderr


def _show(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["show", "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    events: list[dict[str, object]] = json.loads(result.stdout)
    return events


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.parametrize("filters", [[], ["-a", "iran"], ["-t", "diplomacy", "--from", "2015"]])
def test_the_database_counts_what_show_counts(
    runner: CliRunner, tmp_path: Path, filters: list[str]
) -> None:
    db = tmp_path / "t.db"
    code, err = _export(runner, "sqlite", "-o", str(db), "-f", BUNDLED, *filters)
    assert code == 0, err
    shown = _show(runner, "-f", BUNDLED, *filters)
    assert [r[0] for r in _rows(db, "SELECT id FROM events ORDER BY position")] == [
        e["id"] for e in shown
    ]
    for table, column, field in (
        ("event_actors", "actor_id", "actors"),
        ("event_tags", "tag", "tags"),
        ("event_sources", "source_id", "sources"),
        ("event_people", "person", "people"),
    ):
        counted = dict(_rows(db, f"SELECT {column}, count(*) FROM {table} GROUP BY {column}"))
        assert counted == Counter(v for e in shown for v in e[field]), table  # type: ignore[attr-defined]
    # each event's lists in their order, its dates as the JSON gives them
    first = shown[0]
    assert [
        r[0]
        for r in _rows(
            db,
            f"SELECT actor_id FROM event_actors WHERE event_id = '{first['id']}' ORDER BY position",
        )
    ] == first["actors"]
    cols = 'date, start, "end", precision, approximate, uncertain, title'
    row = _rows(db, f"SELECT {cols} FROM events WHERE id = '{first['id']}'")[0]
    assert row == tuple(
        int(first[k]) if isinstance(first[k], bool) else first[k]  # type: ignore[call-overload]
        for k in ("date", "start", "end", "precision", "approximate", "uncertain", "title")
    )
    assert _rows(db, "PRAGMA foreign_key_check") == []
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_alternatives_and_their_sources_are_tables(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert _export(runner, "-o", str(db), "-f", BUNDLED)[0] == 0  # sqlite, from the extension
    shown = _show(runner, "-f", BUNDLED)
    alternatives = [(e["id"], a) for e in shown for a in e["alternatives"]]  # type: ignore[attr-defined]
    assert alternatives
    rows = _rows(db, 'SELECT event_id, date, start, "end", note FROM event_alternatives')
    assert sorted(map(str, rows)) == sorted(
        str((i, a["date"], a["start"], a["end"], a["note"])) for i, a in alternatives
    )
    linked = _rows(db, "SELECT count(*) FROM alternative_sources")[0][0]
    assert linked == sum(len(a["sources"]) for _, a in alternatives)


def _json_periods(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["export", "json", *args])
    assert result.exit_code == 0, result.stderr
    periods: list[dict[str, object]] = json.loads(result.stdout)["periods"]
    return periods


_PERIOD_COLUMNS = (
    "id",
    "title",
    "date",
    "start",
    "end",
    "precision",
    "approximate",
    "uncertain",
    "display",
    "note",
)


@pytest.mark.parametrize("filters", [[], ["-a", "iran", "--to", "2001"], ["--on", "1995"]])
def test_every_period_is_a_row_whatever_the_filters(
    runner: CliRunner, tmp_path: Path, filters: list[str]
) -> None:
    """Periods are background: like `export json`, the database keeps them all, each with
    the parts of its date and its sources in order."""
    db = tmp_path / "t.db"
    code, err = _export(runner, "sqlite", "-o", str(db), "-f", BUNDLED, *filters)
    assert code == 0, err
    periods = _json_periods(runner, "-f", BUNDLED, *filters)
    assert len(periods) == len(load_valid(Path(BUNDLED)).periods) > 1
    cols = ", ".join(f'"{c}"' for c in _PERIOD_COLUMNS)
    rows = _rows(db, f"SELECT {cols} FROM periods ORDER BY position")
    assert rows == [
        tuple(int(v) if isinstance(v, bool) else v for v in (p[c] for c in _PERIOD_COLUMNS))
        for p in periods
    ]
    linked = _rows(
        db, "SELECT period_id, source_id FROM period_sources ORDER BY period_id, position"
    )
    assert linked == sorted(
        ((p["id"], s) for p in periods for s in p["sources"]),  # type: ignore[attr-defined]
        key=lambda r: r[0],
    )
    assert _rows(db, "PRAGMA foreign_key_check") == []


def test_foreign_keys_and_indexes_are_declared(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert _export(runner, "sqlite", "-o", str(db), "-f", BUNDLED)[0] == 0
    with sqlite3.connect(db) as conn:
        refs = {
            (table, r[3], r[2])
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            for r in conn.execute(f"PRAGMA foreign_key_list({table})")
        }
        indexed = {
            r[0] for r in conn.execute("SELECT tbl_name FROM sqlite_master WHERE type='index'")
        }
    assert {
        ("event_actors", "actor_id", "actors"),
        ("event_actors", "event_id", "events"),
        ("event_sources", "source_id", "sources"),
        ("event_tags", "event_id", "events"),
        ("event_people", "event_id", "events"),
        ("actors", "part_of", "actors"),
        ("alternative_sources", "source_id", "sources"),
        ("period_sources", "period_id", "periods"),
        ("period_sources", "source_id", "sources"),
    } <= refs
    assert {"event_actors", "event_sources", "event_tags", "event_people", "period_sources"} <= (
        indexed
    )


def test_hostile_strings_are_stored_as_data(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    code, err = _export(runner, "sqlite", "-o", str(db), "-f", HOSTILE)
    assert code == 0, err
    shown = _show(runner, "-f", HOSTILE)
    assert [r[0] for r in _rows(db, "SELECT title FROM events ORDER BY position")] == [
        e["title"] for e in shown
    ]
    assert any("\x1b" in str(e["title"]) or "'" in str(e["title"]) for e in shown)
    periods = _json_periods(runner, "-f", HOSTILE)
    assert periods  # the hostile fixture has periods: their titles are data too
    assert [r[0] for r in _rows(db, "SELECT title FROM periods ORDER BY position")] == [
        p["title"] for p in periods
    ]
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_the_same_chronology_gives_the_same_bytes(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a.db", "b.db"):
        assert _export(runner, "sqlite", "-o", str(tmp_path / name), "-f", BUNDLED)[0] == 0
    assert (tmp_path / "a.db").read_bytes() == (tmp_path / "b.db").read_bytes()


@pytest.mark.parametrize("target", [[], ["-o", "-"]])
def test_sqlite_needs_a_file(runner: CliRunner, target: list[str]) -> None:
    result = runner.invoke(app, ["export", "sqlite", *target, "-f", BUNDLED])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "give -o FILE" in result.stderr


def test_an_existing_target_needs_force(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    db.write_bytes(b"mine")
    code, err = _export(runner, "sqlite", "-o", str(db), "-f", BUNDLED)
    assert code == 1
    assert "add --force" in err
    assert db.read_bytes() == b"mine"
    assert _export(runner, "sqlite", "-o", str(db), "-f", BUNDLED, "--force")[0] == 0
    assert _rows(db, "SELECT count(*) FROM events")[0][0] == len(_show(runner, "-f", BUNDLED))


def test_a_failing_write_leaves_nothing(tmp_path: Path) -> None:
    """A file size limit stops the write half-way (EFBIG): no database, no temporary file."""

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [sys.executable, "-m", "rirtime", "export", "sqlite", "-o", "t.db", "-f", BUNDLED],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        preexec_fn=small_files,
        env={**os.environ, "RIRTIME_NO_CACHE": "1"},
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert b"t.db: cannot write" in result.stderr
    assert b"Traceback" not in result.stderr
    assert os.listdir(tmp_path) == []


def test_the_registry_guesses_sqlite_from_the_extension() -> None:
    for name in ("x.db", "x.sqlite", "x.SQLITE3"):
        assert for_path(name, Output.FILE) is FORMATS["sqlite"]
    assert not FORMATS["sqlite"].writes(Output.DOCUMENT)  # never text, never stdout


def test_sqlite_utils_opens_it_as_it_is(runner: CliRunner, tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    db_path = tmp_path / "timeline.db"
    assert _export(runner, "-o", str(db_path), "-f", BUNDLED)[0] == 0
    db = sqlite_utils.Database(db_path)
    assert db["events"].pks == ["id"]
    assert {(k.column, k.other_table) for k in db["event_actors"].foreign_keys} == {
        ("event_id", "events"),
        ("actor_id", "actors"),
    }
    assert db["events"].count == len(_show(runner, "-f", BUNDLED))


def test_the_readme_duckdb_query_over_jsonl(runner: CliRunner, tmp_path: Path) -> None:
    """`select unnest(actors) ... from read_json_auto('events.jsonl')` counts what show counts."""
    duckdb = pytest.importorskip("duckdb")
    jsonl = tmp_path / "events.jsonl"
    assert _export(runner, "jsonl", "-o", str(jsonl), "-f", BUNDLED)[0] == 0
    query = (
        "select unnest(actors) as actor, count(*) as n "
        f"from read_json_auto('{jsonl}') group by actor order by n desc"
    )
    counted = dict(duckdb.connect().execute(query).fetchall())
    shown = _show(runner, "-f", BUNDLED)
    assert counted == Counter(a for e in shown for a in e["actors"])  # type: ignore[attr-defined]
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert query.replace(str(jsonl), "events.jsonl") in readme
