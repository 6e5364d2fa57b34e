"""Data for the HTML pages: the store, the build, labels and resource descriptions.

Every query goes through the app's query service (`state.service()`), and
values derived from a build are kept in its one per-build cache.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from flask import current_app

from bilateral.graph import jsonld
from bilateral.graph import store as stores
from bilateral.graph.namespaces import BLR, GRAPH_BASE, PREFIXES
from bilateral.graph.seeds import Seed, load_seeds
from bilateral.server import state, values
from bilateral.server.search import SearchIndex, build_index

logger = logging.getLogger(__name__)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = PREFIXES["rdfs"]
BL = PREFIXES["bl"]
INFERRED = GRAPH_BASE + "inferred"
LINKS = GRAPH_BASE + "links"
CONTEXT_CHARS = 160
# The graphs of the default union: the explanations graph's statements are no facts.
PUBLISHED = "FILTER(?g != <" + GRAPH_BASE + "explanations>)"


def store_path() -> Path:
    """The configured store link (`STORE`, default var/store)."""
    return Path(current_app.config.get("STORE", "var/store"))


def project_dir() -> Path:
    """The configured project folder (`PROJECT`, default the working directory)."""
    return Path(current_app.config.get("PROJECT", "."))


def cached(name: str, factory):
    """A value derived from the current build, computed once per build and process."""
    return state.cached(name, factory)


def manifest() -> dict:
    """The manifest of the current build ({} when there is none)."""
    return state.manifest()


def dumps_dir() -> Path:
    """The folder of the current build's dumps."""
    return stores.build_dir(store_path()) / "dumps"


def seeds() -> dict[str, Seed]:
    """The articles of the project by file name (e.g. china-russia-2014-may-aug.txt)."""
    return cached("seeds", lambda: {s.path.name: s for s in load_seeds(project_dir() / "seeds")})


def select(query: str, **bindings) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
    """Rows of a SELECT over the union graph, values bound by name (`QueryService.select`)."""
    return state.service().select(query, **bindings)


def mention_coverage(file: str) -> dict | None:
    """One article's mentions and their totals, as the build wrote them (`bilateral coverage`).

    None when the build wrote none: an older build, or the data of a `BACKEND`.
    """
    if state.backend() is not None:
        return None  # a local build's report says nothing of the backend's data
    found = cached("coverage", lambda: stores.read_coverage(store_path()) or {})
    return next((d for d in found.get("documents", []) if d["document"] == file), None)


def search_index() -> SearchIndex:
    """The search index of the current build, built on first use."""
    return cached("search", lambda: build_index(select))


def labels() -> dict[str, str]:
    """Every IRI's English (or first) label, computed once per build."""

    def build() -> dict[str, str]:
        found: dict[str, str] = {}
        query = f"SELECT ?x ?l WHERE {{ ?x <{RDFS}label> ?l }}"
        for row in select(query):
            lang = getattr(row["l"], "language", None)
            if row["x"].value not in found or lang == "en":
                found[row["x"].value] = row["l"].value
        return found

    return cached("labels", build)


def label(iri: str) -> str:
    """A readable name for an IRI: its label without markdown, else a prefixed name."""
    found = labels().get(iri)
    return values.plain(found) if found else compact(iri)


