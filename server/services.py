"""SERVICE federation for the server: the app's settings as a `FederationConfig`, and HTTP statuses.

The endpoint, the canned queries and `bilateral query` all federate through
`bilateral.graph.federation.resolve_services`: one mechanism. Here the two
settings are read in either spelling they arrive in (a list or dict from
`create_app({...})`, a string from `BILATERAL_SERVICE_ALLOWLIST` /
`BILATERAL_SERVICE_MAP` or the CLI) and a `ServiceError` gets its status:
400 for a SERVICE we cannot evaluate, 403 for one not allowed, 502 when the
remote endpoint fails.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from bilateral.graph.federation import (
    FederationConfig,
    ServiceError,
    find_services,
    resolve_services,
)

logger = logging.getLogger(__name__)


class ServiceFailure(Exception):
    """A SERVICE clause that ends the request with an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def allowlist(value: Any) -> tuple[str, ...]:
    """The SERVICE_ALLOWLIST setting as IRIs: a list, or a string separated by commas or spaces.

    >>> allowlist("https://a/sparql, https://b/sparql")
    ('https://a/sparql', 'https://b/sparql')
    >>> allowlist(["https://a/sparql"])
    ('https://a/sparql',)
    """
    if isinstance(value, str):
        value = re.split(r"[\s,]+", value)
    return tuple(item for item in (value or ()) if item)


def service_map(value: Any) -> dict[str, str]:
    """The SERVICE_MAP setting as {IRI: URL}: a mapping, or `IRI=URL` pairs in a string.

    >>> service_map("https://query.wikidata.org/sparql=http://127.0.0.1:7878/query")
    {'https://query.wikidata.org/sparql': 'http://127.0.0.1:7878/query'}
    """
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items()}
    return dict(FederationConfig.from_settings("", value or "").endpoints)


def federation_config(config: Mapping[str, Any]) -> FederationConfig:
    """The federation settings of an app's config (`SERVICE_ALLOWLIST`, `SERVICE_MAP`, timeout)."""
    return FederationConfig(
        allowlist=frozenset(allowlist(config["SERVICE_ALLOWLIST"])),
        endpoints=service_map(config["SERVICE_MAP"]),
        timeout=float(config["QUERY_TIMEOUT"]),
    )


def resolve(store, query: str, services: FederationConfig, bindings=None, dataset=None) -> str:
    """The query with its SERVICE blocks evaluated (see `federation.resolve_services`).

    :raises ServiceFailure: 400 unsupported SERVICE form, 403 not allowed, 502 remote failure.
    """
    try:
        blocks = find_services(query)
    except ServiceError as exc:
        raise ServiceFailure(400, str(exc)) from exc
    if not blocks:
        return query
    try:
        for block in blocks:
            services.endpoint(block.iri)
    except ServiceError as exc:
        raise ServiceFailure(403, str(exc)) from exc
    try:
        return resolve_services(store, query, services, bindings=bindings, dataset=dataset)
    except ServiceError as exc:
        logger.warning("federated query failed: %s", exc)
        raise ServiceFailure(502, str(exc)) from exc
