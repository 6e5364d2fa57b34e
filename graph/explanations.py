"""The explanations graph: one derivation for every inferred triple, as PROV data.

Vocabulary (declared in ontology/bilateral.ttl): each explained triple is an
`rdf:Statement` (rdf:subject, rdf:predicate, rdf:object) with a deterministic
IRI under `STATEMENT`; a derived one `prov:wasGeneratedBy` a `bl:Derivation`,
which has `bl:rule` (the OWL 2 RL rule's name, e.g. "cax-sco"), `bl:because`
(the rule applied, in words) and `prov:used` for each premise statement. An
asserted premise has `bl:assertedIn` the named graph that holds it, so
following `prov:wasGeneratedBy/prov:used` always ends at asserted statements.

Reified statements rather than RDF 1.2 triple terms: rdflib, the JSON-LD and
property-graph exports and remote stores all handle plain triples.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from bilateral.graph.derive import Derivations, derive
from bilateral.graph.namespaces import BL, BLR, GRAPHS, PREFIXES, STATEMENT
from bilateral.graph.reason import Reasoning
from bilateral.graph.rules import words


def statement_iri(triple: tuple) -> URIRef:
    """The deterministic IRI of a statement: a digest of its N-Triples form.

    >>> from rdflib import URIRef as U
    >>> str(statement_iri((U("http://x/a"), RDF.type, U("http://x/C"))))[-20:]
    '3df38773b53c8bfbe466'
    """
    text = " ".join(term.n3() for term in triple)
    return URIRef(STATEMENT + hashlib.sha256(text.encode()).hexdigest()[:20])


def derivation_iri(statement: URIRef) -> URIRef:
    """The IRI of the derivation of a statement."""
    return URIRef(f"{statement}-derivation")


def describe(term) -> str:
    """A term without a label, for people: a quoted literal, a resource's slug, a prefixed name.

    >>> describe(URIRef("https://schema.org/Event")), describe(Literal("7000"))
    ('schema:Event', '"7000"')
    """
    if isinstance(term, Literal):
        return f'"{term}"'
    text = str(term)
    if text.startswith(str(BLR)):
        return text[len(BLR) :].replace("_", " ")
    for prefix, base in PREFIXES.items():
        if text.startswith(base):
            return f"{prefix}:{text[len(base):]}"
    return f"<{text}>"


def labeller(*graphs: Graph) -> Callable[[object], str]:
    """`label(term)`: a term's English rdfs:label, else `describe(term)`."""
    labels: dict = {}
    for graph in graphs:
        for s, label in graph.subject_objects(RDFS.label):
            if label.language in (None, "en") and s not in labels:
                labels[s] = str(label)

    def label(term) -> str:
        if term in labels:
            return labels[term]
        return describe(term)

    return label


def explain_all(reasoning: Reasoning, ontology: Graph, data: Graph) -> set[tuple]:
    """The explanations graph of a build: a derivation for each inferred triple.

    :raises UnexplainedError: naming the inferred triples no rule derives.
    """
    derivations = derive(reasoning.asserted, reasoning.closure, reasoning.inferred)
    homes = {"ontology": ontology, "data": data}
    return to_triples(derivations, reasoning.inferred, homes, labeller(ontology, data))


def to_triples(
    derivations: Derivations, inferred, homes: dict[str, Graph], label: Callable
) -> set[tuple]:
    """The derivations of `inferred` as PROV data (see the module's docstring).

    A set of triples, not an rdflib Graph: at 10^5 input triples the graph
    holds millions, and rdflib's indexing would cost more than the derivations.
    """
    graph: set[tuple] = set()
    add = graph.add
    leaves: set[tuple] = set()
    for triple, (rule, premises) in derivations.tree_of(inferred).items():
        statement = _statement(graph, triple)
        derivation = derivation_iri(statement)
        add((statement, PROV.wasGeneratedBy, derivation))
        add((derivation, RDF.type, BL.Derivation))
        add((derivation, BL.rule, Literal(rule)))
        add((derivation, BL.because, Literal(words(rule, premises, triple, label))))
        for premise in premises:
            add((derivation, PROV.used, statement_iri(premise)))
            if premise not in derivations.steps:
                leaves.add(premise)
    for premise in leaves:
        statement = _statement(graph, premise)
        for name, home in homes.items():
            if premise in home or _as_typed_string(premise) in home:
                add((statement, BL.assertedIn, GRAPHS[name]))
    return graph


def _as_typed_string(triple: tuple) -> tuple:
    """The triple with a plain literal object written as xsd:string (a parser may give either)."""
    s, p, o = triple
    if isinstance(o, Literal) and o.datatype is None and o.language is None:
        return s, p, Literal(str(o), datatype=XSD.string)
    return triple


def _statement(graph: set, triple: tuple) -> URIRef:
    statement = statement_iri(triple)
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, triple[0]))
    graph.add((statement, RDF.predicate, triple[1]))
    graph.add((statement, RDF.object, triple[2]))
    return statement
