"""JSON-LD: the published context of the vocabulary, and compaction of the dataset with it.

The context (`ontology/context.jsonld`) maps every `bl:` class and property to
its local name, types object properties as IRIs and datatype properties by
their range, so that a compacted document reads like plain JSON. It is
generated from the ontology (`context_from_ontology`) and checked in; a test
fails when the file drifts from the ontology.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from pyld import jsonld

from bilateral.graph.namespaces import BL, GRAPHS, PREFIXES

CONTEXT_URL = "https://w3id.org/bilateral/context.jsonld"
RDF = PREFIXES["rdf"]
OWL = PREFIXES["owl"]
RDFS = PREFIXES["rdfs"]
XSD = PREFIXES["xsd"]

# Terms outside bl: that the data uses often, with the shape of their values.
FIXED_TERMS = {
    "label": {"@id": "rdfs:label", "@language": "en"},
    "comment": {"@id": "rdfs:comment", "@language": "en"},
    "altLabel": {"@id": "skos:altLabel", "@language": "en"},
    "hiddenLabel": {"@id": "skos:hiddenLabel", "@language": "en"},
    "prefLabel": {"@id": "skos:prefLabel", "@language": "en"},
    "sameAs": {"@id": "owl:sameAs", "@type": "@id"},
    "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "isPartOf": {"@id": "dcterms:isPartOf", "@type": "@id"},
    "exact": "oa:exact",
    "start": {"@id": "oa:start", "@type": "xsd:integer"},
    "end": {"@id": "oa:end", "@type": "xsd:integer"},
}

_TERMS_QUERY = """
SELECT ?term ?kind ?range WHERE {
  ?term a ?kind .
  FILTER(?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty,
                   owl:TransitiveProperty, owl:SymmetricProperty))
  OPTIONAL { ?term rdfs:range ?range }
}
"""


def context_from_ontology(store: ox.Store) -> dict:
    """The JSON-LD context of the ontology graph in `store` (sorted, stable)."""
    terms: dict[str, object] = {}
    rows = store.query(
        _TERMS_QUERY,
        prefixes={"owl": OWL, "rdfs": RDFS},
        default_graph=ox.NamedNode(str(GRAPHS["ontology"])),
    )
    found: dict[str, tuple[set[str], set[str]]] = {}
    for row in rows:
        iri = row["term"].value
        if not iri.startswith(str(BL)):
            continue
        kinds, ranges = found.setdefault(iri[len(str(BL)) :], (set(), set()))
        kinds.add(row["kind"].value)
        if row["range"] is not None:
            ranges.add(row["range"].value)
    for local, (kinds, ranges) in sorted(found.items()):
        terms[local] = _term_definition(local, kinds, ranges)
    prefixes = {name: iri for name, iri in sorted(PREFIXES.items())}
    return {"@context": {"@version": 1.1, **prefixes, **FIXED_TERMS, **terms}}


def _term_definition(local: str, kinds: set[str], ranges: set[str]) -> object:
    """One term: a plain mapping for classes, typed for properties."""
    iri = f"bl:{local}"
    if OWL + "ObjectProperty" in kinds:
        return {"@id": iri, "@type": "@id"}
    if OWL + "DatatypeProperty" in kinds and len(ranges) == 1:
        (datatype,) = ranges
        if datatype.startswith(XSD) and datatype != XSD + "string":
            return {"@id": iri, "@type": "xsd:" + datatype[len(XSD) :]}
    return iri


def read_context(path: Path) -> dict:
    """The context document stored at `path`.

    :raises OSError: when the file is missing.
    """
    return json.loads(path.read_text(encoding="utf-8"))


def compact_quads(quads: Iterable[ox.Quad], context: dict) -> dict:
    """Distinct quads compacted with `context`, the context inlined.

    Inlining keeps the file readable offline by any JSON-LD processor; the same
    context is published (CONTEXT_URL) for documents that reference it. The
    quads go to the processor as its RDF dataset, not as N-Quads text: its
    N-Quads reader checks each triple against every other one of its graph.
    """
    expanded = jsonld.from_rdf(_dataset(quads), {})
    options = {"compactArrays": True, "skipExpansion": True}  # from_rdf gives expanded form
    compacted = _Compactor().compact(expanded, context, options)
    graphs = compacted.get("@graph", [])
    if isinstance(graphs, list):
        graphs.sort(key=lambda node: str(node.get("@id", "")))
        for node in graphs:
            if isinstance(node.get("@graph"), list):
                node["@graph"].sort(key=lambda item: str(item.get("@id", "")))
    return compacted


class _Compactor(jsonld.JsonLdProcessor):
    """pyld's processor, remembering each IRI's compact form for the length of one document.

    pyld looks for a term or prefix of each IRI by scanning the whole context,
    once per occurrence; a dataset repeats the same few hundred IRIs.
    Calls with a value (whose type or language choose the term) are not cached.
    """

    def __init__(self) -> None:
        super().__init__()
        self._compacted: dict[tuple, str] = {}

    def _compact_iri(self, active_ctx, iri, value=None, **options):
        if value is not None:
            return super()._compact_iri(active_ctx, iri, value, **options)
        key = (id(active_ctx), iri, tuple(sorted(options.items())))
        if key not in self._compacted:
            self._compacted[key] = super()._compact_iri(active_ctx, iri, **options)
        return self._compacted[key]


def _dataset(quads: Iterable[ox.Quad]) -> dict[str, list[dict]]:
    """Quads as the JSON-LD processor's RDF dataset: triples by graph name."""
    dataset: dict[str, list[dict]] = {}
    for quad in quads:
        graph = quad.graph_name
        name = "@default" if isinstance(graph, ox.DefaultGraph) else _node(graph)["value"]
        triple = {"subject": _term(quad.subject), "predicate": _term(quad.predicate)}
        dataset.setdefault(name, []).append(triple | {"object": _term(quad.object)})
    return dataset


def _term(term) -> dict:
    if not isinstance(term, ox.Literal):
        return _node(term)
    found = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    if term.language:
        found["language"] = term.language
    return found


def _node(term) -> dict:
    if isinstance(term, ox.BlankNode):
        return {"type": "blank node", "value": f"_:{term.value}"}
    return {"type": "IRI", "value": term.value}


def write_context(store: ox.Store, path: Path) -> None:
    """Regenerate the context file from the ontology graph of a built store."""
    text = json.dumps(context_from_ontology(store), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":  # python -m bilateral.graph.jsonld STORE ontology/context.jsonld
    import sys

    from bilateral.graph.store import open_store

    write_context(open_store(Path(sys.argv[1])), Path(sys.argv[2]))
