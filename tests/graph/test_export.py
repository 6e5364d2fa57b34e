"""Exports read back by independent tools: pyoxigraph, networkx, igraph, a CSV reader."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest

from bilateral.graph import jsonld
from bilateral.graph.exchange.export import export
from bilateral.graph.namespaces import GRAPHS, UNION
from bilateral.graph.store import open_store, read_manifest

ROOT = Path(__file__).resolve().parents[2]
BILATERAL = str(Path(sys.executable).with_name("bilateral"))
TRIPLE_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
PUTIN = "https://w3id.org/bilateral/resource/Vladimir_Putin"
LAVROV = "https://w3id.org/bilateral/resource/Sergey_Lavrov"


@pytest.fixture(scope="module")
def store(built_store):
    return open_store(built_store)


@pytest.fixture(scope="module")
def counts(built_store) -> dict[str, int]:
    return read_manifest(built_store)["counts"]


@pytest.fixture(scope="module")
def exported(store, tmp_path_factory) -> Path:
    """Every format exported once, with the project's published JSON-LD context."""
    out = tmp_path_factory.mktemp("export")
    context = jsonld.read_context(ROOT / "ontology" / "context.jsonld")
    for fmt in [*TRIPLE_FORMATS, *QUAD_FORMATS, "graphml", "gexf", "neo4j"]:
        export(store, fmt, out / f"dataset.{fmt}", context=context)
    export(store, "graphml", out / "events-as-edges.graphml", events_as="edges")
    export(store, "graphml", out / "with-passages.graphml", passages=True)
    return out


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_triple_formats_hold_the_union_of_the_graphs(exported, counts, fmt):
    triples = set(ox.parse(path=str(exported / f"dataset.{fmt}"), format=TRIPLE_FORMATS[fmt]))
    assert len(triples) == sum(counts[name] for name in UNION)  # the default graph


@pytest.mark.parametrize("fmt", QUAD_FORMATS)
def test_quad_formats_keep_the_named_graphs(exported, counts, fmt):
    quads = list(ox.parse(path=str(exported / f"dataset.{fmt}"), format=QUAD_FORMATS[fmt]))
    per_graph = {name: 0 for name in GRAPHS}
    for quad in quads:
        per_graph[str(quad.graph_name.value).rsplit("/", 1)[1]] += 1
    assert per_graph == counts


def test_jsonld_is_compacted_with_the_published_context(exported):
    document = json.loads((exported / "dataset.jsonld").read_text(encoding="utf-8"))
    context = jsonld.read_context(ROOT / "ontology" / "context.jsonld")
    assert document["@context"] == context["@context"]
    data = next(g for g in document["@graph"] if g["@id"] == str(GRAPHS["data"]))
    putin = next(n for n in data["@graph"] if n["@id"] == "blr:Vladimir_Putin")
    assert putin["@type"] == "Person"
    assert putin["label"] == "Vladimir Putin"
    assert "President" in json.dumps(putin["position"])


def test_context_file_matches_the_ontology(store):
    expected = jsonld.context_from_ontology(store)
    found = jsonld.read_context(ROOT / "ontology" / "context.jsonld")
    assert found == expected, (
        "ontology/context.jsonld is out of date: regenerate it with "
        "`python -m bilateral.graph.jsonld var/store ontology/context.jsonld`"
    )


def test_ontology_graph_alone_for_protege(store, counts, tmp_path):
    for fmt, rdf_format in (("rdfxml", ox.RdfFormat.RDF_XML), ("turtle", ox.RdfFormat.TURTLE)):
        out = tmp_path / f"bilateral.{fmt}"
        export(store, fmt, out, graph="ontology")
        triples = {q.triple for q in ox.parse(path=str(out), format=rdf_format)}
        assert len(triples) == counts["ontology"]
        assert (
            ox.Triple(
                ox.NamedNode("https://w3id.org/bilateral/ontology"),
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology"),
            )
            in triples
        )


def test_exports_are_deterministic(store, exported, tmp_path):
    context = jsonld.read_context(ROOT / "ontology" / "context.jsonld")
    for fmt in ("turtle", "trig", "jsonld", "graphml", "gexf"):
        export(store, fmt, tmp_path / fmt, context=context)
        assert (tmp_path / fmt).read_bytes() == (exported / f"dataset.{fmt}").read_bytes(), fmt


def expected_nodes(store, passages: bool = False) -> set[str]:
    """IRI subjects of the data graph with a bl: class (an independent query)."""
    query = """
    SELECT DISTINCT ?s ?passage WHERE {
      GRAPH <https://w3id.org/bilateral/graph/data> { ?s ?p ?o FILTER(isIRI(?s)) }
      ?s a ?c FILTER(STRSTARTS(STR(?c), "https://w3id.org/bilateral/ontology#"))
      BIND(EXISTS { ?s a <https://w3id.org/bilateral/ontology#Passage> } AS ?passage)
    }"""
    rows = store.query(query, use_default_graph_as_union=True)
    return {row["s"].value for row in rows if passages or row["passage"].value == "false"}


