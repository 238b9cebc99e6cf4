"""Files in an encoding rirtime does not read, or broken in theirs: a clear message, in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rirtime.cli import app

TEXT = (
    "title: T\n"
    "actors: {a: {name: A, kind: group}}\n"
    "events: [{id: e, date: 2015, title: t, actors: [a]}]\n"
)


def _check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "--color", "never", "-f", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_is_named_not_taken_for_a_nul_byte(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(TEXT.encode(encoding))
    code, err = _check(path)
    assert code == 1
    assert f"{path}:1:1: error: " in err
    assert "UTF-32" in err
    assert "iconv" in err
    assert "NUL" not in err


@pytest.mark.parametrize(("encoding", "bom"), [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"")])
def test_a_utf16_error_is_reported_where_it_is(tmp_path: Path, encoding: str, bom: bytes) -> None:
    data = TEXT.encode(encoding)
    at = data.index("t, actors".encode(encoding))  # line 3, column 37
    lone = "\udc00".encode(encoding, "surrogatepass")  # half of a pair, alone
    path = tmp_path / "t.yaml"
    path.write_bytes(bom + data[:at] + lone + data[at:])
    code, err = _check(path)
    assert code == 1
    assert f"{path}:3:37: error: not valid UTF-16" in err, err


@pytest.mark.parametrize(
    ("char", "escape"), [("\ufffe", "\\ufffe"), ("\uffff", "\\uffff"), ("\x07", "\\x07")]
)
def test_the_escape_to_write_instead_is_one_yaml_reads(
    tmp_path: Path, char: str, escape: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(f'title: "a{char}b"\n', encoding="utf-8")
    code, err = _check(path)
    assert code == 1
    assert f"{path}:1:10: error: " in err
    assert f"({escape})" in err, err
    if char != "\x07":
        assert "control character" not in err
        assert "noncharacter" in err
    # and the escape suggested is what YAML reads as that character
    path.write_text(f'title: "a{escape}b"\n', encoding="utf-8")
    assert "cannot stand" not in _check(path)[1]
