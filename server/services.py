"""SERVICE federation settings as a `FederationConfig`.

The query service federates through `bilateral.graph.exchange.federation.resolve_services`
for the endpoint, the canned queries and `bilateral query` alike. Here the two
settings are read in either spelling they arrive in (a list or dict from
`create_app({...})`, a string from `BILATERAL_SERVICE_ALLOWLIST` /
`BILATERAL_SERVICE_MAP` or the CLI).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bilateral.graph.exchange.federation import FederationConfig


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

