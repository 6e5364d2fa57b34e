"""The SPARQL 1.1 Protocol endpoint, queries only: https://www.w3.org/TR/sparql11-protocol/ ."""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from bilateral.server import description, media, query_text, services, state
from bilateral.server.errors import ApiError
from bilateral.server.executor import Job, QueryFailed, Started

logger = logging.getLogger(__name__)

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
MAX_NESTING = 256  # brackets deep; far beyond real queries, far below a stack overflow
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update ({}) is refused; "
    "download the dataset from /download to modify a copy"
)


@dataclass(frozen=True)
class Protocol:
    """The protocol parameters of one request."""

    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None


@bp.route("/sparql", methods=["GET", "POST"])
@bp.route("/sparql/", methods=["GET", "POST"])
def endpoint() -> Response:
    """Answer a query, or describe the service when there is none."""
    params = read_protocol()
    if params.query is None:
        if request.method == "POST":
            raise ApiError(400, "no query: send it as `query` (form) or as the request body")
        return description.service_response(params.format)
    check_query(params.query)
    request.environ["bilateral.query_hash"] = query_hash(params.query)
    return answer(params)


def read_protocol() -> Protocol:
    """The query and dataset of a GET, form POST or direct POST.

    :raises ApiError: 400 repeated query, 403 update, 415 content type.
    """
    fields = request.args
    if request.method == "POST":
        kind = request.mimetype
        if kind == FORM:
            fields = request.values  # the URL's parameters and the form's
        elif kind == DIRECT:
            charset = request.mimetype_params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise ApiError(415, f"query body in charset {charset}: send it as UTF-8")
            if "query" in request.args:
                raise ApiError(400, "a query in both the URL and the body: send one")
            try:
                text = request.get_data(cache=False).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ApiError(400, f"the query body is not valid UTF-8: {exc}") from exc
            return _protocol(request.args, text)
        elif kind == UPDATE:
            raise ApiError(403, READ_ONLY.format("application/sparql-update"))
        else:
            raise ApiError(
                415,
                f"unsupported content type {kind or '(none)'}: POST {FORM} or {DIRECT}",
            )
    if "update" in fields:
        raise ApiError(403, READ_ONLY.format("the `update` parameter"))
    queries = fields.getlist("query")
    if len(queries) > 1:
        raise ApiError(400, f"{len(queries)} `query` parameters: send exactly one")
    return _protocol(fields, queries[0] if queries else None)


def _protocol(fields, query: str | None) -> Protocol:
    return Protocol(
        query=query,
        default_graphs=_graph_iris(fields, "default-graph-uri"),
        named_graphs=_graph_iris(fields, "named-graph-uri"),
        format=fields.get("format") or fields.get("output"),
    )


def _graph_iris(fields, name: str) -> tuple[str, ...]:
    """The IRIs of a dataset parameter; 400 on one that is not an absolute IRI."""
    iris = tuple(fields.getlist(name))
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise ApiError(400, f"{name} {iri!r} is not an absolute IRI: {exc}") from exc
    return iris


def check_query(query: str) -> None:
    """Refuse updates and SERVICE calls outside the allowlist, before running anything.

    :raises ApiError: 400 for an empty or too deeply nested query, 403 for an update
        or a refused SERVICE.
    """
    if not query.strip():
        raise ApiError(400, "the query is empty")
    depth = query_text.nesting_depth(query)
    if depth > MAX_NESTING:
        raise ApiError(
            400, f"the query nests brackets {depth} levels deep; at most {MAX_NESTING} are allowed"
        )
    keyword = query_text.update_keyword(query)
    if keyword:
        raise ApiError(403, READ_ONLY.format(keyword))
    allowed = services.allowlist(current_app.config["SERVICE_ALLOWLIST"])
    mapped = services.service_map(current_app.config["SERVICE_MAP"])
    for target in query_text.service_targets(query):
        if target not in allowed:
            listed = ", ".join(allowed) or "none"
            raise ApiError(403, f"SERVICE {target} is not allowed; allowed endpoints: {listed}")
        if target not in mapped and is_private(target):
            raise ApiError(403, f"SERVICE {target} resolves to a private or loopback address")


