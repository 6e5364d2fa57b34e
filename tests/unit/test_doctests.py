"""The `>>>` examples of every bilateral.graph module run (as pyoxigraph's test_doc.py does)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

MODULES = sorted(
    f"bilateral.graph.{p.stem}"
    for p in (Path(__file__).resolve().parents[2] / "graph").glob("*.py")
    if p.stem != "__init__"
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
