"""bilateral.graph never imports bilateral.server, and nothing imports the bare folder names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "graph").glob("*.py")) + sorted((ROOT / "server").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_imports_respect_layers(path):
    modules = imported_modules(path)
    assert not {m for m in modules if m.split(".")[0] in ("graph", "server")}, "bare folder import"
    if path.parent.name == "graph":
        assert not {m for m in modules if m.startswith("bilateral.server")}


def test_sources_exist():
    assert len(SOURCES) > 10


# Where a query may be evaluated: the engine processes and the backend client they
# drive; the build's coverage report (and its mentions), the JSON-LD export and the event
# table read the store they write.
ENGINE = {"server/executor.py", "graph/remote.py"}
BUILD = {"graph/coverage.py", "graph/mentions.py", "graph/jsonld.py", "graph/eventtable.py"}


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


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_queries_run_only_through_the_query_service(path):
    name = f"{path.parent.name}/{path.name}"
    if name in ENGINE or name in BUILD:
        return
    assert not query_calls(path), f"{name} runs a query itself: use QueryService"
