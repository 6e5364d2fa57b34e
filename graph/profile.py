"""Checks that an ontology graph stays inside the OWL 2 RL profile.

A syntactic checker of the RDF form of the axioms, after section 4 of
"OWL 2 Web Ontology Language Profiles" (https://www.w3.org/TR/owl2-profiles/#OWL_2_RL):
class expressions are checked by position (subclass side, superclass side,
equivalence), cardinalities and the datatype map. It covers the constructs an
ontology edited by hand is likely to use, not the whole structural specification.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

logger = logging.getLogger(__name__)

# Constructs that OWL 2 RL admits in no position at all.
FORBIDDEN_PREDICATES = (
    OWL.cardinality,
    OWL.datatypeComplementOf,
    OWL.disjointUnionOf,
    OWL.hasSelf,
    OWL.minCardinality,
    OWL.minQualifiedCardinality,
    OWL.qualifiedCardinality,
    OWL.withRestrictions,
)
FORBIDDEN_TYPES = (OWL.ReflexiveProperty,)

# The OWL 2 RL datatype map (section 4.3), plus rdf:langString of RDF 1.1.
RL_DATATYPES = frozenset(
    [RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal]
    + [
        XSD[name]
        for name in (
            "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger"
            " negativeInteger long int short byte unsignedLong unsignedInt unsignedShort"
            " unsignedByte float double string normalizedString token language Name NCName"
            " NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp"
        ).split()
    ]
)

# Axioms that the project avoids although OWL 2 RL allows them: equivalences
# flood the closure (see ontology/bilateral.ttl).
POLICY_PREDICATES = (OWL.equivalentClass,)


def _members(graph: Graph, node: Node) -> list[Node]:
    """The members of the RDF list at node."""
    return list(Collection(graph, node))


def _name(graph: Graph, node: Node) -> str:
    """A short readable name for node."""
    if isinstance(node, URIRef):
        return graph.namespace_manager.normalizeUri(node)
    return "[]"


def _check_sub(graph: Graph, node: Node) -> list[str]:
    """Problems of node as a subclass expression (the left side of subClassOf)."""
    if isinstance(node, URIRef):
        return ["owl:Thing on the subclass side"] if node == OWL.Thing else []
    problems: list[str] = []
    for pred in (OWL.intersectionOf, OWL.unionOf):
        for lst in graph.objects(node, pred):
            for member in _members(graph, lst):
                problems += _check_sub(graph, member)
    for filler in graph.objects(node, OWL.someValuesFrom):
        if filler != OWL.Thing:
            problems += _check_filler(graph, filler, _check_sub)
    allowed = (OWL.intersectionOf, OWL.unionOf, OWL.someValuesFrom, OWL.hasValue, OWL.oneOf)
    if not any((node, pred, None) in graph for pred in allowed):
        problems.append(f"{_construct(graph, node)} on the subclass side")
    return problems


def _check_super(graph: Graph, node: Node) -> list[str]:
    """Problems of node as a superclass expression (the right side of subClassOf)."""
    if isinstance(node, URIRef):
        return ["owl:Thing on the superclass side"] if node == OWL.Thing else []
    problems: list[str] = []
    for lst in graph.objects(node, OWL.intersectionOf):
        for member in _members(graph, lst):
            problems += _check_super(graph, member)
    for member in graph.objects(node, OWL.complementOf):
        problems += _check_sub(graph, member)
    for filler in graph.objects(node, OWL.allValuesFrom):
        problems += _check_filler(graph, filler, _check_super)
    for pred in (OWL.maxCardinality, OWL.maxQualifiedCardinality):
        for value in graph.objects(node, pred):
            if not (isinstance(value, Literal) and str(value) in ("0", "1")):
                problems.append(f"{_name(graph, pred)} {value} (only 0 or 1 in OWL 2 RL)")
    for filler in graph.objects(node, OWL.onClass):
        if filler != OWL.Thing:
            problems += _check_sub(graph, filler)
    allowed = (
        OWL.intersectionOf,
        OWL.complementOf,
        OWL.allValuesFrom,
        OWL.hasValue,
        OWL.maxCardinality,
        OWL.maxQualifiedCardinality,
    )
    if not any((node, pred, None) in graph for pred in allowed):
        problems.append(f"{_construct(graph, node)} on the superclass side")
    return problems


def _check_equivalent(graph: Graph, node: Node) -> list[str]:
    """Problems of node as a side of owl:equivalentClass."""
    if isinstance(node, URIRef):
        return ["owl:Thing in an equivalence"] if node == OWL.Thing else []
    problems: list[str] = []
    for lst in graph.objects(node, OWL.intersectionOf):
        for member in _members(graph, lst):
            problems += _check_equivalent(graph, member)
    if not any((node, pred, None) in graph for pred in (OWL.intersectionOf, OWL.hasValue)):
        problems.append(f"{_construct(graph, node)} in an equivalence")
    return problems


def _check_filler(graph: Graph, node: Node, check: Callable[[Graph, Node], list[str]]) -> list[str]:
    """Problems of a restriction's filler: a data range or a class expression."""
    if _is_datatype(graph, node):
        return _check_datarange(graph, node)
    return check(graph, node)


