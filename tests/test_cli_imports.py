"""What the command line may import, read from the source: at start only typer, the registry and
its own modules (start-up time); never YAML, JSON or CSV (the library decides and formats); and
nothing in the library imports the command line."""

from __future__ import annotations

import ast
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
