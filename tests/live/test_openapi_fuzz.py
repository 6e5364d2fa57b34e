"""Schemathesis against the real server on the real build, from server/openapi.json.

Every operation gets a bounded number of generated requests (examples, coverage
and fuzzing phases); each response must not be a 5xx and must conform to the
description: documented status code, media type, headers and JSON schema.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.live

SPEC = Path(__file__).resolve().parents[2] / "server" / "openapi.json"
MAX_EXAMPLES = 25
REQUEST_TIMEOUT = 15  # seconds: the bound on any single request (the server stops queries at 2)

# What must hold of every response. Left out: positive_data_acceptance and
# negative_data_rejection, which judge the inputs' schemas, not the server; a
# schema-valid string is often malformed SPARQL or an unknown slug, refused by design.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_path(SPEC)
# Both modes (schemathesis' default, stated so it stays): data that fits the description
# and data that does not, which must be refused with a documented 4xx, never a 5xx.
schema.config.generation.update(modes=["positive", "negative"])


@schemathesis.serializer("application/sparql-query")
def sparql_query_body(ctx, value):
    """A direct POST body: the query text as UTF-8 bytes."""
    return value.encode("utf-8") if isinstance(value, str) else str(value).encode("utf-8")


@pytest.fixture(scope="module")
def base_url(live_server, built_store, project_dir):
    """The server on the real build, with a short query limit and no SERVICE endpoints."""
    return live_server(
        built_store,
        workers=2,
        PROJECT=str(project_dir),
        QUERY_TIMEOUT="2",
        SERVICE_ALLOWLIST="[]",
    )


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,  # bounded by REQUEST_TIMEOUT and the server's query limit instead
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_description(case, base_url):
    case.call_and_validate(base_url=base_url, checks=CHECKS, timeout=REQUEST_TIMEOUT)
