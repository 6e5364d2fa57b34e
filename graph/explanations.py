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
from bilateral.graph.reason import Reasoning, cyclic_gc_paused
from bilateral.graph.rules import words

TYPE, STATEMENT_CLASS = RDF.type, RDF.Statement
SUBJECT, PREDICATE, OBJECT = RDF.subject, RDF.predicate, RDF.object
GENERATED_BY, USED = PROV.wasGeneratedBy, PROV.used
DERIVATION, RULE, BECAUSE, ASSERTED_IN = BL.Derivation, BL.rule, BL.because, BL.assertedIn


def statement_iri(triple: tuple) -> URIRef:
    """The deterministic IRI of a statement: a digest of its N-Triples form.

    >>> from rdflib import URIRef as U
    >>> str(statement_iri((U("http://x/a"), RDF.type, U("http://x/C"))))[-20:]
    'b711bad55d5cf95b4470'
    """
    s, p, o = triple
    if isinstance(o, Literal):
        o = f'"{o}"@{o.language or ""}^^{o.datatype or ""}'
    text = f"{s} {p} {o}"
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


def explain_all(reasoning: Reasoning, ontology: Graph, data: Graph) -> list[tuple]:
    """The explanations graph of a build: a derivation for each inferred triple.

    :raises UnexplainedError: naming the inferred triples no rule derives.
    """
    with cyclic_gc_paused():  # millions of small acyclic objects, as in reasoning
        derivations = derive(reasoning.asserted, reasoning.closure, reasoning.inferred)
        homes = {"ontology": ontology, "data": data}
        return to_triples(derivations, reasoning.inferred, homes, labeller(ontology, data))


def to_triples(
    derivations: Derivations, inferred, homes: dict[str, Graph], label: Callable
) -> list[tuple]:
    """The derivations of `inferred` as PROV data (see the module's docstring).

    A list of distinct triples, not an rdflib Graph: at 10^5 input triples
    there are millions, and rdflib's indexing would cost more than the search.
    """
    terms = derivations.terms
    decode = terms.decode
    iris: dict[tuple, URIRef] = {}
    names: dict[int, str] = {}

    def iri(triple: tuple) -> URIRef:
        found = iris.get(triple)
        if found is None:
            found = iris[triple] = statement_iri(decode(triple))
        return found

    def name(term_id: int) -> str:
        found = names.get(term_id)
        if found is None:
            found = names[term_id] = label(terms.terms[term_id])
        return found

    rule_names: dict[str, Literal] = {}
    out: list[tuple] = []
    add = out.append
    leaves: set[tuple] = set()
    for triple, (rule, premises) in derivations.tree_of(inferred).items():
        statement = iri(triple)
        _statement(add, statement, decode(triple))
        derivation = derivation_iri(statement)
        add((statement, GENERATED_BY, derivation))
        add((derivation, TYPE, DERIVATION))
        add((derivation, RULE, rule_names.get(rule) or rule_names.setdefault(rule, Literal(rule))))
        add((derivation, BECAUSE, Literal(words(rule, premises, triple, name))))
        for premise in dict.fromkeys(premises):
            add((derivation, USED, iri(premise)))
            if premise not in derivations.steps:
                leaves.add(premise)
    in_ontology = terms.encode(homes["ontology"])
    for premise in leaves:
        statement = iri(premise)
        triple = decode(premise)
        _statement(add, statement, triple)
        # every leaf is asserted: in the ontology, the data or both
        if premise in in_ontology:
            add((statement, ASSERTED_IN, GRAPHS["ontology"]))
        if premise not in in_ontology or _in(homes["data"], triple):
            add((statement, ASSERTED_IN, GRAPHS["data"]))
    return out


def _in(graph: Graph, triple: tuple) -> bool:
    return triple in graph or _as_typed_string(triple) in graph


def _as_typed_string(triple: tuple) -> tuple:
    """The triple with a plain literal object written as xsd:string (a parser may give either)."""
    s, p, o = triple
    if isinstance(o, Literal) and o.datatype is None and o.language is None:
        return s, p, Literal(str(o), datatype=XSD.string)
    return triple


def _statement(add: Callable, statement: URIRef, triple: tuple) -> None:
    add((statement, TYPE, STATEMENT_CLASS))
    add((statement, SUBJECT, triple[0]))
    add((statement, PREDICATE, triple[1]))
    add((statement, OBJECT, triple[2]))
