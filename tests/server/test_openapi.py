"""The OpenAPI 3.1 description: valid, served, and in step with the app's routes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openapi_spec_validator import validate

SPEC = Path(__file__).resolve().parents[2] / "server" / "openapi.json"
# Routes deliberately left out of the description: the trailing-slash alias and static files.
UNDOCUMENTED = {"/sparql/", "/assets/{filename}"}


@pytest.fixture(scope="module")
def spec() -> dict:
    return json.loads(SPEC.read_text(encoding="utf-8"))


def test_the_description_is_valid_openapi_3_1(spec):
    assert spec["openapi"].startswith("3.1")
    validate(spec)  # raises on any violation of the OpenAPI 3.1 meta-schema


def test_it_is_served_as_written(client, spec):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == spec


def test_every_route_is_described_and_nothing_else(app, spec):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        routes.add(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule))
    routes = {
        r.replace("{filename}", "{file}") if r.startswith("/download/") else r for r in routes
    }
    assert set(spec["paths"]) == routes - UNDOCUMENTED


def test_methods_match_the_routes(app, spec):
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule).replace("{filename}", "{file}")
        if path in spec["paths"]:
            declared = {m.upper() for m in spec["paths"][path]}
            assert declared == set(rule.methods) - {"HEAD", "OPTIONS"}, path


def test_every_error_response_uses_the_one_error_shape(spec):
    error = spec["components"]["responses"]["Error"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    name = response["$ref"].rsplit("/", 1)[1]
                    target = spec["components"]["responses"][name]
                    schema = (target.get("content") or {}).get("application/json", {}).get("schema")
                    ref = target.get("$ref")
                    assert schema == error or ref == "#/components/responses/Error", (
                        f"{method} {path} {status}"
                    )


# Regressions found by the schemathesis run (tests/live/test_openapi_fuzz.py).


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("value", ["", "AAA", "no scheme"])
def test_a_dataset_iri_that_is_no_iri_is_a_400_not_a_500(client, param, value):
    response = client.get("/sparql", query_string={"query": "ASK {}", param: value})
    assert response.status_code == 400
    body = response.get_json()
    assert body["ok"] is False and param in body["error"]


def test_an_absolute_dataset_iri_is_still_accepted(client):
    response = client.get(
        "/sparql",
        query_string={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "https://example.org/g"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert response.get_json()["boolean"] is False


@pytest.mark.parametrize("limit", ["\u00b2", "\u0663", "\uff13"])
def test_a_search_limit_in_non_ascii_digits_is_a_400_not_a_500(client, limit):
    response = client.get("/search.json", query_string={"q": "russia", "limit": limit})
    assert response.status_code == 400
    assert "limit" in response.get_json()["error"]
