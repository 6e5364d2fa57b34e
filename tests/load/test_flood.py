"""A flood of slow queries: ASK {} and the pages keep answering, every slow query ends.

Reduced form: 6 concurrent slow queries on 2 workers of 2 general processes
each (one per client), so most of them wait for a process and are told 503
with Retry-After, while the reserved lane and the pages' own threads keep ASK
{} and the pages answering. The full form, 48 on the default pool, runs with
`make faults` (BILATERAL_FLOOD_QUERIES=48).
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
    return fetch(url, timeout)[0]


def fetch(url: str, timeout: float) -> tuple[int, str | None]:
    """The status and the Retry-After header of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status, response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After")


def test_cheap_queries_and_pages_answer_through_a_flood(built_store, tmp_path):
    reduced = {} if QUERIES >= 48 else {"QUERY_PROCESSES": "2", "QUERY_QUEUE_WAIT": "1"}
    process, base = start_bilateral(
        built_store, tmp_path / "server.log", workers=2, QUERY_TIMEOUT=str(LIMIT), **reduced
    )
    slow_url = base + "/sparql?" + urllib.parse.urlencode({"query": SLOW})
    answers: list[tuple[int, str | None]] = []
    try:
        flood = [
            threading.Thread(target=lambda: answers.append(fetch(slow_url, timeout=LIMIT * 20)))
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
    assert len(answers) == QUERIES
    assert {status for status, _ in answers} <= {429, 503}, answers  # each one told
    assert any(retry for _, retry in answers), answers  # those that waited: when to retry
