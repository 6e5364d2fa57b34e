"""Self-description: the SPARQL Service Description and the VoID description.

Service Description: https://www.w3.org/TR/sparql11-service-description/ ;
VoID: https://www.w3.org/TR/void/ .
"""

from __future__ import annotations

import logging

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from markupsafe import escape

from bilateral.graph import formats
from bilateral.graph.namespaces import GRAPH_BASE, GRAPHS, PREFIXES, UNION
from bilateral.server import state
from bilateral.server.errors import ApiError

logger = logging.getLogger(__name__)

bp = Blueprint("description", __name__)

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OUT_PREFIXES = {
    "sd": SD,
    "void": VOID,
    "dcterms": DCT,
    "formats": FORMATS,
    "bl": PREFIXES["bl"],
    "rdf": PREFIXES["rdf"],
    "xsd": PREFIXES["xsd"],
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(PREFIXES["xsd"] + "integer"))


def base_url() -> str:
    """The public base URL: `BASE_URL` when configured, else the request's."""
    return (current_app.config.get("BASE_URL") or request.host_url).rstrip("/")


def service_triples() -> list[ox.Triple]:
    """The service description of /sparql: languages, formats, features, dataset."""
    base = base_url()
    service = _n(base + "/sparql")
    dataset = ox.BlankNode("dataset")
    triples = [
        ox.Triple(service, RDF_TYPE, _n(SD + "Service")),
        ox.Triple(service, _n(SD + "endpoint"), service),
        ox.Triple(service, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
        ox.Triple(service, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
        ox.Triple(service, _n(SD + "feature"), _n(SD + "BasicFederatedQuery")),
        ox.Triple(service, _n(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _n(SD + "Dataset")),
        ox.Triple(dataset, _n(VOID + "sparqlEndpoint"), service),
    ]
    triples += [
        ox.Triple(service, _n(SD + "resultFormat"), _n(FORMATS + m.w3c)) for m in formats.NAMED
    ]
    counts = state.manifest().get("counts", {})
    default = ox.BlankNode("default")
    triples += [
        ox.Triple(dataset, _n(SD + "defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _n(SD + "Graph")),
    ]
    if counts:
        union = sum(counts.get(name, 0) for name in UNION)
        triples.append(ox.Triple(default, _n(VOID + "triples"), _count(union)))
    for name in GRAPHS:
        named, graph = ox.BlankNode(f"named-{name}"), ox.BlankNode(f"graph-{name}")
        triples += [
            ox.Triple(dataset, _n(SD + "namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _n(SD + "NamedGraph")),
            ox.Triple(named, _n(SD + "name"), _n(GRAPH_BASE + name)),
            ox.Triple(named, _n(SD + "graph"), graph),
            ox.Triple(graph, RDF_TYPE, _n(SD + "Graph")),
        ]
        if name in counts:
            triples.append(ox.Triple(graph, _n(VOID + "triples"), _count(counts[name])))
    return triples


def class_counts() -> list[tuple[str, int]]:
    """Instances per class over the union graph, computed once per build."""

    def compute() -> list[tuple[str, int]]:
        query = (
            "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } "
            "GROUP BY ?class ORDER BY ?class"
        )
        rows = state.service().select(query)
        return [
            (r["class"].value, int(r["n"].value))
            for r in rows
            if isinstance(r["class"], ox.NamedNode)
        ]

    return state.cached("class-counts", compute)


def sources() -> list[str]:
    """The IRIs of the source documents the graph was drawn from."""
    query = f"SELECT DISTINCT ?d WHERE {{ ?d a <{PREFIXES['bl']}SourceDocument> }} ORDER BY ?d"
    rows = state.service().select(query)
    return [r["d"].value for r in rows]


def void_triples() -> list[ox.Triple]:
    """The VoID description: per-graph and per-class counts, dumps, endpoint, licence, source."""
    base = base_url()
    dataset = _n(base + "/void#Bilateral")
    manifest = state.manifest()
    counts = manifest.get("counts", {})
    triples = [
        ox.Triple(dataset, RDF_TYPE, _n(VOID + "Dataset")),
        ox.Triple(dataset, _n(DCT + "title"), ox.Literal("Bilateral", language="en")),
        ox.Triple(dataset, _n(VOID + "sparqlEndpoint"), _n(base + "/sparql")),
        ox.Triple(dataset, _n(DCT + "license"), _n(current_app.config["LICENSE"])),
        ox.Triple(dataset, _n(VOID + "uriSpace"), ox.Literal(PREFIXES["blr"])),
        ox.Triple(dataset, _n(VOID + "vocabulary"), _n("https://w3id.org/bilateral/ontology")),
    ]
    if counts:
        triples.append(ox.Triple(dataset, _n(VOID + "triples"), _count(sum(counts.values()))))
    triples += [
        ox.Triple(dataset, _n(VOID + "dataDump"), _n(f"{base}/download/{name}"))
        for name in sorted(manifest.get("dumps", {}))
    ]
    for name, count in sorted(counts.items()):
        subset = _n(f"{base}/void#graph-{name}")
        triples += [
            ox.Triple(dataset, _n(VOID + "subset"), subset),
            ox.Triple(subset, RDF_TYPE, _n(VOID + "Dataset")),
            ox.Triple(subset, _n(SD + "name"), _n(GRAPH_BASE + name)),
            ox.Triple(subset, _n(VOID + "triples"), _count(count)),
        ]
    if state.available():
        triples += [ox.Triple(dataset, _n(DCT + "source"), _n(iri)) for iri in sources()]
        for index, (iri, count) in enumerate(class_counts()):
            part = ox.BlankNode(f"class{index}")
            triples += [
                ox.Triple(dataset, _n(VOID + "classPartition"), part),
                ox.Triple(part, _n(VOID + "class"), _n(iri)),
                ox.Triple(part, _n(VOID + "entities"), _count(count)),
            ]
    return triples


def graph_response(triples: list[ox.Triple], fmt: str | None, title: str) -> Response:
    """Triples in the negotiated RDF format, or a small HTML page for browsers."""
    table = (*formats.DESCRIPTION, formats.HTML)
    chosen = formats.negotiate(table, request.accept_mimetypes, fmt)
    if chosen is formats.HTML and not fmt:
        return _html(triples, title)
    if chosen is None or chosen is formats.HTML:
        raise ApiError(406, f"the {title} is available as {formats.offered(formats.DESCRIPTION)}")
    body = ox.serialize(
        triples,
        format=chosen.rdf,
        prefixes=OUT_PREFIXES if chosen.oxigraph in ("TURTLE", "TRIG") else None,
    )
    response = Response(body, content_type=formats.content_type(chosen))
    response.vary.add("Accept")
    return response


def _html(triples: list[ox.Triple], title: str) -> Response:
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=OUT_PREFIXES)
    page = (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{escape(title)}</title>"
        f"<h1>{escape(title)}</h1><p>Send SPARQL queries to <code>/sparql</code> with the "
        f'SPARQL 1.1 Protocol, or use the <a href="/">query page</a>.</p>'
        f"<pre>{escape(turtle.decode('utf-8'))}</pre></html>"
    )
    response = Response(page, mimetype="text/html")
    response.vary.add("Accept")
    return response


def service_response(fmt: str | None) -> Response:
    """GET /sparql without a query: the service description."""
    return graph_response(service_triples(), fmt, "SPARQL service description")


@bp.route("/void")
@bp.route("/.well-known/void")
def void() -> Response:
    """The VoID description of the dataset."""
    return graph_response(void_triples(), request.args.get("format"), "VoID description")
