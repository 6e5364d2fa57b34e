"""OWL 2 RL reasoning, keeping only what is new and meaningful.

Two engines behind one interface, `infer(ontology, data, engine=...)`:

- ``owlrl`` (pure Python) is the reference: its closure defines what the
  inferred graph should hold. It costs about half a millisecond a triple.
- ``reasonable`` (Rust, PyPI `reasonable`) computes the same OWL 2 RL rules one
  to two orders of magnitude faster, so large graphs use it.
- ``auto`` (the default) picks owlrl up to `AUTO_THRESHOLD` input triples and
  reasonable above, so the article's own build keeps the reference engine.

After the `is_meaningful` filter the two agree on every triple about the
article's resources (tests/graph/test_reasoners.py). The known differences:

1. owlrl applies the schema rules scm-dom1/2 and scm-rng1/2 (a property's
   domain or range widened along subClassOf/subPropertyOf), reasonable does
   not. They yield `bl:p rdfs:domain C` triples about ontology terms only; the
   instance typing they would imply is derived by both engines anyway (prp-dom
   then cax-sco). `_complete_schema` adds them, so the closures are equal.
2. reasonable writes plain literals as `xsd:string`-typed ones (the same term
   in RDF 1.1, two terms in rdflib, and our parser yields either); triples are
   compared in `canonical` form, or an asserted literal could look new.
3. reasonable's closure time explodes with `owl:disjointWith` (issue 6); the
   disjointness axioms are left out of its input. In OWL 2 RL they only ever
   derive inconsistency (cax-dw), never a triple, so a consistent graph's
   closure is unchanged; disjointness is checked by owlrl and SHACL instead.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

logger = logging.getLogger(__name__)

ENGINES = ("owlrl", "reasonable", "auto")
AUTO_THRESHOLD = 50_000
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
DISJOINTNESS = {OWL.disjointWith, OWL.propertyDisjointWith, OWL.AllDisjointClasses}


def choose_engine(size: int, engine: str = "auto") -> str:
    """The engine `infer` uses for `size` input triples.

    >>> choose_engine(10_000), choose_engine(10**6), choose_engine(10**6, "owlrl")
    ('owlrl', 'reasonable', 'owlrl')
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown reasoner {engine!r} (expected one of {', '.join(ENGINES)})")
    if engine != "auto":
        return engine
    return "reasonable" if size > AUTO_THRESHOLD else "owlrl"


def closure(ontology: Graph, data: Graph, engine: str = "owlrl") -> Graph:
    """The OWL 2 RL closure of ontology and data, as one graph, by `engine`."""
    if choose_engine(len(ontology) + len(data), engine) == "reasonable":
        graph = Graph()
        for triple in _reasonable_closure(ontology, data):
            graph.add(triple)
        return graph
    graph = Graph()
    graph += ontology
    graph += data
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(graph)
    return graph


def _reasonable_closure(ontology: Graph, data: Graph) -> Iterable[tuple]:
    """The closure computed by reasonable, literals normalised, schema rules completed."""
    import reasonable  # optional at import time: only large builds need it

    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(
        [t for t in ontology if t[1] not in DISJOINTNESS and t[2] not in DISJOINTNESS]
    )
    reasoner.from_graph(data)
    triples = {canonical(t) for t in reasoner.reason()}
    triples |= _complete_schema(triples)
    return triples


def canonical(triple: tuple) -> tuple:
    """The triple with an xsd:string literal written plain (one RDF 1.1 term, two in rdflib).

    >>> canonical((RDF.type, RDFS.label, Literal("x", datatype=XSD.string)))[2] == Literal("x")
    True
    """
    s, p, o = triple
    if isinstance(o, Literal) and o.datatype == XSD.string:
        return s, p, Literal(str(o))
    return triple


def _complete_schema(triples: set[tuple]) -> set[tuple]:
    """The domain and range triples of rules scm-dom1/2, scm-rng1/2 (owlrl has them)."""
    supers: dict = {}
    subprops: dict = {}
    for s, p, o in triples:
        if p == RDFS.subClassOf:
            supers.setdefault(s, set()).add(o)
        elif p == RDFS.subPropertyOf:
            subprops.setdefault(o, set()).add(s)
    classes = {s for s, p, o in triples if p == RDF.type and o == OWL.Class}
    added: set[tuple] = set()
    for s, p, o in triples:
        if p in (RDFS.domain, RDFS.range):
            # the closure is already transitive over subClassOf and subPropertyOf;
            # scm-cls makes every class a subclass of owl:Thing
            added.update((s, p, sup) for sup in supers.get(o, ()))
            if o in classes:
                added.add((s, p, OWL.Thing))
            added.update((sub, p, o) for sub in subprops.get(s, ()))
    return added - triples


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


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic tuples are made.

    Each full collection walks every live object, so with a million-triple
    closure in memory the collections grow quadratic; pausing it halved the
    reasoning phase at 10^6 triples (95 s to 52 s). Reference counting still
    frees memory; cycles are collected when the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class Reasoning:
    """What reasoning produced, every triple in `canonical` form.

    `inferred` is the published graph; `closure` holds everything the engine
    drew that was not asserted, filtered or not (the explanations may pass
    through a filtered triple, such as `bl:Event rdfs:subClassOf owl:Thing`).
    """

    asserted: set[tuple]
    closure: set[tuple]
    inferred: Graph


def infer(ontology: Graph, data: Graph, engine: str = "auto") -> Graph:
    """What the closure adds to ontology and data, filtered by `is_meaningful`.

    `engine` is "owlrl", "reasonable" or "auto" (by size, see `choose_engine`).
    """
    return reason(ontology, data, engine).inferred


def reason(ontology: Graph, data: Graph, engine: str = "auto") -> Reasoning:
    """`infer`, keeping the asserted triples and the whole closure for the explanations."""
    chosen = choose_engine(len(ontology) + len(data), engine)
    logger.info("reasoning with %s over %d triples", chosen, len(ontology) + len(data))
    with cyclic_gc_paused():
        return _reason(ontology, data, chosen)


def _reason(ontology: Graph, data: Graph, chosen: str) -> Reasoning:
    """`reason` with the engine chosen: closure minus what is asserted, filtered."""
    asserted = {canonical(t) for graph in (data, ontology) for t in graph}
    if chosen == "reasonable":
        candidates: Iterable[tuple] = _reasonable_closure(ontology, data)
    else:
        candidates = closure(ontology, data, chosen)
    drawn = set()
    inferred = Graph()
    for triple in candidates:
        triple = canonical(triple)
        if triple not in asserted and not isinstance(triple[0], Literal):
            drawn.add(triple)
            if is_meaningful(triple):
                inferred.add(triple)
    return Reasoning(asserted, drawn, inferred)
