"""The ontology checked by a second, independent OWL tool: owlready2 with its bundled HermiT."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from bilateral.graph.exchange.export import export
from bilateral.graph.namespaces import GRAPHS, PREFIXES
from bilateral.graph.store import open_store

owlready2 = pytest.importorskip("owlready2")

RDF = {"rdf": PREFIXES["rdf"], "owl": PREFIXES["owl"], "rdfs": PREFIXES["rdfs"]}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "owl"

if shutil.which("java") is None:
    if os.environ.get("BILATERAL_REQUIRE_JAVA") == "1":
        pytest.fail("BILATERAL_REQUIRE_JAVA=1 but no `java` on PATH", pytrace=False)
    pytest.skip("HermiT needs Java and there is no `java` on PATH", allow_module_level=True)


def hermit_consistent(rdfxml: Path) -> bool:
    """Whether HermiT finds the RDF/XML ontology consistent.

    xsd:date, xsd:gYear and xsd:gYearMonth are outside the OWL 2 datatype map,
    so HermiT is told to ignore unsupported datatypes rather than refuse the file.
    """
    world = owlready2.World()
    world.get_ontology(rdfxml.as_uri()).load()
    try:
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    return True


def test_hermit_finds_the_ontology_consistent(built_store, tmp_path):
    out = tmp_path / "bilateral.owl"
    export(open_store(built_store), "rdfxml", out, graph="ontology")
    world = owlready2.World()
    ontology = world.get_ontology(out.as_uri()).load()
    names = {c.name for c in ontology.classes()}
    assert {"Actor", "Person", "NavalExercise", "Passage"} <= names
    assert hermit_consistent(out)


def test_hermit_reports_an_inconsistent_ontology(tmp_path):
    out = tmp_path / "inconsistent.owl"
    triples = ox.parse(path=str(FIXTURES / "inconsistent.ttl"), format=ox.RdfFormat.TURTLE)
    ox.serialize([q.triple for q in triples], str(out), format=ox.RdfFormat.RDF_XML, prefixes=RDF)
    assert not hermit_consistent(out)


def test_hermit_finds_ontology_and_data_consistent(built_store, tmp_path):
    store = open_store(built_store)
    out = tmp_path / "ontology-and-data.owl"
    triples = [
        quad.triple
        for name in ("ontology", "data")
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(str(GRAPHS[name])))
    ]
    ox.serialize(triples, str(out), format=ox.RdfFormat.RDF_XML, prefixes=RDF)
    assert hermit_consistent(out)
