"""Serving the app: gunicorn with several workers, or Flask's reloader with `--dev`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn.app.base import BaseApplication
from werkzeug.wsgi import ClosingIterator

from bilateral.server import create_app

logger = logging.getLogger(__name__)
access_logger = logging.getLogger("bilateral.access")

# Seconds gunicorn grants beyond the query time limit before it kills a silent worker.
WORKER_GRACE = 30
THREADS = 4


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


class Gunicorn(BaseApplication):
    """gunicorn run in-process with our options and app factory (no config file)."""

    def __init__(self, factory: Callable[[], Callable], options: dict[str, Any]) -> None:
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable:
        return self.factory()


def wsgi_app(config: dict[str, Any] | None = None) -> Callable:
    """The app wrapped with its access log."""
    app = create_app(config)
    app.wsgi_app = AccessLog(app.wsgi_app)
    return app


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 2,
    dev: bool = False,
    config: dict[str, Any] | None = None,
) -> None:
    """Serve until interrupted: gunicorn with `workers` processes, or the dev server."""
    access_logger.setLevel(logging.INFO)  # access lines show whatever --log-level says
    if dev:
        logger.info("development server on http://%s:%d/ (reloading)", host, port)
        wsgi_app(config).run(host=host, port=port, debug=True, use_reloader=True, threaded=True)
        return
    timeout = float(create_app(config).config["QUERY_TIMEOUT"])
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS,
        "timeout": int(timeout) + WORKER_GRACE,
        "graceful_timeout": 10,
        "accesslog": None,
        "errorlog": "-",
        "proc_name": "bilateral",
        "control_socket_disable": True,  # one per user home: two servers would collide
    }
    logger.info("serving http://%s:%d/ with %d workers", host, port, workers)
    Gunicorn(lambda: wsgi_app(config), options).run()
