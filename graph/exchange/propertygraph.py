"""The dataset as a property graph (networkx), written as GraphML or GEXF.

Nodes are the resources of the data graph that have a `bl:` class, with
`label`, `type` (the most specific `bl:` class), `iri` and their literal
attributes; edges are the object properties between them, with the
property's label. Passages are left out unless asked for. Events are nodes,
or (`events_as="edges"`) edges between each pair of their participants.
Attributes and edges come from the asserted graphs (data, links); the class
hierarchy from the ontology and the inferences.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from bilateral.graph.namespaces import BL, GRAPHS, PREFIXES
from bilateral.graph.results import compact

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
SUBCLASS = PREFIXES["rdfs"] + "subClassOf"
XSD = PREFIXES["xsd"]
PASSAGE = str(BL) + "Passage"
EVENT = str(BL) + "Event"
PARTICIPANT = str(BL) + "participant"
EVENTS_AS = ("nodes", "edges")
INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "nonNegativeInteger")}
NUMBER_TYPES = INTEGER_TYPES | {XSD + "decimal", XSD + "double", XSD + "float"}
EDGE_EVENT_KEYS = ("startDate", "endDate", "dateText")


@dataclass
class PropertyGraph:
    """A networkx multigraph plus the XSD datatype behind each node attribute."""

    graph: nx.MultiDiGraph
    datatypes: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


def attribute_name(predicate: str) -> str:
    """The attribute key of a predicate: `bl:` local names, `prefix_local` otherwise.

    >>> attribute_name("https://w3id.org/bilateral/ontology#startDate")
    'startDate'
    >>> attribute_name("http://www.w3.org/2000/01/rdf-schema#label")
    'label'
    >>> attribute_name("http://www.w3.org/2004/02/skos/core#altLabel")
    'skos_altLabel'
    """
    if predicate == RDFS_LABEL:
        return "label"
    name = compact(ox.NamedNode(predicate))
    if name.startswith("bl:"):
        return name[3:]
    return re.sub(r"[^\w]", "_", name.strip("<>"))


def _quads(store: ox.Store, *names: str) -> list[ox.Quad]:
    found = []
    for name in names:
        found.extend(store.quads_for_pattern(None, None, None, ox.NamedNode(str(GRAPHS[name]))))
    return found


def _superclasses(store: ox.Store) -> dict[str, set[str]]:
    """Every class's superclasses, transitively."""
    direct: dict[str, set[str]] = defaultdict(set)
    for quad in _quads(store, "ontology", "inferred"):
        if quad.predicate.value == SUBCLASS and isinstance(quad.object, ox.NamedNode):
            direct[quad.subject.value].add(quad.object.value)
    closed: dict[str, set[str]] = {}
    for cls in list(direct):
        seen, todo = set(), list(direct[cls])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(direct.get(parent, ()))
        closed[cls] = seen - {cls}
    return closed


def most_specific(types: set[str], supers: dict[str, set[str]]) -> str:
    """The most specific of a set of classes (the first by IRI on a tie).

    >>> most_specific({"A", "B"}, {"B": {"A"}})
    'B'
    """
    parents = set().union(*(supers.get(t, set()) for t in types))
    return sorted(types - parents or types)[0]


def _node_types(store: ox.Store) -> dict[str, set[str]]:
    """The `bl:` classes of each IRI subject of the data graph."""
    subjects = {
        q.subject.value for q in _quads(store, "data") if isinstance(q.subject, ox.NamedNode)
    }
    types: dict[str, set[str]] = defaultdict(set)
    for quad in _quads(store, "data", "inferred"):
        subject = quad.subject.value
        if subject in subjects and quad.predicate.value == RDF_TYPE:
            if quad.object.value.startswith(str(BL)):
                types[subject].add(quad.object.value)
    return types


def _property_labels(store: ox.Store) -> dict[str, str]:
    """English labels of the ontology's terms."""
    labels = {}
    for quad in _quads(store, "ontology"):
        if quad.predicate.value == RDFS_LABEL and quad.object.language in ("en", None):
            labels[quad.subject.value] = quad.object.value
    return labels


