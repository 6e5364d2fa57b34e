"""A remote SPARQL 1.1 endpoint behind the read side of pyoxigraph's `Store` interface.

`RemoteStore.query` takes the arguments of `pyoxigraph.Store.query` and
answers with pyoxigraph objects (`QuerySolutions`, `QueryBoolean`, or
`RemoteTriples` for CONSTRUCT and DESCRIBE), so code written against the local
store runs unchanged on any SPARQL 1.1 Protocol endpoint (`bilateral serve
--backend URL`).

- **Substitutions** become an inline `VALUES` block at the head of the WHERE
  group, each term written in its N-Triples form (pyoxigraph escapes it); the
  values are never spliced into the query as raw text.
- **Union default graph.** Stores differ here. With `union="dataset"` (the
  default, portable) each query names our named graphs as the protocol's
  `default-graph-uri` (so the default graph is their merge) and
  `named-graph-uri` (so `GRAPH ?g` still sees them). With `union="native"` no
  dataset is sent: the remote's own default graph must already be the union
  (Oxigraph `serve --union-default-graph`, Fuseki with `tdb2:unionDefaultGraph`,
  GraphDB, Virtuoso and Neptune by default).
- **Errors.** The remote's 400 is a `SyntaxError` (the query's fault), every
  other failure a `RemoteError`.
- **Dialects.** The Accept header names only the formats the query form yields
  (Virtuoso answers a CONSTRUCT with a table of ?s ?p ?o when a results format
  comes first), and Virtuoso's answer to ASK, a one-cell table
  `__ASK_RETVAL`, is read back as the boolean it stands for.
"""

from __future__ import annotations

import io
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from bilateral.graph.exchange.federation import ServiceError, prologue, values_block, where_clause
from bilateral.graph.namespaces import GRAPHS, UNION

logger = logging.getLogger(__name__)

UNION_MODES = ("dataset", "native")
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.7"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.6"
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
VIRTUOSO_ASK = "__ASK_RETVAL"
FORM = "application/x-www-form-urlencoded"


OUR_GRAPHS = tuple(str(iri) for iri in GRAPHS.values())


class RemoteError(OSError):
    """The remote endpoint could not be reached, failed, or answered something unreadable."""


