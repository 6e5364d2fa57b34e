"""Security headers: a Content-Security-Policy on HTML, nosniff and Referrer-Policy on all."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from bilateral.server import create_app, state

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "web"
HTML_PAGES = ["/", "/queries", "/resource/Joint_Sea-2014", "/timeline", "/network", "/source"]
JSON_ANSWERS = [
    "/queries.json",
    "/timeline?format=json",
    "/sparql?query=ASK%7B%7D",
    "/openapi.json",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A test client on the web fixture store (tests/fixtures/web/make_store.py)."""
    spec = importlib.util.spec_from_file_location("web_make_store", FIXTURE / "make_store.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    root = tmp_path_factory.mktemp("web")
    store, project = make.make_store(root), make.make_project(root)
    app = create_app({"TESTING": True, "STORE": str(store), "PROJECT": str(project)})
    yield app.test_client()
    state.close(app)


def directives(header: str) -> dict[str, list[str]]:
    """A CSP header as {directive: [sources]}."""
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.mark.parametrize("path", HTML_PAGES)
def test_html_pages_carry_the_policy(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    csp = directives(response.headers["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"], "no inline or foreign scripts"
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"] and csp["connect-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["img-src"] == ["'self'", "data:"] and csp["base-uri"] == ["'self'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_html_error_pages_carry_the_policy(client):
    response = client.get("/resource/No_such_thing", headers={"Accept": "text/html"})
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("path", JSON_ANSWERS)
def test_json_answers_have_no_policy_but_nosniff(client, path):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert "json" in response.mimetype
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_json_errors_have_nosniff(client):
    response = client.get("/resource/No_such_thing", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["ok"] is False
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in response.headers
