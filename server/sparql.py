"""The SPARQL 1.1 Protocol endpoint, queries only: https://www.w3.org/TR/sparql11-protocol/ ."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from bilateral.graph import formats
from bilateral.server import description, state
from bilateral.server.errors import ApiError
from bilateral.server.query_service import READ_ONLY, Checked, QueryFailed, Started, query_hash

logger = logging.getLogger(__name__)

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"


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
    request.environ["bilateral.query_hash"] = query_hash(params.query)
    return answer(params, check_query(params.query))


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


def check_query(query: str) -> Checked:
    """The service's text checks and limits, as HTTP errors (400, 403)."""
    try:
        return state.service().check(query)
    except QueryFailed as failure:
        raise ApiError(failure.status, failure.message) from failure


def answer(params: Protocol, checked: Checked) -> Response:
    """Run the query and stream its results in the negotiated format."""
    chosen = {
        kind: formats.negotiate(table, request.accept_mimetypes, params.format)
        for kind, table in formats.KINDS.items()
    }
    etag = entity_tag(params)
    if etag and request.method in ("GET", "HEAD") and request.if_none_match.contains(etag):
        response = Response(status=304)
        _cache_headers(response, etag)
        return response
    started = run(checked, params, {k: m.oxigraph if m else None for k, m in chosen.items()})
    chosen_media = chosen[started.kind]

    def body():
        yield started.head
        yield from started.rest

    response = Response(body(), content_type=formats.content_type(chosen_media))
    _cache_headers(response, etag)
    return response


def run(checked: Checked, params: Protocol, formats: dict, bindings: tuple = ()) -> Started:
    """Start a checked query in the query service; `bindings` are (name, term) pairs.

    :raises ApiError: with the service's status (400, 403, 406, 413, 429, 502, 503...).
    """
    try:
        return state.service().stream(
            checked,
            formats,
            default_graphs=params.default_graphs,
            named_graphs=params.named_graphs,
            bindings=bindings,
            base_iri=request.base_url,  # relative IRIs in a query resolve against the endpoint
            client=request.remote_addr or "",
        )
    except QueryFailed as failure:
        if failure.status == 406:
            raise ApiError(406, _not_acceptable(failure.kind, params.format)) from failure
        raise


def _not_acceptable(kind: str | None, fmt: str | None) -> str:
    offered = formats.offered(formats.KINDS.get(kind or "solutions", formats.RESULTS))
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
