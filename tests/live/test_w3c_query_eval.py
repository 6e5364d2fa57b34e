"""The W3C SPARQL 1.1 query-evaluation suite run through the real endpoint; reports the pass rate.

Every data file of the suite is loaded once into one store, each as a named
graph named by its file IRI; each test then sends its query (with a BASE of
its own file) and its dataset as default-graph-uri / named-graph-uri. Engine
failures are reported, not failed; the test asserts a floor on the pass rate.
"""

from __future__ import annotations

import collections
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.live
logger = logging.getLogger(__name__)

SUITE = Path(__file__).resolve().parents[1] / "w3c" / "sparql" / "sparql11"
FLOOR = 0.80
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML}
RESULTS = {
    ".srx": ox.QueryResultsFormat.XML,
    ".srj": ox.QueryResultsFormat.JSON,
    ".tsv": ox.QueryResultsFormat.TSV,
}
TESTS = """
PREFIX mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#>
PREFIX qt: <http://www.w3.org/2001/sw/DataAccess/tests/test-query#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?test ?query ?result (GROUP_CONCAT(DISTINCT STR(?d); separator=" ") AS ?data)
       (GROUP_CONCAT(DISTINCT STR(?g); separator=" ") AS ?named) WHERE {
  ?test a mf:QueryEvaluationTest ; mf:action ?a ; mf:result ?result .
  ?a qt:query ?query . OPTIONAL { ?a qt:data ?d } OPTIONAL { ?a qt:graphData ?g }
} GROUP BY ?test ?query ?result
"""


def _manifests() -> list[Path]:
    top = SUITE / "manifest-sparql11-query.ttl"
    found = [top]
    for quad in ox.parse(path=str(top), base_iri=top.as_uri()):
        if quad.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#first":
            found.append(Path(urllib.parse.urlsplit(quad.object.value).path))
    return [p for p in found if p.is_file()]


def _suite(tmp: Path, make_store) -> tuple[Path, list[dict]]:
    """The store of every data file, and the tests whose result format we can read."""
    manifests = ox.Store()
    for path in _manifests():
        manifests.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())
    tests = [
        {
            k: row[k].value if row[k] is not None else ""
            for k in ("test", "query", "result", "data", "named")
        }
        for row in manifests.query(TESTS, use_default_graph_as_union=True)
    ]
    files = sorted({u for t in tests for u in (t["data"] + " " + t["named"]).split()})
    sources = [(Path(urllib.parse.urlsplit(u).path), u) for u in files]
    loadable = [(p, u) for p, u in sources if p.suffix in FORMATS and _parses(p)]
    store = make_store(tmp, loadable, "w3ceval")
    usable = {u for _, u in loadable}
    tests = [
        t
        for t in tests
        if Path(t["result"]).suffix in RESULTS
        and set((t["data"] + " " + t["named"]).split()) <= usable
    ]
    return store, tests


def _parses(path: Path) -> bool:
    try:
        list(ox.parse(path=str(path), format=FORMATS[path.suffix], base_iri=path.as_uri()))
        return True
    except SyntaxError:
        return False


def _normal(results) -> object:
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    names = [v.value for v in results.variables]
    rows = collections.Counter()
    for row in results:
        rows[
            tuple(
                sorted(
                    (n, "_:b" if isinstance(row[n], ox.BlankNode) else str(row[n]))
                    for n in names
                    if row[n] is not None
                )
            )
        ] += 1
    return rows


def _run(endpoint: str, test: dict) -> bool:
    query_path = Path(urllib.parse.urlsplit(test["query"]).path)
    query = f"BASE <{test['query']}>\n" + query_path.read_text(encoding="utf-8")
    params = [("query", query)]
    params += [("default-graph-uri", u) for u in (test["data"].split() or ["urn:x-empty"])]
    params += [("named-graph-uri", u) for u in test["named"].split()]
    if "FROM" in query.upper() and not test["data"] and not test["named"]:
        params = params[:1]
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode(params).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            actual = ox.parse_query_results(response.read(), format=ox.QueryResultsFormat.JSON)
    except urllib.error.HTTPError:
        return False
    result = Path(urllib.parse.urlsplit(test["result"]).path)
    expected = ox.parse_query_results(path=str(result), format=RESULTS[result.suffix])
    return _normal(actual) == _normal(expected)


def test_query_evaluation_pass_rate(live_server, make_store, tmp_path_factory):
    if not SUITE.is_dir():
        pytest.fail(f"{SUITE}: the W3C test suite is missing")
    store, tests = _suite(tmp_path_factory.mktemp("eval"), make_store)
    endpoint = live_server(store, QUERY_TIMEOUT="20") + "/sparql"
    outcomes = {t["test"]: _run(endpoint, t) for t in tests}
    passed = sum(outcomes.values())
    rate = passed / len(outcomes)
    failed = sorted(t.split("/sparql11/", 1)[-1] for t, ok in outcomes.items() if not ok)
    report = {"passed": passed, "run": len(outcomes), "rate": round(rate, 3), "failed": failed}
    (tmp_path_factory.getbasetemp() / "w3c-query-eval.json").write_text(
        json.dumps(report, indent=1)
    )
    print(f"W3C query evaluation through the endpoint: {passed}/{len(outcomes)} ({rate:.1%})")
    assert len(outcomes) > 200
    assert rate >= FLOOR, report
