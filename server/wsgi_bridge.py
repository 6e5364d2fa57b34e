"""The WSGI app under an ASGI server, given a thread only once its request has fully arrived.

A WSGI server hands the app a thread that then reads the body from the
socket: a client sending its body one byte a second holds that thread. Here
the body is read in the event loop (with a time limit: 408 beyond it), and
only a complete request takes one of the app's threads; the answer is
streamed back chunk by chunk, each chunk produced in a thread. A request the
HTTP layer refuses from its headers alone (an oversized body, a bad Host) is
answered without reading the body, so `Expect: 100-continue` is never granted.
An error after the answer began aborts the connection: the client sees an
incomplete response, never a well-formed end.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from a2wsgi.wsgi import build_environ

from bilateral.server.errors import error_body

END = object()


class BodyTooLarge(Exception):
    """A body without a Content-Length grew past the limit."""


class BodyUnreadable(Exception):
    """The body ended in a way HTTP does not allow (a bad chunk size), or the client left."""


class WsgiBridge:
    """An ASGI app running `wsgi` in `threads` threads."""

    def __init__(
        self,
        wsgi: Callable,
        threads: int,
        body_timeout: float,
        max_body: int,
        refuses: Callable[[dict], bool],
    ) -> None:
        self.wsgi = wsgi
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="wsgi")
        self.body_timeout = body_timeout
        self.max_body = max_body
        self.refuses = refuses

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return
        environ = build_environ(scope, io.BytesIO())
        if not self.refuses(environ):
            try:
                body = await asyncio.wait_for(read_body(receive, self.max_body), self.body_timeout)
            except TimeoutError:
                message = f"the request body did not arrive within {self.body_timeout:g} s"
                await refuse(send, 408, message)
                return
            except BodyTooLarge:
                await refuse(send, 413, f"the request body is over {self.max_body} bytes")
                return
            except BodyUnreadable:
                await refuse(send, 400, "the request body is malformed (chunked framing)")
                return
            environ["wsgi.input"] = io.BytesIO(body)
            environ["wsgi.input_terminated"] = True  # a chunked body is whole too
            environ["CONTENT_LENGTH"] = str(len(body))
        await self.respond(environ, send)

    async def respond(self, environ: dict, send: Callable) -> None:
        """Run the app in a thread; send its status, headers and chunks as they come.

        The first thread hop starts the app and reads up to two chunks, so a
        small answer (ASK, a page) costs one hop; a stream costs one per chunk.
        """
        loop = asyncio.get_running_loop()
        started: dict[str, Any] = {}

        def start_response(status: str, headers: list, exc_info=None):
            started["status"] = int(status.split(" ", 1)[0])
            started["headers"] = [
                (k.lower().encode("latin1"), v.encode("latin1")) for k, v in headers
            ]
            return lambda data: None

        def begin() -> tuple[Iterable[bytes], Iterator[bytes], list[bytes]]:
            body = self.wsgi(environ, start_response)
            chunks = iter(body)
            return body, chunks, step(body, chunks, 2)

        body, chunks, ready = await loop.run_in_executor(self.pool, begin)
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": started["status"],
                    "headers": started["headers"],
                }
            )
            while ready[-1] is not END:
                for chunk in ready:
                    if chunk:
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
                ready = await loop.run_in_executor(self.pool, step, body, chunks, 1)
            last = b"".join(chunk for chunk in ready if chunk is not END)
            await send({"type": "http.response.body", "body": last, "more_body": False})
        finally:
            if ready[-1] is not END:  # the client left mid-stream: stop the app's work
                await loop.run_in_executor(self.pool, close, body)


def step(body: Iterable[bytes], chunks: Iterator[bytes], count: int) -> list:
    """Up to `count` next chunks; END (and the body closed) when it is over or failed."""
    ready: list = []
    try:
        for _ in range(count):
            chunk = next(chunks, END)
            ready.append(chunk)
            if chunk is END:
                break
    except BaseException:
        close(body)  # the answer cannot end well: the error reaches the server, which aborts
        raise
    if ready[-1] is END:
        close(body)
    return ready


def close(body: Iterable[bytes]) -> None:
    closer = getattr(body, "close", None)
    if closer is not None:
        closer()


async def read_body(receive: Callable, limit: int) -> bytes:
    """The whole request body, at most `limit` bytes."""
    parts, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":  # bad chunked framing, or the client left
            raise BodyUnreadable
        part = message.get("body", b"")
        size += len(part)
        if size > limit:
            raise BodyTooLarge
        parts.append(part)
        if not message.get("more_body", False):
            return b"".join(parts)


async def refuse(send: Callable, status: int, message: str) -> None:
    """An error in the one JSON shape, sent from the event loop; the connection closes."""
    body = json.dumps(error_body(status, message)) + "\n"
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        (b"vary", b"Accept"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body.encode(), "more_body": False})
