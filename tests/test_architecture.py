"""The one-way flow, held by a test: file -> load -> validate -> query -> render/export -> CLI.

Every module of the package belongs to one layer; a module may import only from layers below
its own (or from its own group: the modules of one sub-package, which share a layer). Imports
inside functions count as much as those at the top: they are deferred, not allowed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "rirtime"

# Lowest first. A name ending in `.*` is a sub-package (a group whose modules may import each
# other); where to put a new module is said in ARCHITECTURE.md.
LAYERS: list[list[str]] = [
    ["rirtime", "rirtime.names"],
    ["rirtime.errors"],
    ["rirtime.dates", "rirtime.spec", "rirtime.files"],
    ["rirtime.model", "rirtime.syntax", "rirtime.schema", "rirtime.atomic"],
    ["rirtime.load", "rirtime.graph", "rirtime.cache", "rirtime.texts", "rirtime.merge"],
    ["rirtime.checks.*"],
    ["rirtime.query"],
    ["rirtime.stats"],
    ["rirtime.present.*"],
    ["rirtime.render.*"],
    ["rirtime.formats.*"],
    ["rirtime.workspace"],
    ["rirtime.edit", "rirtime.targets", "rirtime.selection", "rirtime.diff", "rirtime.importing"],
    ["rirtime.complete"],
    ["rirtime.cli.*"],
    ["rirtime.__main__"],
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> tuple[int, str]:
    """The layer of a module and its group (the sub-package, or the module itself)."""
    for i, names in enumerate(LAYERS):
        for name in names:
            if name.endswith(".*"):
                package = name[:-2]
                if module == package or module.startswith(package + "."):
                    return i, package
            elif module == name:
                return i, module
    raise LookupError(module)


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    """Every rirtime module imported by the file, with the line it is imported at."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("rirtime")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            if not base.startswith("rirtime"):
                continue
            for alias in node.names:
                # `from rirtime import dates` imports the module rirtime.dates.
                sub = f"{base}.{alias.name}"
                out.append((node.lineno, sub if sub in MODULES else base))
    return out


def test_every_module_has_a_layer() -> None:
    missing = []
    for module in MODULES:
        try:
            _layer(module)
        except LookupError:
            missing.append(module)
    assert not missing, f"give these a layer in LAYERS (and ARCHITECTURE.md): {missing}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers(module: str) -> None:
    own, group = _layer(module)
    wrong = []
    for line, imported in _imports(MODULES[module], module):
        if imported not in MODULES:
            continue  # a name from a package's __init__, judged as the package below
        layer, other_group = _layer(imported)
        if layer < own or (layer == own and other_group == group):
            continue
        wrong.append(f"line {line}: {imported} (layer {layer}, above {module}'s {own})")
    assert not wrong, f"{module} imports from a later layer:\n" + "\n".join(wrong)


def test_the_test_sees_a_wrong_import(tmp_path: Path) -> None:
    """The checker itself: a low module importing the CLI is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from rirtime.cli import app\n    from rirtime import files\n")
    found = dict((name, line) for line, name in _imports(bad, "rirtime.dates"))
    assert found == {"rirtime.cli": 2, "rirtime.files": 3}
    layer, _ = _layer("rirtime.cli")
    assert layer > _layer("rirtime.dates")[0]


def _with_try_bodies(node: ast.stmt) -> list[ast.stmt]:
    if isinstance(node, ast.Try):
        handlers = [n for h in node.handlers for n in h.body]
        return [n for part in (node.body, handlers, node.orelse) for n in part]
    return [node]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_all_lists_what_the_module_defines(module: str) -> None:
    """`__all__` names only what exists, and every public function and class defined here."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    defined: set[str] = set()
    public: set[str] = set()
    listed: list[str] | None = None
    # What a module's top level runs, the bodies of a try (an import with a fallback) included.
    top = [n for node in tree.body for n in _with_try_bodies(node)]
    for node in top:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            defined.add(node.name)
            if not node.name.startswith("_"):
                public.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    defined.add(target.id)
                    if target.id == "__all__" and node.value is not None:
                        listed = list(ast.literal_eval(node.value))
        elif isinstance(node, ast.ImportFrom | ast.Import):
            defined.update((a.asname or a.name).split(".")[0] for a in node.names)
    if listed is None:
        return  # a module without __all__ exports nothing on purpose (a script, a CLI module)
    assert sorted(set(listed) - defined) == [], "__all__ names what the module does not have"
    assert sorted(public - set(listed)) == [], "public names missing from __all__"


def test_architecture_md_shows_these_layers() -> None:
    """ARCHITECTURE.md's table is this test's LAYERS, so the page cannot drift from the code."""
    import re

    page = (PACKAGE.parent.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \|", page, re.M)
    shown = {int(n): sorted(re.findall(r"`([^`]+)`", names)) for n, names in rows}

    def short(name: str) -> str:
        name = name.removeprefix("rirtime").lstrip(".") or "__init__"
        return name[:-2] + "/" if name.endswith(".*") else name

    assert shown == {i: sorted(short(n) for n in names) for i, names in enumerate(LAYERS)}
