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
    """HTTP authentication: Basic (user and password, sent up front), Digest, or a Bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None
    digest: bool = False

    def header(self) -> dict[str, str]:
        """The Authorization header sent up front, if any (none for Digest: it answers a challenge).

        >>> Credentials(user="admin", password="pw").header()
        {'Authorization': 'Basic YWRtaW46cHc='}
        """
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is not None and not self.digest:
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


def answer_digest(request: urllib.request.Request, auth: Credentials, timeout: float) -> None:
    """Add the HTTP Digest answer to the challenge the request's URL gives a bodiless GET.

    Virtuoso answers 401 and closes the connection before reading a request body,
    so a large PUT cannot make the challenge round itself: a GET fetches it first.
    """
    probe = urllib.request.Request(request.full_url, method="GET")
    try:
        urllib.request.urlopen(probe, timeout=timeout).close()
        return
    except urllib.error.HTTPError as exc:
        challenge = exc.headers.get("WWW-Authenticate", "")
        exc.close()
    except (urllib.error.URLError, OSError) as exc:
        raise PushError(f"GET {request.full_url}: {exc}") from exc
    scheme, _, fields = challenge.partition(" ")
    if scheme.lower() != "digest":
        return
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, request.full_url, auth.user, auth.password or "")
    handler = urllib.request.HTTPDigestAuthHandler(passwords)
    parsed = urllib.request.parse_keqv_list(urllib.request.parse_http_list(fields))
    answer = handler.get_authorization(request, parsed)
    request.add_unredirected_header("Authorization", f"Digest {answer}")


def _request(request: urllib.request.Request, auth: Credentials, timeout: float) -> bytes:
    if auth.digest and auth.user is not None:
        answer_digest(request, auth, timeout)
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
    request = urllib.request.Request(target, data=body, headers=headers, method="PUT")
    _request(request, auth, timeout)


def remote_count(endpoint: str, graph: str, auth: Credentials, timeout: float) -> int:
    """The number of triples of a named graph, asked of the remote SPARQL endpoint."""
    headers = {  # a form, not a direct POST: Virtuoso 7.2 never answers the latter
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
        **auth.header(),
    }
    body = urllib.parse.urlencode({"query": COUNT_QUERY % graph}).encode()
    reply = _request(urllib.request.Request(endpoint, data=body, headers=headers), auth, timeout)
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
