"""The derivation search on small graphs: every OWL 2 RL rule it knows, against owlrl."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, RDFS

from bilateral.graph.derive import UnexplainedError, derive
from bilateral.graph.reason import canonical, reason
from bilateral.graph.rules import apply, words

EX = Namespace("http://example.org/")

ONTOLOGY = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Naval rdfs:subClassOf ex:Military . ex:Military rdfs:subClassOf ex:Event .
ex:Event owl:equivalentClass ex:Happening .
ex:Event a owl:Class . ex:Naval a owl:Class .
ex:location rdfs:domain ex:Event ; rdfs:range ex:Place .
ex:locatedIn a owl:TransitiveProperty .
ex:participant owl:inverseOf ex:participatedIn ; rdfs:subPropertyOf ex:involves .
ex:involves rdfs:domain ex:Military .
ex:borders a owl:SymmetricProperty .
ex:place owl:equivalentProperty ex:location .
ex:within rdfs:subPropertyOf ex:locatedIn .
"""
DATA = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
ex:js a ex:Naval ; ex:location ex:ecs ; ex:participant ex:china .
ex:drill ex:place ex:shanghai .
ex:ecs ex:within ex:pacific . ex:pacific ex:locatedIn ex:earth .
ex:china ex:borders ex:russia .
ex:prc owl:sameAs ex:china .
ex:fest a ex:Happening .
"""


def graphs() -> tuple[Graph, Graph]:
    return Graph().parse(data=ONTOLOGY, format="turtle"), Graph().parse(data=DATA, format="turtle")


@pytest.mark.parametrize("engine", ["owlrl", "reasonable"])
def test_every_triple_the_engine_infers_is_derived_and_reapplies(engine):
    ontology, data = graphs()
    reasoning = reason(ontology, data, engine)
    inferred = {canonical(t) for t in reasoning.inferred}
    steps, rounds = derive(reasoning.asserted, reasoning.closure, inferred).decoded()
    assert inferred <= set(steps)
    for triple, (rule, premises) in steps.items():
        assert triple in apply(rule, list(premises)), (rule, premises, triple)
        for premise in premises:
            assert premise in reasoning.asserted or rounds[premise] < rounds[triple]
    rules = {rule for rule, _ in steps.values()}
    assert {
        "cax-sco", "cax-eqc2", "prp-dom", "prp-rng", "prp-trp", "prp-inv1", "prp-spo1",
        "prp-symp", "prp-eqp1", "prp-eqp2", "eq-sym", "eq-rep-s", "eq-rep-o", "scm-sco",
    } <= rules  # fmt: skip
    assert (EX.russia, EX.borders, EX.china) in steps
    assert (EX.js, RDF.type, EX.Happening) in steps


def test_an_underivable_inferred_triple_is_named():
    ontology, data = graphs()
    reasoning = reason(ontology, data, "owlrl")
    stray = (EX.js, RDF.type, EX.Agreement)
    with pytest.raises(UnexplainedError, match="http://example.org/Agreement"):
        derive(reasoning.asserted, reasoning.closure | {stray}, [stray])


def test_the_rule_in_words():
    premises = [(EX.Naval, RDFS.subClassOf, EX.Military), (EX.js, RDF.type, EX.Naval)]
    labels = {EX.js: "Joint Sea-2014", EX.Naval: "naval exercise", EX.Military: "military exercise"}
    assert words("cax-sco", premises, (EX.js, RDF.type, EX.Military), labels.get) == (
        "Joint Sea-2014 is a military exercise because it is a naval exercise, "
        "and every naval exercise is a military exercise"
    )


def test_apply_draws_nothing_from_premises_that_do_not_fit():
    premises = [(EX.Naval, RDFS.subClassOf, EX.Military), (EX.js, RDF.type, EX.Event)]
    assert apply("cax-sco", premises) == set()
    assert apply("prp-trp", [(EX.p, RDF.type, OWL.TransitiveProperty)]) == set()
    assert apply("prp-rng", [(EX.p, RDFS.range, EX.C), (EX.a, EX.p, Literal("x"))]) == {
        (Literal("x"), RDF.type, EX.C)
    }
