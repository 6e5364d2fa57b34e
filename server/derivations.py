"""Why an inferred fact holds, for the pages: derivation trees fetched in one query.

One SELECT through the query service pulls, for the inferred statements of a
resource (or one triple), everything `graph/why.py` reads: the statements and
derivations reachable along `prov:wasGeneratedBy/prov:used` in the
explanations graph, the asserted premises in their graphs, the labels of
their terms and the passages of the asserted data premises. `why()` then
reads those quads from a small store in memory, as the command line reads
the whole build.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import pyoxigraph as ox

from bilateral.graph.namespaces import GRAPHS
from bilateral.graph.why import explained, in_memory, why
from bilateral.server import pages
from bilateral.server.executor import QueryFailed

logger = logging.getLogger(__name__)

EXPLANATIONS = f"<{GRAPHS['explanations']}>"
DATA = f"<{GRAPHS['data']}>"
# The statements behind ?top, the inferred statement(s) asked about. Each
# branch below repeats it: pyoxigraph joins a shared reach with the UNION
# far more slowly (seconds) than it evaluates the reach five times (ms).
REACH = f"""GRAPH {EXPLANATIONS} {{
      ?top rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
        prov:wasGeneratedBy [] .
      ?top (prov:wasGeneratedBy/prov:used)* ?statement .
    }}"""
# What why() reads, as quads ?g ?s ?p ?o. FILTER rather than a constant
# graph in the passages' branches: the constant makes the engine start there.
BRANCHES = (
    "GRAPH ?g { ?statement ?p ?o } BIND(?statement AS ?s)",
    "GRAPH ?g { ?statement prov:wasGeneratedBy ?s . ?s ?p ?o }",
    f"GRAPH {EXPLANATIONS} {{ ?statement rdf:subject|rdf:predicate|rdf:object ?s }}\n"
    "    GRAPH ?g { ?s rdfs:label ?o } BIND(rdfs:label AS ?p)",
    f"GRAPH {EXPLANATIONS} {{\n"
    "      ?statement bl:assertedIn ?g ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o\n"
    "    }",
    f"GRAPH {EXPLANATIONS} {{ ?statement bl:assertedIn ?home ; rdf:subject ?s }}\n"
    f"    FILTER(?home = {DATA})\n"
    "    GRAPH ?g { ?s bl:evidence ?o } BIND(bl:evidence AS ?p)",
    f"GRAPH {EXPLANATIONS} {{ ?statement bl:assertedIn ?home ; rdf:subject ?about }}\n"
    f"    FILTER(?home = {DATA})\n"
    "    GRAPH ?g { ?about bl:evidence ?s . ?s ?p ?o }",
)
PREFIXES = """PREFIX bl: <https://w3id.org/bilateral/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _query(bound: str) -> str:
    """The query, projecting the variables a caller binds (pyoxigraph binds only those)."""
    union = "\n  UNION\n".join(f"  {{\n    {REACH}\n    {b}\n  }}" for b in BRANCHES)
    return f"{PREFIXES}SELECT DISTINCT {bound} ?g ?s ?p ?o WHERE {{\n{union}\n}}"


OF_SUBJECT = _query("?subject")
OF_TRIPLE = _query("?subject ?predicate ?object")


def _quads(query: str, **bindings) -> ox.Store:
    rows = pages.select(query, **bindings)
    return in_memory(ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)


def of_triple(s: ox.NamedNode, p: ox.NamedNode, o) -> dict | None:
    """The derivation tree of one inferred triple, premises linked; None when not inferred."""
    store = _quads(OF_TRIPLE, subject=s, predicate=p, object=o)
    tree = why(store, s, p, o)
    return linked(tree) if tree is not None and tree["status"] == "inferred" else None


def attach(resource: pages.Resource) -> None:
    """Give each inferred type and property value of `resource` its tree, as `why`,
    and each inferred incoming value the path of its /why page, as `whyHref`."""
    this = ox.NamedNode(resource.iri)
    try:
        store = _quads(OF_SUBJECT, subject=this)
    except QueryFailed as failure:
        if failure.status != 400:
            raise
        # A backend that cannot evaluate this query (Virtuoso 7.2's SPARQL compiler fails
        # on it) still serves the page, without the explanations.
        logger.warning("no derivations for %s: %s", resource.iri, failure.message)
        return
    trees = {
        (p.value, o.value): linked(why(store, this, p, o)) for _s, p, o in explained(store, this)
    }
    groups = [{"iri": pages.RDF_TYPE, "values": resource.types}, *resource.properties]
    for group in groups:
        for value in group["values"]:
            if value.get("inferred"):
                found = trees.get((group["iri"], value.get("iri", value.get("value"))))
                if found is not None:
                    value["why"] = found
    for group in resource.incoming:  # explained on the subject's page; linked to /why here
        for value in group["values"]:
            if value.get("inferred") and "iri" in value:
                query = {"s": value["iri"], "p": group["iri"], "o": resource.iri}
                value["whyHref"] = "/why?" + urlencode(query)


def linked(node: dict) -> dict:
    """The tree with `href`, the path of our page, on each term that has one."""
    for key in ("subject", "predicate", "object"):
        term = node[key]
        if "iri" in term:
            term["href"] = pages.local_href(term["iri"])
    for premise in node.get("premises", []):
        linked(premise)
    return node
