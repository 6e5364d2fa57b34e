"""Real clients against the real server on the built graph: SPARQLWrapper, concurrency, limits."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

pytestmark = pytest.mark.live

PUTIN = "https://w3id.org/bilateral/resource/Vladimir_Putin"
SELECT = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    f"SELECT ?label WHERE {{ <{PUTIN}> rdfs:label ?label }}"
)
CONSTRUCT = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    f"CONSTRUCT {{ <{PUTIN}> rdfs:label ?l }} WHERE {{ <{PUTIN}> rdfs:label ?l }}"
)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def endpoint(live_server, built_store) -> str:
    """The /sparql URL of a server on the real build."""
    return live_server(built_store) + "/sparql"


def wrapper(endpoint: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(endpoint, method):
    rows = wrapper(endpoint, SELECT, JSON, method).queryAndConvert()["results"]["bindings"]
    assert [r["label"]["value"] for r in rows] == ["Vladimir Putin"]


def test_sparqlwrapper_xml(endpoint):
    document = wrapper(endpoint, SELECT, XML).queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == ["Vladimir Putin"]


@pytest.mark.parametrize(("fmt", "separator"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_tsv(endpoint, fmt, separator):
    text = wrapper(endpoint, SELECT, fmt).queryAndConvert().decode("utf-8")
    header, row = text.strip().splitlines()
    assert header.strip("?") == "label"
    assert "Vladimir Putin" in row
    assert separator not in row


def test_sparqlwrapper_ask(endpoint):
    result = wrapper(endpoint, f"ASK {{ <{PUTIN}> ?p ?o }}", JSON).queryAndConvert()
    assert result["boolean"] is True


# SPARQLWrapper's JSON-LD conversion builds an rdflib ConjunctiveGraph, deprecated in rdflib 7.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_graph_formats(endpoint, fmt):
    graph = wrapper(endpoint, CONSTRUCT, fmt).queryAndConvert()
    if isinstance(graph, bytes):  # SPARQLWrapper returns Turtle and N3 as bytes
        graph = list(ox.parse(graph, format=ox.RdfFormat.TURTLE))
        assert [t.object.value for t in graph] == ["Vladimir Putin"]
    else:
        assert [str(o) for o in graph.objects()] == ["Vladimir Putin"]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_slow_query_gets_503_while_others_are_answered(live_server, built_store):
    base = live_server(built_store, workers=1, QUERY_TIMEOUT="2")
    slow: list[tuple[int, bytes]] = []
    thread = threading.Thread(
        target=lambda: slow.append(
            _get(base + "/sparql?" + urllib.parse.urlencode({"query": SLOW}))
        )
    )
    thread.start()
    answers = [_get(base + "/sparql?query=ASK%7B%7D") for _ in range(5)]
    thread.join()
    assert [status for status, _ in answers] == [200] * 5
    assert slow[0][0] == 503
    assert b"limit of 2 s" in slow[0][1]
