"""`bilateral push` into a real Oxigraph server started on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from loopback import free_port
from oxigraph_server import oxigraph
from virtuoso_server import PUSHER, virtuoso

from bilateral.graph.exchange import push
from bilateral.graph.namespaces import GRAPHS
from bilateral.graph.store import open_store, read_manifest

BILATERAL = str(Path(sys.executable).with_name("bilateral"))


@pytest.fixture
def remote(tmp_path):
    """An empty, writable Oxigraph server: its base URL."""
    with oxigraph(tmp_path / "remote") as base:
        yield base


def test_push_reproduces_every_named_graph(built_store, remote):
    counts = read_manifest(built_store)["counts"]
    result = push.push(open_store(built_store), remote + "/store")
    assert result == {name: (count, count) for name, count in counts.items()}
    again = push.push(open_store(built_store), remote + "/store", body_format="turtle")
    assert again == result  # PUT replaces: pushing twice doubles nothing


def test_cli_push_prints_counts(built_store, remote):
    done = subprocess.run(
        [BILATERAL, "push", "--store", str(built_store), "--to", remote + "/store"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(" ok") == len(GRAPHS) and "ontology" in done.stdout


def test_cli_push_to_virtuoso_with_digest(built_store, tmp_path):
    """Virtuoso's Graph Store endpoint with auth wants HTTP Digest; Basic is refused."""
    user, password = PUSHER
    with virtuoso(tmp_path / "virtuoso") as server:
        to = server.base + "/sparql-graph-crud-auth"
        command = [BILATERAL, "push", "--store", str(built_store), "--to", to]
        command += ["--user", user, "--password", password]
        basic = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert basic.returncode == 1 and "HTTP 401" in basic.stderr
        for _ in range(2):  # PUT replaces: pushing twice doubles nothing
            digest = command + ["--digest"]
            done = subprocess.run(digest, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
            assert done.stdout.count(" ok") == len(GRAPHS)


def test_cli_push_reports_an_unreachable_store(built_store):
    url = f"http://127.0.0.1:{free_port()}/store"
    done = subprocess.run(
        [BILATERAL, "push", "--store", str(built_store), "--to", url],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1 and "PUT " + url in done.stderr


class Recorder(BaseHTTPRequestHandler):
    """Accepts any PUT; answers counts of zero; records the Authorization headers."""

    seen: list[str | None] = []

    def do_PUT(self):  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers["Content-Length"]))
        Recorder.seen.append(self.headers.get("Authorization"))
        self.send_response(204)
        self.end_headers()

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        Recorder.seen.append(self.headers.get("Authorization"))
        body = (
            b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"0"}}]}}'
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_credentials_are_sent_and_differences_reported(built_store):
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        Recorder.seen = []
        done = subprocess.run(
            [BILATERAL, "push", "--store", str(built_store), "--to", base + "/ds/data"]
            + ["--user", "admin", "--password", "secret"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 1 and "DIFFERS" in done.stdout
        assert Recorder.seen == ["Basic YWRtaW46c2VjcmV0"] * 2 * len(GRAPHS)
    finally:
        server.shutdown()
        server.server_close()
