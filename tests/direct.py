"""Queries straight on a store, for tests of the graph layer (the server goes through its service)."""

from __future__ import annotations

import pyoxigraph as ox

from bilateral.graph.store import union_dataset


def run(store, query: str, bindings: dict | None = None):
    """A query over the default union (not the explanations), values bound by name."""
    substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
    return store.query(query, substitutions=substitutions, **union_dataset())
