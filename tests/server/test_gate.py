"""The query gate: bypasses, complexity limits, an engine without network, crashes, admission."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading

import pyoxigraph as ox
import pytest

from bilateral.server import state
from bilateral.server.executor import Executor, Job, QueryFailed
from bilateral.server.query_service import query_hash

LISTENER_QUERY = "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?x ?y ?z }} }}"
SLOW = "SELECT (COUNT(*) AS ?n) { " + " ".join(f"?a{i} ?b{i} ?c{i} ." for i in range(8)) + " }"
ROWS = {"solutions": "JSON", "boolean": "JSON", "triples": None}
BYPASSES = {
    "escaped hash in a local name": r"PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\# AS ?q) "
    r"SERVICE <http://127.0.0.1:8499/x> { ?x ?y ?z } }",
    "escaped quote in a local name": r"PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\' AS ?q) "
    r"SERVICE <http://127.0.0.1:8499/x> { ?x ?y ?z } }",
    "escape first in a local name": r"PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:\#a AS ?q) "
    r"SERVICE <http://127.0.0.1:8499/x> { ?x ?y ?z } }",
    "codepoint escapes of quotes in strings": r'SELECT * WHERE { BIND("\u0022" AS ?a) '
    r'SERVICE <http://127.0.0.1:8499/x> { ?x ?y ?z } BIND("\u0022" AS ?b) }',
    "codepoint escape inside the target": r"SELECT * WHERE { "
    r"SERVICE <http://127.0.0.1\u003A8499/x> { ?x ?y ?z } }",
    "prefixed target behind an escape": r"PREFIX ex: <http://e/> "
    r"PREFIX l: <http://127.0.0.1:8499/> "
    r"SELECT * WHERE { BIND(ex:a\# AS ?q) SERVICE l:x { ?x ?y ?z } }",
}
GIANTS = {
    "10,000 triple patterns": ("ASK { " + "?s ?p ?o . " * 10_000 + "}", "MAX_QUERY_LENGTH"),
    "200 triple patterns": ("ASK { " + "?s ?p ?o . " * 200 + "}", "MAX_TRIPLE_PATTERNS"),
    "5,000 groups behind an escape": (
        r"PREFIX ex: <http://e/> ASK { BIND(ex:a\# AS ?q) " + "{" * 5000 + "}" * 5000 + "}",
        "MAX_NESTING",
    ),
    "50,000 parentheses": ("ASK { FILTER(" + "(" * 25_000 + "1" + ")" * 25_000 + ") }", "MAX_"),
    "100 parentheses": ("ASK { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }", "EXPRESSION"),
}


class Listener:
    """A loopback TCP listener that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    found = Listener()
    yield found
    found.close()


@pytest.mark.parametrize("name", BYPASSES)
def test_service_bypasses_are_refused(client, name):
    response = client.get("/sparql", query_string={"query": BYPASSES[name]})
    assert response.status_code == 403, response.get_json()
    assert "http://127.0.0.1:8499/x is not allowed" in response.get_json()["error"]


@pytest.mark.parametrize("name", GIANTS)
def test_giant_queries_are_400_naming_the_limit(client, name):
    query, limit = GIANTS[name]
    response = client.post("/sparql", data=query, content_type="application/sparql-query")
    assert response.status_code == 400
    assert limit in response.get_json()["error"]


def test_limits_are_settings(make_app):
    client = make_app(MAX_TRIPLE_PATTERNS=1).test_client()
    response = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o . ?o ?p ?s }"})
    assert response.status_code == 400
    expected = "about 2 triple patterns; the limit MAX_TRIPLE_PATTERNS is 1"
    assert expected in response.get_json()["error"]


def test_engine_cannot_reach_a_loopback_listener(small_store, listener):
    """The text checks are skipped (the executor is called directly): the sandbox holds."""
    query = LISTENER_QUERY.format(port=listener.port)
    executor = Executor(processes=1, reserved=0)
    try:
        with pytest.raises(QueryFailed) as failure:
            executor.start(Job(query, str(small_store.resolve()), ROWS), 20, 1000)
    finally:
        executor.close()
    assert failure.value.status == 500
    assert "Permission denied" in failure.value.message
    assert listener.accepted == 0
    # Without the sandbox the same engine does call the listener: the check above can fail.
    with pytest.raises((OSError, RuntimeError)):
        list(ox.Store().query(query))
    assert listener.accepted >= 1


