"""Load tests: the load client of `bench/soak.py` against the real server on 127.0.0.1.

`bench` is a top-level folder of the repository, not an installed package,
so the repository root goes on sys.path here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.live)
