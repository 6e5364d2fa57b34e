"""Reading Turtle with precise errors, and moving terms between rdflib and pyoxigraph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from bilateral.graph.errors import InputError


class TurtleError(InputError):
    """A Turtle file that does not parse; the message names file, line and column."""


def parse_turtle(path: Path) -> Graph:
    """Parse one Turtle file into an rdflib graph.

    pyoxigraph parses (it reports line and column of a syntax error, rdflib only
    the line); the triples are then handed to rdflib for reasoning and SHACL.

    :raises TurtleError: `file:line:column: message` on a syntax error.
    """
    graph = Graph()
    try:
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            s, p, o = triple.subject, triple.predicate, triple.object
            graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    except SyntaxError as exc:
        line, column = exc.lineno or 0, exc.offset or 0
        message = str(exc.msg).split(": ", 1)[-1]
        raise TurtleError(f"{path}:{line}:{column}: {message}") from None
    return graph


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """The rdflib term of a pyoxigraph term.

    >>> to_rdflib(ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('7', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term (lexical forms kept as written).

    >>> to_oxigraph(Literal("Putin", lang="en"))
    <Literal value=Putin language=en>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def quads(
    graph: Iterable[tuple[Node, Node, Node]], graph_name: URIRef | ox.DefaultGraph
) -> Iterator[ox.Quad]:
    """The triples of an rdflib graph as pyoxigraph quads in `graph_name`."""
    name = graph_name if isinstance(graph_name, ox.DefaultGraph) else ox.NamedNode(str(graph_name))
    for s, p, o in graph:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)


def as_stored(graph: Graph) -> Graph:
    """`graph` as the store holds it, so that what is validated is what is published.

    The store keeps literals in canonical form: an integer subtype becomes
    xsd:integer, `100.0`^^xsd:decimal becomes `100`.

    >>> from rdflib.namespace import XSD
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:a"), URIRef("urn:n"), Literal("007", datatype=XSD.nonNegativeInteger)))
    >>> [o.n3() for o in as_stored(g).objects()]
    ['"7"^^<http://www.w3.org/2001/XMLSchema#integer>']
    """
    store = ox.Store()
    store.bulk_extend(quads(graph, ox.DefaultGraph()))
    stored = Graph()
    for quad in store:
        stored.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return stored


def parse_turtle_files(paths: Iterable[Path]) -> Graph:
    """The union of several Turtle files."""
    union = Graph()
    for path in paths:
        union += parse_turtle(path)
    return union
