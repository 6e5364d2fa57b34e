"""Helpers of the fault tests: a small project that builds in about two seconds, a server.

The project has the real ontology and shapes, the fixture article as its only
seed and no curated data; `set_links` toggles a one-triple links file, so two
input sets (two build ids, two sets of counts) alternate. (A module of its own:
test files cannot import from `conftest`, a name every test folder shares.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

PROJECT = Path(__file__).resolve().parents[2]
LINKS = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
<https://w3id.org/bilateral/resource/Fixture> owl:sameAs <http://www.wikidata.org/entity/Q1> .
"""
GRAPH_NAMES = ("ontology", "data", "inferred", "links")


def set_links(project: Path, present: bool) -> None:
    """Add or remove the links file (changes the build id and the links count)."""
    path = project / "graph" / "links" / "fixture.ttl"
    if present:
        path.write_text(LINKS, encoding="utf-8")
    else:
        path.unlink(missing_ok=True)


def counts_in(store: Path) -> dict[str, int]:
    """Triples per named graph, counted by querying the store read-only."""
    db = ox.Store.read_only(str(store.resolve()))
    rows = db.query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    counts = {row["g"].value.rsplit("/", 1)[-1]: int(row["n"].value) for row in rows}
    del db
    return {name: counts.get(name, 0) for name in GRAPH_NAMES}


def copy_small_project(project: Path) -> Path:
    """Lay out the small project at `project`."""
    shutil.copytree(PROJECT / "ontology", project / "ontology")
    (project / "graph" / "curated").mkdir(parents=True)
    (project / "graph" / "links").mkdir()
    (project / "seeds").mkdir()
    for path in (PROJECT / "tests" / "fixtures" / "seed").iterdir():
        shutil.copy(path, project / "seeds" / path.name)
    return project


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(store: Path, log: Path, workers: int = 2, **settings: str):
    """`python -m bilateral.server serve` on a free port: (process, base URL) once it answers."""
    import os
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BILATERAL_")}
    env.update({f"BILATERAL_{name}": value for name, value in settings.items()})
    command = [sys.executable, "-m", "bilateral.server", "serve", "--store", str(store)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=5):
                return process, base
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"server did not answer within 60 s:\n{log.read_text()}")


def stop_server(process) -> None:
    """Terminate a server started by `start_server` and reap it."""
    import subprocess

    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
