"""The build of one graph size, phase by phase, with peak memory (run as a subprocess).

`python -m bench.phases --size 100000 --workdir DIR` prints one JSON object.
The seed size ("seed") runs the real parse and extraction of the project; a
synthetic size writes the generated data graph as N-Triples and parses it back
(phase parse; extraction does not apply: the generator's output stands for
it). Then the build's own functions run: SHACL validation
(`bilateral.graph.validate`), reasoning (`bilateral.graph.reason.infer`, engine
"auto" as the build does, plus each engine alone and reasonable's bare call),
explaining (`bilateral.graph.explanations.explain_all`, a derivation per inferred triple)
and loading (`bilateral.graph.build.load_store`, `write_dumps`, the manifest
and the atomic publish), so the store is what `bilateral serve` reads.
Memory is the process's peak resident set (getrusage) after each phase: it
includes the Rust allocations of pyoxigraph and reasonable, which tracemalloc
would miss.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from bilateral.graph import store as stores
from bilateral.graph.build import BuildResult, Sources, assemble, load_store, write_dumps
from bilateral.graph.exchange import export
from bilateral.graph.explanations import explain_all
from bilateral.graph.rdfio import parse_turtle, parse_turtle_files, to_oxigraph
from bilateral.graph.reason import infer, reason
from bilateral.graph.store import open_store
from bilateral.graph.validate import validate

PROJECT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    """The peak resident set size of this process so far, in MiB (Linux: KiB units)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Recorder:
    """Times phases and records the peak memory after each."""

    def __init__(self) -> None:
        self.phases: dict[str, dict[str, float]] = {}

    def run(self, name: str, func: Callable, *args, **kwargs):
        start = time.perf_counter()
        value = func(*args, **kwargs)
        seconds = round(time.perf_counter() - start, 3)
        self.phases[name] = {"seconds": seconds, "peak_rss_mb": peak_mb()}
        print(f"  {name}: {seconds:.2f} s", file=sys.stderr, flush=True)
        return value


def write_ntriples(graph: Graph, path: Path) -> None:
    """Serialise a graph as N-Triples with pyoxigraph (rdflib's writer is far slower)."""
    triples = (ox.Triple(*(to_oxigraph(term) for term in triple)) for triple in graph)
    ox.serialize(triples, str(path), format=ox.RdfFormat.N_TRIPLES)


def reasonable_alone(ontology: Graph, data: Graph) -> int:
    """reasonable's bare call (load and closure), the yardstick of the reasoning target."""
    import reasonable

    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(ontology)
    reasoner.from_graph(data)
    return len(reasoner.reason())


def inputs(size: str, workdir: Path, rec: Recorder) -> tuple[Graph, Graph, Graph, Graph]:
    """Ontology, shapes, data and links, parsed (and extracted for the seed)."""
    sources = Sources(PROJECT)
    if size == "seed":
        result = BuildResult("bench")
        assembly = assemble(sources, result)
        for name in ("parse", "extract"):
            rec.phases[name] = {"seconds": result.phases[name], "peak_rss_mb": peak_mb()}
        return assembly.ontology, assembly.shapes, assembly.data, assembly.links
    from bench.synthetic import generate

    data_file = workdir / "data.nt"
    start = time.perf_counter()
    write_ntriples(generate(int(float(size))), data_file)
    rec.phases["generate"] = {"seconds": round(time.perf_counter() - start, 3), "peak_rss_mb": 0}

    def parse() -> tuple[Graph, Graph, Graph]:
        return (
            parse_turtle_files(sources.ontology),
            parse_turtle(sources.shapes),
            parse_turtle(data_file),
        )

    ontology, shapes, data = rec.run("parse", parse)
    return ontology, shapes, data, Graph()


def load(workdir: Path, graphs: dict[str, Graph]) -> None:
    """The build's load phase: a new store and dumps, published atomically."""
    store = workdir / "store"
    partial = stores.new_build_dir(store, "bench")
    load_store(partial / "store", graphs)
    dumps = write_dumps(partial / "store", partial / "dumps")
    counts = {name: len(graph) for name, graph in graphs.items()}
    stores.write_json(partial / stores.MANIFEST, {"id": "bench", "counts": counts, "dumps": dumps})
    stores.publish(store, partial, "bench")


def exports(workdir: Path) -> dict[str, float]:
    """Seconds of `bilateral export` per RDF format, on the store just built."""
    store = open_store(workdir / "store")
    seconds = {}
    for fmt in (*export.TRIPLE_FORMATS, *export.QUAD_FORMATS, "jsonld"):
        start = time.perf_counter()
        export.export(store, fmt, workdir / "exports" / fmt)
        seconds[fmt] = round(time.perf_counter() - start, 3)
        print(f"  export {fmt}: {seconds[fmt]:.2f} s", file=sys.stderr, flush=True)
    return seconds


def measure(
    size: str, workdir: Path, validate_max: float, owlrl_max: float, exports_max: float = 1e12
) -> dict:
    """Every phase of one size; the engines compared on the same input."""
    rec = Recorder()
    ontology, shapes, data, links = inputs(size, workdir, rec)
    triples = len(data)
    if triples <= validate_max:
        report = rec.run("validate", validate, data, shapes, ontology)
        if not report.conforms:
            raise SystemExit(f"size {size}: the data does not conform\n{report.summary()}")
    rec.run("reasonable_alone", reasonable_alone, ontology, data)
    reasoning = rec.run("reason", reason, ontology, data)
    explanations = rec.run("explain", explain_all, reasoning, ontology, data)
    rec.run("reason_reasonable", infer, ontology, data, "reasonable")
    if triples <= owlrl_max:
        rec.run("reason_owlrl", infer, ontology, data, "owlrl")
    graphs = {"ontology": ontology, "data": data, "inferred": reasoning.inferred, "links": links}
    graphs["explanations"] = explanations
    rec.run("load", load, workdir, graphs)
    return {
        "size": size,
        "triples": {name: len(graph) for name, graph in graphs.items()},
        "phases": rec.phases,
        "exports": exports(workdir) if triples <= exports_max else {},
        "peak_rss_mb": peak_mb(),
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: measure one size and print JSON on stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", required=True, help='"seed" or a triple count such as 1e5')
    parser.add_argument("--workdir", type=Path, required=True, help="where the store is built")
    parser.add_argument("--validate-max", type=float, default=2e5, help="skip SHACL above this")
    parser.add_argument("--owlrl-max", type=float, default=1.5e5, help="skip owlrl above this")
    parser.add_argument(
        "--exports-max", type=float, default=1e12, help="skip `bilateral export` above this"
    )
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    result = measure(args.size, args.workdir, args.validate_max, args.owlrl_max, args.exports_max)
    json.dump(result, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
