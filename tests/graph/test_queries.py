"""Every canned query runs as written and gives its reviewed answer (tests/golden/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from direct import run

from bilateral.graph.exchange.federation import find_services
from bilateral.graph.queries import load_queries
from bilateral.graph.results import compact
from bilateral.graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
QUERIES = load_queries(ROOT / "queries")
# Federated queries need a Wikidata stand-in: tests/graph/test_federation.py runs them.
LOCAL = {name: q for name, q in QUERIES.items() if not find_services(q.text)}
GOLDEN = ROOT / "tests" / "golden"


def answer(store, name: str) -> list[dict[str, str]]:
    results = run(open_store(store), QUERIES[name].text)
    names = [v.value for v in results.variables]
    return [{n: compact(s[n]) for n in names if s[n] is not None} for s in results]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_is_self_contained_and_ordered(name):
    query = QUERIES[name]
    assert query.title and query.description
    assert "ORDER BY" in query.text
    for prefix in ("bl:", "blr:", "rdfs:", "xsd:", "oa:"):
        if prefix in query.text.split("SELECT", 1)[-1]:
            assert f"PREFIX {prefix}" in query.text, f"{name} uses {prefix} undeclared"


@pytest.mark.parametrize("name", sorted(LOCAL))
def test_query_gives_golden_answer(built_store, name, request):
    rows = answer(built_store, name)
    golden = GOLDEN / f"{name}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert rows, f"{name} returns nothing"
    assert rows == json.loads(golden.read_text(encoding="utf-8"))


def test_exercises_by_size(built_store):
    rows = answer(built_store, "exercises-by-size")
    assert len(rows) == 12
    assert rows[0]["label"] == "Peace Mission-2005" and rows[0]["troops"] == "10000"
    assert {r["label"] for r in rows if "warships" in r} == {
        "Peace Shield-2009",
        "Joint Sea-2012",
        "Joint Sea-2013",
        "Joint Sea-2014",
    }


def test_events_in_country_follow_transitive_location(built_store):
    labels = {r["label"] for r in answer(built_store, "events-in-country")}
    assert "Peace Mission-2014" in labels  # Zhurihe base -> Inner Mongolia -> China
