"""The app factory, self-description (/void) and the access log."""

from __future__ import annotations

import logging

import pyoxigraph as ox

from bilateral.server import create_app
from bilateral.server.serving import AccessLog

VOID = "http://rdfs.org/ns/void#"


def test_config_precedence_defaults_env_then_mapping(monkeypatch):
    monkeypatch.setenv("BILATERAL_QUERY_TIMEOUT", "7")
    monkeypatch.setenv("BILATERAL_MAX_BODY", "1234")
    app = create_app({"QUERY_TIMEOUT": 3})
    assert app.config["QUERY_TIMEOUT"] == 3
    assert app.config["MAX_BODY"] == 1234
    assert app.config["CACHE_MAX_AGE"] == 300


def test_void_counts_graphs_and_classes(client):
    response = client.get("/void", headers={"Accept": "application/n-triples"})
    assert response.mimetype == "application/n-triples"
    triples = list(ox.parse(response.get_data(), format=ox.RdfFormat.N_TRIPLES))
    by_predicate: dict[str, list] = {}
    for t in triples:
        by_predicate.setdefault(t.predicate.value, []).append(t)
    dataset_triples = [t.object.value for t in by_predicate[VOID + "triples"]]
    assert sorted(dataset_triples) == ["1", "2", "2", "4", "9"]
    classes = {t.object.value for t in by_predicate[VOID + "class"]}
    assert "https://w3id.org/bilateral/ontology#Actor" in classes
    dumps = [t.object.value for t in by_predicate[VOID + "dataDump"]]
    assert dumps == ["http://localhost/download/dataset.trig"]
    assert by_predicate[VOID + "sparqlEndpoint"][0].object.value == "http://localhost/sparql"


def test_well_known_void_is_the_same(client):
    first = client.get("/void", headers={"Accept": "text/turtle"}).get_data()
    assert client.get("/.well-known/void", headers={"Accept": "text/turtle"}).get_data() == first


def test_missing_store_is_503(make_app, tmp_path):
    client = make_app(STORE=str(tmp_path / "none")).test_client()
    response = client.get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 503
    assert "bilateral build" in response.get_json()["error"]


def test_access_log_has_method_path_status_and_query_hash(app, caplog):
    app.wsgi_app = AccessLog(app.wsgi_app)
    with caplog.at_level(logging.INFO, logger="bilateral.access"):
        app.test_client().get("/sparql", query_string={"query": "ASK {}"}).close()
    (line,) = [r.getMessage() for r in caplog.records if r.name == "bilateral.access"]
    method, path, status, duration, query = line.split()
    assert (method, path, status, query) == ("GET", "/sparql", "200", "q=819ea91ed5f1")
    assert duration.endswith("ms")
