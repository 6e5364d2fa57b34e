"""Serving the app: granian with several workers, or Flask's reloader with `--dev`.

granian keeps every connection in its Rust event loop and reads headers
there; the app runs under its ASGI interface through `WsgiBridge`, which reads
bodies in the event loop too: a client that sends its headers or its body
slowly holds no Python thread, and the app's threads only see complete
requests. README (Reliability) has the measurements that
chose it over gunicorn and waitress.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.wsgi import ClosingIterator

from bilateral.server import create_app, http_layer
from bilateral.server.wsgi_bridge import WsgiBridge

logger = logging.getLogger(__name__)
access_logger = logging.getLogger("bilateral.access")

# Milliseconds a client has to send a request's headers (granian's limit is 60 s).
HEADER_READ_TIMEOUT_MS = 10_000
# Seconds a client has to send a request's body once its headers arrived (408 beyond).
BODY_READ_TIMEOUT = 10.0
# Python threads per worker for pages, beyond those queries take while they run or wait
# for an engine process: a flood of queries never leaves a page without a thread.
PAGE_THREADS = 8
# Seconds a worker may take to finish its requests on SIGTERM or SIGHUP before it is killed.
GRACEFUL_SECONDS = 30
# The configuration the workers rebuild the app from (they are separate processes).
CONFIG_VARIABLE = "BILATERAL_SERVING_CONFIG"


class AccessLog:
    """WSGI middleware logging method, path, status, duration and the query's short hash."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        status: list[str] = []

        def recording(line: str, headers, exc_info=None):
            status.append(line.split(" ", 1)[0])
            return start_response(line, headers, exc_info)

        def log() -> None:
            access_logger.info(
                "%s %s %s %.1fms q=%s",
                environ.get("REQUEST_METHOD", "-"),
                environ.get("PATH_INFO", "-"),
                status[-1] if status else "-",
                (time.perf_counter() - started) * 1000,
                environ.get("bilateral.query_hash", "-"),
            )

        return ClosingIterator(self.app(environ, recording), [log])


def wsgi_app(config: dict[str, Any] | None = None) -> Callable:
    """The app wrapped with its access log."""
    app = create_app(config)
    app.wsgi_app = AccessLog(app.wsgi_app)
    return app


def worker_app() -> WsgiBridge:
    """The app of one granian worker, from the configuration `serve` left in the environment."""
    settings = json.loads(os.environ[CONFIG_VARIABLE])
    logging.basicConfig(
        level=settings["log_level"],
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    access_logger.setLevel(logging.INFO)
    app = wsgi_app(settings["config"])
    layer = http_layer.HttpLayer(app.wsgi_app, app.config)
    return WsgiBridge(
        app,
        threads=app_threads(app.config),
        body_timeout=BODY_READ_TIMEOUT,
        max_body=int(app.config["MAX_BODY"]),
        refuses=lambda environ: layer.refusal(environ) is not None,
    )


def app_threads(config: Any) -> int:
    """Python threads per worker: one for each query running or waiting, and the pages'."""
    queries = (
        int(config["QUERY_PROCESSES"])
        + int(config["QUERY_PROCESSES_RESERVED"])
        + int(config["QUERY_QUEUE"])
    )
    return queries + PAGE_THREADS


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 2,
    dev: bool = False,
    config: dict[str, Any] | None = None,
) -> None:
    """Serve until interrupted: granian with `workers` processes, or the dev server.

    SIGHUP replaces the workers gracefully (new code and settings); SIGTERM
    and SIGINT stop accepting, finish the requests in flight, then exit.
    """
    access_logger.setLevel(logging.INFO)  # access lines show whatever --log-level says
    if dev:
        logger.info("development server on http://%s:%d/ (reloading)", host, port)
        wsgi_app(config).run(host=host, port=port, debug=True, use_reloader=True, threaded=True)
        return
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.server import Server

    level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
    os.environ[CONFIG_VARIABLE] = json.dumps({"config": config or {}, "log_level": level})
    create_app(config)  # a bad setting fails here, once, rather than in every worker
    logger.info("serving http://%s:%d/ with %d workers", host, port, workers)
    Server(
        "bilateral.server.serving:worker_app",
        address=host,
        port=port,
        interface=Interfaces.ASGINL,  # no lifespan: the app needs no start-up event
        factory=True,
        workers=workers,
        http="1",
        websockets=False,
        http1_settings=HTTP1Settings(header_read_timeout=HEADER_READ_TIMEOUT_MS),
        log_level="info",  # its start, respawn and stop lines, as gunicorn wrote them
        respawn_failed_workers=True,
        workers_kill_timeout=GRACEFUL_SECONDS,
    ).serve()
