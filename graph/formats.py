"""The one table of formats and the one content negotiator.

Every serialization the project reads or writes has one entry: its media type,
its pyoxigraph format (`RdfFormat`/`QueryResultsFormat`) where pyoxigraph has
one, the names `format=` and the CLI accept, and the file extension exports use.
The endpoint, canned queries, resource pages, VoID, downloads, export and the
CLI all look formats up here and negotiate with `negotiate`.

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

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept


class Media(NamedTuple):
    """One serialization: its media type, pyoxigraph format name, short names, W3C format name."""

    mimetype: str
    oxigraph: str | None  # attribute name of RdfFormat/QueryResultsFormat (crosses processes)
    names: tuple[str, ...]
    w3c: str | None = None  # its name under http://www.w3.org/ns/formats/

    @property
    def rdf(self) -> ox.RdfFormat:
        """pyoxigraph's RDF format of a graph entry."""
        return getattr(ox.RdfFormat, self.oxigraph)

    @property
    def results(self) -> ox.QueryResultsFormat:
        """pyoxigraph's results format of a result entry."""
        return getattr(ox.QueryResultsFormat, self.oxigraph)

    @property
    def extension(self) -> str | None:
        """The file extension pyoxigraph gives the format (None for pages)."""
        if self.oxigraph is None:
            return None
        table = ox.RdfFormat if hasattr(ox.RdfFormat, self.oxigraph) else ox.QueryResultsFormat
        return getattr(table, self.oxigraph).file_extension


# Order matters: the first entry wins when the client accepts anything (*/*).
# Entries with names are the formats; those without are media types clients also ask for.
RESULTS: tuple[Media, ...] = (
    Media("application/sparql-results+json", "JSON", ("json", "srj"), "SPARQL_Results_JSON"),
    Media("application/sparql-results+xml", "XML", ("xml", "srx"), "SPARQL_Results_XML"),
    Media("text/csv", "CSV", ("csv",), "SPARQL_Results_CSV"),
    Media("text/tab-separated-values", "TSV", ("tsv",), "SPARQL_Results_TSV"),
    Media("application/json", "JSON", ()),
    Media("application/xml", "XML", ()),
    Media("text/xml", "XML", ()),
)
GRAPHS: tuple[Media, ...] = (
    Media("text/turtle", "TURTLE", ("turtle", "ttl"), "Turtle"),
    Media("application/n-triples", "N_TRIPLES", ("ntriples", "nt"), "N-Triples"),
    Media("application/ld+json", "JSON_LD", ("jsonld", "json-ld", "json"), "JSON-LD"),
    Media("application/rdf+xml", "RDF_XML", ("rdfxml", "rdf+xml", "rdf", "xml"), "RDF_XML"),
    Media("application/n-quads", "N_QUADS", ("nquads", "nq"), "N-Quads"),
    Media("application/trig", "TRIG", ("trig",), "TriG"),
    Media("text/n3", "TURTLE", ("n3",)),  # Turtle is N3: for clients asking N3 (SPARQLWrapper)
    Media("text/plain", "N_TRIPLES", ()),
    Media("application/x-turtle", "TURTLE", ()),
    Media("application/xml", "RDF_XML", ()),
    Media("application/json", "JSON_LD", ()),
)
HTML = Media("text/html", None, ("html",))
JSON = Media("application/json", None, ("json",))
PAGE = (HTML, JSON)  # pages and their JSON twins
CSV = Media("text/csv", None, ("csv",))  # the event table
# The query forms (SELECT/ASK vs CONSTRUCT/DESCRIBE) and their tables.
KINDS = {"solutions": RESULTS, "boolean": RESULTS, "triples": GRAPHS}
DESCRIPTION = GRAPHS  # the service description and VoID are graphs
QUADS = tuple(m for m in GRAPHS if m.oxigraph in ("N_QUADS", "TRIG") and m.names)
TRIPLES = tuple(m for m in GRAPHS if m.w3c and m.oxigraph in ("TURTLE", "N_TRIPLES", "RDF_XML"))
RESOURCE = tuple(m for m in GRAPHS if m.w3c and m not in QUADS)  # resource pages
NAMED = tuple(m for m in RESULTS + GRAPHS if m.w3c)  # what the service description lists


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


def names(table: tuple[Media, ...]) -> list[str]:
    """The first short name of every named entry: what a CLI or an error message offers."""
    return [m.names[0] for m in table if m.names]


def negotiate(
    table: tuple[Media, ...],
    accept: MIMEAccept,
    format_name: str | None = None,
    path: str = "",
) -> Media | None:
    """The best entry for a `.json` twin, a `format=` override or, failing those, Accept.

    An absent Accept header means anything (the first entry); None means 406.

    >>> negotiate(PAGE, MIMEAccept([("application/json", 1)])).mimetype
    'application/json'
    >>> negotiate(PAGE, MIMEAccept(), path="/queries.json") is JSON
    True
    >>> negotiate(GRAPHS, MIMEAccept([("text/turtle", 0.5), ("application/rdf+xml", 1)])).oxigraph
    'RDF_XML'
    """
    if path.endswith(".json") and JSON in table:
        return JSON
    if format_name:
        return by_name(table, format_name)
    if not accept:
        return table[0]
    best = accept.best_match([m.mimetype for m in table])
    return next((m for m in table if m.mimetype == best), None)


def by_extension(filename: str) -> Media | None:
    """The format of a file by its extension (dumps and exports); .csv is the event table.

    >>> by_extension("dataset.nq").mimetype
    'application/n-quads'
    """
    suffix = filename.rpartition(".")[2].lower()
    if suffix == "csv":
        return CSV
    return next((m for m in GRAPHS if m.names and m.extension == suffix), None)


def offered(table: tuple[Media, ...]) -> str:
    """The media types of `table`, for a 406 message."""
    return ", ".join(dict.fromkeys(m.mimetype for m in table))


def content_type(media: Media) -> str:
    """The Content-Type header value: one charset parameter, UTF-8, on every text format."""
    return f"{media.mimetype}; charset=utf-8"
