"""Pages for people: summaries first, values formatted, twins exact (tests/fixtures/web/)."""

from __future__ import annotations

import json
import re

import pytest
from test_views import BLR, client, web_fixture  # noqa: F401 (fixtures)


def test_resource_json_twin_by_suffix_equals_format_json(client):  # noqa: F811
    by_suffix = client.get("/resource/Joint_Sea-2014.json")
    assert by_suffix.status_code == 200
    assert by_suffix.json == client.get("/resource/Joint_Sea-2014?format=json").json


def test_home_page_has_a_json_twin(client):  # noqa: F811
    data = client.get("/index.json").json
    assert data["endpoint"] == "/sparql"
    assert [q["name"] for q in data["queries"]] == [
        q["name"] for q in client.get("/queries.json").json["queries"]
    ]


def test_summary_answers_what_when_where_who(client):  # noqa: F811
    summary = client.get("/resource/Joint_Sea-2014.json").json["summary"]
    assert summary["kind"] == "naval exercise"
    assert summary["when"]["text"] == "20 May 2014 – 26 May 2014"
    assert summary["when"]["wording"] == ["May 20 ... May 26"]
    assert [w["label"] for w in summary["who"]] == ["China", "Russia", "Wu Shengli"]
    assert all(w["role"] is None for w in summary["who"])
    assert [f["text"] for f in summary["figures"]] == ["14 warships"]


def test_summary_comes_before_the_evidence_and_inverse_facts_are_folded(client):  # noqa: F811
    html = client.get("/resource/Joint_Sea-2014").get_data(as_text=True)
    assert html.index('id="summary"') < html.index('class="evidence"')
    folded = html[html.index('<details class="all-statements"') :]
    assert "participated in" in folded
    assert "participated in" not in html[: html.index('<details class="all-statements"')]


def test_html_shows_values_without_rdf_syntax_and_json_keeps_them(client):  # noqa: F811
    html = client.get("/resource/Joint_Sea-2014").get_data(as_text=True)
    assert "^^" not in html and "@en" not in html and "xsd:" not in html
    assert "20 May 2014" in html
    prop = next(
        p
        for p in client.get("/resource/Joint_Sea-2014.json").json["properties"]
        if p["label"] == "start date"
    )
    assert prop["values"][0]["value"] == "2014-05-20"
    assert prop["values"][0]["datatype"] == "xsd:date"


def test_ontology_terms_link_to_the_ontology_page(client):  # noqa: F811
    html = client.get("/resource/Joint_Sea-2014").get_data(as_text=True)
    assert 'href="/ontology#bl:NavalExercise"' in html


def test_resource_jsonld_has_a_context(client):  # noqa: F811
    response = client.get("/resource/Joint_Sea-2014?format=jsonld")
    document = json.loads(response.data)
    assert "@context" in document
    assert document["@context"]["bl"] == "https://w3id.org/bilateral/ontology#"


def test_turtle_names_its_charset_once(client):  # noqa: F811
    response = client.get("/resource/Joint_Sea-2014?format=ttl")
    assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"


@pytest.mark.parametrize(
    ("q", "first"), [("drills", "Passage"), ("Wu Shengly", "Wu_Shengli"), ("moscow", "Russia")]
)
def test_search_forgives_word_forms_and_misspellings(client, q, first):  # noqa: F811
    results = client.get("/search.json", query_string={"q": q}).json["results"]
    assert results and first in results[0]["iri"]


def test_search_puts_entities_first_with_types_and_groups_passages(client):  # noqa: F811
    data = client.get("/search.json?q=joint").json
    kinds = [r["kind"] for r in data["results"]]
    assert kinds == sorted(kinds, key=lambda k: k != "resource")
    assert data["entities"][0]["types"] == ["naval exercise"]
    (group,) = data["passage_groups"]
    assert group["resource"]["iri"] == BLR + "Joint_Sea-2014"


def test_search_pages_through_results(client):  # noqa: F811
    first = client.get("/search.json?q=joint&limit=1").json
    second = client.get("/search.json?q=joint&limit=1&offset=1").json
    assert first["total"] == second["total"] >= 2
    assert first["results"] != second["results"]
    html = client.get("/search?q=joint&limit=1").get_data(as_text=True)
    assert f"Results 1–1 of {first['total']}" in html and 'rel="next"' in html


def test_search_suggests_names_when_nothing_matches(client):  # noqa: F811
    data = client.get("/search.json?q=Jiont+Seaa+2014x").json
    assert data["total"] == 0
    assert "Joint Sea-2014" in data["suggestions"]


def test_source_renders_markdown_and_keeps_offsets(client):  # noqa: F811
    html = client.get("/source").get_data(as_text=True)
    text = html[html.index('<div class="text">') :]
    assert "<em>" in text and "*Varyag*" not in text
    assert 'id="offset-1055"' in text


def test_canned_query_form_speaks_words(client):  # noqa: F811
    html = client.get("/queries/events-of-an-actor").get_data(as_text=True)
    assert re.search(r'<label for="param-actor">Actor</label>', html)
    assert "data-autocomplete=" in html and "?actor <input" not in html
    html = client.get("/queries/events-in-period").get_data(as_text=True)
    assert 'type="date"' in html


@pytest.fixture(scope="module")
def built_client(built_store):
    """A test client of the app on the real build (roles, extents and CAMEO codes)."""
    from bilateral.server import create_app, state

    app = create_app({"STORE": str(built_store), "TESTING": True})
    yield app.test_client()
    state.close(app)


def test_summary_says_who_visits_and_who_hosts(built_client):
    summary = built_client.get("/resource/Sergey_Lavrov_Working_Visit_to_Beijing_2014.json").json[
        "summary"
    ]
    roles = {w["label"]: w["role"] for w in summary["who"]}
    assert roles["Sergey Lavrov"] == "visits" and roles["China"] == "hosts"
    assert len(summary["who"]) == len(roles), "an actor is listed once, under its own role"
    assert summary["cameo"]["code"] == "042" and summary["cameo"]["name"]


def test_summary_words_a_date_with_no_exact_day(built_client):
    summary = built_client.get("/resource/China_National_Security_Report_2014.json").json[
        "summary"
    ]
    assert summary["when"]["text"] == "early May 2014"
