"""The W3C SPARQL 1.1 Protocol tests (query side) against the real server.

Each ht:Request of tests/w3c/sparql/sparql11/protocol/manifest.ttl is sent
as written, and its response checked for the expected status class, format
and boolean. Update tests that expect success are skipped: the endpoint is
read-only by design (issue 4); update tests that expect a 4xx still run.
"""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.live

W3C = Path(__file__).resolve().parents[1] / "w3c" / "sparql" / "sparql11" / "protocol"
MANIFEST = W3C / "manifest.ttl"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QUERY = """
PREFIX mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#>
PREFIX ht: <http://www.w3.org/2011/http#>
PREFIX cnt: <http://www.w3.org/2011/content#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?test ?name ?method ?path ?chars ?encoding ?resp WHERE {
  ?list rdf:rest*/rdf:first ?test .
  ?manifest mf:entries ?list .
  ?test mf:name ?name ; mf:action/ht:requests/rdf:rest*/rdf:first ?req .
  ?req ht:methodName ?method ; ht:absolutePath ?path ; ht:resp ?resp .
  OPTIONAL { ?req ht:body [ cnt:chars ?chars ; cnt:characterEncoding ?encoding ] }
}
"""


def _load() -> ox.Store:
    store = ox.Store()
    if MANIFEST.exists():
        store.load(path=str(MANIFEST), format=ox.RdfFormat.TURTLE, base_iri=MANIFEST.as_uri())
    return store


def _objects(store: ox.Store, subject, predicate: str) -> list:
    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _headers(store: ox.Store, test) -> dict[str, str]:
    query = """PREFIX ht: <http://www.w3.org/2011/http#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    SELECT ?test ?n ?v WHERE { ?test <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#action>
      /ht:requests/rdf:rest*/rdf:first/ht:headers/rdf:rest*/rdf:first [ ht:fieldName ?n ;
      ht:fieldValue ?v ] }"""
    rows = store.query(query, substitutions={ox.Variable("test"): test})
    return {r["n"].value: r["v"].value for r in rows}


def cases() -> list:
    """One pytest case per protocol test, update tests expecting success marked skipped."""
    store = _load()
    found = []
    for row in store.query(QUERY):
        resp = row["resp"]
        statuses = [
            s.value.rsplit("StatusCode", 1)[1][0]
            for s in _objects(store, resp, MF + "expectedStatus")
        ]
        boolean = [b.value == "true" for b in _objects(store, resp, MF + "expectedBoolean")]
        fmt = [f.value for f in _objects(store, resp, MF + "expectedFormat")]
        local = row["test"].value.rsplit("#", 1)[1]
        case = {
            "method": row["method"].value,
            "path": row["path"].value,
            "body": row["chars"].value.encode(row["encoding"].value) if row["chars"] else None,
            "headers": _headers(store, row["test"]),
            "statuses": statuses,
            "boolean": boolean[0] if boolean else None,
            "format": fmt[0] if fmt else None,
        }
        marks = []
        if "update" in local and statuses != ["4"]:
            marks.append(pytest.mark.skip(reason="update side: the endpoint is read-only (403)"))
        found.append(pytest.param(case, id=local, marks=marks))
    return sorted(found, key=lambda p: p.id)


@pytest.fixture(scope="module")
def protocol_server(live_server, make_store, tmp_path_factory):
    """The server on a store holding the manifest's graphs data1-3 under their labels."""
    graphs = [
        (W3C / f"data{i}.nt", f"http://kasei.us/2009/09/sparql/data/data{i}.rdf") for i in (1, 2, 3)
    ]
    store = make_store(tmp_path_factory.mktemp("w3c"), graphs, "w3cprotocol")
    return live_server(store)


def _check_format(body: bytes, content_type: str, expected: str | None, boolean: bool | None):
    if expected == "RDF":
        list(ox.parse(body, format=ox.RdfFormat.from_media_type(content_type)))
        return
    results = ox.parse_query_results(
        body, format=ox.QueryResultsFormat.from_media_type(content_type)
    )
    if expected == "boolean":
        assert isinstance(results, ox.QueryBoolean)
        if boolean is not None:
            assert bool(results) is boolean
    elif expected == "tabular":
        assert isinstance(results, ox.QuerySolutions)
        list(results)


def test_manifest_is_present():
    assert MANIFEST.is_file(), f"{MANIFEST}: the W3C protocol tests are missing"
    found = cases()
    assert len(found) == 39  # 34 tests; the update tests send two requests each
    assert sum(not p.marks for p in found) == 27  # every query test and every 4xx update test


@pytest.mark.parametrize("case", cases())
def test_protocol(protocol_server, case):
    connection = http.client.HTTPConnection(urlsplit(protocol_server).netloc, timeout=30)
    connection.request(case["method"], case["path"], body=case["body"], headers=case["headers"])
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert str(response.status)[0] in case["statuses"], body[:500]
    if response.status < 300 and case["format"]:
        _check_format(body, response.getheader("Content-Type"), case["format"], case["boolean"])
