"""owlrl (the reference) and reasonable give the same inferred graph; the synthetic data is valid.

The differences between the raw closures, and how `bilateral.graph.reason`
reconciles them, are documented in that module's docstring.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, RDFS

from bilateral.graph.build import BuildResult, Sources, assemble
from bilateral.graph.namespaces import BL, BLR
from bilateral.graph.rdfio import parse_turtle, parse_turtle_files
from bilateral.graph.reason import canonical, infer
from bilateral.graph.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
EX = Namespace("http://example.org/")


def load_synthetic():
    """bench/synthetic.py, imported by path (bench/ is not an installed package)."""
    spec = importlib.util.spec_from_file_location(
        "bench_synthetic", PROJECT / "bench" / "synthetic.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed():
    assembly = assemble(Sources(PROJECT), BuildResult("test"))
    return assembly.ontology, assembly.data


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parse_turtle_files(Sources(PROJECT).ontology)


def inferred_by(engine: str, ontology: Graph, data: Graph) -> set[tuple]:
    return {canonical(t) for t in infer(ontology, data, engine)}


def test_same_inferences_on_the_seed(seed):
    ontology, data = seed
    reference = inferred_by("owlrl", ontology, data)
    fast = inferred_by("reasonable", ontology, data)
    assert (BLR.Vladimir_Putin, RDF.type, BL.Actor) in reference
    assert len(reference) > 1000
    assert sorted(fast - reference) == []
    assert sorted(reference - fast) == []


def test_same_inferences_on_a_synthetic_graph(ontology):
    data = load_synthetic().generate(2000, seed=7)
    reference = inferred_by("owlrl", ontology, data)
    fast = inferred_by("reasonable", ontology, data)
    assert (BLR["Joint_Sea-2014"], RDF.type, BL.MilitaryExercise) in reference
    assert (BLR.City_0_0, BL.locatedIn, BLR.City_0_0) not in reference
    assert fast == reference


def test_disjointness_is_left_to_owlrl_and_shacl():
    """reasonable gets no owl:disjointWith (it blows up); a consistent graph loses nothing."""
    ontology = Graph()
    ontology.add((EX.Visit, RDFS.subClassOf, EX.Event))
    ontology.add((EX.Event, OWL.disjointWith, EX.Place))
    ontology.add((EX.EX, RDF.type, OWL.Class))
    data = Graph()
    data.add((EX.v, RDF.type, EX.Visit))
    data.add((EX.v, RDFS.label, Literal("a visit")))
    assert inferred_by("reasonable", ontology, data) == inferred_by("owlrl", ontology, data)
    assert (EX.v, RDF.type, EX.Event) in inferred_by("reasonable", ontology, data)


def test_unknown_engine_is_refused(seed):
    with pytest.raises(ValueError, match="unknown reasoner"):
        infer(*seed, engine="hermit")


def test_synthetic_data_conforms_to_the_shapes(ontology):
    data = load_synthetic().generate(10_000)
    assert 9000 < len(data) < 11000
    report = validate(data, parse_turtle(Sources(PROJECT).shapes), ontology)
    assert report.conforms, report.summary()


def test_synthetic_data_is_deterministic():
    synthetic = load_synthetic()
    assert set(synthetic.generate(1000, seed=3)) == set(synthetic.generate(1000, seed=3))
    assert set(synthetic.generate(1000, seed=3)) != set(synthetic.generate(1000, seed=4))
