"""The lexer reads SERVICE targets exactly as the engine does (property-based).

Queries are generated with escaped local names, the four string forms and
comments, each of which may hold SERVICE-looking text, around real SERVICE
clauses. The engine (pyoxigraph, unsandboxed, in this test process) runs each
one against a loopback stand-in that records the paths it is called on; the
lexer's SERVICE targets must be exactly those. A query the lexer cannot read
must be one the engine refuses too.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.graph import lexer

EMPTY = json.dumps({"head": {"vars": []}, "results": {"bindings": [{}]}}).encode()


class _Recorder(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        self.server.paths.append(self.path.split("?")[0])
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(EMPTY)))
        self.end_headers()
        self.wfile.write(EMPTY)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def stand_in():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def service_text(base: str, name: str) -> str:
    return f" SERVICE <{base}/{name}> {{ }} "


def pieces(base: str):
    hidden = st.sampled_from(["h1", "h2"]).map(lambda n: service_text(base, n))
    local = st.lists(
        st.sampled_from(["a", "1", "_", r"\#", r"\'", r"\.", r"\-", r"\~", "%41", ".", "#", "'"]),
        min_size=1,
        max_size=5,
    ).map("".join)
    content = st.lists(
        st.one_of(
            st.sampled_from(
                ["x", "#", "'", '"', r"\"", r"\'", r"\\", "\\", "}", "\n", " "]
                + [r"\u0022", r"\u0027"]
            ),
            hidden,
        ),
        max_size=5,
    ).map("".join)
    quote = st.sampled_from(['"', "'", '"""', "'''"])
    string = st.tuples(quote, content).map(lambda qc: qc[0] + qc[1] + qc[0])
    comment = content.map(lambda c: "# " + c.replace("\n", " ") + "\n")
    real = st.sampled_from(["t1", "t2", "t3"]).map(lambda n: service_text(base, n))
    bind = st.one_of(local.map(lambda x: "ex:" + x), string)
    return st.lists(st.one_of(real, comment, bind.map(lambda term: ("bind", term))), max_size=6)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_lexer_service_targets_are_the_engines(stand_in, data):
    base = f"http://127.0.0.1:{stand_in.server_address[1]}"
    parts, n = [], 0
    for piece in data.draw(pieces(base)):
        if isinstance(piece, tuple):
            n += 1
            piece = f" BIND({piece[1]} AS ?v{n}) "
        parts.append(piece)
    query = "PREFIX ex: <http://e/> SELECT * WHERE { " + "".join(parts) + " }"
    stand_in.paths.clear()
    try:
        found = list(lexer.tokens(query))
    except lexer.LexError:
        with pytest.raises(SyntaxError):
            ox.Store().query(query)
        return
    try:
        list(ox.Store().query(query))
    except SyntaxError:
        return  # the engine refuses it: nothing is called
    called = {base + path for path in stand_in.paths}
    assert set(lexer.service_targets(found)) == called, query


def test_codepoint_escapes_are_read_as_the_engine_reads_them(stand_in):
    """Inside IRIs and strings only: a keyword spelt with one is no keyword to the engine."""
    port = stand_in.server_address[1]
    query = r'SELECT * WHERE { BIND("\u0022" AS ?a) SERVICE <http://127.0.0.1\u003A' + str(port)
    query += r'/u> { } BIND("\u0022" AS ?b) }'
    stand_in.paths.clear()
    list(ox.Store().query(query))
    assert stand_in.paths == ["/u"]
    assert lexer.service_targets(list(lexer.tokens(query))) == [f"http://127.0.0.1:{port}/u"]
    keyword = r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:1/x> { } }"
    with pytest.raises(SyntaxError):
        ox.Store().query(keyword)
    with pytest.raises(lexer.LexError):
        list(lexer.tokens(keyword))
