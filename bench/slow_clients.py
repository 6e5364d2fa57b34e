"""Slow clients against a server: do ASK {} probes still get answered, and how fast?

`python -m bench.slow_clients --store var/store --sockets 200 --seconds 60`
starts our server (or measures the one at `--url`) and opens `--sockets`
connections that each send a request line and then one header line every
`--interval` seconds (`--mode headers`), or complete headers announcing a
body that then comes one byte per interval (`--mode body`). A connection
the server closes is opened again, as an attacker would. Meanwhile one
client sends `ASK {}` probes, one after another, each on a new connection,
and records their latency. Prints a JSON summary; exits 1 unless every
probe was answered with a p99 under `--p99-ms`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import sys
import threading
import time
import urllib.parse
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory

from bench import soak
from bench.client import percentile
from bench.servers import free_port

PROBE = "/sparql?query=ASK%20%7B%7D"


@dataclass
class Tally:
    """What the slow clients and the probes saw."""

    latencies_ms: list[float] = field(default_factory=list)
    probe_failures: int = 0
    reconnects: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def summary(self, sockets: int, seconds: float, mode: str) -> dict:
        answered = len(self.latencies_ms)
        return {
            "sockets": sockets,
            "seconds": seconds,
            "mode": mode,
            "probes": answered + self.probe_failures,
            "answered": answered,
            "p50_ms": round(percentile(self.latencies_ms, 0.5), 1) if answered else None,
            "p99_ms": round(percentile(self.latencies_ms, 0.99), 1) if answered else None,
            "max_ms": round(max(self.latencies_ms), 1) if answered else None,
            "reconnects": self.reconnects,
        }


def drip(host: str, port: int, mode: str, interval: float, stop: threading.Event, tally: Tally):
    """One slow client: drip header lines (or body bytes) until `stop`, reconnecting."""
    while not stop.is_set():
        try:
            with socket.create_connection((host, port), timeout=5) as sock:
                if mode == "headers":
                    sock.sendall(f"GET {PROBE} HTTP/1.1\r\nHost: {host}\r\n".encode())
                else:
                    sock.sendall(
                        f"POST /sparql HTTP/1.1\r\nHost: {host}\r\n"
                        "Content-Type: application/sparql-query\r\n"
                        "Content-Length: 100000\r\n\r\n".encode()
                    )
                n = 0
                while not stop.wait(interval):
                    n += 1
                    sock.sendall(f"X-Drip-{n}: x\r\n".encode() if mode == "headers" else b" ")
        except OSError:
            with tally.lock:
                tally.reconnects += 1
            stop.wait(0.05)


def probe(host: str, port: int, stop: threading.Event, tally: Tally, timeout: float) -> None:
    """ASK {} probes, each on a new connection, until `stop`."""
    while not stop.is_set():
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
            conn.request("GET", PROBE, headers={"Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            body = response.read()
            conn.close()
            if response.status != 200 or b"true" not in body:
                raise OSError(f"status {response.status}")
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
        except (OSError, http.client.HTTPException):
            tally.probe_failures += 1
        stop.wait(0.1)


def run(url: str, sockets: int, seconds: float, interval: float, mode: str) -> dict:
    """Slow clients and probes for `seconds`; the summary."""
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    stop, tally = threading.Event(), Tally()
    threads = [
        threading.Thread(target=drip, args=(host, port, mode, interval, stop, tally), daemon=True)
        for _ in range(sockets)
    ]
    for thread in threads:
        thread.start()
    time.sleep(min(2.0, seconds / 4))  # every slow socket is open before the probes start
    prober = threading.Thread(target=probe, args=(host, port, stop, tally, 10.0))
    prober.start()
    time.sleep(seconds)
    stop.set()
    prober.join()
    for thread in threads:
        thread.join(10)
    return tally.summary(sockets, seconds, mode)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.slow_clients", description=__doc__)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="the base URL of a running server")
    target.add_argument("--store", type=Path, help="start our server on this store")
    parser.add_argument("--sockets", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between drips")
    parser.add_argument("--mode", choices=["headers", "body"], default="headers")
    parser.add_argument("--workers", type=int, default=2, help="our server's workers")
    parser.add_argument("--p99-ms", type=float, default=100.0, help="the target")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = args.url
        if url is None:
            port, log = free_port(), stack.enter_context(TemporaryDirectory())
            process = soak.start_server(args.store, port, args.workers, Path(log) / "server.log")
            stack.callback(process.wait, 30)
            stack.callback(process.terminate)
            url = f"http://127.0.0.1:{port}"
        summary = run(url, args.sockets, args.seconds, args.interval, args.mode)
    print(json.dumps(summary))
    met = summary["answered"] == summary["probes"] > 0 and summary["p99_ms"] < args.p99_ms
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
