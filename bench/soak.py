"""`python -m bench.soak`: mixed canned queries at high concurrency against a real server.

Threads in this process (the second process on loopback) send the project's
canned queries and a few pages for a fixed time; every answer is checked
against the one fetched alone before the load. Meanwhile the resident memory
of the server's process tree (granian main process, workers, query processes) is
sampled from /proc. Prints latency percentiles, errors and memory; exit 1 on
any error or memory growth past the bound. The test suite runs a reduced
form (tests/load/); the full form is `make soak` (64 clients for 60 s).
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import logging
import math
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bilateral.graph.queries import load_queries

logger = logging.getLogger(__name__)

PROJECT = Path(__file__).resolve().parent.parent
PAGES = ("/queries.json", "/timeline.json", "/void", "/sparql?query=ASK%7B%7D")
GROWTH_MB = 64  # allowed growth of the server's memory beyond 25 % of its start


@dataclass(frozen=True)
class Call:
    """One request of the mix: a name, the method, the path and an optional body."""

    name: str
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


def mixed_calls(project: Path = PROJECT) -> list[Call]:
    """The canned queries (POSTed as SPARQL, JSON results) and some pages, as GETs."""
    calls = [Call(path, "GET", path) for path in PAGES]
    for name, query in sorted(load_queries(project / "queries").items()):
        if "SERVICE" in query.text.upper():
            continue  # federated: would call Wikidata
        headers = {
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        }
        calls.append(Call(name, "POST", "/sparql", query.text.encode("utf-8"), headers))
    return calls


class Client:
    """One keep-alive connection to the server; reconnects after a failure."""

    def __init__(self, base: str, timeout: float = 60.0) -> None:
        parts = urlsplit(base)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.conn: http.client.HTTPConnection | None = None

    def send(self, call: Call) -> tuple[int, bytes]:
        """The status and body of one call."""
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.conn.request(call.method, call.path, body=call.body, headers=call.headers)
            response = self.conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def digest(body: bytes) -> str:
    """The SHA-256 of an answer, to compare it with the reference."""
    return hashlib.sha256(body).hexdigest()


def references(base: str, calls: list[Call]) -> dict[str, str]:
    """Each call's answer digest, fetched one at a time before any load.

    :raises RuntimeError: when a call does not answer 200 even alone.
    """
    client, found = Client(base), {}
    for call in calls:
        status, body = client.send(call)
        if status != 200:
            raise RuntimeError(f"{call.name}: {status} before any load: {body[:200]!r}")
        found[call.name] = digest(body)
    client.close()
    return found


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank; 0.0 for no values.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.0
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered), math.ceil(q / 100 * len(ordered))) - 1)]


def process_tree(root: int) -> list[int]:
    """The pid `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_mb(root: int) -> float:
    """Resident memory of a process tree in MB (VmRSS, so shared pages count per process)."""
    total = 0
    for pid in process_tree(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


@dataclass
class Outcome:
    """What the clients saw: latencies by call, errors, and memory samples."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # an answer: a wrong status or body
    dropped: list[str] = field(default_factory=list)  # no answer: the connection failed
    memory: list[float] = field(default_factory=list)
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def summary(self) -> dict:
        """Requests, errors, rate, latency percentiles (ms) and memory (MB)."""
        ms = [x * 1000 for x in self.latencies]
        quarter = max(1, len(self.memory) // 4)
        return {
            "requests": len(ms),
            "errors": len(self.errors) + len(self.dropped),
            "dropped": len(self.dropped),
            "first_errors": (self.errors + self.dropped)[:5],
            "requests_per_s": round(len(ms) / self.seconds, 1) if self.seconds else 0.0,
            "latency_ms": {f"p{q}": round(percentile(ms, q), 2) for q in (50, 90, 99)}
            | {"max": round(max(ms, default=0.0), 2)},
            "rss_mb": {
                "start": round(max(self.memory[:quarter], default=0.0), 1),
                "end": round(max(self.memory[-quarter:], default=0.0), 1),
                "peak": round(max(self.memory, default=0.0), 1),
            },
        }


def memory_is_flat(summary: dict) -> bool:
    """Whether the server's memory at the end stays within the bound of its start."""
    rss = summary["rss_mb"]
    return rss["end"] <= rss["start"] * 1.25 + GROWTH_MB


def run_load(
    base: str,
    calls: list[Call],
    expected: dict[str, str],
    clients: int,
    seconds: float,
    server_pid: int | None = None,
    stop: Callable[[], bool] | None = None,
) -> Outcome:
    """`clients` threads cycling through `calls` for `seconds`, answers checked against `expected`.

    Calls in flight when the time is up or `stop()` turns true are completed.
    """
    outcome = Outcome()
    deadline = time.monotonic() + seconds
    done = threading.Event()

    def finished() -> bool:
        return time.monotonic() >= deadline or (stop is not None and stop())

    def work(offset: int) -> None:
        client, n = Client(base), offset
        while not finished():
            call = calls[n % len(calls)]
            n += 1
            started = time.perf_counter()
            try:
                status, body = client.send(call)
            except (OSError, http.client.HTTPException) as exc:
                with outcome.lock:
                    outcome.dropped.append(f"{call.name}: {type(exc).__name__}: {exc}")
                time.sleep(0.05)  # the server may be restarting: no busy loop
                continue
            else:
                elapsed = time.perf_counter() - started
                error = None if status == 200 else f"{call.name}: HTTP {status} {body[:200]!r}"
                if error is None and digest(body) != expected[call.name]:
                    error = f"{call.name}: an answer differing from the reference"
            with outcome.lock:
                if error:
                    outcome.errors.append(error)
                else:
                    outcome.latencies.append(elapsed)
        client.close()

    def sample() -> None:
        while not done.wait(0.5):
            outcome.memory.append(rss_mb(server_pid))

    sampler = threading.Thread(target=sample, daemon=True) if server_pid else None
    if sampler:
        sampler.start()
    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.monotonic() - started
    done.set()
    if sampler:
        sampler.join()
    return outcome


def start_server(store: Path, port: int, workers: int, log: Path) -> subprocess.Popen:
    """Our server on 127.0.0.1:`port` in a subprocess, polled until it answers."""
    command = [sys.executable, "-m", "bilateral", "serve", "--store", str(store)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=PROJECT)
    client = Client(f"http://127.0.0.1:{port}", timeout=5)
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text()}")
        try:
            client.send(Call("ask", "GET", "/sparql?" + urlencode({"query": "ASK {}"})))
            client.close()
            return process
        except (OSError, http.client.HTTPException):
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the server did not answer:\n{log.read_text()}")


def main(argv: list[str] | None = None) -> int:
    """Run the soak; print the summary as JSON; 1 on errors or memory growth."""
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--store", type=Path, default=PROJECT / "var" / "store")
    parser.add_argument("--clients", type=int, default=64, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    log = PROJECT / "var" / "soak-server.log"
    log.parent.mkdir(exist_ok=True)
    process = start_server(args.store, args.port, args.workers, log)
    try:
        base = f"http://127.0.0.1:{args.port}"
        calls = mixed_calls()
        outcome = run_load(
            base, calls, references(base, calls), args.clients, args.seconds, process.pid
        )
    finally:
        process.terminate()
        process.wait(30)
    summary = outcome.summary() | {"clients": args.clients, "seconds": args.seconds}
    summary["memory_flat"] = memory_is_flat(summary)
    text = json.dumps(summary, indent=2)
    sys.stdout.write(text + "\n")
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if summary["errors"] == 0 and summary["memory_flat"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
