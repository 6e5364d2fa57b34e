"""HTTP as RFC 9110/9112 says, against the real server, over raw sockets where a library would help.

Framing, versions, Host, Expect, Vary, conditionals, ranges and compression.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import urllib.parse

import pytest

pytestmark = pytest.mark.live

ASK = "/sparql?query=" + urllib.parse.quote("ASK {}")


@pytest.fixture(scope="module")
def base(live_server, built_store) -> str:
    return live_server(built_store)


def address(base: str) -> tuple[str, int]:
    url = urllib.parse.urlsplit(base)
    return url.hostname, url.port


def exchange(base: str, request: bytes, wait: float = 10.0) -> tuple[bytes, bool]:
    """Send raw bytes; (everything read, whether the server closed the connection)."""
    with socket.create_connection(address(base), timeout=wait) as sock:
        sock.sendall(request)
        data = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                return data, False
            if not chunk:
                return data, True
            data += chunk
            if response_complete(data):
                sock.settimeout(0.5)  # the whole answer is in: does the server close?


def response_complete(data: bytes) -> bool:
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    match = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if match:
        return len(body) >= int(match.group(1))
    return body.endswith(b"0\r\n\r\n") or head.startswith(b"HTTP/1.1 100")


def status_line(data: bytes) -> str:
    return data.split(b"\r\n", 1)[0].decode()


def headers_of(data: bytes) -> dict[str, str]:
    head = data.partition(b"\r\n\r\n")[0].decode("latin1").split("\r\n")[1:]
    return {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head)}


def request(base: str, path: str, extra: str = "", method: str = "GET") -> bytes:
    hostname, port = address(base)
    host = f"{hostname}:{port}"
    return f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode()


@pytest.mark.parametrize("size", ["0x6", "zz", "-6"])
def test_malformed_chunk_size_is_400(base, size):
    body = f"{size}\r\nquery=\r\n0\r\n\r\n"
    extra = "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
    data, _ = exchange(base, request(base, "/sparql", extra, "POST") + body.encode())
    assert status_line(data) == "HTTP/1.1 400 Bad Request"


def test_a_well_formed_chunked_body_is_read_whole(base):
    query = b"ASK {}"
    body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(query), query)
    extra = "Content-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n"
    data, _ = exchange(base, request(base, "/sparql", extra, "POST") + body)
    assert status_line(data) == "HTTP/1.1 200 OK"
    assert b"true" in data


def test_unknown_http_version_is_refused_not_echoed(base):
    data, closed = exchange(base, f"GET {ASK} HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert status_line(data).startswith("HTTP/1.1 4") or status_line(data).startswith("HTTP/1.1 5")
    assert b"HTTP/1.2" not in data
    assert closed


def test_http11_without_host_is_400(base):
    data, _ = exchange(base, f"GET {ASK} HTTP/1.1\r\n\r\n".encode())
    assert status_line(data) == "HTTP/1.1 400 Bad Request"


@pytest.mark.parametrize("path", ["/void", "/sparql", "/.well-known/void"])
def test_an_untrusted_host_never_reaches_the_description(base, path):
    data, _ = exchange(base, f"GET {path} HTTP/1.1\r\nHost: evil.example\r\n\r\n".encode())
    assert status_line(data) == "HTTP/1.1 400 Bad Request"
    assert b"evil.example/" not in data


def test_the_description_names_the_trusted_host(base):
    data, _ = exchange(base, request(base, "/void", "Accept: text/turtle\r\n"))
    assert status_line(data) == "HTTP/1.1 200 OK"
    assert f"<{base}/sparql>".encode() in data or f"{base}/sparql".encode() in data


def test_oversized_body_refused_before_100_continue_and_closed(base):
    extra = (
        "Content-Type: application/sparql-query\r\nContent-Length: 50000000\r\n"
        "Expect: 100-continue\r\n"
    )
    data, closed = exchange(base, request(base, "/sparql", extra, "POST"))
    assert status_line(data) == "HTTP/1.1 413 Payload Too Large"
    assert b"100 Continue" not in data
    assert headers_of(data).get("connection") == "close"
    assert closed  # the connection state the headers announce


def test_acceptable_body_is_granted_100_continue(base):
    query = b"ASK {}"
    extra = (
        f"Content-Type: application/sparql-query\r\nContent-Length: {len(query)}\r\n"
        "Expect: 100-continue\r\n"
    )
    with socket.create_connection(address(base), timeout=10) as sock:
        sock.sendall(request(base, "/sparql", extra, "POST"))
        assert sock.recv(100).startswith(b"HTTP/1.1 100 Continue")
        sock.sendall(query)
        data = b""
        while not response_complete(data):
            data += sock.recv(65536)
    assert b"200 OK" in data and b"true" in data


@pytest.mark.parametrize(
    "path", ["/search?q=Putin", "/queries", "/download", "/ontology", "/no-such-page", ASK]
)
def test_every_negotiated_answer_says_vary_accept(base, path):
    for accept in ("text/html", "application/json"):
        data, _ = exchange(base, request(base, path, f"Accept: {accept}\r\n"))
        assert "accept" in headers_of(data).get("vary", "").lower().split(", "), (path, accept)


def test_method_not_allowed_says_vary_accept(base):
    data, _ = exchange(base, request(base, "/void", "", "DELETE"))
    assert status_line(data).split()[1] == "405"
    assert "Accept" in headers_of(data).get("vary", "")


def test_weak_if_none_match_revalidates_sparql(base):
    data, _ = exchange(base, request(base, ASK))
    etag = headers_of(data)["etag"]
    assert etag.startswith('"')
    for tag in (etag, f"W/{etag}", f'"other", W/{etag}'):
        again, _ = exchange(base, request(base, ASK, f"If-None-Match: {tag}\r\n"))
        assert status_line(again) == "HTTP/1.1 304 Not Modified", tag
    other, _ = exchange(base, request(base, ASK, 'If-None-Match: W/"other"\r\n'))
    assert status_line(other) == "HTTP/1.1 200 OK"


@pytest.fixture(scope="module")
def dump(base) -> tuple[str, bytes, dict]:
    """A small dump: its path, bytes and headers."""
    path = "/download/links.ttl"
    data, _ = exchange(base, request(base, path))
    head, _, body = data.partition(b"\r\n\r\n")
    return path, body, headers_of(data)


def test_single_range(base, dump):
    path, body, _ = dump
    data, _ = exchange(base, request(base, path, "Range: bytes=10-19\r\n"))
    assert status_line(data) == "HTTP/1.1 206 Partial Content"
    assert headers_of(data)["content-range"] == f"bytes 10-19/{len(body)}"
    assert data.partition(b"\r\n\r\n")[2] == body[10:20]


def test_multiple_ranges_are_multipart(base, dump):
    path, body, _ = dump
    data, _ = exchange(base, request(base, path, "Range: bytes=0-4, -5\r\n"))
    assert status_line(data) == "HTTP/1.1 206 Partial Content"
    kind = headers_of(data)["content-type"]
    assert kind.startswith("multipart/byteranges; boundary=")
    payload = data.partition(b"\r\n\r\n")[2]
    size = len(body)
    assert f"Content-Range: bytes 0-4/{size}".encode() in payload
    assert f"Content-Range: bytes {size - 5}-{size - 1}/{size}".encode() in payload
    assert body[:5] in payload and body[-5:] in payload


def test_unsatisfiable_range_is_416_with_content_range(base, dump):
    path, body, _ = dump
    data, _ = exchange(base, request(base, path, f"Range: bytes={len(body) + 10}-\r\n"))
    assert status_line(data) == "HTTP/1.1 416 Range Not Satisfiable"
    assert headers_of(data)["content-range"] == f"bytes */{len(body)}"


def test_if_range_with_another_etag_sends_the_whole_file(base, dump):
    path, body, _ = dump
    data, _ = exchange(base, request(base, path, 'Range: bytes=0-4\r\nIf-Range: "old"\r\n'))
    assert status_line(data) == "HTTP/1.1 200 OK"
    assert data.partition(b"\r\n\r\n")[2] == body


@pytest.mark.parametrize(
    "condition", ['If-Match: "not-this"', "If-Unmodified-Since: Mon, 01 Jan 2001 00:00:00 GMT"]
)
def test_failed_precondition_is_412_without_the_body(base, dump, condition):
    path, _, _ = dump
    data, _ = exchange(base, request(base, path, condition + "\r\n"))
    assert status_line(data) == "HTTP/1.1 412 Precondition Failed"
    assert json.loads(data.partition(b"\r\n\r\n")[2])["status"] == 412  # the error, not the file


def test_matching_if_match_sends_the_file(base, dump):
    path, body, headers = dump
    data, _ = exchange(base, request(base, path, f"If-Match: {headers['etag']}\r\n"))
    assert status_line(data) == "HTTP/1.1 200 OK"
    assert data.partition(b"\r\n\r\n")[2] == body


def dechunk(body: bytes) -> bytes:
    out = b""
    while True:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            return out
        out, body = out + rest[:size], rest[size + 2 :]


@pytest.mark.parametrize(
    "path",
    [
        "/download/dataset.nq",
        "/source",
        "/sparql?query=" + urllib.parse.quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),
    ],
)
def test_large_answers_are_gzipped_when_accepted(base, path):
    plain, _ = exchange(base, request(base, path))
    zipped, _ = exchange(base, request(base, path, "Accept-Encoding: gzip\r\n"))
    assert "content-encoding" not in headers_of(plain)
    headers = headers_of(zipped)
    assert headers["content-encoding"] == "gzip"
    assert "accept-encoding" in headers["vary"].lower()
    body = zipped.partition(b"\r\n\r\n")[2]
    if headers.get("transfer-encoding") == "chunked":
        body = dechunk(body)
    raw = plain.partition(b"\r\n\r\n")[2]
    if headers_of(plain).get("transfer-encoding") == "chunked":
        raw = dechunk(raw)
    assert len(body) * 4 < len(raw)
    if path.startswith("/download"):
        assert gzip.decompress(body) == raw
    else:
        assert len(gzip.decompress(body)) > len(body)


def test_small_answers_stay_uncompressed(base):
    data, _ = exchange(base, request(base, ASK, "Accept-Encoding: gzip\r\n"))
    assert status_line(data) == "HTTP/1.1 200 OK"
    assert "content-encoding" not in headers_of(data)
    assert "accept-encoding" in headers_of(data)["vary"].lower()
    assert data.partition(b"\r\n\r\n")[2] == b'{"head":{},"boolean":true}'
