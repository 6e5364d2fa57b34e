"""Fault tests: marked `faults`, with a small project per test (tests/faults/faultkit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from faultkit import copy_small_project


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.faults)


@pytest.fixture
def small_project(tmp_path) -> Path:
    """A copy of the ontology with the fixture article as its seed."""
    return copy_small_project(tmp_path / "project")
