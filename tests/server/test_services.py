"""SERVICE from the endpoint and canned queries: refused (403), remote failure (502), settings."""

from __future__ import annotations

from loopback import free_port

from bilateral.graph.exchange.federation import WIKIDATA
from bilateral.server import services

ASK_WIKIDATA = f"SELECT ?x WHERE {{ VALUES ?x {{ 1 }} SERVICE %s<{WIKIDATA}> {{ ?s ?p ?o }} }}"


def dead_map() -> str:
    """A service map sending Wikidata to a port nobody listens on (as an environment string)."""
    return f"{WIKIDATA}=http://127.0.0.1:{free_port()}/query"


def test_remote_failure_is_502(make_app):
    client = make_app(SERVICE_MAP=dead_map()).test_client()
    response = client.get("/sparql", query_string={"query": ASK_WIKIDATA % ""})
    assert response.status_code == 502
    assert "SERVICE call to http://127.0.0.1:" in response.get_json()["error"]


def test_silent_service_failure_is_one_empty_solution(make_app):
    client = make_app(SERVICE_MAP=dead_map()).test_client()
    response = client.get(
        "/sparql",
        query_string={"query": ASK_WIKIDATA % "SILENT ", "format": "json"},
    )
    assert response.status_code == 200
    assert [b["x"]["value"] for b in response.get_json()["results"]["bindings"]] == ["1"]


def test_allowlist_given_as_a_string_is_split_not_substring_matched(make_app):
    client = make_app(SERVICE_ALLOWLIST="https://query.wikidata.org/sparql-and-more").test_client()
    response = client.get("/sparql", query_string={"query": ASK_WIKIDATA % ""})
    assert response.status_code == 403
    assert "not allowed" in response.get_json()["error"]


def test_empty_allowlist_refuses_every_service(make_app):
    client = make_app(SERVICE_ALLOWLIST=[]).test_client()
    response = client.get("/sparql", query_string={"query": ASK_WIKIDATA % ""})
    assert response.status_code == 403
    assert "allowed endpoints: none" in response.get_json()["error"]


def test_variable_service_endpoint_is_refused(client):
    query = "SELECT * WHERE { BIND(<http://x/> AS ?e) SERVICE ?e { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 403


def test_canned_federated_query_with_the_service_down_is_502(make_app, project_dir):
    client = make_app(SERVICE_MAP=dead_map(), PROJECT=str(project_dir)).test_client()
    response = client.get("/queries/wikidata-birth-dates?run=1&format=json")
    assert response.status_code == 502
    assert "failed" in response.get_json()["error"]


def test_canned_federated_query_outside_the_allowlist_is_403(make_app, project_dir):
    client = make_app(SERVICE_ALLOWLIST="", PROJECT=str(project_dir)).test_client()
    response = client.get("/queries/wikidata-birth-dates?run=1&format=json")
    assert response.status_code == 403
    assert "BILATERAL_SERVICE_ALLOWLIST" in response.get_json()["error"]


def test_settings_in_either_spelling():
    config = {
        "SERVICE_ALLOWLIST": f"{WIKIDATA}, https://example.org/sparql",
        "SERVICE_MAP": f"{WIKIDATA}=http://127.0.0.1:7878/query",
        "QUERY_TIMEOUT": "12",
    }
    built = services.federation_config(config)
    assert built.allowlist == {WIKIDATA, "https://example.org/sparql"}
    assert built.endpoint(WIKIDATA) == "http://127.0.0.1:7878/query"
    assert built.timeout == 12.0
    as_objects = services.federation_config(
        {
            "SERVICE_ALLOWLIST": [WIKIDATA],
            "SERVICE_MAP": {WIKIDATA: "http://h/q"},
            "QUERY_TIMEOUT": 1,
        }
    )
    assert as_objects.endpoint(WIKIDATA) == "http://h/q"