def is_private(url: str) -> bool:
    """Whether a URL's host is (or resolves to) a loopback, private or link-local address."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return host in ("", "localhost")  # unresolvable: it cannot be called at all
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address.is_private or address.is_loopback or address.is_link_local:
            return True
        if address.is_reserved or address.is_multicast or address.is_unspecified:
            return True
    return False


def query_hash(query: str) -> str:
    """A short stable hash naming a query in logs.

    >>> query_hash("ASK {}")
    '819ea91ed5f1'
    """
    return hashlib.sha256(query.encode("utf-8")).hexdigest()[:12]


def answer(params: Protocol) -> Response:
    """Run the query and stream its results in the negotiated format."""
    chosen = {
        kind: media.negotiate(table, request.accept_mimetypes, params.format)
        for kind, table in media.KINDS.items()
    }
    etag = entity_tag(params)
    if etag and request.method in ("GET", "HEAD") and request.if_none_match.contains(etag):
        response = Response(status=304)
        _cache_headers(response, etag)
        return response
    started = run(params, {k: m.oxigraph if m else None for k, m in chosen.items()})
    chosen_media = chosen[started.kind]

    def body():
        yield started.head
        yield from started.rest

    response = Response(body(), content_type=media.content_type(chosen_media))
    _cache_headers(response, etag)
    return response


def run(params: Protocol, formats: dict[str, str | None], bindings: tuple = ()) -> Started:
    """Start the query in the executor with the app's limits; `bindings` are (name, term) pairs.

    :raises ApiError: with the executor's status (400, 403, 406, 502, 503...).
    """
    config = current_app.config
    store = Path(config["STORE"])
    if not state.available():
        raise ApiError(503, f"{store}: no store has been built; run `bilateral build`")
    timeout = float(config["QUERY_TIMEOUT"])
    job = Job(
        query=params.query or "",
        store=str(store.resolve()),
        formats=formats,
        default_graphs=params.default_graphs,
        named_graphs=params.named_graphs,
        max_bytes=int(config["MAX_RESULT_BYTES"]),
        union=not query_text.has_dataset_clause(params.query or ""),
        base_iri=request.base_url,  # relative IRIs in a query resolve against the endpoint
        services=services.federation_config(config),
        backend=config["BACKEND"] or None,
        backend_union=config["BACKEND_UNION"],
        timeout=timeout,
        bindings=bindings,
    )
    try:
        return state.executor().start(job, timeout, int(config["STREAM_BUFFER"]))
    except QueryFailed as failure:
        if failure.status == 406:
            raise ApiError(406, _not_acceptable(failure.kind, params.format)) from failure
        headers = {"Retry-After": "5"} if failure.status == 503 else None
        raise ApiError(failure.status, failure.message, headers) from failure


def _not_acceptable(kind: str | None, fmt: str | None) -> str:
    table = media.KINDS.get(kind or "solutions", media.RESULTS)
    offered = ", ".join(dict.fromkeys(m.mimetype for m in table))
    asked = f"format={fmt}" if fmt else f"Accept: {request.headers.get('Accept', '')}"
    return f"cannot answer a {kind} result as {asked}; available: {offered}"


def entity_tag(params: Protocol) -> str | None:
    """An ETag from the build id and everything that shapes the answer (None without a build)."""
    build = state.manifest().get("id")
    if not build:
        return None
    parts = [
        build,
        params.query or "",
        "|".join(params.default_graphs),
        "|".join(params.named_graphs),
        params.format or "",
        request.headers.get("Accept", ""),
    ]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def _cache_headers(response: Response, etag: str | None) -> None:
    if etag:
        response.set_etag(etag)
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['CACHE_MAX_AGE']}"
    response.vary.add("Accept")
