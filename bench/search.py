"""`python -m bench.search [TRIPLES]`: the search index on a synthetic graph (default 10^5 triples).

Builds the index as the server does (one pass over names and passages), then
times each query form the search page meets: a name, a plural (stemmed), a
misspelt name (near misses by edit distance), words of a passage, and words
that match nothing (suggestions). Medians of repeated runs, in milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import time

import pyoxigraph as ox

from bench.synthetic import generate
from bilateral.server.search import build_index

QUERIES = ["Vladimir Putin", "agreements", "Vladimr Puttin", "joint exercise", "qzxv wrtp"]
REPEAT = 21


def main(size: int) -> None:
    store = ox.Store()
    store.load(generate(size).serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)

    def select(query: str):
        solutions = store.query(query)
        names = [v.value for v in solutions.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in solutions]

    started = time.perf_counter()
    index = build_index(select)
    built = time.perf_counter() - started
    print(f"{len(store)} triples; {len(index.docs)} documents, {len(index.vocabulary)} words")
    print(f"index built in {built * 1000:.0f} ms")
    for query in QUERIES:
        times, hits = [], []
        for _ in range(REPEAT):
            started = time.perf_counter()
            hits = index.search(query, None)
            if not hits:
                index.suggest(query)
            times.append(time.perf_counter() - started)
        print(f"{query!r:20} {len(hits):6} hits  median {statistics.median(times) * 1000:7.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
