"""The three SPARQL servers under test, each started on 127.0.0.1 in a subprocess.

- ours: `bilateral serve --store DIR --port N` (granian, the production path);
- Oxigraph's own server: `oxigraph serve-read-only --union-default-graph` on
  the very store our build wrote (same engine version, same bytes);
- rdflib-endpoint: `python -m bench.rdflib_peer`, rdflib's Dataset (union
  default graph) loaded from the build's N-Quads dump.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

BIN = Path(sys.executable).parent
PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Server:
    """A running server: its name and SPARQL endpoint URL."""

    name: str
    endpoint: str


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answers(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    """Poll `url` until the server answers ASK {}, or raise with its log."""
    deadline = time.monotonic() + seconds
    probe = url + "?query=ASK%20%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            urllib.request.urlopen(probe, timeout=5).close()
            return
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{url}: answers {exc.code} to ASK {{}}") from None
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url}: no answer within {seconds:.0f} s; log: {log}")


@contextmanager
def running(name: str, command: list[str], path: str, log: Path, wait: float) -> Iterator[Server]:
    """Run `command` (which listens on the port in `path`) until the block exits."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=PROJECT)
    try:
        wait_until_answers(path, process, log, wait)
        logger.info("%s answering at %s", name, path)
        yield Server(name, path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ours(store: Path, log: Path, workers: int) -> Iterator[Server]:
    """Our server over the built store."""
    port = free_port()
    command = [str(BIN / "bilateral"), "serve", "--store", str(store), "--port", str(port)]
    command += ["--workers", str(workers)]
    return running("ours", command, f"http://127.0.0.1:{port}/sparql", log, wait=60)


def oxigraph(store: Path, log: Path) -> Iterator[Server]:
    """Oxigraph's own server, read-only over the same store."""
    port = free_port()
    command = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(store.resolve())]
    command += ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    return running("oxigraph", command, f"http://127.0.0.1:{port}/query", log, wait=60)


def rdflib_endpoint(dump: Path, log: Path) -> Iterator[Server]:
    """rdflib-endpoint over the N-Quads dump (parsing takes a while at 10^5)."""
    port = free_port()
    command = [sys.executable, "-m", "bench.rdflib_peer", "--file", str(dump), "--port", str(port)]
    return running("rdflib-endpoint", command, f"http://127.0.0.1:{port}/sparql", log, wait=600)
