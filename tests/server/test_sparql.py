"""The SPARQL 1.1 Protocol on /sparql through the Flask test client."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

PEOPLE = (
    "PREFIX bl: <https://w3id.org/bilateral/ontology#> "
    "SELECT ?p WHERE { ?p a bl:Person } ORDER BY ?p"
)
PUTIN = "https://w3id.org/bilateral/resource/Vladimir_Putin"
XI = "https://w3id.org/bilateral/resource/Xi_Jinping"
CONSTRUCT = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }"
FORM = "application/x-www-form-urlencoded"


def bindings(response) -> list[str]:
    return [b["p"]["value"] for b in response.get_json()["results"]["bindings"]]


def test_get_select_json(client):
    response = client.get("/sparql", query_string={"query": PEOPLE})
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    assert bindings(response) == [PUTIN, XI]


def test_post_form_and_direct_give_the_same_rows(client):
    form = client.post("/sparql", data={"query": PEOPLE})
    direct = client.post("/sparql", data=PEOPLE.encode(), content_type="application/sparql-query")
    assert bindings(form) == bindings(direct) == [PUTIN, XI]


def test_default_graph_is_the_union_of_named_graphs(client):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.get_json()["results"]["bindings"][0]["n"]["value"] == "9"


def test_default_graph_uri_restricts_the_dataset(client):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    params = {"query": query, "default-graph-uri": "https://w3id.org/bilateral/graph/inferred"}
    response = client.get("/sparql", query_string=params)
    assert response.get_json()["results"]["bindings"][0]["n"]["value"] == "2"


def test_named_graph_uri_limits_graph_patterns(client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    params = {"query": query, "named-graph-uri": "https://w3id.org/bilateral/graph/links"}
    rows = client.get("/sparql", query_string=params).get_json()["results"]["bindings"]
    assert [r["g"]["value"] for r in rows] == ["https://w3id.org/bilateral/graph/links"]


def test_from_clause_is_honoured_over_the_union(client):
    query = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/bilateral/graph/links> { ?s ?p ?o }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.get_json()["results"]["bindings"][0]["n"]["value"] == "1"


@pytest.mark.parametrize(
    ("accept", "mimetype"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_negotiates_result_formats(client, accept, mimetype):
    response = client.get("/sparql", query_string={"query": PEOPLE}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == mimetype
    text = response.get_data(as_text=True)
    if mimetype == "text/csv":
        assert list(csv.reader(io.StringIO(text))) == [["p"], [PUTIN], [XI]]
    elif mimetype == "text/tab-separated-values":
        assert text.splitlines() == ["?p", f"<{PUTIN}>", f"<{XI}>"]
    elif mimetype.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        uris = [u.text for u in ET.fromstring(text).iterfind(".//r:uri", ns)]
        assert uris == [PUTIN, XI]


def test_format_parameter_overrides_accept(client):
    params = {"query": PEOPLE, "format": "csv"}
    response = client.get("/sparql", query_string=params, headers={"Accept": "application/json"})
    assert response.mimetype == "text/csv"


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/trig", ox.RdfFormat.TRIG),
    ],
)
def test_construct_in_every_graph_format(client, accept, fmt):
    response = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == accept
    quads = list(ox.parse(response.get_data(), format=fmt))
    assert len(quads) == 5


def test_ask_answers_a_boolean(client):
    response = client.get("/sparql", query_string={"query": f"ASK {{ <{PUTIN}> ?p ?o }}"})
    assert response.get_json()["boolean"] is True


def test_unacceptable_format_is_406(client):
    response = client.get(
        "/sparql", query_string={"query": PEOPLE}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.get_json()["error"]


def test_graph_format_for_a_select_is_406(client):
    response = client.get("/sparql", query_string={"query": PEOPLE, "format": "turtle"})
    assert response.status_code == 406


def test_malformed_query_is_400_with_position(client):
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p "})
    body = response.get_json()
    assert response.status_code == 400
    assert body == {"ok": False, "status": 400, "error": body["error"]}
    assert "1:24" in body["error"]


def test_post_without_query_is_400(client):
    assert client.post("/sparql", data={"format": "json"}).status_code == 400


def test_repeated_query_is_400(client):
    response = client.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D")
    assert response.status_code == 400
    assert "2 `query` parameters" in response.get_json()["error"]


@pytest.mark.parametrize("content_type", ["text/plain", None])
def test_wrong_content_type_is_415(client, content_type):
    response = client.post("/sparql", data=b"ASK {}", content_type=content_type)
    assert response.status_code == 415


def test_non_utf8_charset_is_415(client):
    body = "ASK {}".encode("utf-16")
    response = client.post(
        "/sparql", data=body, content_type="application/sparql-query; charset=UTF-16"
    )
    assert response.status_code == 415


def test_other_methods_are_405(client):
    response = client.put("/sparql", data={"query": "ASK {}"})
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ({"update": "CLEAR ALL"}, FORM),
        ({"query": "PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }"}, FORM),
        ("LOAD <http://example.org/x.ttl>", "application/sparql-update"),
        ("# comment\nDROP ALL", "application/sparql-query"),
    ],
)
def test_updates_are_refused_with_403(client, data, content_type):
    response = client.post("/sparql", data=data, content_type=content_type)
    assert response.status_code == 403
    assert "read-only" in response.get_json()["error"]


def test_service_outside_the_allowlist_is_403(client):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 403
    assert "query.wikidata.org" in response.get_json()["error"]


def test_allowlisted_private_service_is_403_unless_mapped(make_app):
    target = "http://127.0.0.1:9/sparql"
    query = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
    open_client = make_app(SERVICE_ALLOWLIST=[target]).test_client()
    response = open_client.get("/sparql", query_string={"query": query})
    assert response.status_code == 403
    assert "private or loopback" in response.get_json()["error"]


def test_body_over_the_limit_is_413(make_app):
    client = make_app(MAX_BODY=100).test_client()
    query = "ASK {} #" + "x" * 200
    response = client.post("/sparql", data=query, content_type="application/sparql-query")
    assert response.status_code == 413


def test_result_over_the_byte_limit_is_413(make_app):
    client = make_app(MAX_RESULT_BYTES=50).test_client()
    response = client.get("/sparql", query_string={"query": PEOPLE})
    assert response.status_code == 413
    assert "larger than 50 bytes" in response.get_json()["error"]


def test_long_result_streams_beyond_the_buffer(make_app):
    client = make_app(STREAM_BUFFER=10).test_client()
    response = client.get("/sparql", query_string={"query": PEOPLE})
    assert response.is_streamed
    assert bindings(response) == [PUTIN, XI]


def test_slow_query_is_stopped_with_503_and_the_next_is_answered(make_app):
    client = make_app(QUERY_TIMEOUT=1).test_client()
    slow = (
        "SELECT (COUNT(*) AS ?n) WHERE { "
        + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(9))
        + "}"
    )
    response = client.get("/sparql", query_string={"query": slow})
    assert response.status_code == 503
    assert "limit of 1 s" in response.get_json()["error"]
    assert client.get("/sparql", query_string={"query": "ASK {}"}).get_json()["boolean"] is True


def test_cors_and_cache_headers(client):
    response = client.get("/sparql", query_string={"query": "ASK {}"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "max-age=" in response.headers["Cache-Control"]
    assert "Accept" in response.headers["Vary"]


def test_preflight_allows_post_with_a_content_type(client):
    response = client.options("/sparql", headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]


def test_etag_revalidation_answers_304(client):
    first = client.get("/sparql", query_string={"query": PEOPLE})
    etag = first.headers["ETag"]
    again = client.get("/sparql", query_string={"query": PEOPLE}, headers={"If-None-Match": etag})
    assert again.status_code == 304
    other = client.get("/sparql", query_string={"query": PEOPLE, "format": "csv"})
    assert other.headers["ETag"] != etag


def test_service_description_without_query(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    triples = list(ox.parse(response.get_data(), format=ox.RdfFormat.TURTLE))
    objects = {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)}
    assert "http://www.w3.org/ns/sparql-service-description#SPARQL11Query" in objects
    assert "https://w3id.org/bilateral/graph/inferred" in objects


def test_service_description_for_browsers_is_html(client):
    response = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert "sd:SPARQL11Query" in response.get_data(as_text=True)


def test_errors_are_html_for_browsers(client):
    response = client.put("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 405
    assert response.mimetype in ("text/html", "text/plain")
    assert "405" in response.get_data(as_text=True)


def test_unknown_path_has_the_json_error_shape(client):
    response = client.get("/no-such-path", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert json.loads(response.get_data())["ok"] is False
