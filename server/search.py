"""Ranked search over labels, aliases and the words of cited passages, forgiving.

The index is an in-memory inverted index built once per build (see
`pages.cached`): stem -> {document: weight}, stems by the Snowball English
stemmer (so "agreements" finds "agreement"). Queries intersect the postings
of every word (the last one also as a prefix, for search-as-you-type); a word
with no posting at all stands for its near misses in the vocabulary (edit
distance, RapidFuzz), so "Sergey" finds "Sergei". A lookup costs a few
dictionary reads, plus one scan of the vocabulary for a misspelt word.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

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
NEAR_MISS_WEIGHT = 0.6  # a misspelt word counts less than an exact one
MIN_FUZZY = 4  # shorter words have too many neighbours one edit away
SUGGESTIONS = 5
_STEMMER = snowballstemmer.stemmer("english")


def stems(text: str) -> list[str]:
    """The stems of the words of `text`, as the index keys them.

    >>> stems("Agreements signed")
    ['agreement', 'sign']
    """
    return [stem(word) for word in tokens(text)]


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The Snowball stem of one word, remembered: texts repeat a small vocabulary."""
    return _STEMMER.stemWord(word)


def tokens(text: str) -> list[str]:
    """Lower-case, accent-free word tokens.

    >>> tokens("Sergei Lavrov's Beijing visit, São Paulo")
    ['sergei', 'lavrov', 's', 'beijing', 'visit', 'sao', 'paulo']
    """
    folded = text.casefold()
    if not folded.isascii():  # only then can there be accents to strip
        folded = unicodedata.normalize("NFKD", folded)
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
    types: list[str] = field(default_factory=list)  # resources: IRIs of their most specific types
    cited_by: list[str] = field(
        default_factory=list
    )  # passages: IRIs of the resources they support


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
        self.docs[doc].names.add(" ".join(stems(text)))
        weight = WEIGHTS.get(prop, 1.0)
        for token in set(stems(text)):
            current = self.postings[token].get(doc, 0.0)
            self.postings[token][doc] = max(current, weight)

    def add_passage(self, iri: str, text: str, start: int) -> None:
        """Index the words of a cited passage."""
        doc = self._doc(iri, "passage", text)
        self.docs[doc].start = start
        for token in set(stems(text)):
            self.postings[token].setdefault(doc, PASSAGE_WEIGHT)

    def freeze(self) -> SearchIndex:
        """Sort the vocabulary for prefix lookups; call once after adding."""
        self.vocabulary = sorted(self.postings)
        return self

    def _matches(self, token: str, prefix: bool, forgiving: bool) -> dict[int, float]:
        found = dict(self.postings.get(token, {}))
        if forgiving:
            for doc, weight in self._near_misses(token).items():
                found[doc] = max(found.get(doc, 0.0), weight)
        if prefix and len(token) >= MIN_PREFIX:
            i = bisect.bisect_left(self.vocabulary, token)
            end = min(len(self.vocabulary), i + MAX_EXPANSIONS)
            while i < end and self.vocabulary[i].startswith(token):
                for doc, weight in self.postings[self.vocabulary[i]].items():
                    found[doc] = max(found.get(doc, 0.0), weight * 0.5)
                i += 1
        return found

    def _near_misses(self, token: str) -> dict[int, float]:
        """Documents of the vocabulary words one edit away (two for long words)."""
        if len(token) < MIN_FUZZY:
            return {}
        cutoff = 1 if len(token) < 8 else 2
        near = process.extract(
            token, self.vocabulary, scorer=Levenshtein.distance, score_cutoff=cutoff, limit=20
        )
        found: dict[int, float] = {}
        for word, _, _ in near:
            for doc, weight in self.postings[word].items():
                found[doc] = max(found.get(doc, 0.0), weight * NEAR_MISS_WEIGHT)
        return found

    def suggest(self, query: str) -> list[str]:
        """Names of resources that look like `query`, for when nothing matches."""
        titles = {d.title: None for d in self.docs if d.kind == "resource"}
        found = process.extract(query, list(titles), scorer=fuzz.QRatio, limit=SUGGESTIONS)
        return [title for title, score, _ in found if score >= 60]

    def search(self, query: str, limit: int | None = 50) -> list[tuple[Document, float]]:
        """Documents holding every word of `query` (the last as a prefix), best first.

        When no document holds every word, each word also stands for its near
        misses (a misspelling, a variant transliteration) and the search runs again.
        """
        words = stems(query)
        if not words:
            return []
        found = self._ranked(words, forgiving=False) or self._ranked(words, forgiving=True)
        return found[:limit] if limit is not None else found

    def _ranked(self, words: list[str], forgiving: bool) -> list[tuple[Document, float]]:
        scores: dict[int, float] | None = None
        for n, word in enumerate(words):
            matches = self._matches(word, n == len(words) - 1, forgiving)
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
        return ranked


NAMES = f"""
SELECT ?x ?p ?l WHERE {{
  VALUES ?p {{ <{PREFIXES["rdfs"]}label> <{SKOS}altLabel> <{SKOS}hiddenLabel> }}
  ?x ?p ?l . FILTER(isIRI(?x))
  FILTER NOT EXISTS {{ ?x a <{PREFIXES["bl"]}Passage> }}
}}"""
PASSAGES = f"""
SELECT ?p ?exact ?start ?r WHERE {{
  ?p <http://www.w3.org/ns/oa#exact> ?exact ; <http://www.w3.org/ns/oa#start> ?start .
  OPTIONAL {{ ?r <{PREFIXES["bl"]}evidence> ?p }}
}}"""
TYPES = f"""
SELECT ?x ?type WHERE {{
  ?x a ?type . ?type <{PREFIXES["rdfs"]}isDefinedBy> <https://w3id.org/bilateral/ontology> .
  FILTER NOT EXISTS {{
    ?x a ?sub . ?sub <{PREFIXES["rdfs"]}subClassOf> ?type FILTER(?sub != ?type)
  }}
}}"""


def build_index(select) -> SearchIndex:
    """Index every name and passage that `select` (a SPARQL SELECT runner) returns."""
    index = SearchIndex()
    for row in select(NAMES):
        index.add_name(row["x"].value, row["p"].value, row["l"].value)
    for row in select(PASSAGES):
        index.add_passage(row["p"].value, row["exact"].value, int(row["start"].value))
        if "r" in row:
            index.docs[index._ids[(row["p"].value, "passage")]].cited_by.append(row["r"].value)
    for row in select(TYPES):
        doc = index._ids.get((row["x"].value, "resource"))
        if doc is not None:
            index.docs[doc].types.append(row["type"].value)
    return index.freeze()