def from_store(store: ox.Store, *, passages: bool = False, events_as: str = "nodes"):
    """The property graph of the built store.

    :raises ValueError: for an unknown `events_as`.
    """
    if events_as not in EVENTS_AS:
        raise ValueError(f"events_as {events_as!r}: choose one of {', '.join(EVENTS_AS)}")
    supers = _superclasses(store)
    types = {s: t for s, t in _node_types(store).items() if passages or PASSAGE not in t}
    model = PropertyGraph(nx.MultiDiGraph(), labels=_property_labels(store))
    literals: dict[str, dict[str, list[ox.Literal]]] = defaultdict(lambda: defaultdict(list))
    edges = []
    for quad in sorted(_quads(store, "data", "links"), key=lambda q: str(q.triple)):
        subject, predicate, obj = quad.subject.value, quad.predicate.value, quad.object
        if subject not in types or predicate == RDF_TYPE:
            continue
        if isinstance(obj, ox.Literal):
            literals[subject][attribute_name(predicate)].append(obj)
        elif obj.value in types:
            edges.append((subject, predicate, obj.value))
        elif not obj.value.startswith(str(PREFIXES["blr"])):
            literals[subject][attribute_name(predicate)].append(ox.Literal(compact(obj)))
    model.datatypes = _datatypes(literals)
    for subject in sorted(types):
        attrs = {k: _value(v, model.datatypes[k]) for k, v in sorted(literals[subject].items())}
        attrs.setdefault("label", compact(ox.NamedNode(subject)))
        cls = most_specific(types[subject], supers)
        attrs.update(iri=subject, type=cls[len(str(BL)) :])
        attrs["classes"] = ";".join(
            sorted(t[len(str(BL)) :] for t in types[subject] | _all_supers(types[subject], supers))
        )
        model.graph.add_node(subject, **attrs)
    for index, (subject, predicate, obj) in enumerate(edges):
        label = model.labels.get(predicate, attribute_name(predicate))
        name = compact(ox.NamedNode(predicate))
        model.graph.add_edge(subject, obj, key=f"e{index}", label=label, predicate=name)
    if events_as == "edges":
        _events_to_edges(model, store)
    return model


def _all_supers(types: set[str], supers: dict[str, set[str]]) -> set[str]:
    found = set().union(*(supers.get(t, set()) for t in types))
    return {t for t in found if t.startswith(str(BL))}


def _datatypes(literals: dict[str, dict[str, list[ox.Literal]]]) -> dict[str, str]:
    """One XSD datatype per attribute key: the shared one, or xsd:string."""
    seen: dict[str, set[str]] = defaultdict(set)
    multi: set[str] = set()
    for attrs in literals.values():
        for key, values in attrs.items():
            seen[key].update(v.datatype.value for v in values)
            if len(values) > 1:
                multi.add(key)
    result = {}
    for key, datatypes in seen.items():
        single = datatypes.pop() if len(datatypes) == 1 and key not in multi else None
        result[key] = (
            single if single and single != PREFIXES["rdf"] + "langString" else XSD + "string"
        )
    return result


def _value(values: list[ox.Literal], datatype: str) -> object:
    """A Python value for GraphML/GEXF: int, float or a '; '-joined string."""
    if datatype in INTEGER_TYPES:
        return int(values[0].value)
    if datatype in NUMBER_TYPES:
        return float(values[0].value)
    return "; ".join(sorted(v.value for v in values))


def _events_to_edges(model: PropertyGraph, store: ox.Store) -> None:
    """Replace each event node by edges between each pair of its participants."""
    graph = model.graph
    participants: dict[str, set[str]] = defaultdict(set)
    for quad in _quads(store, "data", "inferred"):
        if quad.predicate.value == PARTICIPANT and quad.object.value in graph:
            participants[quad.subject.value].add(quad.object.value)
    events = sorted(n for n, d in graph.nodes(data=True) if "Event" in d["classes"].split(";"))
    index = graph.number_of_edges()
    for event in events:
        attrs = graph.nodes[event]
        extra = {k: attrs[k] for k in EDGE_EVENT_KEYS if k in attrs}
        for a, b in itertools.combinations(sorted(participants[event] - set(events)), 2):
            graph.add_edge(
                a,
                b,
                key=f"e{index}",
                label=attrs["label"],
                predicate=compact(ox.NamedNode(event)),
                type=attrs["type"],
                **extra,
            )
            index += 1
    graph.remove_nodes_from(events)


def serialize(model: PropertyGraph, fmt: str) -> bytes:
    """GraphML or GEXF bytes (no timestamps, so they depend on the data only)."""
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(model.graph, buffer)
        return buffer.getvalue()
    nx.write_gexf(model.graph, buffer)
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue())
