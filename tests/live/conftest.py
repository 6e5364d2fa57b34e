"""The real server (`python -m bilateral.server serve`) on 127.0.0.1, one per store and settings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

STARTUP_SECONDS = 60


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_responds(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll `url` until it answers; fail with the server's log if it dies or never answers."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    pytest.fail(f"server did not answer {url} within {STARTUP_SECONDS} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Start servers: `live_server(store, **settings)` returns the base URL; all stop at the end."""
    running: dict[tuple, str] = {}
    processes: list[subprocess.Popen] = []

    def start(store: Path, workers: int = 2, **settings: str) -> str:
        key = (str(store), workers, tuple(sorted(settings.items())))
        if key in running:
            return running[key]
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("BILATERAL_")}
        env.update({f"BILATERAL_{name}": value for name, value in settings.items()})
        log = tmp_path_factory.mktemp("server") / "server.log"
        command = [
            sys.executable,
            "-m",
            "bilateral.server",
            "serve",
            "--store",
            str(store),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ]
        with log.open("wb") as out:
            process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        wait_until_responds(base + "/sparql?query=ASK%7B%7D", process, log)
        running[key] = base
        return base

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
