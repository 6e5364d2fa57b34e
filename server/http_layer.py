"""HTTP rules every response follows, in one WSGI middleware around the app.

- Requests the app must not see are refused first: an HTTP version other
  than 1.0/1.1 (505), HTTP/1.1 without `Host` (400), a `Host` not among the
  trusted hosts (400: the service description and VoID never carry a
  client's Host), a body longer than the limit (413 with `Connection:
  close`, before any of it is read, so before `100 Continue`).
- `If-None-Match` compares weakly (RFC 9110 13.1.2): `W/"x"` and `"x-gzip"`
  (our compressed twin) both match `"x"`.
- `If-Match` and `If-Unmodified-Since` answer 412 (an error, not the file); `Range` on
  a response offering `Accept-Ranges: bytes` gives 206 (one range, or
  multipart/byteranges for several), or 416 with `Content-Range: bytes */N`.
- Every response but static files says `Vary: Accept`; text answers of
  1 KiB or more (or of unknown length) are gzip-compressed, streaming, for
  clients that accept gzip.
"""

from __future__ import annotations

import json
import re
import secrets
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from werkzeug.datastructures import Headers
from werkzeug.http import (
    HTTP_STATUS_CODES,
    http_date,
    parse_date,
    parse_etags,
    parse_options_header,
    parse_range_header,
    quote_etag,
    unquote_etag,
)
from werkzeug.sansio.utils import host_is_trusted

from bilateral.server.errors import error_body

VERSIONS = ("HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0")
COMPRESS_FROM = 1024
COMPRESSED_TAG = "-gzip"
COMPRESSIBLE = re.compile(
    r"^(text/|application/(.+\+)?(json|xml)|application/(n-|trig|javascript))"
)
UNVARYING = ("/static/",)


def trusted_hosts(config: Any) -> list[str]:
    """Host names the server answers to: `TRUSTED_HOSTS` plus the host of `BASE_URL`."""
    hosts = config.get("TRUSTED_HOSTS") or []
    if isinstance(hosts, str):
        hosts = [h.strip() for h in hosts.split(",") if h.strip()]
    hosts = list(hosts)
    if config.get("BASE_URL"):
        hosts.append(urlsplit(config["BASE_URL"]).hostname or "")
    return hosts


class HttpLayer:
    """The WSGI middleware applying the rules above to `app`."""

    def __init__(self, app: Callable, config: Any) -> None:
        self.app = app
        self.max_body = int(config["MAX_BODY"])
        self.hosts = trusted_hosts(config)
        config["TRUSTED_HOSTS"] = self.hosts  # Flask checks request.host against the same list

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        refusal = self.refusal(environ)
        if refusal is not None:
            status, message, headers = refusal
            return error(start_response, status, message, headers)
        weak_if_none_match(environ)
        conditions = {k: environ.pop(k) for k in CONDITIONS if k in environ}
        response = Response(self.app, environ)
        if environ["REQUEST_METHOD"] in ("GET", "HEAD") and response.status == 200:
            answered = preconditions(response, conditions)
            if answered is None and environ["REQUEST_METHOD"] == "GET":  # HEAD: no body to cut
                answered = ranges(response, conditions)
            if answered is not None:
                response = answered
        if not environ.get("PATH_INFO", "").startswith(UNVARYING):
            add_vary(response.headers, "Accept")
        if environ["REQUEST_METHOD"] != "HEAD" and "HTTP_RANGE" not in conditions:
            compress(response, environ.get("HTTP_ACCEPT_ENCODING", ""))
        start_response(f"{response.status} {response.reason}", response.headers.to_wsgi_list())
        return response.body

    def refusal(self, environ: dict) -> tuple[int, str, dict[str, str]] | None:
        """(status, message, headers) when the request must not reach the app."""
        protocol = environ.get("SERVER_PROTOCOL", "HTTP/1.1")
        if protocol not in VERSIONS:
            return 505, f"{protocol} is not supported; use HTTP/1.1", {"Connection": "close"}
        host = environ.get("HTTP_HOST")
        if not host and protocol != "HTTP/1.0":
            return 400, "an HTTP/1.1 request needs a Host header", {"Connection": "close"}
        if host and self.hosts and not host_is_trusted(host.lower(), self.hosts):
            return (
                400,
                (
                    f"this server does not answer for host {host!r}; "
                    "configure BASE_URL or TRUSTED_HOSTS"
                ),
                {},
            )
        length = environ.get("CONTENT_LENGTH") or "0"
        if not length.isdigit():
            return 400, f"invalid Content-Length {length!r}", {"Connection": "close"}
        if int(length) > self.max_body:
            return (
                413,
                (f"the request body has {length} bytes; the limit is {self.max_body}"),
                {"Connection": "close"},
            )
        return None


CONDITIONS = ("HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_RANGE", "HTTP_IF_RANGE")


