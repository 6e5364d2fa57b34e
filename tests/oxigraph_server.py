"""A real Oxigraph SPARQL server on 127.0.0.1 for tests (the `oxigraph` package's binary)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BINARY = Path(sys.executable).with_name("oxigraph")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_responds(
    url: str, process: subprocess.Popen, log: Path, seconds: float = 30
) -> None:
    """Poll until the server answers (any HTTP status), or fail with its output."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"oxigraph exited: {log.read_text(encoding='utf-8')}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"oxigraph did not answer at {url}")


@contextmanager
def oxigraph(
    location: Path, files: tuple[Path, ...] = (), read_only: bool = False
) -> Iterator[str]:
    """Start `oxigraph serve` on a free loopback port with `files` loaded; yield its base URL."""
    if not BINARY.exists() and shutil.which("oxigraph") is None:
        pytest.fail("no oxigraph binary: install the test extra (pip install -e '.[test]')")
    binary = str(BINARY) if BINARY.exists() else "oxigraph"
    for path in files:
        subprocess.run(
            [binary, "load", "--location", str(location), "--file", str(path)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    port = free_port()
    command = "serve-read-only" if read_only else "serve"
    log_path = location.with_name(location.name + ".log")
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [binary, command, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_responds(base + "/", process, log_path)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