def expected_edge_count(store, nodes: set[str]) -> int:
    """Asserted IRI-valued statements (data and links) between two nodes."""
    count = 0
    for name in ("data", "links"):
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(str(GRAPHS[name]))):
            obj = quad.object
            if quad.predicate.value.endswith("#type") or not isinstance(obj, ox.NamedNode):
                continue
            count += quad.subject.value in nodes and obj.value in nodes
    return count


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_the_property_graph(exported, store, fmt):
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    graph = reader(exported / f"dataset.{fmt}")
    nodes = expected_nodes(store)
    assert set(graph.nodes) == nodes
    assert graph.number_of_edges() == expected_edge_count(store, nodes)
    putin = graph.nodes[PUTIN]
    assert putin["label"] == "Vladimir Putin" and putin["type"] == "Person"
    assert "President" in putin["position"]
    edges = graph.get_edge_data(
        "https://w3id.org/bilateral/resource/Xi_Jinping",
        "https://w3id.org/bilateral/resource/China",
    )
    assert edges, "Xi Jinping has no edge to China"
    assert {e["predicate"] for e in edges.values()} >= {"bl:affiliation"}
    exercise = graph.nodes["https://w3id.org/bilateral/resource/Joint_Sea-2014"]
    assert exercise["type"] == "NavalExercise"
    assert exercise["startDate"] == "2014-05-20"


def test_igraph_reads_the_graphml(exported, store):
    graph = igraph.Graph.Read_GraphML(str(exported / "dataset.graphml"))
    nodes = expected_nodes(store)
    assert graph.vcount() == len(nodes)
    assert graph.ecount() == expected_edge_count(store, nodes)
    putin = graph.vs.find(id=PUTIN)
    assert putin["label"] == "Vladimir Putin" and putin["type"] == "Person"
    predicates = {e["predicate"] for e in graph.es.select(_source=putin.index)}
    assert "bl:affiliation" in predicates or "bl:headOf" in predicates
    assert isinstance(
        graph.vs.find(id="https://w3id.org/bilateral/resource/Joint_Sea-2014")["warshipCount"],
        float,
    )


def test_igraph_reads_the_gexf_through_networkx(exported, store):
    """igraph has no GEXF reader: it takes the graph networkx read from the file."""
    graph = igraph.Graph.from_networkx(nx.read_gexf(exported / "dataset.gexf"))
    nodes = expected_nodes(store)
    assert graph.vcount() == len(nodes)
    assert graph.ecount() == expected_edge_count(store, nodes)


def test_passages_on_request(exported, store):
    graph = nx.read_graphml(exported / "with-passages.graphml")
    nodes = expected_nodes(store, passages=True)
    assert set(graph.nodes) == nodes
    assert len(nodes) > len(expected_nodes(store)) + 100
    passage = next(d for _, d in graph.nodes(data=True) if d["type"] == "Passage")
    assert passage["oa_exact"] and isinstance(passage["oa_start"], int)


def test_events_as_edges_between_participants(exported):
    graph = nx.read_graphml(exported / "events-as-edges.graphml")
    assert not any("Event" in d["classes"].split(";") for _, d in graph.nodes(data=True)), (
        "an event stayed a node"
    )
    lavrov_wang = graph.get_edge_data(LAVROV, "https://w3id.org/bilateral/resource/Wang_Yi") or {}
    assert any(e.get("type") == "PhoneCall" or e.get("startDate") for e in lavrov_wang.values())


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_neo4j_headers_and_ids(exported, store):
    folder = exported / "dataset.neo4j"
    header, nodes = read_csv(folder / "nodes.csv")
    assert header[:2] == ["iri:ID", ":LABEL"]
    assert "startDate:date" in header and "troopCount:long" in header
    ids = [row[0] for row in nodes]
    assert len(ids) == len(set(ids)) == len(expected_nodes(store))
    assert all(len(row) == len(header) for row in nodes)
    labels = dict(zip(ids, (row[1].split(";") for row in nodes), strict=True))
    assert {"Resource", "Person", "Actor"} <= set(labels[PUTIN])
    rel_header, rels = read_csv(folder / "relationships.csv")
    assert rel_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    known = set(ids)
    assert all(row[0] in known and row[1] in known for row in rels)
    assert len(rels) == expected_edge_count(store, known)
    assert any(row[2] == "ORGANIZED_BY" for row in rels)
    script = (folder / "import.cypher").read_text(encoding="utf-8")
    assert "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv'" in script
    assert "date(row.`startDate:date`)" in script
    assert "neo4j-admin database import full" in (folder / "README.md").read_text()


def test_cli_export_ontology_for_protege(built_store, tmp_path):
    out = tmp_path / "bilateral.owl"
    done = subprocess.run(
        [BILATERAL, "export", "--store", str(built_store), "--graph", "ontology"]
        + ["--format", "rdfxml", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "http://www.w3.org/2002/07/owl#Ontology" in out.read_text(encoding="utf-8")
    bad = subprocess.run(
        [BILATERAL, "export", "--store", str(built_store), "--format", "xlsx", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.returncode == 2 and "choose one of" in bad.stderr
