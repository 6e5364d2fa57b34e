"""The HTTP layer through Flask's test client: Host, Vary and compression without a server."""

from __future__ import annotations

import gzip
import zlib

import pytest

from bilateral.server import create_app
from bilateral.server.http_layer import accepts_gzip, gzipped


@pytest.fixture
def client(small_store):
    return create_app(
        {"STORE": str(small_store), "BASE_URL": "https://kg.example.org"}
    ).test_client()


def test_the_base_url_host_is_served_and_named(client):
    response = client.get(
        "/void", base_url="https://kg.example.org", headers={"Accept": "text/turtle"}
    )
    assert response.status_code == 200
    assert b"https://kg.example.org/sparql" in response.data


def test_a_foreign_host_is_refused_in_the_error_shape(client):
    response = client.get("/void", base_url="http://evil.example")
    assert response.status_code == 400
    assert response.get_json()["status"] == 400
    assert response.headers["Vary"] == "Accept"


def test_errors_say_vary_accept(client):
    response = client.get("/no-such-page", base_url="https://kg.example.org")
    assert response.status_code == 404
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize(
    ("header", "accepted"),
    [("gzip", True), ("gzip;q=0", False), ("br, *;q=0.1", True), ("identity", False), ("", False)],
)
def test_accept_encoding(header, accepted):
    assert accepts_gzip(header) is accepted


def test_gzip_stream_round_trips():
    chunks = [b"a" * 5000, b"b" * 5000]
    assert gzip.decompress(b"".join(gzipped(chunks))) == b"".join(chunks)


def test_an_error_mid_stream_leaves_the_gzip_stream_unfinished():
    def failing():
        yield b"x" * 100_000
        raise RuntimeError("the query hit its limit")

    out = []
    with pytest.raises(RuntimeError):
        for chunk in gzipped(failing()):
            out.append(chunk)
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    decompressor.decompress(b"".join(out))
    assert not decompressor.eof  # a client sees a truncated stream, never a complete body
