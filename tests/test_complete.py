"""Shell completion of actor ids, tags, source ids and format names, as a shell asks for it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA

SHOW = str(DATA / "valid_show.yaml")


def _complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word of `words`."""
    full = {
        **os.environ,
        "_RIRTIME_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        **(env or {}),
    }
    result = subprocess.run(
        [sys.executable, "-c", "from rirtime.cli import main; main()"],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (f"rirtime show -f {SHOW} --actor ir", ["iran", "irgc"]),
        (f"rirtime show -f {SHOW} -a q", ["quds-force"]),
        (f"rirtime show -f {SHOW} --not-actor hez", ["hezbollah"]),
        (f"rirtime show -f {SHOW} --tag v", ["veto", "visit"]),
        (f"rirtime export md -f {SHOW} --source n", ["n14"]),
        (f"rirtime add -f {SHOW} --actor sy", ["syria"]),
        ("rirtime show --format js", ["json", "jsonl"]),
        ("rirtime export ic", ["ics"]),
    ],
)
def test_completion(words: str, expected: list[str]) -> None:
    assert _complete(words) == expected


def test_completion_reads_the_file_from_the_environment() -> None:
    assert _complete("rirtime show -a hez", {"RIRTIME_FILE": SHOW}) == ["hezbollah"]


def test_completion_survives_a_broken_file() -> None:
    broken = str(DATA / "syntax_unclosed.yaml")
    assert _complete(f"rirtime show -f {broken} -a x") == []


# -- hostile text, in every shell ----------------------------------------------------------------

# What may never reach a shell's completion menu raw (the hostile suite's rule).
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]"
)

HOSTILE_TIMELINE = """\
title: T
sources:
  s1: {citation: "Cite \\e]0;pwned\\a \\u202Eevil\\u202C [/link] [bold]b[/bold]"}
actors:
  a1: {name: "Name \\e[31mred\\e[0m \\u202Ertl [/x] [red]A[/red]", kind: group}
  a2: {name: "Two\\nlines", kind: group}
events:
  - {id: e, date: 2015, title: t, actors: [a1, a2], sources: [s1], tags: [tag-one]}
"""


def _complete_in(shell: str, words: str) -> str:
    """What typer's completion prints for `shell` (the variables its installed script sets)."""
    env = {
        **os.environ,
        "_RIRTIME_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": words,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split())),
    }
    result = subprocess.run(
        [sys.executable, "-c", "from rirtime.cli import main; main()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("option", ["--actor", "--source", "--tag"])
def test_completion_shows_hostile_text_harmlessly(tmp_path: Path, shell: str, option: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_TIMELINE, encoding="utf-8")
    out = _complete_in(shell, f"rirtime show -f {path} {option} ")
    found = UNSAFE.search(out)
    assert found is None, (shell, option, out)
    expected = {"--actor": ["a1", "a2"], "--source": ["s1"], "--tag": ["tag-one"]}[option]
    for value in expected:
        assert value in out, (shell, out)
    if shell == "bash" or option == "--tag":
        return  # bash shows no help; a tag has none
    # The help is the file's text, one line a completion, markup shown as written.
    assert len([line for line in out.splitlines() if line.strip()]) == len(expected), out
    if option == "--actor":
        assert "\u241b[31mred\u241b[0m <U+202E>rtl [/x] [red]A[/red]" in out, out
        assert "Two lines" in out, out
    else:
        assert "Cite \u241b]0;pwned\u2407 <U+202E>evil<U+202C> [/link] [bold]b[/bold]" in out, out


def test_completion_help_of_the_bundled_hostile_file() -> None:
    out = _complete_in("zsh", f"rirtime show -f {DATA / 'valid_hostile.yaml'} -a ")
    assert '"a":"[red]A[/red]"' in out, out


# zsh evaluates what completion prints: `_arguments '*: :(("id":"help" ...))'` becomes an array
# assignment through eval. This stands in for zsh's own _arguments, doing just that.
_ZSH_ARGUMENTS = r"""
_arguments() {
  local spec=$1 inner
  inner=${spec#*\(\(}
  inner=${inner%\)\)}
  eval "local -a ws; ws=( $inner )"
}
eval $(env _TYPER_COMPLETE_ARGS="$1" _RIRTIME_COMPLETE=complete_zsh "$2" -m rirtime)
"""
_PAYLOADS = [
    '\\"); touch {mark}; ws=(\\"',
    '\\\\"); touch {mark}; ws=(\\\\"',
    "$(touch {mark})",
    "`touch {mark}`",
    "'; touch {mark}; '",
    '"); touch {mark}; ws=("',
    "\\$(touch {mark})",
]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
@pytest.mark.parametrize("payload", _PAYLOADS)
@pytest.mark.parametrize("option", ["-a", "--source"])
def test_zsh_completion_never_runs_what_a_file_says(
    tmp_path: Path, payload: str, option: str
) -> None:
    mark = tmp_path / "PWNED"
    text = payload.format(mark=mark).replace("'", "''")
    # In a valid file (the name and the citation), and as an id (a file that fails check).
    for name, citation, actor_id in ((text, text, "iran"), ("N", "C", f"iran{text}")):
        (tmp_path / "evil.yaml").write_text(
            "title: T\n"
            f"sources: {{s: {{citation: '{citation}'}}, '{actor_id}': {{citation: C}}}}\n"
            f"actors:\n  '{actor_id}': {{name: '{name}', kind: state}}\n"
            "events:\n"
            f"  - {{id: one, date: 2015, title: One, actors: ['{actor_id}'], sources: [s]}}\n",
            encoding="utf-8",
        )
        _zsh_completes(tmp_path, option)
        assert not mark.exists(), (name, citation, actor_id)


def _zsh_completes(tmp_path: Path, option: str) -> None:
    script = tmp_path / "harness.zsh"
    script.write_text(_ZSH_ARGUMENTS, encoding="utf-8")
    subprocess.run(
        ["zsh", str(script), f"rirtime show -f evil.yaml {option} ", sys.executable],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