class Response:
    """A response as the app started it: status, reason, headers and body iterable."""

    def __init__(self, app: Callable | None, environ: dict | None = None) -> None:
        self.status, self.reason, self.headers = 200, "OK", Headers()
        self.body: Iterable[bytes] = ()
        if app is not None:

            def started(line: str, headers: list, exc_info=None):
                code, _, reason = line.partition(" ")
                self.status, self.reason, self.headers = int(code), reason, Headers(headers)
                return lambda data: None  # the legacy write() is unused by Flask

            self.body = app(environ, started)

    @classmethod
    def failed(cls, status: int, message: str, original: Response) -> Response:
        """An error in the one JSON shape replacing `original` (whose body is closed)."""
        close(original.body)
        response = cls(None)
        response.status, response.reason = status, HTTP_STATUS_CODES[status]
        response.headers = _kept(original.headers)
        response.body = [(json.dumps(error_body(status, message)) + "\n").encode()]
        response.headers["Content-Type"] = "application/json"
        response.headers["Content-Length"] = str(len(response.body[0]))
        return response


def error(start_response: Callable, status: int, message: str, headers: dict) -> list[bytes]:
    """An error in the one JSON shape, sent before the app ran."""
    body = (json.dumps(error_body(status, message)) + "\n").encode()
    head = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    head += [("Vary", "Accept"), *headers.items()]
    start_response(f"{status} {HTTP_STATUS_CODES.get(status, 'Error')}", head)
    return [body]


def weak_if_none_match(environ: dict) -> None:
    """Rewrite `If-None-Match` so the app's strong comparison is RFC 9110's weak one."""
    value = environ.get("HTTP_IF_NONE_MATCH")
    if not value:
        return
    etags = parse_etags(value)
    if etags.star_tag:
        return
    tags = {t.removesuffix(COMPRESSED_TAG) for t in etags.as_set(include_weak=True)}
    environ["HTTP_IF_NONE_MATCH"] = ", ".join(quote_etag(t) for t in sorted(tags))


def preconditions(response: Response, conditions: dict) -> Response | None:
    """412 with no body when `If-Match` or `If-Unmodified-Since` fails (RFC 9110 13.2.2)."""
    etag, weak = unquote_etag(response.headers.get("ETag"))
    if "HTTP_IF_MATCH" in conditions:
        wanted = parse_etags(conditions["HTTP_IF_MATCH"])
        if wanted.star_tag or (etag and not weak and wanted.is_strong(etag)):
            return None
        return Response.failed(412, f"If-Match: the current ETag is {quote_etag(etag)}", response)
    since = parse_date(conditions.get("HTTP_IF_UNMODIFIED_SINCE"))
    modified = parse_date(response.headers.get("Last-Modified"))
    if since and modified and modified > since:
        message = f"If-Unmodified-Since: modified {http_date(modified)}"
        return Response.failed(412, message, response)
    return None


def _kept(headers: Headers) -> Headers:
    """The validators and caching headers an empty answer keeps."""
    names = ("ETag", "Last-Modified", "Cache-Control", "Vary", "Accept-Ranges")
    return Headers([(k, v) for k, v in headers if k in names])


def ranges(response: Response, conditions: dict) -> Response | None:
    """The 206 or 416 answer to `Range` on a byte-addressable 200 (None: send it whole)."""
    if "HTTP_RANGE" not in conditions or response.headers.get("Accept-Ranges") != "bytes":
        return None
    length = response.headers.get("Content-Length", "")
    if not length.isdigit() or "Content-Encoding" in response.headers:
        return None
    if_range = conditions.get("HTTP_IF_RANGE")
    if if_range and not _same_representation(if_range, response.headers):
        return None
    size = int(length)
    wanted = parse_range_header(conditions["HTTP_RANGE"])
    if wanted is None or wanted.units != "bytes":
        return None  # unparseable Range is ignored (RFC 9110 14.2)
    spans = [span for span in (_span(r, size) for r in wanted.ranges) if span]
    if not spans:
        refused = Response.failed(416, f"no range within the {size} bytes", response)
        refused.headers["Content-Range"] = f"bytes */{size}"
        return refused
    data = _read_spans(response.body, spans)
    result = Response(None)
    result.status, result.reason = 206, "Partial Content"
    result.headers = Headers([(k, v) for k, v in response.headers if k != "Content-Length"])
    if len(spans) == 1:
        ((start, stop),) = spans
        result.headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
        result.body = data
    else:
        boundary = secrets.token_hex(12)
        kind = response.headers.get("Content-Type", "application/octet-stream")
        parts = [
            f"\r\n--{boundary}\r\nContent-Type: {kind}\r\n"
            f"Content-Range: bytes {start}-{stop - 1}/{size}\r\n\r\n".encode()
            + chunk
            for (start, stop), chunk in zip(spans, data, strict=True)
        ]
        result.body = [*parts, f"\r\n--{boundary}--\r\n".encode()]
        result.headers["Content-Type"] = f"multipart/byteranges; boundary={boundary}"
    result.headers["Content-Length"] = str(sum(len(part) for part in result.body))
    return result


