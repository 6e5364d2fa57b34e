"""Evidence passages: verbatim substrings of a seed, with their offsets.

Curated Turtle writes evidence as the quote itself (`bl:evidence "..."`);
`anchor_quotes` finds each quote in the seeds and replaces it with a
`bl:Passage` resource, so that no offset is ever typed by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from bilateral.graph.errors import InputError
from bilateral.graph.mint import resource
from bilateral.graph.namespaces import BL, OA
from bilateral.graph.seeds import Seed

LABEL_CHARS = 60
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$])")


class AnchorError(InputError):
    """A quoted passage is not found exactly once in the seeds."""


def passage_iri(seed: Seed, start: int, end: int) -> URIRef:
    """The IRI of the passage `seed.text[start:end]`."""
    return resource(f"Passage_{seed.meta['slug']}_{start}-{end}")


def add_passage(graph: Graph, seed: Seed, start: int, end: int) -> URIRef:
    """Add the passage `seed.text[start:end]` to `graph` and return its IRI."""
    if not 0 <= start < end <= len(seed.text):
        raise AnchorError(f"{seed.path.name}: no passage at offsets {start}-{end}")
    exact = seed.text[start:end]
    iri = passage_iri(seed, start, end)
    graph.add((iri, RDF.type, BL.Passage))
    graph.add((iri, RDFS.label, Literal(passage_label(exact), lang="en")))
    graph.add((iri, OA.exact, Literal(exact)))
    # xsd:integer, as the store holds it (pyoxigraph stores integer subtypes as xsd:integer)
    graph.add((iri, OA.start, Literal(start, datatype=XSD.integer)))
    graph.add((iri, OA.end, Literal(end, datatype=XSD.integer)))
    graph.add((iri, DCTERMS.isPartOf, seed.iri))
    graph.add((iri, PROV.wasQuotedFrom, seed.iri))
    return iri


def passage_label(exact: str) -> str:
    """A short label of a passage for people: markdown escapes undone, spaces folded.

    >>> passage_label("a \\\\$400 billion gas\\n\\ndeal")
    'a $400 billion gas deal'
    """
    text = " ".join(_MARKDOWN_ESCAPE.sub(r"\1", exact).split())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS].rstrip() + "…"


def cite(graph: Graph, subject: URIRef, seed: Seed, start: int, end: int) -> URIRef:
    """State that `subject` is evidenced by the passage at `start:end`."""
    passage = add_passage(graph, seed, start, end)
    graph.add((subject, BL.evidence, passage))
    return passage


def locate(quote: str, seeds: Iterable[Seed]) -> tuple[Seed, int]:
    """The one seed and offset where `quote` occurs.

    :raises AnchorError: when it occurs nowhere, or more than once.
    """
    hits = []
    for seed in seeds:
        start = seed.text.find(quote)
        while start != -1:
            hits.append((seed, start))
            start = seed.text.find(quote, start + 1)
    if not hits:
        raise AnchorError(f"quote not found in any seed: {_short(quote)!r}")
    if len(hits) > 1:
        places = ", ".join(f"{seed.path.name}@{start}" for seed, start in hits[:5])
        raise AnchorError(
            f"quote occurs {len(hits)} times ({places}); lengthen it until unique: "
            f"{_short(quote)!r}"
        )
    return hits[0]


def anchor_quotes(graph: Graph, seeds: list[Seed], source: Path | None = None) -> Graph:
    """Replace every literal `bl:evidence` quote of `graph` by its passage, in place.

    :raises AnchorError: naming `source` and the quote's line when a quote is not
        found exactly once.
    """
    quotes = [(s, o) for s, o in graph.subject_objects(BL.evidence) if isinstance(o, Literal)]
    for subject, quote in sorted(quotes):
        try:
            seed, start = locate(str(quote), seeds)
        except AnchorError as exc:
            raise AnchorError(f"{_where(source, str(quote))}: {exc}") from None
        graph.remove((subject, BL.evidence, quote))
        cite(graph, subject, seed, start, start + len(str(quote)))
    return graph


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _where(source: Path | None, quote: str) -> str:
    """`file:line` of the quote in a Turtle file, as near as its first words allow."""
    if source is None:
        return "<graph>"
    probe = quote.split("\n", 1)[0][:30]
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if probe and probe in line:
            return f"{source}:{number}"
    return str(source)
