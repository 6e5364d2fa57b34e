"""Push the built dataset to any SPARQL 1.1 store (Graph Store HTTP Protocol), then compare counts.

One `PUT <store>?graph=<named graph IRI>` per named graph replaces that graph
remotely with ours (so a push is idempotent); then a `COUNT(*)` per graph on the
remote SPARQL endpoint is compared with the local count.
"""

from __future__ import annotations

import base64
import io
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from bilateral.graph import formats
from bilateral.graph.namespaces import GRAPHS

logger = logging.getLogger(__name__)

BODY_FORMATS = {
    m.names[0]: (m.rdf, m.mimetype) for m in formats.TRIPLES if m.oxigraph != "RDF_XML"
}
# Graph Store endpoint suffix -> SPARQL endpoint suffix, per store's conventions.
QUERY_ENDPOINTS = (
    ("/store", "/query"),  # Oxigraph
    ("/data", "/sparql"),  # Apache Jena Fuseki (/ds/data -> /ds/sparql)
    ("/rdf-graphs/service", ""),  # GraphDB (/repositories/ID/...)
    ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso
    ("/sparql/gsp/", "/sparql"),  # Amazon Neptune
)
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }"


class PushError(OSError):
    """The remote store refused a request or could not be reached."""


@dataclass(frozen=True)
class Credentials:
    """HTTP authentication: Basic (user and password) or a Bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def header(self) -> dict[str, str]:
        """The Authorization header, if any.

        >>> Credentials(user="admin", password="pw").header()
        {'Authorization': 'Basic YWRtaW46cHc='}
        """
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is not None:
            pair = f"{self.user}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
        return {}


def default_query_endpoint(store_url: str) -> str:
    """The SPARQL endpoint beside a Graph Store endpoint, by the store's usual paths.

    >>> default_query_endpoint("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    >>> default_query_endpoint("http://localhost:3030/bilateral/data")
    'http://localhost:3030/bilateral/sparql'

    :raises ValueError: when the path follows no known convention.
    """
    for suffix, replacement in QUERY_ENDPOINTS:
        if store_url.endswith(suffix):
            return store_url[: -len(suffix)] + replacement
    raise ValueError(f"{store_url}: cannot guess the SPARQL endpoint; give --query-endpoint")


def _request(request: urllib.request.Request, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:300].decode("utf-8", "replace")
        message = f"{request.get_method()} {request.full_url}: HTTP {exc.code} {detail}"
        raise PushError(message) from None
    except (urllib.error.URLError, OSError) as exc:
        raise PushError(f"{request.get_method()} {request.full_url}: {exc}") from exc


def put_graph(url: str, graph: str, body: bytes, media_type: str, auth, timeout) -> None:
    """Replace one named graph of the remote store (Graph Store Protocol PUT)."""
    target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode({"graph": graph})
    headers = {"Content-Type": media_type, **auth.header()}
    _request(urllib.request.Request(target, data=body, headers=headers, method="PUT"), timeout)


def remote_count(endpoint: str, graph: str, auth: Credentials, timeout: float) -> int:
    """The number of triples of a named graph, asked of the remote SPARQL endpoint."""
    headers = {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json",
        **auth.header(),
    }
    body = (COUNT_QUERY % graph).encode()
    reply = _request(urllib.request.Request(endpoint, data=body, headers=headers), timeout)
    results = ox.parse_query_results(io.BytesIO(reply), format=ox.QueryResultsFormat.JSON)
    return int(next(iter(results))["n"].value)


def push(
    store: ox.Store,
    to: str,
    *,
    query_endpoint: str | None = None,
    auth: Credentials | None = None,
    graphs: tuple[str, ...] = tuple(GRAPHS),
    body_format: str = "ntriples",
    timeout: float = 300.0,
) -> dict[str, tuple[int, int]]:
    """PUT each named graph to `to`, then return {graph: (local count, remote count)}.

    :raises PushError: when the remote refuses a request or cannot be reached.
    """
    auth = auth or Credentials()
    endpoint = query_endpoint or default_query_endpoint(to)
    rdf_format, media_type = BODY_FORMATS[body_format]
    counts = {}
    for name in graphs:
        iri = str(GRAPHS[name])
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri))]
        put_graph(to, iri, ox.serialize(triples, format=rdf_format), media_type, auth, timeout)
        logger.info("PUT %s: %d triples", iri, len(triples))
        counts[name] = (len(triples), remote_count(endpoint, iri, auth, timeout))
    return counts