def _same_representation(if_range: str, headers: Headers) -> bool:
    """Whether `If-Range` (a strong ETag or an HTTP date) names the current representation."""
    if if_range.strip().startswith(('"', "W/")):
        tag, weak = unquote_etag(if_range)
        current, current_weak = unquote_etag(headers.get("ETag"))
        return not weak and not current_weak and tag == current
    return http_date(parse_date(if_range)) == headers.get("Last-Modified")


def _span(byte_range: tuple[int, int | None], size: int) -> tuple[int, int] | None:
    """The satisfiable [start, stop) of one range of a `size`-byte body, else None."""
    start, stop = byte_range
    if start < 0:  # a suffix: the last -start bytes
        start = max(0, size + start)
    stop = size if stop is None else min(stop, size)
    return (start, stop) if start < stop and start < size else None


def _read_spans(body: Iterable[bytes], spans: list[tuple[int, int]]) -> list[bytes]:
    """The bytes of each span, seeking in the file when the body is a file wrapper."""
    file = getattr(body, "file", None)
    try:
        if file is not None and hasattr(file, "seek"):
            chunks = []
            for start, stop in spans:
                file.seek(start)
                chunks.append(file.read(stop - start))
            return chunks
        whole = b"".join(body)
        return [whole[start:stop] for start, stop in spans]
    finally:
        close(body)


def add_vary(headers: Headers, name: str) -> None:
    """Add `name` to the Vary header unless it is there (or Vary is `*`)."""
    present = [v.strip().lower() for v in headers.get("Vary", "").split(",") if v.strip()]
    if "*" in present or name.lower() in present:
        return
    headers["Vary"] = f"{headers['Vary']}, {name}" if headers.get("Vary") else name


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding value allows gzip (q > 0).

    >>> accepts_gzip("gzip, deflate"), accepts_gzip("gzip;q=0"), accepts_gzip("*"), accepts_gzip("")
    (True, False, True, False)
    """
    allowed = {}
    for item in accept_encoding.split(","):
        name, params = parse_options_header(item.strip())
        if name:
            try:
                allowed[name.lower()] = float(params.get("q", 1))
            except ValueError:
                allowed[name.lower()] = 0.0
    return allowed.get("gzip", allowed.get("*", 0.0)) > 0


def compress(response: Response, accept_encoding: str) -> None:
    """gzip `response` in place when it is text of 1 KiB or more and the client accepts it."""
    kind = response.headers.get("Content-Type", "")
    if response.status != 200 or not COMPRESSIBLE.match(kind):
        return
    if "Content-Encoding" in response.headers or "Content-Range" in response.headers:
        return
    add_vary(response.headers, "Accept-Encoding")
    if not accepts_gzip(accept_encoding):
        return
    length = response.headers.get("Content-Length")
    if length is None:  # a stream: read up to the threshold to see whether it is small
        prefix, rest, whole = peek(response.body, COMPRESS_FROM)
        if whole:
            close(response.body)
            response.body = prefix
            length = str(sum(len(chunk) for chunk in prefix))
            response.headers["Content-Length"] = length
        else:
            response.body = Chained(prefix, rest, response.body)
    if length is not None and int(length) < COMPRESS_FROM:
        return
    response.headers.pop("Content-Length", None)
    response.headers.pop("Accept-Ranges", None)  # ranges are offered on the identity form only
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = unquote_etag(response.headers.get("ETag"))
    if etag:
        response.headers["ETag"] = quote_etag(etag + COMPRESSED_TAG, weak)
    response.body = gzipped(response.body)


def peek(body: Iterable[bytes], size: int) -> tuple[list[bytes], Iterator[bytes], bool]:
    """The first chunks of `body` up to `size` bytes, the rest, and whether that was all."""
    chunks, total = [], 0
    rest = iter(body)
    for chunk in rest:
        chunks.append(chunk)
        total += len(chunk)
        if total >= size:
            return chunks, rest, False
    return chunks, rest, True


class Chained:
    """Chunks already read, then the rest; close() closes the body they came from."""

    def __init__(self, prefix: list[bytes], rest: Iterator[bytes], body: Iterable[bytes]):
        self.prefix, self.rest, self.body = prefix, rest, body

    def __iter__(self) -> Iterator[bytes]:
        yield from self.prefix
        yield from self.rest

    def close(self) -> None:
        close(self.body)


def gzipped(body: Iterable[bytes]) -> Iterator[bytes]:
    """The gzip stream of `body`; an error in `body` propagates, so the stream ends unfinished."""
    compressor = zlib.compressobj(5, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    try:
        for chunk in body:
            data = compressor.compress(chunk)
            if data:
                yield data
        yield compressor.flush()
    finally:
        close(body)


def close(body: Iterable[bytes]) -> None:
    """Call the WSGI iterable's close(), as the server would."""
    closer = getattr(body, "close", None)
    if closer is not None:
        closer()
