"""Queries straight on a store, for tests of the graph layer (the server goes through its service)."""

from __future__ import annotations

import pyoxigraph as ox


def run(store, query: str, bindings: dict | None = None):
    """A query over the union of the named graphs, values bound by name."""
    substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
    return store.query(query, use_default_graph_as_union=True, substitutions=substitutions)
