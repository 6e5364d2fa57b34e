"""Servers on 127.0.0.1 for the tests: a free port, waiting for an answer, our server.

One module for every test folder (imported as `loopback`, tests/ being on the
path), so each tier starts and stops servers the same way.
"""

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
PROBE = "/sparql?query=ASK%7B%7D"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_responds(
    url: str, process: subprocess.Popen, log: Path, seconds: float = STARTUP_SECONDS
) -> None:
    """Poll `url` until the server answers (any HTTP status); fail with its log if it dies."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"server did not answer {url} within {seconds:g} s:\n{log.read_text()}")


def start_bilateral(
    store: Path, log: Path, workers: int = 2, project: Path | None = None, **settings: str
) -> tuple[subprocess.Popen, str]:
    """`python -m bilateral serve` on a free port: (process, base URL) once it answers.

    `settings` become BILATERAL_* variables; the caller's own BILATERAL_* are dropped.
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BILATERAL_")}
    env.update({f"BILATERAL_{name}": value for name, value in settings.items()})
    command = [sys.executable, "-m", "bilateral", "serve", "--store", str(store)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    if project is not None:
        command += ["--project", str(project)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=project
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_responds(base + PROBE, process, log)
    except BaseException:
        stop(process)
        raise
    return process, base


def stop(process: subprocess.Popen) -> None:
    """Terminate a server and reap it (killed if it does not stop in 20 s)."""
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
