"""The build: seeds and Turtle in, a validated and reasoned on-disk store out.

Phases: parse, extract, validate (SHACL), reason (owlrl), explain (a
derivation for every inferred triple), load. The store is
written into a new folder and swapped in only when every phase succeeded;
beside it the manifest, the dumps and the mention coverage of the stored
graph (`coverage.json`, what `bilateral coverage --format json` prints), which
the source view shows.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from bilateral.graph import coverage, formats
from bilateral.graph import store as stores
from bilateral.graph.anchor import anchor_quotes
from bilateral.graph.errors import InputError
from bilateral.graph.exchange import eventtable
from bilateral.graph.explanations import explain_all
from bilateral.graph.extract import extract
from bilateral.graph.namespaces import GRAPHS, PREFIXES, UNION
from bilateral.graph.queries import load_queries
from bilateral.graph.rdfio import as_stored, parse_turtle, parse_turtle_files, quads
from bilateral.graph.reason import reason
from bilateral.graph.recognise import ReviewedMention, load_review
from bilateral.graph.seeds import Seed, describe_seed, load_seeds
from bilateral.graph.signing import signing_dates
from bilateral.graph.temporal import temporal_graph
from bilateral.graph.validate import ValidationReport, validate

logger = logging.getLogger(__name__)

CODE_DIR = Path(__file__).parent
EVENT_TABLE = "events.csv"
LIBRARIES = ("pyoxigraph", "owlrl", "rdflib", "pyshacl")
DUMPS = {
    ext: formats.by_name(formats.GRAPHS, ext).rdf for ext in ("trig", "nq", "ttl", "nt", "jsonld")
}


class BuildError(InputError):
    """The inputs are invalid; the message says where and why."""


@dataclass(frozen=True)
class Sources:
    """The input files of a project directory."""

    project: Path

    @property
    def shapes(self) -> Path:
        return self.project / "ontology" / "shapes.ttl"

    @property
    def ontology(self) -> list[Path]:
        return [p for p in sorted((self.project / "ontology").glob("*.ttl")) if p != self.shapes]

    @property
    def curated(self) -> list[Path]:
        return sorted((self.project / "graph" / "curated").rglob("*.ttl"))

    @property
    def reviewed_mentions(self) -> Path:
        return self.project / "graph" / "curated" / "mentions.toml"

    @property
    def event_data(self) -> list[Path]:
        """Turtle about extracted events too (roles, CAMEO codes): merged after extraction."""
        return sorted((self.project / "graph" / "eventdata").glob("*.ttl"))

    @property
    def links(self) -> list[Path]:
        return sorted((self.project / "graph" / "links").glob("*.ttl"))

    @property
    def seeds(self) -> Path:
        return self.project / "seeds"

    def files(self) -> list[Path]:
        """Every input file, data and code, in a stable order."""
        reviews = [self.reviewed_mentions] if self.reviewed_mentions.exists() else []
        data = [*self.ontology, self.shapes, *self.curated, *reviews]
        data += [*self.event_data, *self.links]
        data += sorted(p for p in self.seeds.iterdir() if p.is_file())
        return data + sorted(CODE_DIR.rglob("*.py"))


def input_digest(sources: Sources) -> tuple[str, dict[str, str]]:
    """A short id for the inputs (files, code, library versions) and each file's SHA-256."""
    hashes = {}
    for path in sources.files():
        key = str(
            path.relative_to(
                sources.project if path.is_relative_to(sources.project) else CODE_DIR.parent
            )
        )
        hashes[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    overall = hashlib.sha256()
    for key, digest in sorted(hashes.items()):
        overall.update(f"{key}\0{digest}\n".encode())
    for lib in LIBRARIES:
        overall.update(f"{lib}=={version(lib)}\n".encode())
    return overall.hexdigest()[:16], hashes


@dataclass
class BuildResult:
    """What a build did: its id, triple counts per graph, seconds per phase."""

    build_id: str
    counts: dict[str, int] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False


@contextmanager
def phase(result: BuildResult, name: str) -> Iterator[dict[str, int]]:
    """Time one phase of the build into `result.phases`; the phase may fill in its counts.

    The start and end are logged with `extra` fields (`phase`, `seconds`,
    `counts`) for the command line's display.
    """
    counts: dict[str, int] = {}
    logger.debug("%s ...", name, extra={"phase": name})
    start = time.perf_counter()
    yield counts
    result.phases[name] = round(time.perf_counter() - start, 3)
    extra = {"phase": name, "seconds": result.phases[name], "counts": counts}
    logger.info("%s: %.2f s %s", name, result.phases[name], counts, extra=extra)


def counted(items: Iterable, label: str, total: int, every: int = 50_000) -> Iterator:
    """The items, a progress record logged every `every` of them (`extra`: progress)."""
    for done, item in enumerate(items, 1):
        if done % every == 0 or done == total:
            logger.debug("%s %d/%d", label, done, total, extra={"progress": (label, done, total)})
        yield item


def is_stale(project: Path, store: Path) -> bool:
    """Whether the store is missing or was built from other inputs."""
    manifest = stores.read_manifest(store)
    return manifest is None or manifest.get("id") != input_digest(Sources(project))[0]


@dataclass
class Assembly:
    """The graphs of a project before reasoning, and the SHACL shapes."""

    ontology: Graph
    shapes: Graph
    data: Graph
    links: Graph
    seeds: list[Seed] = field(default_factory=list)
    reviewed: list[ReviewedMention] = field(default_factory=list)


def assemble(sources: Sources, result: BuildResult) -> Assembly:
    """Parse every input and run the extraction (phases parse and extract)."""
    with phase(result, "parse") as counts:
        seeds = load_seeds(sources.seeds)
        ontology = parse_turtle_files(sources.ontology)
        shapes = parse_turtle(sources.shapes)
        curated = curated_graph(sources.curated, seeds)
        event_data = curated_graph(sources.event_data, seeds)
        links = parse_turtle_files(sources.links)
        reviewed = load_review(sources.reviewed_mentions, {s.path.name: s.text for s in seeds})
        queries = load_queries(sources.project / "queries")  # a broken one fails here
        counts.update(seeds=len(seeds), triples=len(ontology) + len(curated) + len(links))
        counts.update(queries=len(queries))
    with phase(result, "extract") as counts:
        extraction = extract(seeds, curated + ontology, reviewed)
        result.warnings.extend(extraction.warnings)
        data = curated + extraction.graph + event_data
        for seed in seeds:
            data += describe_seed(seed)
        data += signing_dates(data)
        data += temporal_graph(data, ontology)
        data = as_stored(data)  # validated, reasoned and published in the one stored form
        counts.update(triples=len(data), warnings=len(extraction.warnings))
    return Assembly(ontology, shapes, data, links, seeds, reviewed)


def check(assembly: Assembly, result: BuildResult) -> ValidationReport:
    """Validate the data graph against the shapes (phase validate)."""
    with phase(result, "validate") as counts:
        report = validate(assembly.data, assembly.shapes, assembly.ontology)
        counts.update(triples=len(assembly.data))
        return report


def build(project: Path, store: Path) -> BuildResult:
    """Build the store of a project; the previous store stays in use on failure.

    :raises BuildError: on invalid input (syntax, quotes, shapes), naming the place.
    """
    sources = Sources(project)
    build_id, hashes = input_digest(sources)
    result = BuildResult(build_id)
    assembly = assemble(sources, result)
    report = check(assembly, result)
    if not report.conforms:
        raise BuildError(f"{sources.shapes}: the data does not conform.\n{report.summary()}")
    with phase(result, "reason") as counts:
        reasoning = reason(assembly.ontology, assembly.data)
        counts.update(inferred=len(reasoning.inferred))
    with phase(result, "explain") as counts:
        explanations = explain_all(reasoning, assembly.ontology, assembly.data)
        counts.update(triples=len(explanations))
    graphs = {
        "ontology": assembly.ontology,
        "data": assembly.data,
        "inferred": reasoning.inferred,
        "links": assembly.links,
        "explanations": explanations,
    }
    with phase(result, "load") as counts:
        write_build(store, graphs, hashes, result, assembly)
        counts.update(quads=sum(result.counts.values()))
    return result


def write_build(
    store: Path, graphs: dict, hashes: dict, result: BuildResult, assembly: Assembly
) -> None:
    """Load the store, its dumps and mention coverage into a private folder, then publish it.

    :raises BuildError: when the disk is full or read-only, naming the store;
        the partial folder is removed and the previous store stays in use.
    """
    partial = None
    try:
        partial = stores.new_build_dir(store, result.build_id)
        load_store(partial / "store", graphs)
        result.counts = {name: len(graph) for name, graph in graphs.items()}
        dumps = write_dumps(partial / "store", partial / "dumps")
        write_coverage(partial / "store", partial / stores.COVERAGE, assembly)
        stores.write_json(
            partial / stores.MANIFEST,
            {
                "id": result.build_id,
                "inputs": hashes,
                "counts": result.counts,
                "phases": result.phases,
                "dumps": dumps,
                "warnings": result.warnings,
            },
        )
        stores.publish(store, partial, result.build_id)
    except OSError as exc:
        if partial is not None:
            shutil.rmtree(partial, ignore_errors=True)
        raise BuildError(
            f"{store}: cannot write the build: {exc}; the previous store (if any) is still in use"
        ) from exc


def write_coverage(store_path: Path, out: Path, assembly: Assembly) -> None:
    """The mention coverage of the stored graph, as `bilateral coverage --format json` prints it.

    Computed here, from the store as published, so the server shows the same
    figures without querying for them on a request.
    """
    store = ox.Store.read_only(str(store_path))
    reports = coverage.seed_coverage(store, assembly.seeds, assembly.reviewed)
    stores.write_text(out, coverage.to_json(reports) + "\n")
    del store
    gc.collect()


def curated_graph(paths: list[Path], seeds: list[Seed]) -> Graph:
    """The curated Turtle, each file's evidence quotes anchored to passages."""
    union = Graph()
    for path in paths:
        union += anchor_quotes(parse_turtle(path), seeds, path)
    return union


def load_store(path: Path, graphs: dict) -> None:
    """Write the named graphs into a new on-disk store."""
    store = ox.Store(str(path))
    total = sum(len(graph) for graph in graphs.values())
    every = (quads(graph, GRAPHS[name]) for name, graph in graphs.items())
    store.bulk_extend(counted(chain.from_iterable(every), "quads", total))
    store.flush()
    store.optimize()
    del store
    gc.collect()  # closes the RocksDB handle before the folder is renamed


def write_dumps(store_path: Path, out: Path) -> dict[str, dict]:
    """Dump the dataset (every graph in N-Quads; the default union's graphs in TriG and
    JSON-LD), each graph of the union (Turtle, N-Triples, JSON-LD) and the event table.

    The explanations (over ten times the data) are in dataset.nq only, the dump
    for loading a store: writing them in three formats took most of the load phase.
    """
    out.mkdir()
    store = ox.Store.read_only(str(store_path))
    store.dump(str(out / "dataset.nq"), format=DUMPS["nq"])
    for ext in ("trig", "jsonld"):
        published = chain.from_iterable(
            store.quads_for_pattern(None, None, None, ox.NamedNode(str(GRAPHS[name])))
            for name in UNION
        )
        kwargs = {"prefixes": PREFIXES} if ext == "trig" else {}
        ox.serialize(published, str(out / f"dataset.{ext}"), format=DUMPS[ext], **kwargs)
    targets = [
        (f"{name}.{ext}", DUMPS[ext], ox.NamedNode(str(GRAPHS[name])))
        for name in UNION
        for ext in ("ttl", "nt", "jsonld")
    ]
    for filename, fmt, graph in targets:
        kwargs = {"prefixes": PREFIXES} if fmt == ox.RdfFormat.TURTLE else {}
        store.dump(str(out / filename), format=fmt, from_graph=graph, **kwargs)
    (out / EVENT_TABLE).write_bytes(eventtable.to_csv(store))
    dataset = [f"dataset.{ext}" for ext in ("trig", "nq", "jsonld")]
    listing = {}
    for filename in dataset + [name for name, _fmt, _graph in targets] + [EVENT_TABLE]:
        data = (out / filename).read_bytes()
        listing[filename] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    del store
    gc.collect()
    return listing
