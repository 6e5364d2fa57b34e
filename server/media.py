"""Media types of SPARQL results and RDF graphs, and content negotiation.

Result formats: SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/),
XML (https://www.w3.org/TR/rdf-sparql-XMLres/), CSV and TSV
(https://www.w3.org/TR/sparql11-results-csv-tsv/). Graph formats: Turtle
(https://www.w3.org/TR/turtle/), N-Triples (https://www.w3.org/TR/n-triples/),
N-Quads (https://www.w3.org/TR/n-quads/), TriG (https://www.w3.org/TR/trig/),
JSON-LD (https://www.w3.org/TR/json-ld11/), RDF/XML (https://www.w3.org/TR/rdf-syntax-grammar/).
The protocol itself: https://www.w3.org/TR/sparql11-protocol/ .
"""

from __future__ import annotations

from typing import NamedTuple

from werkzeug.datastructures import MIMEAccept


class Media(NamedTuple):
    """One serialization: its media type, pyoxigraph format name and short names."""

    mimetype: str
    oxigraph: str
    names: tuple[str, ...]
    text: bool = True


# Order matters: the first entry wins when the client accepts anything (*/*).
RESULTS: tuple[Media, ...] = (
    Media("application/sparql-results+json", "JSON", ("json", "srj")),
    Media("application/sparql-results+xml", "XML", ("xml", "srx")),
    Media("text/csv", "CSV", ("csv",)),
    Media("text/tab-separated-values", "TSV", ("tsv",)),
    Media("application/json", "JSON", ()),
    Media("application/xml", "XML", ()),
    Media("text/xml", "XML", ()),
)
GRAPHS: tuple[Media, ...] = (
    Media("text/turtle", "TURTLE", ("turtle", "ttl")),
    Media("application/n-triples", "N_TRIPLES", ("ntriples", "nt")),
    Media("application/ld+json", "JSON_LD", ("jsonld", "json-ld", "json")),
    Media("application/rdf+xml", "RDF_XML", ("rdfxml", "rdf+xml", "rdf", "xml")),
    Media("application/n-quads", "N_QUADS", ("nquads", "nq")),
    Media("application/trig", "TRIG", ("trig",)),
    Media("text/n3", "TURTLE", ("n3",)),  # Turtle is N3: for clients asking N3 (SPARQLWrapper)
    Media("text/plain", "N_TRIPLES", ()),
    Media("application/x-turtle", "TURTLE", ()),
    Media("application/xml", "RDF_XML", ()),
    Media("application/json", "JSON_LD", ()),
)
# The query forms (SELECT/ASK vs CONSTRUCT/DESCRIBE) and their tables.
KINDS = {"solutions": RESULTS, "boolean": RESULTS, "triples": GRAPHS}
DESCRIPTION = GRAPHS  # the service description and VoID are graphs


def by_name(table: tuple[Media, ...], name: str) -> Media | None:
    """The entry of `table` a `format=` value names: a short name or a media type.

    >>> by_name(RESULTS, "csv").mimetype
    'text/csv'
    >>> by_name(GRAPHS, "application/n-triples").oxigraph
    'N_TRIPLES'
    >>> by_name(GRAPHS, "srj") is None
    True
    """
    wanted = name.strip().lower()
    for media in table:
        if wanted in media.names or wanted == media.mimetype:
            return media
    return None


def negotiate(
    table: tuple[Media, ...], accept: MIMEAccept, format_name: str | None = None
) -> Media | None:
    """The best entry for a `format=` override or, failing that, the Accept header.

    An absent Accept header means anything (the first entry); None means 406.
    """
    if format_name:
        return by_name(table, format_name)
    if not accept:
        return table[0]
    best = accept.best_match([m.mimetype for m in table])
    return next((m for m in table if m.mimetype == best), None)


def content_type(media: Media) -> str:
    """The Content-Type header value for an entry (UTF-8 for every text format)."""
    return f"{media.mimetype}; charset=utf-8" if media.text else media.mimetype
