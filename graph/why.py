"""Why a triple holds: its derivation tree read from the store, as JSON and as text.

`why(store, s, p, o)` is what the command line prints and what a resource page
shows. It reads any store, or any quads: the whole build for the command line,
or the few quads a page fetched through the query service. Its JSON shape, one node per statement:

    {"subject": TERM, "predicate": TERM, "object": TERM,
     "status": "inferred" | "asserted",
     "graphs": ["data", ...],                 # asserted: the graphs holding it
     "rule": "cax-sco", "because": "...",     # inferred: the rule, in words
     "premises": [NODE, ...],                 # inferred: the premises' trees
     "passages": [{"passage": IRI, "start": int, "end": int, "exact": str}]}

where TERM is {"iri": ..., "label": ...} or {"literal": ..., "datatype": ...,
"language": ..., "label": ...}. Passages are those of an asserted data
premise's subject (bl:evidence), narrowed to those that name its object
when any does: the article's words behind the fact.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from bilateral.graph.namespaces import BL, GRAPHS, OA, UNION
from bilateral.graph.results import compact

PROV_GENERATED = ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy")
PROV_USED = ox.NamedNode("http://www.w3.org/ns/prov#used")
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode(RDF + "type")
EXPLANATIONS = ox.NamedNode(str(GRAPHS["explanations"]))
_PUBLISHED = [ox.NamedNode(str(GRAPHS[name])) for name in UNION]


def _node(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def why(source: ox.Store | Iterable[ox.Quad], s, p, o) -> dict | None:
    """The derivation tree of triple (s, p, o) (pyoxigraph terms), or None when it is absent.

    `source` is a store or quads holding the explanations graph (and the
    premises, labels and passages to show), each quad in its own graph.
    """
    reader = _Reader(source if isinstance(source, ox.Store) else in_memory(source))
    triple = (s, p, o)
    if reader.asserted_in(triple):
        return reader.asserted(triple)
    statement = reader.statement(triple)
    if statement is None:
        return None
    return reader.tree(statement)


def in_memory(quads: Iterable[ox.Quad]) -> ox.Store:
    """A store in memory holding `quads`, for reading a few of them as a whole store."""
    store = ox.Store()
    store.extend(quads)
    return store


def explained(source: ox.Store | Iterable[ox.Quad], subject) -> list[tuple]:
    """The inferred triples about `subject` that have a derivation in `source`."""
    store = source if isinstance(source, ox.Store) else in_memory(source)
    reader = _Reader(store)
    found = []
    for quad in store.quads_for_pattern(None, ox.NamedNode(RDF + "subject"), subject, EXPLANATIONS):
        if reader.one(quad.subject, PROV_GENERATED, EXPLANATIONS) is not None:
            found.append(reader.triple_of(quad.subject))
    return found


class _Reader:
    """Reads statements, derivations, labels and passages from one store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.labels: dict = {}

    def one(self, s, p, graph=None):
        for quad in self.store.quads_for_pattern(s, p, None, graph):
            return quad.object
        return None

    def asserted_in(self, triple: tuple) -> list[str]:
        return [
            name
            for name in UNION
            if name != "inferred"
            and any(True for _ in self.store.quads_for_pattern(*triple, _node(GRAPHS[name])))
        ]

    def statement(self, triple: tuple):
        s, p, o = triple
        subject = ox.NamedNode(RDF + "subject")
        for quad in self.store.quads_for_pattern(None, subject, s, EXPLANATIONS):
            candidate = quad.subject
            if self.one(candidate, ox.NamedNode(RDF + "predicate"), EXPLANATIONS) == p and (
                self.one(candidate, ox.NamedNode(RDF + "object"), EXPLANATIONS) == o
            ):
                return candidate
        return None

    def triple_of(self, statement) -> tuple:
        return tuple(
            self.one(statement, ox.NamedNode(RDF + part), EXPLANATIONS)
            for part in ("subject", "predicate", "object")
        )

    def tree(self, statement) -> dict:
        triple = self.triple_of(statement)
        derivation = self.one(statement, PROV_GENERATED, EXPLANATIONS)
        if derivation is None:
            return self.asserted(triple)
        premises = [
            q.object
            for q in self.store.quads_for_pattern(derivation, PROV_USED, None, EXPLANATIONS)
        ]
        node = self.terms(triple)
        node.update(
            status="inferred",
            rule=self.one(derivation, _node(BL.rule), EXPLANATIONS).value,
            because=self.one(derivation, _node(BL.because), EXPLANATIONS).value,
            premises=sorted((self.tree(p) for p in premises), key=_order),
        )
        return node

    def asserted(self, triple: tuple) -> dict:
        node = self.terms(triple)
        graphs = self.asserted_in(triple)
        node.update(status="asserted", graphs=graphs)
        node["passages"] = self.passages(*triple) if "data" in graphs else []
        return node

    def passages(self, subject, predicate, object_) -> list[dict]:
        """The subject's passages that name both terms, else the object, else the subject, else all.

        A class's label names a kind ("military exercise"), not the thing: for a
        type, the passages naming the subject come before those naming the class.
        """
        found = self.evidence(subject)

        def naming(term) -> list[dict]:
            name = self.label(term).lower() if isinstance(term, ox.NamedNode) else None
            return [p for p in found if name and name in p["exact"].lower()]

        first, second = naming(object_), naming(subject)
        if predicate == RDF_TYPE:
            first, second = second, first
        return [p for p in first if p in second] or first or second or found

    def evidence(self, subject) -> list[dict]:
        found = []
        for quad in self.store.quads_for_pattern(subject, _node(BL.evidence), None, None):
            passage = quad.object
            start = self.one(passage, _node(OA.start))
            found.append(
                {
                    "passage": passage.value,
                    "start": int(start.value) if start is not None else None,
                    "end": int(self.one(passage, _node(OA.end)).value),
                    "exact": self.one(passage, _node(OA.exact)).value,
                }
            )
        unique = {p["passage"]: p for p in found}
        return sorted(unique.values(), key=lambda p: (p["start"], p["end"]))

    def label(self, term) -> str:
        if term not in self.labels:
            labels = [
                q.object
                for graph in _PUBLISHED
                for q in self.store.quads_for_pattern(term, RDFS_LABEL, None, graph)
                if isinstance(term, ox.NamedNode)
            ]
            english = [t.value for t in labels if getattr(t, "language", None) in (None, "en")]
            self.labels[term] = english[0] if english else _describe(term)
        return self.labels[term]

    def terms(self, triple: tuple) -> dict:
        return {key: self.term(t) for key, t in zip(("subject", "predicate", "object"), triple)}

    def term(self, term) -> dict:
        if isinstance(term, ox.Literal):
            return {
                "literal": term.value,
                "datatype": term.datatype.value,
                "language": term.language,
                "label": f'"{term.value}"',
            }
        return {"iri": term.value, "label": self.label(term)}


def _describe(term) -> str:
    if isinstance(term, ox.NamedNode) and "/resource/" in term.value:
        return term.value.rsplit("/", 1)[-1].replace("_", " ")
    return compact(term)


def _order(node: dict) -> tuple:
    """Premises in reading order: data before ontology, then by text."""
    return (node["status"] == "asserted" and "data" not in node.get("graphs", []), sentence(node))


def sentence(node: dict) -> str:
    """The statement of a node in words: 'Joint Sea-2014 · type · naval exercise'."""
    return " · ".join(node[key]["label"] for key in ("subject", "predicate", "object"))


def render(node: dict, depth: int = 0) -> list[str]:
    """The tree as indented lines of text: each step's rule in words, passages quoted."""
    pad = "    " * depth
    if node["status"] == "asserted":
        lines = [f"{pad}{sentence(node)}: asserted in {' and '.join(node['graphs'])}"]
        lines += [f'{pad}    "{p["exact"]}" [{p["start"]}-{p["end"]}]' for p in node["passages"]]
        return lines
    lines = [f"{pad}{node['because']} ({node['rule']})"]
    for premise in node["premises"]:
        lines.extend(render(premise, depth + 1))
    return lines
