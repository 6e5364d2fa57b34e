"""Inferred facts explained on the pages: the resource page, its JSON twin and /why (real build)."""

from __future__ import annotations

import re

import pytest

from bilateral.server import create_app, state

BLR = "https://w3id.org/bilateral/resource/"
BL = "https://w3id.org/bilateral/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA_EVENT = "https://schema.org/Event"


@pytest.fixture(scope="module")
def client(built_store, project_dir):
    app = create_app({"TESTING": True, "STORE": str(built_store), "PROJECT": str(project_dir)})
    yield app.test_client()
    state.close(app)


def _leaves(node: dict) -> list[dict]:
    if node["status"] == "asserted":
        return [node]
    return [leaf for premise in node["premises"] for leaf in _leaves(premise)]


def test_every_inferred_type_and_value_carries_its_tree_in_the_json_twin(client):
    data = client.get("/resource/Joint_Sea-2014.json").json
    types = {t["iri"]: t for t in data["types"]}
    event = types[SCHEMA_EVENT]
    assert event["inferred"] and "why" not in types[BL + "NavalExercise"]
    tree = event["why"]
    assert tree["rule"] == "cax-sco"
    assert tree["because"].startswith("Joint Sea-2014 is a schema:Event because it is a ")
    assert {leaf["status"] for leaf in _leaves(tree)} == {"asserted"}
    data_leaf = next(leaf for leaf in _leaves(tree) if "data" in leaf["graphs"])
    assert data_leaf["subject"]["href"] == "/resource/Joint_Sea-2014"
    assert any("Joint Sea-2014" in p["exact"] for p in data_leaf["passages"])
    inferred = [v for p in data["properties"] for v in p["values"] if v["inferred"]]
    assert inferred and all("why" in v for v in inferred)


def test_the_page_marks_an_inferred_type_and_expands_it_into_rule_premises_and_passages(client):
    html = client.get("/resource/Joint_Sea-2014").get_data(as_text=True)
    start = html.index('title="https://schema.org/Event"')
    details = html[html.index('<details class="why">', start) :]
    details = details[: details.index("</details>")]
    assert "inferred" in details and "cax-sco" in details
    assert "Joint Sea-2014 is a schema:Event because it is a " in details
    assert 'href="/resource/Joint_Sea-2014"' in details
    assert re.search(r'<blockquote class="quote"[^>]*><mark>[^<]*Joint Sea-2014', details)


def test_why_answers_the_same_tree_for_one_triple(client):
    page = client.get("/resource/Joint_Sea-2014.json").json
    expected = next(t["why"] for t in page["types"] if t["iri"] == SCHEMA_EVENT)
    query = {"s": BLR + "Joint_Sea-2014", "p": "rdf:type", "o": SCHEMA_EVENT}
    assert client.get("/why.json", query_string=query).json == expected
    html = client.get("/why", query_string=query)
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert "cax-sco" in html.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"s": "blr:Joint_Sea-2014", "p": "rdf:type"}, 400, "o is required"),
        ({"s": '"x"', "p": "rdf:type", "o": "schema:Event"}, 400, "must be IRIs"),
        (
            {"s": "blr:Joint_Sea-2014", "p": "rdf:type", "o": "bl:NavalExercise"},
            404,
            "not inferred",
        ),
    ],
)
def test_why_errors_name_the_problem(client, query, status, message):
    response = client.get("/why.json", query_string=query)
    assert response.status_code == status
    assert response.json["ok"] is False and message in response.json["error"]


def test_inferred_incoming_links_lead_to_their_derivation(client):
    incoming = client.get("/resource/Joint_Sea-2014.json").json["incoming"]
    links = [v["whyHref"] for p in incoming for v in p["values"] if v["inferred"]]
    assert links
    for link in links:
        tree = client.get(link.replace("/why?", "/why.json?", 1)).json
        assert tree["status"] == "inferred"
        assert tree["object"]["iri"] == BLR + "Joint_Sea-2014"


def test_the_explanations_are_no_facts_of_the_page(client):
    data = client.get("/resource/Joint_Sea-2014.json").json
    linked = [v.get("iri", "") for p in data["properties"] + data["incoming"] for v in p["values"]]
    assert linked and not [
        i for i in linked if i.startswith("https://w3id.org/bilateral/statement/")
    ]
