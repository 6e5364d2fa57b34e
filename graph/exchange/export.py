"""Exports of the built store: RDF serialisations and property graphs.

Triple formats (Turtle, N-Triples, RDF/XML) hold the union of the named graphs
(or one graph, `graph=`); quad formats (N-Quads, TriG, JSON-LD) keep the named
graphs. Output is sorted, so two exports of one build are byte-identical.
Property graphs (GraphML, GEXF, Neo4j CSV) are built by
`bilateral.graph.exchange.propertygraph`.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from bilateral.graph import formats, jsonld
from bilateral.graph.exchange import eventtable, neo4j, propertygraph
from bilateral.graph.namespaces import GRAPHS, PREFIXES, UNION

logger = logging.getLogger(__name__)

TRIPLE_FORMATS = {m.names[0]: m.rdf for m in formats.TRIPLES}
QUAD_FORMATS = {m.names[0]: m.rdf for m in formats.QUADS}
PROPERTY_GRAPH_FORMATS = ("graphml", "gexf", "neo4j")
FORMATS = (*TRIPLE_FORMATS, *QUAD_FORMATS, "jsonld", *PROPERTY_GRAPH_FORMATS, "events")
GRAPH_NAMES = tuple(GRAPHS)


def export(
    store: ox.Store,
    fmt: str,
    out: Path,
    *,
    graph: str | None = None,
    context: dict | None = None,
    passages: bool = False,
    events_as: str = "nodes",
) -> None:
    """Write the dataset (or the named `graph` alone) in format `fmt` to `out`.

    `context` is the JSON-LD context (default: the one generated from the
    ontology); `passages` and `events_as` shape the property graphs.

    :raises ValueError: for an unknown format or graph name.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if graph is not None and graph not in GRAPHS:
        raise ValueError(f"unknown graph {graph!r}; choose one of {', '.join(GRAPHS)}")
    if fmt == "events":
        write_bytes(out, eventtable.to_csv(store))
        return
    if fmt in PROPERTY_GRAPH_FORMATS:
        model = propertygraph.from_store(store, passages=passages, events_as=events_as)
        if fmt == "neo4j":
            neo4j.write(model, out)
        else:
            write_bytes(out, propertygraph.serialize(model, fmt))
        return
    quads = sorted_quads(store, graph, union=fmt in TRIPLE_FORMATS)
    if fmt in TRIPLE_FORMATS:
        triples = sorted({q.triple for q in quads}, key=_triple_key)
        data = ox.serialize(triples, format=TRIPLE_FORMATS[fmt], prefixes=_prefixes(fmt))
    elif fmt in QUAD_FORMATS:
        data = ox.serialize(quads, format=QUAD_FORMATS[fmt], prefixes=_prefixes(fmt))
    else:
        document = jsonld.compact_quads(
            quads, context if context is not None else jsonld.context_from_ontology(store)
        )
        data = (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
    write_bytes(out, data)
    logger.info("%s: %d quads as %s", out, len(quads), fmt)


def sorted_quads(store: ox.Store, graph: str | None = None, union: bool = False) -> list[ox.Quad]:
    """The quads of the named graphs (or of one, or of the default graph's union), sorted.

    Blank nodes are canonical.
    """
    names = [graph] if graph is not None else list(UNION if union else GRAPHS)
    found = [
        quad
        for name in names
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(str(GRAPHS[name])))
    ]
    if any(isinstance(t, ox.BlankNode) for q in found for t in (q.subject, q.object)):
        # Blank node ids of a build are arbitrary: rename them from the graph's shape.
        dataset = ox.Dataset(found)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        found = list(dataset)
    return sorted(found, key=_quad_key)


def write_bytes(out: Path, data: bytes) -> None:
    """Write a file atomically (temporary file, then rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, out)


def _prefixes(fmt: str) -> dict[str, str] | None:
    """Prefixes for the formats that abbreviate IRIs."""
    return dict(PREFIXES) if fmt in ("turtle", "trig", "rdfxml") else None


def _term_key(term) -> tuple[int, str]:
    order = 0 if isinstance(term, ox.NamedNode) else 1 if isinstance(term, ox.BlankNode) else 2
    return order, str(term)


def _triple_key(triple: ox.Triple) -> tuple:
    return tuple(_term_key(t) for t in (triple.subject, triple.predicate, triple.object))


def _quad_key(quad: ox.Quad) -> tuple:
    return (_term_key(quad.graph_name), *_triple_key(quad.triple))


def count_by_graph(quads: Iterable[ox.Quad]) -> dict[str, int]:
    """Quads per graph IRI (a check on re-parsed exports)."""
    counts: dict[str, int] = {}
    for quad in quads:
        key = str(quad.graph_name)
        counts[key] = counts.get(key, 0) + 1
    return counts
