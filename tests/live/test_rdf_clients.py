"""rdflib's SPARQLStore and Comunica's command line against the real server."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parents[2]
COMUNICA = ROOT / "node_modules" / ".bin" / "comunica-sparql"
PUTIN = "https://w3id.org/bilateral/resource/Vladimir_Putin"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SELECT = f"SELECT ?label WHERE {{ <{PUTIN}> <{LABEL}> ?label }}"


@pytest.fixture(scope="module")
def endpoint(live_server, built_store) -> str:
    return live_server(built_store) + "/sparql"


def test_rdflib_sparqlstore_as_a_remote_graph(endpoint):
    graph = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    labels = set(graph.objects(URIRef(PUTIN), URIRef(LABEL)))
    assert Literal("Vladimir Putin", lang="en") in labels
    rows = list(graph.query(SELECT))
    assert [str(row[0]) for row in rows] == ["Vladimir Putin"]


def test_comunica_command_line(endpoint):
    """@comunica/query-sparql, pinned in package.json, installed by `make` (npm ci)."""
    if not COMUNICA.exists():
        pytest.fail(f"{COMUNICA} missing: run `make vendor` (npm ci) first")
    done = subprocess.run(
        [str(COMUNICA), f"sparql@{endpoint}", SELECT, "-t", "application/sparql-results+json"],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "NODE_OPTIONS": ""},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    bindings = json.loads(done.stdout)["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == ["Vladimir Putin"]
