"""Seed articles: the text as stored, its metadata, and its hash check."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from bilateral.graph.errors import InputError
from bilateral.graph.mint import resource
from bilateral.graph.namespaces import BL, SCHEMA


class SeedError(InputError):
    """A seed file or its metadata is missing, malformed or out of date."""


@dataclass(frozen=True)
class Seed:
    """One article: its text (decoded UTF-8, exactly as stored) and metadata."""

    path: Path
    text: str
    sha256: str
    meta: dict

    @property
    def iri(self):
        return resource(self.meta["slug"])


REQUIRED_KEYS = ("file", "slug", "title", "author", "journal", "sha256")


def load_seed(meta_path: Path) -> Seed:
    """Load the article a metadata file describes, checking its SHA-256.

    :raises SeedError: when metadata is malformed or the hash has changed.
    """
    try:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(f"{meta_path}: {exc}") from exc
    missing = [key for key in REQUIRED_KEYS if key not in meta]
    if missing:
        raise SeedError(f"{meta_path}: missing keys {', '.join(missing)}")
    path = meta_path.parent / meta["file"]
    if not path.is_file():
        raise SeedError(f"{meta_path}: the seed file {path.name} does not exist")
    seed = read_seed(path, meta)
    if seed.sha256 != meta["sha256"]:
        raise SeedError(
            f"{path}: SHA-256 is {seed.sha256} but {meta_path.name} says {meta['sha256']}; "
            "passage offsets depend on the exact bytes: update the metadata and "
            "re-check every quote"
        )
    return seed


def read_seed(path: Path, meta: dict) -> Seed:
    """An article file as stored, with its SHA-256; `meta` is taken unchecked."""
    data = path.read_bytes()
    return Seed(
        path=path, text=data.decode("utf-8"), sha256=hashlib.sha256(data).hexdigest(), meta=meta
    )


def load_seeds(seeds_dir: Path) -> list[Seed]:
    """Every seed of a folder, one per `*.toml` metadata file, sorted by name.

    :raises SeedError: when the folder has none.
    """
    seeds = [load_seed(p) for p in sorted(seeds_dir.glob("*.toml"))]
    if not seeds:
        raise SeedError(f"{seeds_dir}: no seed metadata (*.toml) found")
    return seeds


def describe_seed(seed: Seed) -> Graph:
    """The `bl:SourceDocument` triples of a seed."""
    graph = Graph()
    doc, meta = seed.iri, seed.meta
    graph.add((doc, RDF.type, BL.SourceDocument))
    graph.add((doc, RDFS.label, Literal(meta["title"], lang="en")))
    graph.add((doc, DCTERMS.title, Literal(meta["title"], lang="en")))
    graph.add((doc, DCTERMS.creator, Literal(meta["author"])))
    graph.add((doc, BL.sha256, Literal(seed.sha256)))
    graph.add((doc, SCHEMA.isPartOf, Literal(meta["journal"])))
    graph.add((doc, DCTERMS.source, Literal(seed.path.name)))
    if "affiliation" in meta:
        graph.add((doc, SCHEMA.sourceOrganization, Literal(meta["affiliation"])))
    if "language" in meta:
        graph.add((doc, DCTERMS.language, Literal(meta["language"])))
    for key, prop in (("period_start", BL.startDate), ("period_end", BL.endDate)):
        if isinstance(meta.get(key), date):
            graph.add((doc, prop, Literal(meta[key].isoformat(), datatype=XSD.date)))
    if "period_text" in meta:
        graph.add((doc, BL.dateText, Literal(meta["period_text"])))
    return graph
