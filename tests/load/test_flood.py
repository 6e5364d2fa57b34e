"""A flood of slow queries: ASK {} and the pages keep answering, every slow query ends.

Reduced form: 6 concurrent slow queries on 2 workers, fewer than the HTTP
server's threads, so what is tested is the engine pool's admission: the
reserved lane keeps ASK {} and the pages answering while every general
process is busy. The full form, 48, runs with `make faults`
(BILATERAL_FLOOD_QUERIES=48) and needs an HTTP front whose waiting
connections hold no thread.
"""

from __future__ import annotations

import os
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from loopback import start_bilateral, stop

pytestmark = pytest.mark.live

QUERIES = int(os.environ.get("BILATERAL_FLOOD_QUERIES", "6"))
LIMIT = 3
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def get(url: str, timeout: float) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_cheap_queries_and_pages_answer_through_a_flood(built_store, tmp_path):
    process, base = start_bilateral(
        built_store, tmp_path / "server.log", workers=2, QUERY_TIMEOUT=str(LIMIT)
    )
    slow_url = base + "/sparql?" + urllib.parse.urlencode({"query": SLOW})
    statuses: list[int] = []
    try:
        flood = [
            threading.Thread(target=lambda: statuses.append(get(slow_url, timeout=LIMIT * 20)))
            for _ in range(QUERIES)
        ]
        for thread in flood:
            thread.start()
        probes = []
        while any(thread.is_alive() for thread in flood) or not probes:
            probes.append(get(base + "/sparql?query=ASK%7B%7D", timeout=LIMIT * 4))
            probes.append(get(base + "/queries", timeout=LIMIT * 4))
        for thread in flood:
            thread.join()
    finally:
        stop(process)
    assert set(probes) == {200}, probes
    assert len(statuses) == QUERIES
    assert set(statuses) <= {429, 503}, statuses  # each one told within its limit
