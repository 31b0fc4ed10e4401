"""The layering described in ARCHITECTURE.md, checked over the package's import graph.

A module may import modules of its own layer and of the layers below it, never above;
imports under ``if TYPE_CHECKING:`` are for annotations only and do not count. The graph
is read from the source (no module is imported), so a new module must be given a layer
here and in ARCHITECTURE.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mdcheck"

# low to high; a module's layer is that of the longest prefix listed
LAYERS: tuple[tuple[str, ...], ...] = (
    ("mdcheck.util", "mdcheck.diagnostic", "mdcheck.errors", "mdcheck.version"),
    ("mdcheck.markdown",),
    ("mdcheck.schema",),
    ("mdcheck.article",),
    ("mdcheck.rules",),
    ("mdcheck.config",),
    ("mdcheck.run",),
    ("mdcheck.formatters",),
    ("mdcheck.api",),
    ("mdcheck.server",),
    ("mdcheck.cli", "mdcheck.ruledoc", "mdcheck.profile_command", "mdcheck.__main__", "mdcheck"),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def runtime_imports(source: str, name: str, *, is_package: bool = False) -> set[str]:
    """The names module ``name`` (source ``source``) imports when it runs, at any depth,
    TYPE_CHECKING blocks aside."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for other in child.orelse:
                    visit_one(other)
                continue
            visit_one(child)

    def visit_one(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        visit(node)

    visit(ast.parse(source))
    return found


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {
        name: {
            found
            for found in runtime_imports(
                path.read_text(encoding="utf-8"), name, is_package=path.name == "__init__.py"
            )
            if found in paths and found != name
        }
        for name, path in paths.items()
    }


def layer_of(module: str) -> int:
    best, best_length = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > best_length:
                best, best_length = index, len(prefix)
    return best


GRAPH = import_graph()


def test_the_graph_is_read() -> None:
    # the reader sees the package: the engine uses the suppressions, the CLI the API
    assert "mdcheck.run.suppressions" in GRAPH["mdcheck.run.engine"]
    assert "mdcheck.api" in GRAPH["mdcheck.cli"]


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_module_has_a_layer(module: str) -> None:
    assert layer_of(module) >= 0, f"{module}: give it a layer in LAYERS and ARCHITECTURE.md"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_import_reaches_up(module: str) -> None:
    upward = sorted(dep for dep in GRAPH[module] if layer_of(dep) > layer_of(module))
    assert not upward, f"{module} (layer {layer_of(module)}) imports higher layers: {upward}"


def test_no_import_circles() -> None:
    """No module reaches itself through run-time imports (within a layer too)."""
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def walk(module: str) -> None:
        state[module] = 1
        path.append(module)
        for dep in sorted(GRAPH[module]):
            if state.get(dep) == 1:
                circles.append([*path[path.index(dep) :], dep])
            elif dep not in state:
                walk(dep)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            walk(module)
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)


def test_the_reader_sees_function_imports_and_skips_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import blocklines\n"
        "if TYPE_CHECKING:\n"
        "    from mdcheck.config import Config\n"
        "def f():\n"
        "    from mdcheck.run import engine\n"
    )
    found = runtime_imports(source, "mdcheck.markdown.example")
    assert {"mdcheck.markdown.blocklines", "mdcheck.run.engine"} <= found
    assert "mdcheck.config.Config" not in found
    assert layer_of("mdcheck.run.engine") > layer_of("mdcheck.markdown.example")
