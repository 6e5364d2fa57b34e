"""Helpers of the fault tests: a small project that builds in about two seconds.

The project has the real ontology and shapes, the fixture article as its only
seed and no curated data; `set_links` toggles a one-triple links file, so two
input sets (two build ids, two sets of counts) alternate. (A module of its own:
test files cannot import from `conftest`, a name every test folder shares.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from bilateral.graph.namespaces import GRAPHS

PROJECT = Path(__file__).resolve().parents[2]
LINKS = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
<https://w3id.org/bilateral/resource/Fixture> owl:sameAs <http://www.wikidata.org/entity/Q1> .
"""


def set_links(project: Path, present: bool) -> None:
    """Add or remove the links file (changes the build id and the links count)."""
    path = project / "graph" / "links" / "fixture.ttl"
    if present:
        path.write_text(LINKS, encoding="utf-8")
    else:
        path.unlink(missing_ok=True)


def counts_in(store: Path) -> dict[str, int]:
    """Triples per named graph, counted by querying the store read-only."""
    db = ox.Store.read_only(str(store.resolve()))
    rows = db.query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    counts = {row["g"].value.rsplit("/", 1)[-1]: int(row["n"].value) for row in rows}
    del db
    return {name: counts.get(name, 0) for name in GRAPHS}


def copy_small_project(project: Path) -> Path:
    """Lay out the small project at `project`."""
    shutil.copytree(PROJECT / "ontology", project / "ontology")
    (project / "graph" / "curated").mkdir(parents=True)
    (project / "graph" / "links").mkdir()
    (project / "seeds").mkdir()
    for path in (PROJECT / "tests" / "fixtures" / "seed").iterdir():
        shutil.copy(path, project / "seeds" / path.name)
    return project
