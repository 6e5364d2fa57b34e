"""A small HTTP client for SPARQL latency and throughput (keep-alive, threads)."""

from __future__ import annotations

import http.client
import math
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass

ACCEPT = "application/sparql-results+json"


class Connection:
    """One keep-alive connection to a SPARQL endpoint; GET requests with `query=`."""

    def __init__(self, endpoint: str, timeout: float) -> None:
        url = urllib.parse.urlsplit(endpoint)
        self.host, self.port, self.path = url.hostname, url.port, url.path
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def ask(self, query: str) -> int:
        """Send one query, read the whole answer; the HTTP status (599 on a network error)."""
        target = f"{self.path}?{urllib.parse.urlencode({'query': query})}"
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.conn.request("GET", target, headers={"Accept": ACCEPT})
            response = self.conn.getresponse()
            response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status
        except (OSError, http.client.HTTPException):
            self.close()
            return 599

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile of `values`.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5), percentile([1.0, 2.0, 3.0, 4.0], 0.99)
    (2.0, 4.0)
    """
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def latency(endpoint: str, query: str, runs: int, budget: float, timeout: float) -> dict:
    """Median and p99 in ms over up to `runs` runs (at least 3) within `budget` seconds."""
    conn = Connection(endpoint, timeout)
    status = conn.ask(query)  # warm-up: caches, connection
    if status != 200:
        conn.close()
        return {"status": status, "runs": 0}
    times: list[float] = []
    deadline = time.perf_counter() + budget
    while len(times) < runs and (len(times) < 3 or time.perf_counter() < deadline):
        start = time.perf_counter()
        status = conn.ask(query)
        elapsed = time.perf_counter() - start
        if status != 200:
            conn.close()
            return {"status": status, "runs": len(times)}
        times.append(elapsed * 1000)
        if elapsed > timeout / 2:
            break
    conn.close()
    return {
        "status": 200,
        "runs": len(times),
        "median_ms": round(statistics.median(times), 3),
        "p99_ms": round(percentile(times, 0.99), 3),
    }


@dataclass
class Tally:
    """Requests done and failed by the load threads."""

    done: int = 0
    errors: int = 0


def throughput(endpoint: str, queries: list[str], clients: int, seconds: float) -> dict:
    """Requests/s and errors with `clients` threads cycling through `queries` for `seconds`."""
    tally, lock = Tally(), threading.Lock()
    deadline = time.perf_counter() + seconds

    def work(offset: int) -> None:
        conn = Connection(endpoint, timeout=max(60.0, seconds))
        i = offset
        while time.perf_counter() < deadline:
            ok = conn.ask(queries[i % len(queries)]) == 200
            i += 1
            with lock:
                tally.done += ok
                tally.errors += not ok
        conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {
        "clients": clients,
        "requests": tally.done,
        "errors": tally.errors,
        "rps": round(tally.done / elapsed, 1),
    }
