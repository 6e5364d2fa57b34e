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
