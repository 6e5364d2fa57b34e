"""`python -m bench.bulk`: `bilateral push` one PUT per graph against the stores' own bulk loaders.

A synthetic dataset of --triples quads over our four named graphs (IRIs,
language-tagged strings, dates, integers) is laid out as a build (a store and
its `dumps/dataset.nq`); then each way of loading it runs --runs times into a
new, empty target, and its wall time is taken, with the counts checked:

- Oxigraph: `push` to `oxigraph serve` (PUT) against `push --bulk oxigraph`
  (`oxigraph load` into a database folder);
- Virtuoso (when installed): `push --digest` to /sparql-graph-crud-auth (PUT)
  against `push --bulk virtuoso` (ld_dir / rdf_loader_run through isql).

Prints medians and ratios; writes bench/results/bulk-<size>.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from bench import servers
from bilateral.graph.exchange import bulk, push
from bilateral.graph.namespaces import GRAPHS
from bilateral.graph.store import MANIFEST, write_json

sys.path.insert(0, str(servers.PROJECT / "tests"))  # the tests' Virtuoso launcher
from virtuoso_server import DBA, PUSHER, require, virtuoso  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
# The share of each graph in a real build (data, inferred, ontology, links).
SHARES = (("data", 52), ("inferred", 40), ("ontology", 6), ("links", 2))


def synthetic_quads(triples: int, path: Path) -> dict[str, int]:
    """Write `triples` distinct quads as N-Quads; the count per graph name."""
    counts = dict.fromkeys(GRAPHS, 0)
    cycle = [name for name, share in SHARES for _ in range(share)]
    base = "https://w3id.org/bilateral/resource/S"
    bl, xsd = "https://w3id.org/bilateral/ontology#", "http://www.w3.org/2001/XMLSchema#"
    with path.open("w", encoding="utf-8") as out:
        for i in range(triples):
            name = cycle[i % len(cycle)]
            subject, kind = f"<{base}{i // 8}>", i % 4
            if kind == 0:
                line = f'{subject} <http://www.w3.org/2000/01/rdf-schema#label> "label {i}"@en'
            elif kind == 1:
                day = f"20{10 + i % 10}-0{1 + i % 9}-1{i % 10}"
                line = f'{subject} <{bl}startDate> "{day}"^^<{xsd}date>'
            elif kind == 2:
                line = f'{subject} <{bl}troopCount> "{i}"^^<{xsd}integer>'
            else:
                line = f"{subject} <{bl}participant> <{base}{i % 997}>"
            out.write(f"{line} <{GRAPHS[name]}> .\n")
            counts[name] += 1
    return counts


def lay_out_build(folder: Path, triples: int) -> tuple[Path, dict[str, int]]:
    """A build folder with its store, manifest and N-Quads dump; (store path, counts)."""
    (folder / "dumps").mkdir(parents=True)
    dump = folder / "dumps" / "dataset.nq"
    counts = synthetic_quads(triples, dump)
    write_json(folder / MANIFEST, {"counts": counts})
    ox.Store(str(folder / "store")).bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    return folder / "store", counts


def timed(load: Callable[[], dict], counts: dict[str, int]) -> float:
    """Seconds a load takes; fails when a count differs."""
    started = time.perf_counter()
    found = load()
    seconds = time.perf_counter() - started
    wrong = {name: pair for name, pair in found.items() if pair[0] != pair[1]}
    if wrong or set(found) != set(counts):
        raise SystemExit(f"counts differ after the load: {found}")
    return seconds


def oxigraph_put(store: Path, counts: dict, work: Path) -> float:
    port = servers.free_port()
    command = [str(servers.BIN / "oxigraph"), "serve", "--location", str(work / "db")]
    command += ["--bind", f"127.0.0.1:{port}"]
    base = f"http://127.0.0.1:{port}"
    with servers.running("oxigraph", command, base + "/query", work / "log", 60):
        source = ox.Store.read_only(str(store))
        return timed(lambda: push.push(source, base + "/store"), counts)


def oxigraph_bulk(store: Path, counts: dict, work: Path) -> float:
    target = str(work / "db")
    return timed(lambda: bulk.bulk_push(store, "oxigraph", target), counts)


def virtuoso_put(store: Path, counts: dict, work: Path) -> float:
    with virtuoso(work / "virtuoso") as server:
        auth = push.Credentials(user=PUSHER[0], password=PUSHER[1], digest=True)
        source = ox.Store.read_only(str(store))
        to = server.base + "/sparql-graph-crud-auth"
        return timed(lambda: push.push(source, to, auth=auth), counts)


def virtuoso_bulk(store: Path, counts: dict, work: Path) -> float:
    with virtuoso(work / "virtuoso", dumps=store.parent / "dumps") as server:
        auth = push.Credentials(user=DBA[0], password=DBA[1])
        endpoint = server.base + "/sparql"
        return timed(
            lambda: bulk.bulk_push(
                store, "virtuoso", server.sql, query_endpoint=endpoint, auth=auth
            ),
            counts,
        )


METHODS = {
    "oxigraph PUT per graph": oxigraph_put,
    "oxigraph load": oxigraph_bulk,
    "virtuoso PUT per graph": virtuoso_put,
    "virtuoso ld_dir": virtuoso_bulk,
}


def virtuoso_installed() -> bool:
    try:
        require()
    except BaseException:  # pytest's skip outside pytest
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    methods = {k: v for k, v in METHODS.items() if "virtuoso" not in k or virtuoso_installed()}
    root = Path(tempfile.mkdtemp(prefix="bench-bulk-", dir=servers.PROJECT / "var"))
    try:
        store, counts = lay_out_build(root / "build", args.triples)
        seconds: dict[str, list[float]] = {name: [] for name in methods}
        for run in range(args.runs):
            for name, method in methods.items():
                work = root / f"{run}-{name.replace(' ', '-')}"
                work.mkdir()
                seconds[name].append(method(store, counts, work))
                shutil.rmtree(work)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    print(f"loading {args.triples} triples, median of {args.runs} runs")
    for name, median in medians.items():
        store_name = name.split()[0]
        put = medians.get(f"{store_name} PUT per graph")
        ratio = f"  {put / median:5.1f}x the PUT's speed" if put and "PUT" not in name else ""
        print(f"  {name:<24} {median:8.2f} s  {args.triples / median:10.0f} triples/s{ratio}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bulk-{args.triples:.0e}.json".replace("+0", "")
    result = {"triples": args.triples, "runs": args.runs, "seconds": seconds, "median": medians}
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
