"""What the command line may import, read from the source: at start only typer, the registry and
its own modules (start-up time); never YAML, JSON or CSV (the library decides and formats); and
nothing in the library imports the command line."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "rirtime"
CLI = sorted((SRC / "cli").glob("*.py"))
LIBRARY = sorted(p for p in SRC.rglob("*.py") if "cli" not in p.relative_to(SRC).parts)

# What a cli/ module may import when it is imported, before any command runs (typer.core is
# typer's own, imported by `import typer`: the app's command group is a subclass of its TyperGroup).
AT_START = {
    "rirtime",
    "rirtime.complete",
    "rirtime.errors",
    "rirtime.formats",
    "typer",
    "typer.core",
}
NEVER_IN_CLI = {"yaml", "json", "csv"}


def _imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """Every module imported, and whether at start (module level, not for type checking)."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, at_start: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((alias.name, at_start) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module, at_start))
            else:
                later = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) or (
                    isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
                )
                visit(child, at_start and not later)

    visit(tree, True)
    return found


def _stdlib(name: str) -> bool:
    return name.split(".", maxsplit=1)[0] in sys.stdlib_module_names


@pytest.mark.parametrize("path", CLI, ids=lambda p: p.name)
def test_cli_imports_little_at_start(path: Path) -> None:
    for module, at_start in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        assert module.split(".")[0] not in NEVER_IN_CLI, f"{path.name} imports {module}"
        if at_start and not _stdlib(module) and not module.startswith("rirtime.cli"):
            assert module in AT_START, f"{path.name} imports {module} at start"


@pytest.mark.parametrize("path", [*CLI, SRC / "complete.py"], ids=lambda p: p.name)
def test_what_typer_reads_has_real_annotations(path: Path) -> None:
    # typer reads the commands' and completion callbacks' annotations at every start, and
    # eval()s each one that is a string: no `from __future__ import annotations` there.
    source = path.read_text(encoding="utf-8")
    if path.name == "complete.py" or "typer.Option" in source or "typer.Argument" in source:
        assert ("__future__", True) not in _imports(ast.parse(source))


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(SRC)))
def test_the_library_never_imports_the_command_line(path: Path) -> None:
    if path.name == "__main__.py":
        return  # the entry point runs it
    for module, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        assert not module.startswith(("rirtime.cli", "typer")), f"{path} imports {module}"


# -- what a run imports: the modules loaded by one real process -----------------------------------

_MODULES_AT_EXIT = (
    "import atexit, sys\n"
    "sys.argv = ['rirtime', *sys.argv[1:]]\n"
    "atexit.register(lambda: sys.__stderr__.write('\\n'.join(sorted(sys.modules))))\n"
    "from rirtime.__main__ import main\n"
    "main()\n"
)


def _loaded(
    args: list[str], env: dict[str, str], cwd: Path, code: str = _MODULES_AT_EXIT
) -> set[str]:
    """The modules a run of `rirtime ARGS` had imported when it ended (it writes nothing else
    on stderr when it succeeds); with `code`, those of that program, written on stderr."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=True,
    )
    return set(done.stderr.split())


# A cached `show` reads the cache entry and writes lines: it never parses YAML, checks, draws
# with rich, parses dates with dateutil, or declares the other commands (typer reads the options
# of each declared command at every start). Nor does it load OpenSSL for a BLAKE2 hash (hashlib
# imports _hashlib; cache.py takes _blake2's), or tempfile and random, which only a cache write
# needs (benchmarks/notes-startup.md).
NOT_IN_A_CACHED_SHOW = {
    "yaml",
    "rich",
    "dateutil",
    "rirtime.load",
    "rirtime.syntax",
    "rirtime.checks",
    "rirtime.edit",
    "rirtime.render",
    *(f"rirtime.cli.{m}" for m in ("add", "ask", "chart", "check", "diff", "export", "lists")),
    *(f"rirtime.cli.{m}" for m in ("imports", "init", "schema", "pager")),
    "_hashlib",
    "hashlib",
    "tempfile",
    "random",
}


def test_a_cached_show_imports_only_what_it_uses(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    for name in ("NO_COLOR", "FORCE_COLOR", "RIRTIME_FILE", "RIRTIME_NO_CACHE"):
        env.pop(name, None)
    args = ["show", "--format", "plain"]
    _loaded(args, env, tmp_path)  # the bundled chronology (no timeline.yaml here): fills the cache
    # What the interpreter loads before rirtime runs (a site-packages .pth may import certifi,
    # and with it tempfile and random) is not rirtime's doing.
    bare = _loaded([], env, tmp_path, "import sys; sys.stderr.write(' '.join(sys.modules))")
    loaded = _loaded(args, env, tmp_path) - bare
    assert "rirtime.cli.show" in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"yaml", "rich", "dateutil"}}
    assert not loaded & NOT_IN_A_CACHED_SHOW


def test_a_run_makes_no_garbage_collection(tmp_path: Path) -> None:
    """The cyclic collector is off from the start of `main`, before the command line is
    imported: importing typer and rirtime made some 35 collections that freed nothing. And
    the collection the interpreter makes as it exits has next to nothing left to walk: the run's
    objects are frozen once it is over (they were 6 % of a cached show's instructions)."""
    code = (
        "import atexit, gc, sys\n"
        "sys.argv = ['rirtime', 'show', '--format', 'plain']\n"
        "from rirtime.__main__ import main\n"
        "before = [s['collections'] for s in gc.get_stats()]\n"
        "atexit.register(lambda: sys.__stderr__.write(repr((before, "
        "[s['collections'] for s in gc.get_stats()], len(gc.get_objects())))))\n"
        "main()\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    for name in ("NO_COLOR", "FORCE_COLOR", "RIRTIME_FILE", "RIRTIME_NO_CACHE"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=True,
    )
    before, after, left = ast.literal_eval(done.stderr)
    assert after == before
    assert left < 1_000  # of some 37,000 objects alive at the end of a cached show
