"""Reasoning keeps only new, meaningful triples; results render for people and scripts."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from direct import run
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, RDFS

from bilateral.graph.reason import infer
from bilateral.graph.results import serialize

EX = Namespace("http://example.org/")


@pytest.fixture
def inferred():
    ontology = Graph()
    ontology.add((EX.Visit, RDFS.subClassOf, EX.Event))
    ontology.add((EX.participant, OWL.inverseOf, EX.participatedIn))
    ontology.add((EX.locatedIn, RDF.type, OWL.TransitiveProperty))
    data = Graph()
    data.add((EX.v, RDF.type, EX.Visit))
    data.add((EX.v, EX.participant, EX.putin))
    data.add((EX.v, RDFS.label, Literal("a visit")))
    data.add((EX.shanghai, EX.locatedIn, EX.china))
    data.add((EX.china, EX.locatedIn, EX.asia))
    return data, infer(ontology, data)


def test_entailments_are_added(inferred):
    _, graph = inferred
    assert (EX.v, RDF.type, EX.Event) in graph
    assert (EX.putin, EX.participatedIn, EX.v) in graph
    assert (EX.shanghai, EX.locatedIn, EX.asia) in graph


def test_nothing_asserted_or_trivial_is_kept(inferred):
    data, graph = inferred
    assert not set(graph) & set(data)
    assert not any(isinstance(s, Literal) for s, _, _ in graph)
    assert not any(p == OWL.sameAs and s == o for s, p, o in graph)
    assert (EX.v, RDF.type, OWL.Thing) not in graph
    assert not any(str(s).startswith(str(OWL)) for s, _, _ in graph)


@pytest.fixture
def store():
    db = ox.Store()
    g = ox.NamedNode("https://w3id.org/bilateral/graph/data")
    label = ox.NamedNode(str(RDFS.label))
    for slug, name in (("Vladimir_Putin", "Vladimir Putin"), ("Xi_Jinping", "Xi Jinping")):
        node = ox.NamedNode("https://w3id.org/bilateral/resource/" + slug)
        db.add(ox.Quad(node, label, ox.Literal(name, language="en"), g))
    return db


SELECT = (
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
    "ORDER BY ?label"
)


def test_table_is_aligned_with_prefixed_names(store):
    text = serialize(run(store, SELECT), "table")
    lines = text.splitlines()
    assert lines[0].split() == ["s", "label"]
    assert lines[2].split() == ["blr:Vladimir_Putin", "Vladimir", "Putin"]
    assert lines[2].index("Vladimir Putin") == lines[0].index("label")
    assert lines[-1] == "(2 rows)"


def test_default_graph_is_the_union_and_bindings_are_terms(store):
    bound = run(
        store, SELECT, {"s": ox.NamedNode("https://w3id.org/bilateral/resource/Xi_Jinping")}
    )
    data = json.loads(serialize(bound, "json"))
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == ["Xi Jinping"]


def test_formats_fit_the_query_form(store):
    assert serialize(run(store, "ASK { ?s ?p ?o }"), "table") == "true"
    assert serialize(run(store, SELECT), "csv").splitlines()[0] == "s,label"
    graph = run(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert "blr:Xi_Jinping" in serialize(graph, "turtle")
    with pytest.raises(ValueError, match="turtle or ntriples"):
        serialize(run(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), "csv")
    with pytest.raises(ValueError, match="table, json"):
        serialize(run(store, SELECT), "turtle")


def test_syntax_error_has_position(store):
    with pytest.raises(SyntaxError, match=r"1:\d+"):
        run(store, "SELECT ?x WHERE { ?x ?y }")
