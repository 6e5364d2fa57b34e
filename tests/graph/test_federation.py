"""Federated queries joined with a local stand-in for Wikidata (a real Oxigraph server)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import direct
import pytest
from loopback import free_port
from oxigraph_server import oxigraph

from bilateral.graph.exchange import federation
from bilateral.graph.queries import load_queries
from bilateral.graph.results import compact
from bilateral.graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = ROOT / "tests" / "fixtures" / "wikidata-extract.ttl"
QUERIES = load_queries(ROOT / "queries")
BILATERAL = str(Path(sys.executable).with_name("bilateral"))


def run(store, query: str, config: federation.FederationConfig, bindings=None):
    """SERVICE blocks evaluated, then the query: what the query service does, on a store."""
    local = federation.resolve_services(
        lambda text, values: direct.run(store, text, values), query, config, bindings
    )
    return direct.run(store, local, bindings)


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory):
    """The URL of the stand-in's query endpoint."""
    with oxigraph(tmp_path_factory.mktemp("wikidata"), (EXTRACT,), read_only=True) as base:
        yield base + "/query"


@pytest.fixture(scope="module")
def config(wikidata) -> federation.FederationConfig:
    return federation.FederationConfig.from_settings(None, f"{federation.WIKIDATA}={wikidata}")


@pytest.fixture(scope="module")
def store(built_store):
    return open_store(built_store)


def rows(store, config, name: str) -> list[dict[str, str]]:
    results = run(store, QUERIES[name].text, config)
    names = [v.value for v in results.variables]
    return [{n: compact(s[n]) for n in names if s[n] is not None} for s in results]


def test_birth_dates_of_linked_people(store, config):
    found = rows(store, config, "wikidata-birth-dates")
    by_person = {r["person"]: r for r in found}
    assert by_person["blr:Vladimir_Putin"]["birthDate"] == "1952-10-07"
    assert by_person["blr:Vladimir_Putin"]["item"] == "wd:Q7747"
    assert by_person["blr:Sergey_Lavrov"]["birthDate"] == "1950-03-21"
    assert [r["birthDate"] for r in found] == sorted(r["birthDate"] for r in found)
    assert len(found) >= 10


def test_coordinates_of_our_places(store, config):
    found = {r["place"]: r for r in rows(store, config, "wikidata-coordinates")}
    moscow = found["blr:Moscow"]
    assert (moscow["latitude"], moscow["longitude"]) == ("55.750555555", "37.6175")
    assert "blr:Beijing" in found and "blr:Vladimir_Putin" not in found


def test_classes_of_linked_entities(store, config):
    found = rows(store, config, "wikidata-classes")
    china = {r["class"] for r in found if r["resource"] == "blr:China"}
    assert "wd:Q6256" in china  # country
    labels = {r["resource"]: r["wikidataLabel"] for r in found}
    assert labels["blr:China"] == "People's Republic of China"


def test_bind_join_sends_only_our_items(store, config, monkeypatch):
    """The stand-in holds capitals and classes we do not link; they are not asked for."""
    calls = []
    real_call = federation.call_endpoint

    def spy(url, query, timeout):
        variables, found = real_call(url, query, timeout)
        calls.append((query, variables, found))
        return variables, found

    monkeypatch.setattr(federation, "call_endpoint", spy)
    rows(store, config, "wikidata-classes")
    ((sent, variables, found),) = calls
    assert "VALUES (?item)" in sent
    linked = {
        s["item"].value
        for s in store.query(
            "SELECT ?item WHERE { ?r <http://www.w3.org/2002/07/owl#sameAs> ?item }",
            use_default_graph_as_union=True,
        )
    }
    asked = {line.strip("()<>") for line in sent.splitlines() if line.startswith("(<")}
    assert asked == linked
    column = variables.index("item")
    assert found and {row[column].value for row in found} <= linked


def test_service_outside_the_allowlist_is_refused(store, wikidata):
    strict = federation.FederationConfig.from_settings("", None)
    query = f"SELECT * WHERE {{ SERVICE <{wikidata}> {{ ?s ?p ?o }} }}"
    with pytest.raises(federation.ServiceError, match="not allowed"):
        run(store, query, strict)
    with pytest.raises(federation.ServiceError, match="not allowed"):
        run(store, query, federation.FederationConfig())


def test_unreachable_service_fails_unless_silent(store):
    down = f"http://127.0.0.1:{free_port()}/query"
    config = federation.FederationConfig.from_settings(None, f"{federation.WIKIDATA}={down}")
    query = (
        "SELECT ?x WHERE { VALUES ?x { 1 } SERVICE %s<https://query.wikidata.org/sparql> "
        "{ ?s ?p ?o } }"
    )
    with pytest.raises(federation.ServiceError, match="failed"):
        run(store, query % "", config)
    assert [s["x"].value for s in run(store, query % "SILENT ", config)] == ["1"]


def test_cli_query_federates(built_store, wikidata):
    done = subprocess.run(
        [BILATERAL, "query", "--store", str(built_store), "--format", "csv"]
        + ["wikidata-birth-dates"],
        cwd=ROOT,
        env={"BILATERAL_SERVICE_MAP": f"{federation.WIKIDATA}={wikidata}", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "https://w3id.org/bilateral/resource/Vladimir_Putin" in done.stdout
    assert "1952-10-07" in done.stdout
