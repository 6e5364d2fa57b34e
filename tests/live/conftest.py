"""The real server (`python -m bilateral serve`) on 127.0.0.1, one per store and settings."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from loopback import start_bilateral, stop


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Start servers: `live_server(store, **settings)` returns the base URL; all stop at the end."""
    running: dict[tuple, str] = {}
    processes: list[subprocess.Popen] = []

    def start(store: Path, workers: int = 2, **settings: str) -> str:
        key = (str(store), workers, tuple(sorted(settings.items())))
        if key in running:
            return running[key]
        log = tmp_path_factory.mktemp("server") / "server.log"
        process, base = start_bilateral(store, log, workers, **settings)
        processes.append(process)
        running[key] = base
        return base

    yield start
    for process in processes:
        stop(process)