class RemoteTriples:
    """The triples of a remote CONSTRUCT or DESCRIBE, serializable as `QueryTriples` is."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        self.triples = triples

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)

    def serialize(self, output=None, format: ox.RdfFormat | None = None):  # noqa: A002
        """Write the triples as `QueryTriples.serialize` does (bytes when `output` is None)."""
        return ox.serialize(self.triples, output, format=format)


def with_substitutions(query: str, substitutions: dict | None) -> str:
    """The query with variables bound by a `VALUES` block opening its WHERE group.

    >>> with_substitutions("SELECT ?x WHERE { ?x ?p ?o }", {ox.Variable("o"): ox.Literal('a"b')})
    'SELECT ?x WHERE { VALUES (?o) {\\n("a\\\\"b")\\n}\\n ?x ?p ?o }'

    :raises ValueError: for a query without a group to bind in, or a blank node value.
    """
    if not substitutions:
        return query
    span = where_clause(query)
    if span is None:
        raise ValueError("cannot bind variables in a query without a WHERE group")
    names = [variable.value for variable in substitutions]
    try:
        block = values_block(names, [list(substitutions.values())])
    except ServiceError as exc:
        raise ValueError(f"cannot send a blank node to the backend: {exc}") from exc
    return query[: span[0]] + " " + block + "\n" + query[span[0] :]


class RemoteStore:
    """The read operations of `pyoxigraph.Store`, answered by a SPARQL 1.1 endpoint."""

    def __init__(
        self,
        endpoint: str,
        *,
        union: str = "dataset",
        graphs: tuple[str, ...] = tuple(str(GRAPHS[name]) for name in UNION),
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
    ) -> None:
        if union not in UNION_MODES:
            raise ValueError(f"union mode {union!r}: choose one of {', '.join(UNION_MODES)}")
        self.endpoint = endpoint
        self.union = union
        self.graphs = graphs
        self.timeout = timeout
        self.headers = headers or {}

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r}, union={self.union!r})"

    def query(
        self,
        query: str,
        *,
        use_default_graph_as_union: bool = False,
        default_graph=None,
        named_graphs=None,
        base_iri: str | None = None,
        substitutions: dict | None = None,
    ):
        """Run a query remotely: `QuerySolutions`, `QueryBoolean` or `RemoteTriples`.

        :raises SyntaxError: when the endpoint rejects the query (HTTP 400).
        :raises RemoteError: when the endpoint cannot be reached or fails.
        """
        text = with_substitutions(query, substitutions)
        if base_iri:
            text = f"BASE {ox.NamedNode(base_iri)}\n{text}"
        fields = [("query", text)]
        fields += self._dataset(use_default_graph_as_union, default_graph, named_graphs)
        return self._post(urllib.parse.urlencode(fields).encode("utf-8"), accept_for(query))

    def quads_for_pattern(self, subject, predicate, object, graph_name=None) -> Iterator[ox.Quad]:  # noqa: A002
        """The quads of the named graphs matching a pattern (None matches anything)."""
        bound = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        substitutions = {ox.Variable(k): v for k, v in bound.items() if v is not None}
        rows = self.query(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            use_default_graph_as_union=True,
            substitutions=substitutions,
        )
        for row in rows:
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def counts(self) -> dict[str, int]:
        """Triples per named graph of ours, asked of the endpoint (0 for an absent graph)."""
        found = {row["g"].value: int(row["n"].value) for row in self.query(counts_query())}
        return graph_counts(found)

    def _dataset(self, union: bool, default_graph, named_graphs) -> list[tuple[str, str]]:
        """The protocol's dataset parameters for `Store.query`'s dataset arguments."""
        if default_graph is not None or named_graphs is not None:
            defaults = _iris(default_graph)
            return [("default-graph-uri", i) for i in defaults] + [
                ("named-graph-uri", i) for i in _iris(named_graphs)
            ]
        if union and self.union == "dataset":
            return [("default-graph-uri", g) for g in self.graphs] + [
                ("named-graph-uri", g) for g in self.graphs
            ]
        return []

    def _post(self, body: bytes, accept: str):
        """POST a form-encoded query and parse the reply by its media type."""
        headers = {"Content-Type": FORM, "Accept": accept, **self.headers}
        request = urllib.request.Request(self.endpoint, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                media_type = response.headers.get_content_type()
                reply = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace").strip()
            if exc.code == 400:
                raise SyntaxError(f"the backend rejected the query: {detail}") from None
            raise RemoteError(f"backend {self.endpoint}: HTTP {exc.code} {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise RemoteError(f"backend {self.endpoint} unreachable: {exc}") from exc
        return parse_reply(reply, media_type, self.endpoint)


def accept_for(query: str) -> str:
    """The Accept header for a query: RDF for CONSTRUCT and DESCRIBE, query results otherwise.

    >>> accept_for("PREFIX ex: <http://e/> # c\\nconstruct WHERE { ?s ?p ?o }") == GRAPH_ACCEPT
    True
    """
    form = query[len(prologue(query)) :].lstrip()[:9].upper()
    return GRAPH_ACCEPT if form.startswith(GRAPH_FORMS) else RESULTS_ACCEPT


def virtuoso_boolean(results: ox.QuerySolutions) -> ox.QueryBoolean | None:
    """Virtuoso's ASK answer, a table of one `__ASK_RETVAL` cell, as a `QueryBoolean`."""
    if [v.value for v in results.variables] != [VIRTUOSO_ASK]:
        return None
    cells = [row[VIRTUOSO_ASK] for row in results]
    answer = bool(cells) and cells[0] is not None and cells[0].value not in ("0", "false")
    reply = b'{"head":{},"boolean":%s}' % (b"true" if answer else b"false")
    return ox.parse_query_results(io.BytesIO(reply), format=ox.QueryResultsFormat.JSON)


def counts_query(graphs: tuple[str, ...] = OUR_GRAPHS) -> str:
    """A SELECT of the triples per named graph of ours (?g, ?n)."""
    return (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        + values_block(["g"], [[ox.NamedNode(iri)] for iri in graphs])
        + " } GROUP BY ?g"
    )


def graph_counts(found: dict[str, int], graphs: tuple[str, ...] = OUR_GRAPHS) -> dict[str, int]:
    """Counts by graph IRI as counts by graph name (0 for an absent graph)."""
    names = {str(iri): name for name, iri in GRAPHS.items()}
    return {names.get(iri, iri): found.get(iri, 0) for iri in graphs}


def parse_reply(body: bytes, media_type: str, endpoint: str = "the backend") -> Any:
    """A query reply as pyoxigraph results, read by its media type.

    :raises RemoteError: for a media type that is neither query results nor RDF.
    """
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    try:
        if results_format is not None:
            results = ox.parse_query_results(io.BytesIO(body), format=results_format)
            boolean = virtuoso_boolean(results) if isinstance(results, ox.QuerySolutions) else None
            return results if boolean is None else boolean
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is not None:
            return RemoteTriples([quad.triple for quad in ox.parse(body, format=rdf_format)])
    except SyntaxError as exc:
        raise RemoteError(f"{endpoint}: unreadable {media_type} reply: {exc}") from exc
    raise RemoteError(f"{endpoint}: answered {media_type}, neither query results nor RDF")


def _iris(graphs) -> list[str]:
    """The IRIs of a `Store.query` graph argument (one graph or a list)."""
    if graphs is None:
        return []
    if not isinstance(graphs, list | tuple | set | frozenset):
        graphs = [graphs]
    return [g.value for g in graphs if isinstance(g, ox.NamedNode)]