def _is_datatype(graph: Graph, node: Node) -> bool:
    """Whether node names or describes a data range rather than a class."""
    return (
        node in RL_DATATYPES
        or (isinstance(node, URIRef) and str(node).startswith(str(XSD)))
        or (node, RDF.type, RDFS.Datatype) in graph
    )


def _check_datarange(graph: Graph, node: Node) -> list[str]:
    """Problems of node as a data range: a datatype of the RL map or a declared one."""
    if isinstance(node, BNode):
        constructs = (OWL.unionOf, OWL.oneOf, OWL.datatypeComplementOf, OWL.withRestrictions)
        return [
            f"{_name(graph, pred)} data range (not in OWL 2 RL)"
            for pred in constructs
            if (node, pred, None) in graph
        ]
    if node in RL_DATATYPES or (node, RDF.type, RDFS.Datatype) in graph:
        return []
    return [f"datatype {_name(graph, node)} is neither in the OWL 2 RL map nor declared"]


def _construct(graph: Graph, node: Node) -> str:
    """The OWL construct a blank class expression uses, for messages."""
    preds = sorted(_name(graph, p) for p in set(graph.predicates(node)) if p != RDF.type)
    return ", ".join(p for p in preds if p.startswith("owl:")) or "an anonymous class"


def _positions(graph: Graph) -> Iterable[tuple[str, Node, Callable[[Graph, Node], list[str]]]]:
    """Every class expression of the graph's axioms with the check its position needs."""
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        yield f"{_name(graph, sub)} rdfs:subClassOf", sub, _check_sub
        yield f"{_name(graph, sub)} rdfs:subClassOf", sup, _check_super
    for left, right in graph.subject_objects(OWL.equivalentClass):
        for side in (left, right):
            yield f"{_name(graph, left)} owl:equivalentClass", side, _check_equivalent
    for left, right in graph.subject_objects(OWL.disjointWith):
        for side in (left, right):
            yield f"{_name(graph, left)} owl:disjointWith", side, _check_sub
    for cls in graph.subjects(OWL.hasKey, None):
        yield f"{_name(graph, cls)} owl:hasKey", cls, _check_sub
    for prop, cls in graph.subject_objects(RDFS.domain):
        yield f"{_name(graph, prop)} rdfs:domain", cls, _check_super
    for prop, cls in graph.subject_objects(RDFS.range):
        if (prop, RDF.type, OWL.DatatypeProperty) in graph or _is_datatype(graph, cls):
            yield f"{_name(graph, prop)} rdfs:range", cls, _check_datarange
        else:
            yield f"{_name(graph, prop)} rdfs:range", cls, _check_super


def rl_violations(graph: Graph) -> list[str]:
    """The constructs of graph outside OWL 2 RL, one readable line each, sorted.

    >>> from rdflib import Graph
    >>> rl_violations(Graph().parse(data='''
    ...     @prefix owl: <http://www.w3.org/2002/07/owl#> .
    ...     <urn:A> <http://www.w3.org/2000/01/rdf-schema#subClassOf>
    ...         [ owl:unionOf ( <urn:B> <urn:C> ) ] .''', format="turtle"))
    ['<urn:A> rdfs:subClassOf: owl:unionOf on the superclass side']
    """
    problems: set[str] = set()
    for pred in FORBIDDEN_PREDICATES:
        for subject in graph.subjects(pred, None):
            problems.add(f"{_name(graph, subject)}: {_name(graph, pred)} is not in OWL 2 RL")
    for rdf_type in FORBIDDEN_TYPES:
        for subject in graph.subjects(RDF.type, rdf_type):
            problems.add(f"{_name(graph, subject)}: {_name(graph, rdf_type)} is not in OWL 2 RL")
    for where, node, check in _positions(graph):
        problems.update(f"{where}: {problem}" for problem in check(graph, node))
    result = sorted(problems)
    logger.debug("OWL 2 RL check: %d problems", len(result))
    return result


def policy_violations(graph: Graph) -> list[str]:
    """Axioms the project avoids although OWL 2 RL allows them (equivalence).

    >>> policy_violations(Graph())
    []
    """
    return sorted(
        f"{_name(graph, s)} {_name(graph, pred)} {_name(graph, o)}"
        for pred in POLICY_PREDICATES
        for s, o in graph.subject_objects(pred)
    )
