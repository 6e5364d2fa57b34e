"""Federated queries through the real server: SERVICE to Wikidata answered by a local stand-in."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import oxigraph

from bilateral.graph.exchange.federation import WIKIDATA
from bilateral.graph.queries import load_queries

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = ROOT / "tests" / "fixtures" / "wikidata-extract.ttl"
BIRTH_DATES = load_queries(ROOT / "queries")["wikidata-birth-dates"].text
PUTIN = "https://w3id.org/bilateral/resource/Vladimir_Putin"
LOOPBACK = "http://127.0.0.1:9/sparql"


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory) -> Iterator[str]:
    """The query URL of the Wikidata stand-in (a real Oxigraph server)."""
    with oxigraph(tmp_path_factory.mktemp("wikidata"), (EXTRACT,), read_only=True) as base:
        yield base + "/query"


@pytest.fixture(scope="module")
def site(live_server, built_store, wikidata) -> str:
    """A server on the real build with Wikidata sent to the stand-in, as an operator sets it."""
    return live_server(
        built_store,
        SERVICE_MAP=f"{WIKIDATA}={wikidata}",
        SERVICE_ALLOWLIST=f"{WIKIDATA},{LOOPBACK}",
    )


def get(url: str, accept: str = "application/json") -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def birth_dates(bindings: list[dict]) -> dict[str, str]:
    return {row["person"]["value"]: row["birthDate"]["value"] for row in bindings}


def test_federated_query_through_sparql(site):
    url = site + "/sparql?" + urllib.parse.urlencode({"query": BIRTH_DATES})
    status, body = get(url, "application/sparql-results+json")
    assert status == 200
    found = birth_dates(body["results"]["bindings"])
    assert found[PUTIN] == "1952-10-07"
    assert found["https://w3id.org/bilateral/resource/Sergey_Lavrov"] == "1950-03-21"
    assert len(found) >= 10


def test_federated_canned_query_page(site):
    status, body = get(site + "/queries/wikidata-birth-dates?run=1&format=json")
    assert status == 200
    assert birth_dates(body["results"]["bindings"])[PUTIN] == "1952-10-07"


def test_canned_coordinates_from_the_stand_in(site):
    status, body = get(site + "/queries/wikidata-coordinates?run=1&format=json")
    assert status == 200
    places = {r["place"]["value"].rsplit("/", 1)[-1]: r for r in body["results"]["bindings"]}
    assert places["Moscow"]["latitude"]["value"] == "55.750555555"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("https://example.org/sparql", "is not allowed"),
        (LOOPBACK, "private or loopback"),
    ],
)
def test_refused_service_is_403(site, target, message):
    query = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
    status, body = get(site + "/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 403
    assert message in body["error"]