def test_allowlisted_federation_still_works_outside_the_engine(make_app, listener):
    """An allowlisted SERVICE is called by the server process; the engine never connects."""
    iri = "https://query.wikidata.org/sparql"
    url = f"http://127.0.0.1:{listener.port}/x"
    client = make_app(SERVICE_MAP={iri: url}).test_client()
    query = f"SELECT * WHERE {{ SERVICE <{iri}> {{ ?x ?y ?z }} }}"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 502  # the listener closes without answering
    assert listener.accepted == 1


def test_a_crashed_engine_is_500_with_the_query_hash_logged(app, caplog):
    caplog.set_level(logging.ERROR)
    with app.app_context():
        service = state.service()
        executor = service.executor()
        checked = service.check(SLOW)
        outcome: list = []

        def run() -> None:
            try:
                service.stream(checked, ROWS)
            except QueryFailed as exc:
                outcome.append(exc)

        thread = threading.Thread(target=run)
        thread.start()
        while not executor.busy and thread.is_alive():
            thread.join(0.01)
        (child,) = list(executor.busy)
        os.kill(child.process.pid, signal.SIGKILL)
        thread.join()
        assert outcome and outcome[0].status == 500
        assert "ended unexpectedly" in outcome[0].message
        assert query_hash(SLOW) in caplog.text
        assert service.select("SELECT ?x WHERE { BIND(1 AS ?x) }")[0]["x"].value == "1"


def test_full_queue_is_429_with_retry_after(make_app):
    app = make_app(QUERY_PROCESSES=1, QUERY_PROCESSES_RESERVED=1, QUERY_QUEUE=0, QUERY_TIMEOUT=30)
    client = app.test_client()
    with app.app_context():
        service = state.service()
        executor = service.executor()
        slow = threading.Thread(
            target=client.get, kwargs={"path": "/sparql", "query_string": {"query": SLOW}}
        )
        slow.start()
        while not executor.busy and slow.is_alive():
            slow.join(0.01)
        try:
            response = client.get("/sparql", query_string={"query": SLOW.replace("?a0", "?x0")})
            assert response.status_code == 429
            assert response.headers["Retry-After"] == "5"
            # Cheap queries and pages keep their own lane.
            cheap = client.get("/sparql", query_string={"query": "ASK {}"})
            assert cheap.status_code == 200
            assert service.select("SELECT ?x WHERE { BIND(2 AS ?x) }")[0]["x"].value == "2"
        finally:
            for child in list(executor.busy):
                os.kill(child.process.pid, signal.SIGKILL)
            slow.join()


def test_one_client_cannot_take_every_process(make_app):
    app = make_app(QUERY_PROCESSES=2, QUERY_PROCESSES_RESERVED=0, QUERY_QUEUE_WAIT=0.2)
    with app.app_context():
        service = state.service()
        executor = service.executor()
        checked = service.check(SLOW)
        first = threading.Thread(target=lambda: _quietly(service.stream, checked, ROWS, client="a"))
        first.start()
        while not executor.busy and first.is_alive():
            first.join(0.01)
        try:
            with pytest.raises(QueryFailed) as busy:
                service.stream(checked, ROWS, client="a")  # a's second: waits, then 503
            assert busy.value.status == 503 and busy.value.retry_after
            other = service.stream(service.check("ASK { ?s ?p ?o }"), ROWS, client="b")
            assert b"true" in other.head + b"".join(other.rest)
        finally:
            for child in list(executor.busy):
                os.kill(child.process.pid, signal.SIGKILL)
            first.join()


def _quietly(function, *args, **kwargs) -> None:
    try:
        function(*args, **kwargs)
    except QueryFailed:
        pass
