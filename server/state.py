"""Per-app, per-process resources: the query executor, the store and the manifest.

They live in `app.extensions`, so two apps in one process never share them,
and are created on first use, so each server worker makes its own after fork.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
from flask import Flask, current_app

from bilateral.graph import store as stores
from bilateral.server.executor import Executor

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


def _per_build(name: str, factory):
    """A value computed once per build folder (a rebuild swaps the link)."""
    key = (name, str(store_link().resolve()))
    cache = current_app.extensions.setdefault("bilateral.state", {})
    if key not in cache:
        with _LOCK:
            for old in [k for k in cache if k[0] == name]:
                del cache[old]
            cache[key] = factory()
    return cache[key]


def manifest() -> dict:
    """The current build's manifest, {} when nothing is built."""
    if not store_link().exists():
        return {}
    return _per_build("manifest", lambda: stores.read_manifest(store_link()) or {})


def store() -> ox.Store:
    """The current build's store, opened read-only once per process and build.

    :raises StoreError: when nothing is built.
    """
    return _per_build("store", lambda: stores.open_store(store_link()))


def cached(name: str, factory):
    """Any value derived from the current build, computed once per build."""
    return _per_build(name, factory)
