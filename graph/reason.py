"""OWL 2 RL reasoning with owlrl, keeping only what is new and meaningful."""

from __future__ import annotations

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

# Vocabularies whose terms are built in: triples about them are axioms of
# RDF/OWL themselves, not knowledge about the article.
BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
REFLEXIVE = {
    OWL.sameAs,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
}
TRIVIAL_OBJECTS = {OWL.Thing, RDFS.Resource}


def closure(ontology: Graph, data: Graph) -> Graph:
    """The OWL 2 RL closure (owlrl) of ontology and data, as one graph."""
    graph = Graph()
    graph += ontology
    graph += data
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(graph)
    return graph


def is_meaningful(triple: tuple) -> bool:
    """Whether an entailed triple says something about the article's world.

    Dropped: generalized triples (a literal as subject: a store rejects them),
    `x owl:sameAs x` and other reflexive axioms, typing as owl:Thing, and
    triples about the built-in vocabulary (rdf:, rdfs:, owl:, xsd: terms).

    >>> from rdflib import URIRef as U
    >>> is_meaningful((U("http://x/a"), OWL.sameAs, U("http://x/a")))
    False
    >>> is_meaningful((U("http://x/a"), RDF.type, U("http://x/C")))
    True
    """
    s, p, o = triple
    if isinstance(s, Literal) or not isinstance(p, URIRef):
        return False
    if p in REFLEXIVE and s == o:
        return False
    if p in (RDF.type, RDFS.subClassOf) and o in TRIVIAL_OBJECTS:
        return False
    return not str(s).startswith(BUILTIN_NAMESPACES)


def infer(ontology: Graph, data: Graph) -> Graph:
    """What the closure adds to ontology and data, filtered by `is_meaningful`."""
    inferred = Graph()
    for triple in closure(ontology, data):
        if triple not in data and triple not in ontology and is_meaningful(triple):
            inferred.add(triple)
    return inferred
