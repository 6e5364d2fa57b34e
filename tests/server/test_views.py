"""The HTML pages and their JSON twins, on a fixture store (tests/fixtures/web/)."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
from pathlib import Path

import pytest
from flask import Flask

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "web"
BLR = "https://w3id.org/bilateral/resource/"
ARTICLE = (FIXTURE / "seeds" / "article.txt").read_text(encoding="utf-8")


def _fixture_module():
    spec = importlib.util.spec_from_file_location("web_make_store", FIXTURE / "make_store.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def web_fixture(tmp_path_factory):
    """The fixture store and project folder, built once for this module."""
    make = _fixture_module()
    root = tmp_path_factory.mktemp("web")
    return make.make_store(root), make.make_project(root)


def make_app(config: dict) -> Flask:
    """The real app factory when present; the blueprint on a bare app otherwise."""
    try:
        from bilateral.server import create_app
    except ImportError:  # the core app is built in parallel (issue 4)
        from bilateral.server.views import bp

        app = Flask("bilateral.server.views")
        app.config.update(config)
        app.register_blueprint(bp)
        return app
    return create_app(config)


@pytest.fixture
def client(web_fixture):
    store, project = web_fixture
    app = make_app({"TESTING": True, "STORE": str(store), "PROJECT": str(project)})
    return app.test_client()


HTML_PAGES = [
    "/",
    "/queries",
    "/queries/events-of-an-actor",
    "/search?q=russia",
    "/resource/Joint_Sea-2014",
    "/timeline",
    "/network",
    "/source",
    "/ontology",
    "/download",
]


@pytest.mark.parametrize("path", HTML_PAGES)
def test_every_page_is_html(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert b"<nav>" in response.data
    assert b'href="/timeline"' in response.data and b'action="/search"' in response.data
    assert b"<script>" not in response.data  # no inline scripts (CSP)


@pytest.mark.parametrize("path", HTML_PAGES[1:])
def test_every_page_has_a_json_twin(client, path):
    by_accept = client.get(path, headers={"Accept": "application/json"})
    by_format = client.get(path + ("&" if "?" in path else "?") + "format=json")
    assert by_accept.status_code == by_format.status_code == 200
    assert by_accept.mimetype == by_format.mimetype == "application/json"
    assert by_accept.json == by_format.json


def test_json_suffix_equals_accept(client):
    assert (
        client.get("/timeline.json").json
        == client.get("/timeline", headers={"Accept": "application/json"}).json
    )


def test_query_page_preloads_prefixes_and_lists_canned_queries(client):
    html = client.get("/").get_data(as_text=True)
    assert "PREFIX bl: &lt;https://w3id.org/bilateral/ontology#&gt;" in html
    assert 'data-name="events-of-an-actor"' in html
    assert 'data-endpoint="/sparql"' in html


def test_canned_query_listing(client):
    listing = client.get("/queries.json").json["queries"]
    names = [q["name"] for q in listing]
    assert names == ["countries", "events-in-period", "events-of-an-actor"]
    actor = listing[2]
    assert actor["params"] == [
        {
            "name": "actor",
            "label": "Actor",
            "doc": "optional actor IRI (default blr:Russia)",
            "optional": True,
            "kind": "resource",
        }
    ]


def test_canned_query_twin_has_text(client):
    data = client.get("/queries/countries.json").json
    assert data["title"] == "Countries"
    assert data["text"].startswith("# title: Countries")


def _rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.mark.parametrize("actor", ["Wu_Shengli", "blr:Wu_Shengli", f"<{BLR}Wu_Shengli>"])
def test_resource_parameter_is_bound_as_an_iri(client, actor):
    response = client.get(
        "/queries/events-of-an-actor", query_string={"actor": actor}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert [r["event"] for r in _rows(response)] == [BLR + "Joint_Sea-2014"]


def test_parameter_is_never_spliced(client):
    hostile = "Russia> } UNION { ?event ?p ?label"
    response = client.get("/queries/events-of-an-actor", query_string={"actor": hostile})
    assert response.status_code == 400


def test_unknown_actor_is_a_400_naming_it(client):
    response = client.get("/queries/events-of-an-actor?actor=Nobody&format=csv")
    assert response.status_code == 400
    assert "'Nobody'" in response.json["error"]


@pytest.mark.parametrize("actor", ["Wu Shengli", "wu shengli", "Wu Shengly"])
def test_resource_parameter_accepts_a_name(client, actor):
    response = client.get(
        "/queries/events-of-an-actor", query_string={"actor": actor, "format": "csv"}
    )
    assert [r["event"] for r in _rows(response)] == [BLR + "Joint_Sea-2014"]


@pytest.mark.parametrize(("start", "expected"), [("2014-05-01", 1), ("2014-05-21", 0)])
def test_date_parameters_are_typed_literals(client, start, expected):
    response = client.get(
        f"/queries/events-in-period?from={start}",
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.mimetype == "application/sparql-results+json"
    assert len(response.json["results"]["bindings"]) == expected


@pytest.mark.parametrize("period", ["May 2014", "2014-05", "spring 2014", "May 20-26, 2014"])
def test_date_parameters_accept_periods(client, period):
    response = client.get(
        "/queries/events-in-period", query_string={"from": period, "to": period, "format": "csv"}
    )
    assert response.status_code == 200
    assert [r["event"] for r in _rows(response)] == [BLR + "Joint_Sea-2014"]


def test_bad_date_is_400(client):
    response = client.get("/queries/events-in-period?from=Mayish+2014")
    assert response.status_code == 400
    assert "July 2014" in response.json["error"]


def test_unknown_parameter_is_400(client):
    assert client.get("/queries/countries?actor=Russia").status_code == 400


def test_run_renders_an_html_table_with_links(client):
    html = client.get("/queries/countries?run=1").get_data(as_text=True)
    assert '<a href="/resource/China"' in html and '<a href="/resource/Russia"' in html
    assert "2 results" in html


def test_unknown_query_is_404(client):
    assert client.get("/queries/no-such-query").status_code == 404


def test_resource_page_shows_everything(client):
    html = client.get("/resource/Joint_Sea-2014").get_data(as_text=True)
    assert "<h1>Joint Sea-2014</h1>" in html
    assert '<a href="/resource/Russia"' in html  # linked values
    assert "inferred" in html  # bl:Event and bl:MilitaryExercise come from the reasoner
    assert "<mark>It was the third joint drill of the two navies since April 2012</mark>" in html
    assert 'href="/source#offset-115"' in html
    assert ARTICLE[178:200].replace("'", "&#39;") in html  # context after the passage


def test_resource_json_marks_inferred_values(client):
    data = client.get("/resource/Joint_Sea-2014?format=json").json
    types = {t["iri"].rsplit("#", 1)[-1]: t["inferred"] for t in data["types"]}
    assert types == {"NavalExercise": False, "MilitaryExercise": True, "Event": True}
    assert [p["start"] for p in data["passages"]] == [0, 115]
    assert data["passages"][0]["after"] == ARTICLE[113:273]


def test_incoming_links_and_wikidata(client):
    data = client.get("/resource/Russia", headers={"Accept": "application/json"}).json
    assert data["sameAs"] == ["http://www.wikidata.org/entity/Q159"]
    incoming = {p["iri"].rsplit("#", 1)[-1]: p["values"] for p in data["incoming"]}
    assert [v["iri"] for v in incoming["participant"]] == [BLR + "Joint_Sea-2014"]
    html = client.get("/resource/Russia").get_data(as_text=True)
    assert 'href="http://www.wikidata.org/entity/Q159"' in html


@pytest.mark.parametrize(
    ("accept", "mimetype", "marker"),
    [
        ("text/turtle", "text/turtle", b"blr:Joint_Sea-2014"),
        ("application/n-triples", "application/n-triples", b"<" + BLR.encode()),
        ("application/ld+json", "application/ld+json", b'"@id"'),
        ("application/rdf+xml", "application/rdf+xml", b"rdf:RDF"),
    ],
)
def test_resource_as_rdf(client, accept, mimetype, marker):
    response = client.get("/resource/Joint_Sea-2014", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert marker in response.data
    assert b"It was the third joint drill" in response.data  # the passages come along


def test_turtle_by_format_parameter(client):
    response = client.get("/resource/Russia?format=ttl")
    assert response.mimetype == "text/turtle"
    assert b"wd:Q159" in response.data or b"Q159" in response.data


def test_unknown_resource_is_a_real_404_page(client):
    response = client.get("/resource/No_Such_Thing", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert b"No_Such_Thing" in response.data


def test_unacceptable_resource_format_is_406(client):
    response = client.get("/resource/Russia", headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_labels_are_html_escaped(client):
    html = client.get("/resource/Escape_Test").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co" in html
    found = client.get("/search?q=script").get_data(as_text=True)
    assert "<script>alert" not in found and "&lt;script&gt;" in found


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("Moscow", BLR + "Russia"),  # hidden label
        ("beij", BLR + "China"),  # alias, by prefix
        ("wu shengli", BLR + "Wu_Shengli"),
        ("joint sea-2014", BLR + "Joint_Sea-2014"),
    ],
)
def test_search_finds_labels_and_aliases(client, q, first):
    results = client.get("/search.json", query_string={"q": q}).json["results"]
    assert results[0]["iri"] == first
    assert results[0]["kind"] == "resource"


def test_search_finds_passages_by_their_words(client):
    results = client.get("/search.json?q=third+joint+drill").json["results"]
    assert [(r["kind"], r["href"]) for r in results] == [("passage", "/source#offset-115")]


def test_search_requires_every_word(client):
    assert client.get("/search.json?q=russia+xyzzy").json["results"] == []


def test_search_limit_is_checked(client):
    assert client.get("/search.json?q=a&limit=0").status_code == 400


def test_timeline_data(client):
    events = client.get("/timeline.json").json["events"]
    assert [(e["label"], e["start"], e["end"]) for e in events] == [
        ("Joint Sea-2014", "2014-05-20", "2014-05-26")
    ]
    assert events[0]["types"] == ["https://w3id.org/bilateral/ontology#NavalExercise"]
    assert events[0]["actors"] == [BLR + "China", BLR + "Russia", BLR + "Wu_Shengli"]
    assert events[0]["shape"] == "range"


def test_timeline_counts_the_undated(client):
    data = client.get("/timeline.json").json
    assert data["undated"] == 0 and len(data["events"]) == 1


def test_timeline_opens_on_the_article_period(client):
    assert client.get("/timeline.json").json["period"] == {"start": None, "end": None}


def test_network_data(client):
    data = client.get("/network.json").json
    assert {n["label"]: n["events"] for n in data["nodes"]} == {
        "China": 1,
        "Russia": 1,
        "Wu Shengli": 1,
    }
    assert {(e["from"], e["to"]) for e in data["edges"]} == {
        (BLR + "China", BLR + "Russia"),
        (BLR + "China", BLR + "Wu_Shengli"),
        (BLR + "Russia", BLR + "Wu_Shengli"),
    }


def test_source_highlights_every_passage(client):
    data = client.get("/source.json").json
    assert "".join(s["text"] for s in data["segments"]) == ARTICLE
    assert [(p["start"], p["end"]) for p in data["passages"]] == [
        (0, 113),
        (115, 178),
        (1055, 1093),
    ]
    assert [f["label"] for f in data["passages"][2]["facts"]] == ["Wu Shengli"]
    html = client.get("/source").get_data(as_text=True)
    assert 'id="offset-1055"' in html
    assert html.count('class="cited"') == 3


def test_unknown_source_file_is_404(client):
    assert client.get("/source?file=../../etc/passwd").status_code == 404


def test_ontology_hierarchy(client):
    data = client.get("/ontology.json").json
    tree = {n["name"]: [c["name"] for c in n["children"]] for n in data["tree"]}
    assert tree == {"bl:Actor": ["bl:Country", "bl:Person"], "bl:Event": ["bl:MilitaryExercise"]}
    participant = next(p for p in data["properties"] if p["name"] == "bl:participant")
    assert participant["domain"] == [
        {"iri": "https://w3id.org/bilateral/ontology#Event", "name": "bl:Event"}
    ]


def test_downloads_match_their_hashes(client):
    files = client.get("/download.json").json["files"]
    names = [f["name"] for f in files]
    assert "dataset.trig" in names and "links.ttl" in names
    for f in files:
        with client.get(f["href"]) as response:
            body = response.data
        assert len(body) == f["bytes"]
        assert hashlib.sha256(body).hexdigest() == f["sha256"]


@pytest.mark.parametrize("name", ["manifest.json", "..%2Fmanifest.json", "..%2F..%2Fstore"])
def test_download_refuses_other_files(client, name):
    assert client.get(f"/download/{name}").status_code == 404
