"""Fixtures shared by every tier: the project folder and one real build of it."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project_dir() -> Path:
    """The project's own folder: ontology/, graph/, seeds/, queries/."""
    return PROJECT


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real graph built once per test run from seeds/, into a private store.

    Returns the store path and the `BuildResult`.
    """
    from bilateral.graph.build import build

    store = tmp_path_factory.mktemp("build") / "store"
    return store, build(PROJECT, store)


@pytest.fixture(scope="session")
def built_store(built) -> Path:
    """The path of the store built from the project's own inputs."""
    return built[0]


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/*.json from the current results (`make golden`).",
    )
