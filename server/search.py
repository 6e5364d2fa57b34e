"""Ranked search over labels, aliases and the words of cited passages.

The index is an in-memory inverted index built once per build (see
`pages.cached`): token -> {document: weight}. Queries intersect the postings
of every token (the last one also as a prefix, for search-as-you-type), so a
lookup costs a few dictionary reads however large the graph is.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from bilateral.graph.namespaces import PREFIXES

_WORD = re.compile(r"\w+", re.UNICODE)
SKOS = PREFIXES["skos"]
WEIGHTS = {
    PREFIXES["rdfs"] + "label": 10.0,
    SKOS + "altLabel": 6.0,
    SKOS + "hiddenLabel": 4.0,
}
PASSAGE_WEIGHT = 1.0
EXACT_BONUS = 20.0
MIN_PREFIX = 2  # a one-letter prefix would touch most of the vocabulary
MAX_EXPANSIONS = 200  # vocabulary words a prefix may stand for


def tokens(text: str) -> list[str]:
    """Lower-case, accent-free word tokens.

    >>> tokens("Sergei Lavrov's Beijing visit, São Paulo")
    ['sergei', 'lavrov', 's', 'beijing', 'visit', 'sao', 'paulo']
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


@dataclass
class Document:
    """One searchable thing: a resource (by its names) or a passage (by its words)."""

    iri: str
    kind: str  # "resource" or "passage"
    title: str
    names: set[str] = field(default_factory=set)
    start: int = -1


@dataclass
class SearchIndex:
    """An inverted index of resources' names and passages' words."""

    docs: list[Document] = field(default_factory=list)
    postings: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    vocabulary: list[str] = field(default_factory=list)
    _ids: dict[tuple[str, str], int] = field(default_factory=dict)

    def _doc(self, iri: str, kind: str, title: str) -> int:
        key = (iri, kind)
        if key not in self._ids:
            self._ids[key] = len(self.docs)
            self.docs.append(Document(iri, kind, title))
        return self._ids[key]

    def add_name(self, iri: str, prop: str, text: str) -> None:
        """Index a label or alias of a resource."""
        doc = self._doc(iri, "resource", text)
        if prop == PREFIXES["rdfs"] + "label":
            self.docs[doc].title = text
        self.docs[doc].names.add(" ".join(tokens(text)))
        weight = WEIGHTS.get(prop, 1.0)
        for token in set(tokens(text)):
            current = self.postings[token].get(doc, 0.0)
            self.postings[token][doc] = max(current, weight)

    def add_passage(self, iri: str, text: str, start: int) -> None:
        """Index the words of a cited passage."""
        doc = self._doc(iri, "passage", text)
        self.docs[doc].start = start
        for token in set(tokens(text)):
            self.postings[token].setdefault(doc, PASSAGE_WEIGHT)

    def freeze(self) -> SearchIndex:
        """Sort the vocabulary for prefix lookups; call once after adding."""
        self.vocabulary = sorted(self.postings)
        return self

    def _matches(self, token: str, prefix: bool) -> dict[int, float]:
        found = dict(self.postings.get(token, {}))
        if prefix and len(token) >= MIN_PREFIX:
            i = bisect.bisect_left(self.vocabulary, token)
            end = min(len(self.vocabulary), i + MAX_EXPANSIONS)
            while i < end and self.vocabulary[i].startswith(token):
                for doc, weight in self.postings[self.vocabulary[i]].items():
                    found[doc] = max(found.get(doc, 0.0), weight * 0.5)
                i += 1
        return found

    def search(self, query: str, limit: int = 50) -> list[tuple[Document, float]]:
        """Documents holding every word of `query` (the last as a prefix), best first."""
        words = tokens(query)
        if not words:
            return []
        scores: dict[int, float] | None = None
        for n, word in enumerate(words):
            matches = self._matches(word, prefix=n == len(words) - 1)
            if scores is None:
                scores = matches
            else:
                scores = {d: s + matches[d] for d, s in scores.items() if d in matches}
            if not scores:
                return []
        phrase = " ".join(words)
        ranked = []
        for doc_id, score in scores.items():
            doc = self.docs[doc_id]
            if phrase in doc.names:
                score += EXACT_BONUS
            ranked.append((doc, score))
        ranked.sort(key=lambda pair: (-pair[1], pair[0].kind != "resource", pair[0].title))
        return ranked[:limit]


NAMES = f"""
SELECT ?x ?p ?l WHERE {{
  VALUES ?p {{ <{PREFIXES["rdfs"]}label> <{SKOS}altLabel> <{SKOS}hiddenLabel> }}
  ?x ?p ?l . FILTER(isIRI(?x))
  FILTER NOT EXISTS {{ ?x a <{PREFIXES["bl"]}Passage> }}
}}"""
PASSAGES = """
SELECT ?p ?exact ?start WHERE {
  ?p <http://www.w3.org/ns/oa#exact> ?exact ; <http://www.w3.org/ns/oa#start> ?start .
}"""


def build_index(select) -> SearchIndex:
    """Index every name and passage that `select` (a SPARQL SELECT runner) returns."""
    index = SearchIndex()
    for row in select(NAMES):
        index.add_name(row["x"].value, row["p"].value, row["l"].value)
    for row in select(PASSAGES):
        index.add_passage(row["p"].value, row["exact"].value, int(row["start"].value))
    return index.freeze()