def compact(iri: str) -> str:
    """A prefixed name when a known namespace matches, else the IRI."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def local_href(iri: str) -> str | None:
    """The path of our own page for an IRI: resources, ontology terms and graphs; else None."""
    if iri.startswith(str(BLR)) and len(iri) > len(str(BLR)):
        return "/resource/" + iri[len(str(BLR)) :]
    if iri.startswith(BL) and len(iri) > len(BL):
        return "/ontology#" + compact(iri)
    if iri.startswith(GRAPH_BASE):
        return "/download"
    return None


def term_view(term) -> dict:
    """A term as the templates and JSON twins show it."""
    if isinstance(term, ox.NamedNode):
        return {"iri": term.value, "label": label(term.value), "href": local_href(term.value)}
    if isinstance(term, ox.Literal):
        view = {
            "value": term.value,
            "datatype": compact(term.datatype.value),
            "text": values.literal(term.value, term.datatype.value),
        }
        if term.language:
            view["language"] = term.language
        return view
    return {"value": "_:" + term.value}


@dataclass
class Resource:
    """What the resource page shows about one IRI."""

    iri: str
    label: str
    types: list[dict] = field(default_factory=list)
    properties: list[dict] = field(default_factory=list)
    incoming: list[dict] = field(default_factory=list)
    sameas: list[str] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        """The JSON twin of the page."""
        return {
            "iri": self.iri,
            "label": self.label,
            "types": self.types,
            "properties": self.properties,
            "incoming": self.incoming,
            "sameAs": self.sameas,
            "passages": self.passages,
        }


def _grouped(rows: list[dict], key: str, value: str) -> list[dict]:
    """Rows of (property, value, graph) grouped by property; inferred marks kept."""
    groups: dict[str, dict[str, dict]] = {}
    for row in rows:
        prop, term, graph = row[key].value, row[value], row["g"].value
        entry = groups.setdefault(prop, {}).setdefault(str(term), {**term_view(term), "graphs": []})
        entry["graphs"].append(graph)
    result = []
    for prop in sorted(groups, key=lambda p: (p != RDF_TYPE, label(p).lower())):
        values = sorted(groups[prop].values(), key=lambda v: v.get("label") or v.get("value", ""))
        for v in values:
            v["inferred"] = all(g == INFERRED for g in v.pop("graphs"))
        result.append({**term_view(ox.NamedNode(prop)), "values": values})
    return result


def describe(slug: str) -> Resource | None:
    """The description of `blr:{slug}`, or None when the graph does not mention it."""
    try:
        this = ox.NamedNode(str(BLR) + slug)
    except ValueError:  # not an IRI (a space, an invalid code point): no such resource
        return None
    out = select(
        f"SELECT ?this ?p ?o ?g WHERE {{ GRAPH ?g {{ ?this ?p ?o }} {PUBLISHED} }}", this=this
    )
    inc = select(
        f"SELECT ?this ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p ?this }} {PUBLISHED} }}", this=this
    )
    if not out and not inc:
        return None
    properties = _grouped(out, "p", "o")
    types = next((p["values"] for p in properties if p["iri"] == RDF_TYPE), [])
    incoming = _grouped([{**r, "o": r["s"]} for r in inc], "p", "o")
    sameas = sorted(
        r["o"].value for r in out if r["g"].value == LINKS and r["p"].value.endswith("#sameAs")
    )
    return Resource(
        iri=this.value,
        label=label(this.value),
        types=types,
        properties=[p for p in properties if p["iri"] != RDF_TYPE],
        incoming=incoming,
        sameas=sameas,
        passages=passages_of(this),
    )


PASSAGES_OF = f"""
SELECT DISTINCT ?this ?passage ?exact ?start ?end ?file WHERE {{
  ?this <{BL}evidence> ?passage .
  ?passage <http://www.w3.org/ns/oa#exact> ?exact ;
           <http://www.w3.org/ns/oa#start> ?start ;
           <http://www.w3.org/ns/oa#end> ?end .
  OPTIONAL {{ ?passage <http://purl.org/dc/terms/isPartOf> ?doc .
             ?doc <http://purl.org/dc/terms/source> ?file }}
}}"""


def passages_of(this: ox.NamedNode) -> list[dict]:
    """The evidence passages of a resource, each with the text around it."""
    result = []
    for row in select(PASSAGES_OF, this=this):
        start, end = int(row["start"].value), int(row["end"].value)
        before, after = context(row.get("file"), start, end)
        result.append(
            {
                "iri": row["passage"].value,
                "exact": row["exact"].value,
                "start": start,
                "end": end,
                "before": before,
                "after": after,
                "href": f"/source#offset-{start}",
            }
        )
    return sorted(result, key=lambda p: (p["start"], p["end"]))


def context(file: ox.Literal | None, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT_CHARS of the article either side of a passage."""
    articles = seeds()
    seed = articles.get(file.value) if file is not None else None
    if seed is None and len(articles) == 1:
        seed = next(iter(articles.values()))
    if seed is None:
        return "", ""
    text = seed.text
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


DESCRIPTION = f"""
CONSTRUCT {{ ?this ?p ?o . ?o ?pp ?oo . ?s ?q ?this }}
WHERE {{
  {{ ?this ?p ?o OPTIONAL {{ ?this <{BL}evidence> ?o . ?o ?pp ?oo }} }}
  UNION {{ ?s ?q ?this }}
}}"""


def description_rdf(slug: str, fmt: ox.RdfFormat) -> bytes:
    """The resource's triples, its passages' and its incoming links, serialized."""
    this = ox.NamedNode(str(BLR) + slug)
    triples = state.service().construct(DESCRIPTION, this=this)
    if fmt == ox.RdfFormat.JSON_LD:  # compacted with the vocabulary's context, as the dumps are
        quads = (ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        return json.dumps(
            jsonld.compact_quads(quads, jsonld_context()), ensure_ascii=False
        ).encode()
    kwargs = {"prefixes": PREFIXES} if fmt in (ox.RdfFormat.TURTLE,) else {}
    return ox.serialize(triples, format=fmt, **kwargs)


def jsonld_context() -> dict:
    """The vocabulary's JSON-LD context (ontology/context.jsonld), else our prefixes."""
    path = project_dir() / "ontology" / "context.jsonld"
    return cached(
        "context", lambda: jsonld.read_context(path) if path.exists() else {"@context": PREFIXES}
    )
