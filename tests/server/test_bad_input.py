"""Bad input over HTTP never gives a 500: bad encodings, giant bodies, path traversal (issue 6)."""

from __future__ import annotations

import pytest

DIRECT = "application/sparql-query"


def test_invalid_utf8_body_is_400(client):
    response = client.post("/sparql", data=b"ASK { \xff\xfe }", content_type=DIRECT)
    assert response.status_code == 400
    assert "UTF-8" in response.get_json()["error"]


@pytest.mark.parametrize(
    "path",
    ["/sparql?query=ASK%20%7B%FF%7D", "/search?q=%FF%FE", "/queries/%FF", "/resource/%C0%AF"],
)
def test_invalid_utf8_in_the_url_is_no_server_error(client, path):
    assert client.get(path).status_code < 500


def test_giant_body_is_413(make_app):
    client = make_app(MAX_BODY=1000).test_client()
    response = client.post("/sparql", data=b"#" * 5000 + b"\nASK {}", content_type=DIRECT)
    assert response.status_code == 413


@pytest.mark.parametrize(
    "path",
    [
        "/download/..%2f..%2fmanifest.json",
        "/download/../manifest.json",
        "/download/%2e%2e%2fmanifest.json",
        "/resource/..%2f..%2fetc%2fpasswd",
        "/resource/../../etc/passwd",
    ],
)
def test_path_traversal_finds_nothing(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert b"root:" not in response.data and b'"counts"' not in response.data


@pytest.mark.parametrize(
    "header", [("Accept", "\x00;q=abc"), ("Accept", "*/*;q=nan"), ("If-None-Match", '"' * 50)]
)
def test_malformed_headers_are_no_server_error(client, header):
    response = client.get("/sparql?query=ASK%7B%7D", headers=[header])
    assert response.status_code < 500
