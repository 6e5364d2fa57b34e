"""Per-app resources: the one query service, and what it knows of the current build.

The service lives in `app.extensions`, so two apps in one process never share
it, and is created on first use, so each server worker makes its own engine
processes after fork. The data is the local build (`STORE`) or, with
`BACKEND` set, that SPARQL endpoint: every page works on both.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from bilateral.server.query_service import QueryService

_LOCK = threading.Lock()


def service() -> QueryService:
    """The app's query service."""
    app = current_app
    found = app.extensions.get("bilateral.query_service")
    if found is None:
        with _LOCK:
            found = app.extensions.get("bilateral.query_service")
            if found is None:
                found = QueryService(app.config)
                app.extensions["bilateral.query_service"] = found
    return found


def close(app: Flask) -> None:
    """Stop the app's engine processes (tests and shutdown)."""
    found = app.extensions.pop("bilateral.query_service", None)
    if found is not None:
        found.close()


def store_link() -> Path:
    """The configured store link."""
    return Path(current_app.config["STORE"])


def backend() -> str | None:
    """The remote SPARQL endpoint the site fronts (`BACKEND`), or None for the local build."""
    return current_app.config.get("BACKEND") or None


def available() -> bool:
    """Whether there is data to answer from: a backend, or a built store."""
    return service().available()


def manifest() -> dict:
    """The current build's manifest, {} when nothing is built (see `QueryService.manifest`)."""
    return service().manifest()


def cached(name: str, factory):
    """Any value derived from the current build, computed once per build."""
    return service().cached(name, factory)
