"""A real Oxigraph SPARQL server on 127.0.0.1 for tests (the `oxigraph` package's binary)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from loopback import free_port, stop, wait_until_responds

BINARY = Path(sys.executable).with_name("oxigraph")


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
        stop(process)
