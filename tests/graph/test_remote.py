"""RemoteStore against a real Oxigraph server: the Store read interface over SPARQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from loopback import free_port
from oxigraph_server import oxigraph

from bilateral.graph.exchange.remote import RemoteError, RemoteStore, RemoteTriples

ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "tests" / "fixtures" / "server" / "dataset.trig"
BLR = "https://w3id.org/bilateral/resource/"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory) -> Iterator[str]:
    """The query URL of an Oxigraph server holding the four-graph fixture (no union default)."""
    with oxigraph(tmp_path_factory.mktemp("remote"), (DATASET,), read_only=True) as base:
        yield base + "/query"


@pytest.fixture(scope="module")
def local() -> ox.Store:
    store = ox.Store()
    store.load(path=str(DATASET), format=ox.RdfFormat.TRIG)
    return store


def labels(results) -> list[str]:
    return sorted(row["l"].value for row in results)


def test_union_default_graph_by_naming_the_graphs(endpoint, local):
    query = "SELECT DISTINCT ?l WHERE { ?x a ?c ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    remote = RemoteStore(endpoint)
    expected = labels(local.query(query, use_default_graph_as_union=True))
    assert expected == ["Person", "Vladimir Putin", "Xi Jinping"]
    assert labels(remote.query(query, use_default_graph_as_union=True)) == expected
    # `native` trusts the store's default graph, empty on a plain `oxigraph serve`.
    native = RemoteStore(endpoint, union="native")
    assert labels(native.query(query, use_default_graph_as_union=True)) == []


def test_graph_patterns_see_the_named_graphs(endpoint):
    rows = RemoteStore(endpoint).query(
        "SELECT ?g WHERE { GRAPH ?g { ?x a ?c } } GROUP BY ?g ORDER BY ?g",
        use_default_graph_as_union=True,
    )
    names = [row["g"].value.rsplit("/", 1)[-1] for row in rows]
    assert names == ["data", "inferred", "ontology"]


def test_substitutions_bind_terms_never_splice_text(endpoint, local):
    query = "SELECT ?x ?l WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    remote = RemoteStore(endpoint)
    bound = {ox.Variable("x"): ox.NamedNode(BLR + "Xi_Jinping")}
    assert labels(remote.query(query, use_default_graph_as_union=True, substitutions=bound)) == [
        "Xi Jinping"
    ]
    hostile = ox.Literal('Xi" } UNION { ?x ?p ?l } #\n', language="en")
    found = remote.query(
        query, use_default_graph_as_union=True, substitutions={ox.Variable("l"): hostile}
    )
    assert list(found) == []
    exact = ox.Literal("Vladimir Putin", language="en")
    (row,) = remote.query(
        query, use_default_graph_as_union=True, substitutions={ox.Variable("l"): exact}
    )
    assert row["x"] == ox.NamedNode(BLR + "Vladimir_Putin") and row["l"] == exact


def test_ask_and_construct_answer_as_pyoxigraph_does(endpoint, local):
    remote = RemoteStore(endpoint)
    assert bool(remote.query("ASK { ?s a ?o }", use_default_graph_as_union=True)) is True
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    triples = remote.query(construct, use_default_graph_as_union=True)
    assert isinstance(triples, RemoteTriples)
    expected = set(local.query(construct, use_default_graph_as_union=True))
    assert set(triples) == expected and len(expected) == 9
    assert triples.serialize(format=ox.RdfFormat.N_TRIPLES).count(b" .\n") == 9


def test_protocol_dataset_is_passed_on(endpoint):
    data = ox.NamedNode("https://w3id.org/bilateral/graph/data")
    rows = RemoteStore(endpoint).query(
        "SELECT ?l WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        default_graph=[data],
        named_graphs=[],
    )
    assert labels(rows) == ["Vladimir Putin", "Xi Jinping"]


def test_quads_for_pattern_and_counts(endpoint, local):
    remote = RemoteStore(endpoint)
    putin = ox.NamedNode(BLR + "Vladimir_Putin")
    assert set(remote.quads_for_pattern(putin, None, None)) == set(
        local.quads_for_pattern(putin, None, None)
    )
    assert remote.counts() == {"ontology": 2, "data": 4, "inferred": 2, "links": 1, "explanations": 0}


def test_syntax_error_and_unreachable_backend(endpoint):
    with pytest.raises(SyntaxError, match="backend rejected"):
        RemoteStore(endpoint).query("SELECT WHERE {")
    down = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=5)
    with pytest.raises(RemoteError, match="unreachable"):
        down.query("ASK {}")
