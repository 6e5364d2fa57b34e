"""`python -m bench`: build by phase, query latency and throughput, ours against the peers.

For each size (the seed article, then synthetic graphs of about 10^4, 10^5,
10^6 triples) a subprocess builds the store phase by phase (bench/phases.py);
then, up to --http-max triples, each server (ours, Oxigraph's, rdflib-endpoint)
is started alone on 127.0.0.1 and measured: the `ASK {}` round trip (the fixed
cost of a request), every canned query's median and p99, and requests/s with
errors at concurrency 1, 8 and 32. Prints tables; writes bench/results/NAME.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
from contextlib import ExitStack
from importlib.metadata import version
from pathlib import Path

from bench import client, servers
from bench.report import render
from bilateral.graph.queries import load_queries

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
WORK = PROJECT / "var" / "bench"
SERVERS = ("ours", "oxigraph", "rdflib-endpoint")
LIBRARIES = ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "owlrl", "reasonable")
logger = logging.getLogger("bench")


def canned() -> dict[str, str]:
    """The canned queries that run offline (those with SERVICE need Wikidata)."""
    queries = load_queries(PROJECT / "queries")
    return {name: q.text for name, q in sorted(queries.items()) if "SERVICE" not in q.text}


def build(size: str, args: argparse.Namespace) -> dict:
    """Run bench/phases.py for one size in its own process (a clean peak memory)."""
    command = [sys.executable, "-m", "bench.phases", "--size", size, "--workdir", str(WORK / size)]
    command += ["--owlrl-max", str(args.owlrl_max), "--validate-max", str(args.validate_max)]
    command += ["--exports-max", str(args.exports_max)]
    logger.info("building %s", size)
    done = subprocess.run(command, cwd=PROJECT, stdout=subprocess.PIPE, check=True)
    return json.loads(done.stdout)


def start(name: str, size: str, stack: ExitStack, workers: int) -> servers.Server:
    """Start one server over the store of `size`."""
    store, log = WORK / size / "store", WORK / size / f"{name}.log"
    if name == "ours":
        return stack.enter_context(servers.ours(store, log, workers))
    if name == "oxigraph":
        return stack.enter_context(servers.oxigraph(store, log))
    dump = store.resolve().parent / "dumps" / "dataset.nq"
    return stack.enter_context(servers.rdflib_endpoint(dump, log))


def measure_server(server: servers.Server, queries: dict[str, str], args) -> dict:
    """ASK {}, each canned query, and throughput at each concurrency, against one server."""
    runs, budget = (10, 2.0) if args.quick else (args.runs, 10.0)
    result = {"ask": client.latency(server.endpoint, "ASK {}", runs * 5, budget, args.timeout)}
    result["queries"] = {
        name: client.latency(server.endpoint, text, runs, budget, args.timeout)
        for name, text in queries.items()
    }
    seconds = 2.0 if args.quick else args.seconds
    mix = list(queries.values())
    result["throughput"] = {
        str(c): client.throughput(server.endpoint, mix, c, seconds) for c in args.concurrency
    }
    return result


def measure_http(size: str, args: argparse.Namespace) -> dict:
    """Every server in turn (never two at once: this machine has few cores)."""
    queries = canned()
    results = {}
    for name in args.servers:
        logger.info("%s: measuring %s", size, name)
        with ExitStack() as stack:
            try:
                server = start(name, size, stack, args.workers)
            except RuntimeError as exc:
                logger.error("%s", exc)
                results[name] = {"error": str(exc)[:500]}
                continue
            results[name] = measure_server(server, queries, args)
    return results


def environment() -> dict:
    """What the figures depend on: machine and library versions."""
    return {
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "versions": {lib: version(lib) for lib in LIBRARIES},
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,1e4,1e5", help="comma-separated: seed, 1e4, ...")
    parser.add_argument("--http-max", type=float, default=1e5, help="HTTP runs up to this size")
    parser.add_argument("--owlrl-max", type=float, default=1.5e5, help="owlrl runs up to this size")
    parser.add_argument("--validate-max", type=float, default=2e5, help="SHACL up to this size")
    parser.add_argument(
        "--exports-max", type=float, default=1e12, help="`bilateral export` up to this size"
    )
    parser.add_argument("--servers", default=",".join(SERVERS), help="which servers to measure")
    parser.add_argument("--runs", type=int, default=30, help="runs per query (median, p99)")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per throughput step")
    parser.add_argument("--concurrency", default="1,8,32", help="client threads per step")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds before a request fails"
    )
    parser.add_argument("--workers", type=int, default=2, help="our server's worker processes")
    parser.add_argument("--quick", action="store_true", help="fewer runs, 2 s throughput steps")
    parser.add_argument("--name", default=None, help="results/NAME.json (default: sizes)")
    args = parser.parse_args(argv)
    args.sizes = args.sizes.split(",")
    args.servers = [s for s in args.servers.split(",") if s]
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    args.name = args.name or ("quick" if args.quick else "-".join(args.sizes))
    return args


def main(argv: list[str] | None = None) -> None:
    """Measure, print the tables, write the JSON."""
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s", stream=sys.stderr)
    args = parse_args(argv)
    report: dict = {"environment": environment(), "sizes": {}}
    for size in args.sizes:
        entry = {"build": build(size, args)}
        if size == "seed" or float(size) <= args.http_max:
            entry["http"] = measure_http(size, args)
        report["sizes"][size] = entry
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / f"{args.name}.json"
        tmp = out.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, out)
    print(render(report))
    print(f"\nwritten {out.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
