"""What the build publishes: the dumps conform to the shapes, and the inferred graph says nothing a reader would reject."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from bilateral.graph.namespaces import GRAPHS
from bilateral.graph.rdfio import to_rdflib
from bilateral.graph.store import build_dir, open_store
from bilateral.graph.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
PREFIXES = """
PREFIX bl: <https://w3id.org/bilateral/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
INFERRED = f"<{GRAPHS['inferred']}>"


@pytest.fixture(scope="module")
def store(built_store) -> ox.Store:
    return open_store(built_store)


def rows(store: ox.Store, query: str) -> list:
    return list(store.query(PREFIXES + query, use_default_graph_as_union=True))


def read_dump(path: Path) -> Graph:
    """A dump file as the download serves it, parsed by its extension."""
    graph = Graph()
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:])):
        graph.add(tuple(to_rdflib(term) for term in (triple.subject, triple.predicate, triple.object)))
    return graph


@pytest.mark.parametrize("ext", ["ttl", "jsonld"])
def test_the_published_data_dump_conforms_to_the_shapes(built_store, ext):
    dumps = build_dir(built_store) / "dumps"
    data = read_dump(dumps / f"data.{ext}")
    ontology = read_dump(dumps / "ontology.ttl")
    shapes = Graph().parse(PROJECT / "ontology" / "shapes.ttl", format="turtle")
    assert len(data) > 5000
    report = validate(data, shapes, ontology)
    assert report.conforms, report.summary()


def test_no_resource_is_in_two_disjoint_classes_after_reasoning(store):
    crossing = rows(
        store,
        """
        SELECT ?x ?first ?second WHERE {
            ?first owl:disjointWith ?second .
            ?x a ?first, ?second .
        }""",
    )
    assert crossing == []


def test_the_inferred_graph_types_something_of_each_main_class(store):
    # the previous test would pass on an empty closure: reasoning must type things
    # (people and passages are asserted with their own class, which has no subclass)
    typed = {
        row["c"].value
        for row in rows(store, f"SELECT DISTINCT ?c {{ GRAPH {INFERRED} {{ ?x a ?c }} }}")
    }
    main = ("Organization", "Place", "Event", "Agreement")
    assert {f"https://w3id.org/bilateral/ontology#{c}" for c in main} <= typed


def test_nothing_but_a_passage_is_derived_from_the_text(store):
    derived = rows(
        store,
        """
        SELECT ?x ?p WHERE {
            VALUES ?p { prov:wasDerivedFrom prov:wasQuotedFrom }
            ?x ?p ?source .
            FILTER NOT EXISTS { ?x a bl:Passage }
        }""",
    )
    assert derived == []
    quoted = rows(store, "SELECT ?x WHERE { ?x a bl:Passage ; prov:wasQuotedFrom ?doc }")
    assert len(quoted) > 500


def test_people_and_countries_are_referenced_by_passages_not_derived_from_them(store):
    ask = """
        ASK {{ ?x a bl:{cls} ; {prop} ?passage . ?passage a bl:Passage }}"""
    for cls in ("Person", "Country"):
        assert store.query(
            PREFIXES + ask.format(cls=cls, prop="bl:evidence"), use_default_graph_as_union=True
        )
        assert not store.query(
            PREFIXES + ask.format(cls=cls, prop="prov:wasDerivedFrom"),
            use_default_graph_as_union=True,
        )
