"""Canned queries run in the killable query processes, under the endpoint's time limit."""

from __future__ import annotations

import time

SLOW = """# title: Slow
# description: A cartesian product that runs for minutes.
SELECT (COUNT(*) AS ?n)
WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p . ?q ?r ?s . ?t ?u ?v . ?w ?y ?z }
ORDER BY ?n
"""
FAST = """# title: Fast
# description: One row.
SELECT ?x WHERE { BIND(1 AS ?x) } ORDER BY ?x
"""


def project_with(tmp_path, **queries: str):
    (tmp_path / "queries").mkdir()
    for name, text in queries.items():
        (tmp_path / "queries" / f"{name}.rq").write_text(text)
    return tmp_path


def test_slow_canned_query_is_stopped_with_503(make_app, tmp_path):
    project = project_with(tmp_path, slow=SLOW, fast=FAST)
    client = make_app(PROJECT=str(project), QUERY_TIMEOUT="1").test_client()
    start = time.monotonic()
    response = client.get("/queries/slow?run=1", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert response.get_json()["status"] == 503
    assert time.monotonic() - start < 20  # stopped, not run to the end
    after = client.get("/queries/fast?run=1", headers={"Accept": "text/csv"})
    assert after.status_code == 200
    assert after.get_data(as_text=True).splitlines() == ["x", "1"]


def test_canned_query_html_table_comes_from_the_query_process(make_app, tmp_path):
    client = make_app(PROJECT=str(project_with(tmp_path, fast=FAST))).test_client()
    page = client.get("/queries/fast?run=1", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "<table" in page.get_data(as_text=True)
