"""Every inferred triple of the seed build is explained, and the explanations check out.

The checks are independent of the search in `bilateral.graph.derive`: each
recorded derivation is re-applied by pattern (`bilateral.graph.rules.apply`),
and the closure is recomputed from the derivations alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from direct import run
from rdflib.namespace import RDF

from bilateral.graph.build import BuildResult, Sources, assemble
from bilateral.graph.derive import derive
from bilateral.graph.namespaces import BL, BLR, GRAPHS, SCHEMA
from bilateral.graph.reason import is_meaningful, reason
from bilateral.graph.rules import apply
from bilateral.graph.store import open_store
from bilateral.graph.why import render, why

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed():
    assembly = assemble(Sources(PROJECT), BuildResult("test"))
    return assembly.ontology, assembly.data


@pytest.fixture(scope="module", params=["owlrl", "reasonable"])
def explained(request, seed):
    """Both engines feed the same explanation step."""
    reasoning = reason(*seed, request.param)
    inferred = set(reasoning.inferred)
    derivations = derive(reasoning.asserted, reasoning.closure, inferred)
    return reasoning, inferred, derivations, *derivations.decoded()


def test_each_recorded_derivation_yields_its_triple(explained):
    *_, steps, _ = explained
    for triple, (rule, premises) in steps.items():
        assert triple in apply(rule, list(premises)), (rule, premises, triple)


def test_every_inferred_triple_ends_at_asserted_ones(explained):
    reasoning, inferred, derivations, steps, rounds = explained
    assert len(inferred) > 5000
    assert len(derivations.tree_of(inferred)) >= len(inferred)
    assert inferred <= set(steps)
    for triple, (_, premises) in steps.items():
        for premise in premises:
            if premise not in reasoning.asserted:
                # an inferred premise has a shorter derivation: no cycles
                assert rounds[premise] < rounds[triple]


def test_closure_from_the_derivations_alone_is_the_reasoners(explained):
    reasoning, inferred, _, steps, _ = explained
    known = set(reasoning.asserted)
    pending = dict(steps)
    while True:
        ready = [t for t, (_, premises) in pending.items() if all(p in known for p in premises)]
        if not ready:
            break
        for triple in ready:
            known.add(triple)
            del pending[triple]
    assert not pending
    recomputed = {t for t in known - reasoning.asserted if is_meaningful(t)}
    assert recomputed == inferred


def test_explanations_are_a_named_graph_outside_the_default_union(built, built_store):
    assert built[1].counts["explanations"] > built[1].counts["inferred"] * 5
    store = open_store(built_store)
    count = "SELECT (COUNT(*) AS ?n) WHERE { %s }"
    in_union = run(store, count % "?s a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>")
    assert int(next(iter(in_union))["n"].value) == 0
    named = run(store, count % f"GRAPH <{GRAPHS['explanations']}> {{ ?s ?p ?o }}")
    assert int(next(iter(named))["n"].value) == built[1].counts["explanations"]


def test_why_an_inferred_type_holds(built_store):
    import pyoxigraph as ox

    def iri(term):
        return ox.NamedNode(str(term))

    store = open_store(built_store)
    tree = why(store, iri(BLR["Joint_Sea-2014"]), iri(RDF.type), iri(SCHEMA.Event))
    assert tree["status"] == "inferred" and tree["rule"] == "cax-sco"
    leaves = _leaves(tree)
    assert all(leaf["status"] == "asserted" for leaf in leaves)
    data = [leaf for leaf in leaves if "data" in leaf["graphs"]]
    assert data and all(leaf["passages"] for leaf in data)
    # The passages shown name the thing, not only its kind ("two large military exercises").
    assert all("Joint Sea-2014" in p["exact"] for leaf in data for p in leaf["passages"])
    text = "\n".join(render(tree))
    assert "Joint Sea-2014 is a schema:Event because it is" in text
    assert why(store, iri(BLR["Joint_Sea-2014"]), iri(RDF.type), iri(BL.Agreement)) is None


def _leaves(node: dict) -> list[dict]:
    if node["status"] == "asserted":
        return [node]
    return [leaf for premise in node["premises"] for leaf in _leaves(premise)]
