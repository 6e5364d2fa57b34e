"""Per-app, per-process resources: the query executor, the store and the manifest.

They live in `app.extensions`, so two apps in one process never share them,
and are created on first use, so each server worker makes its own after fork.
The store is the local build (`STORE`) or, with `BACKEND` set, a `RemoteStore`
on that SPARQL endpoint: the same read interface, so every page works on both.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pyoxigraph as ox
from flask import Flask, current_app

from bilateral.graph import store as stores
from bilateral.graph.remote import RemoteError, RemoteStore
from bilateral.server.executor import Executor

logger = logging.getLogger(__name__)

_LOCK = threading.Lock()


def executor() -> Executor:
    """The app's pool of query processes."""
    app = current_app
    found = app.extensions.get("bilateral.executor")
    if found is None:
        with _LOCK:
            found = app.extensions.get("bilateral.executor")
            if found is None:
                found = Executor(int(app.config["QUERY_PROCESSES"]))
                app.extensions["bilateral.executor"] = found
    return found


def close(app: Flask) -> None:
    """Stop the app's query processes (tests and shutdown)."""
    found = app.extensions.pop("bilateral.executor", None)
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
    return backend() is not None or store_link().exists()


def _source() -> str:
    """What the data comes from: the backend URL, or the current build's folder."""
    return backend() or str(store_link().resolve())


def _per_build(name: str, factory):
    """A value computed once per build folder (a rebuild swaps the link) or backend."""
    key = (name, _source())
    cache = current_app.extensions.setdefault("bilateral.state", {})
    if key not in cache:
        with _LOCK:
            for old in [k for k in cache if k[0] == name]:
                del cache[old]
            cache[key] = factory()
    return cache[key]


def manifest() -> dict:
    """The current build's manifest, {} when nothing is built.

    With a backend: the per-graph counts, asked of it once per process
    (not remembered while it cannot be reached).
    """
    if backend() is not None:
        remote = store()  # outside the factory: _per_build holds a non-reentrant lock
        try:
            return _per_build("manifest", lambda: remote_manifest(remote))
        except RemoteError as exc:
            logger.warning("no counts from the backend: %s", exc)
            return {}
    if not store_link().exists():
        return {}
    return _per_build("manifest", lambda: stores.read_manifest(store_link()) or {})


def remote_manifest(remote: RemoteStore) -> dict:
    """What a manifest holds that a remote store can tell: its counts per named graph."""
    return {"backend": remote.endpoint, "counts": remote.counts()}


def store() -> ox.Store | RemoteStore:
    """The current build's store, opened read-only once per process and build, or the backend.

    :raises StoreError: when nothing is built (and no backend is set).
    """
    if backend() is not None:
        config = current_app.config
        return _per_build(
            "store",
            lambda: RemoteStore(
                backend(),
                union=config["BACKEND_UNION"],
                timeout=float(config["QUERY_TIMEOUT"]),
            ),
        )
    return _per_build("store", lambda: stores.open_store(store_link()))


def cached(name: str, factory):
    """Any value derived from the current build, computed once per build."""
    return _per_build(name, factory)
