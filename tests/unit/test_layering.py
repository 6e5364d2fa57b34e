"""The layers: the build (graph/) never imports the web app (server/) or the command line
(bilateral/cli/), the web app never imports the command line, nothing imports the bare folder
names, and no module but the engine runs a query."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [
        *(ROOT / "graph").rglob("*.py"),
        *(ROOT / "server").glob("*.py"),
        *(ROOT / "bilateral" / "cli").glob("*.py"),
    ]
)


def name_of(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


# What each layer may not import.
FORBIDDEN = {"graph": ("bilateral.server", "bilateral.cli"), "server": ("bilateral.cli",)}


@pytest.mark.parametrize("path", SOURCES, ids=name_of)
def test_imports_respect_layers(path):
    modules = imported_modules(path)
    assert not {m for m in modules if m.split(".")[0] in ("graph", "server")}, "bare folder import"
    forbidden = FORBIDDEN.get(name_of(path).split("/")[0], ())
    assert not [m for m in modules if forbidden and m.startswith(forbidden)]


def test_sources_exist():
    names = {name_of(p) for p in SOURCES}
    assert {"graph/build.py", "graph/exchange/export.py", "bilateral/cli/commands.py"} <= names


# Where a query may be evaluated: the engine processes and the backend client they
# drive; the build's coverage report (and its mentions), the JSON-LD export and the event
# table read the store they write.
ENGINE = {"server/executor.py", "graph/exchange/remote.py"}
BUILD = {
    "graph/coverage.py",
    "graph/mentions.py",
    "graph/jsonld.py",
    "graph/exchange/eventtable.py",
}


def query_calls(path: Path) -> list[int]:
    """Lines calling `.query(...)` on anything: a store, a remote store, pyoxigraph's API."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "query"
    ]


@pytest.mark.parametrize("path", SOURCES, ids=name_of)
def test_queries_run_only_through_the_query_service(path):
    name = name_of(path)
    if name in ENGINE or name in BUILD:
        return
    assert not query_calls(path), f"{name} runs a query itself: use QueryService"
