"""Fixtures shared by every tier: the project folder and one real build of it."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project_dir() -> Path:
    """The project's own folder: ontology/, graph/, seeds/, queries/."""
    return PROJECT


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real graph built once per test run from seeds/, into a private store.

    Returns the store path and the `BuildResult`.
    """
    from bilateral.graph.build import build

    store = tmp_path_factory.mktemp("build") / "store"
    return store, build(PROJECT, store)


@pytest.fixture(scope="session")
def built_store(built) -> Path:
    """The path of the store built from the project's own inputs."""
    return built[0]


@pytest.fixture(scope="session")
def project_server(built_store, tmp_path_factory):
    """The base URL of the real server (granian) on 127.0.0.1 serving the project's build."""
    yield from _serve(built_store, PROJECT, tmp_path_factory.mktemp("project-server"))


@pytest.fixture(scope="session")
def coverage_report(built_store) -> dict:
    """The one document `bilateral coverage --format json` prints for the project's build."""
    return _coverage(built_store, PROJECT)


@pytest.fixture(scope="session")
def unreviewed(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the project without its first reviewed exclusion, built: (project, store).

    The project's own build resolves or excludes every mention; this one leaves
    the dropped exclusion's mention unresolved, as a next article would before review.
    """
    import shutil

    from bilateral.graph.build import build

    root = tmp_path_factory.mktemp("unreviewed")
    project = root / "project"
    for part in ("ontology", "graph", "seeds", "queries"):
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(PROJECT / part, project / part, ignore=ignore)
    review = project / "graph" / "curated" / "mentions.toml"
    text = review.read_text(encoding="utf-8")
    first = text.index("[[exclusion]]")
    review.write_text(text[:first] + text[text.index("[[", first + 1) :], encoding="utf-8")
    build(project, root / "store")
    return project, root / "store"


@pytest.fixture(scope="session")
def unreviewed_server(unreviewed, tmp_path_factory):
    """The base URL of the real server over the `unreviewed` build."""
    project, store = unreviewed
    yield from _serve(store, project, tmp_path_factory.mktemp("unreviewed-server"))


@pytest.fixture(scope="session")
def unreviewed_report(unreviewed) -> dict:
    """What `bilateral coverage --format json` prints for the `unreviewed` build."""
    project, store = unreviewed
    return _coverage(store, project)


def _serve(store: Path, project: Path, folder: Path):
    from loopback import start_bilateral, stop

    process, url = start_bilateral(store, folder / "server.log", workers=1, project=project)
    try:
        yield url
    finally:
        stop(process)


def _coverage(store: Path, project: Path) -> dict:
    import json
    import subprocess
    import sys

    bilateral = str(Path(sys.executable).with_name("bilateral"))
    command = [bilateral, "coverage", "--format", "json", "--store", str(store)]
    done = subprocess.run(
        [*command, "--project", str(project)], capture_output=True, text=True, check=True
    )
    (document,) = json.loads(done.stdout)["documents"]
    return document


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/*.json from the current results (`make golden`).",
    )


FIXTURES = PROJECT / "tests" / "fixtures"


def lay_out_store(root: Path, sources: list[tuple[Path, str | None]], build_id: str) -> Path:
    """Load RDF files into a store laid out as `bilateral build` does; returns the link.

    Each source is (file, graph IRI or None to keep the file's own graphs).
    `root/store` links to `root/store.builds/<id>/store`, with manifest.json beside it.
    """
    import json

    import pyoxigraph as ox

    build = root / "store.builds" / build_id
    (build / "dumps").mkdir(parents=True)
    store = ox.Store(str(build / "store"))
    for path, graph in sources:
        to_graph = ox.NamedNode(graph) if graph else None
        store.bulk_load(path=str(path), to_graph=to_graph, base_iri=path.as_uri())
    counts: dict[str, int] = {}
    for quad in store:
        iri = getattr(quad.graph_name, "value", "")
        name = iri.rsplit("/", 1)[-1] if iri else "default"
        counts[name] = counts.get(name, 0) + 1
    store.flush()
    del store
    (build / "dumps" / "dataset.trig").write_text("", encoding="utf-8")
    manifest = {"id": build_id, "counts": counts, "dumps": {"dataset.trig": {"bytes": 0}}}
    (build / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    link = root / "store"
    link.symlink_to(build / "store")
    return link


@pytest.fixture(scope="session")
def small_store(tmp_path_factory) -> Path:
    """The endpoint's fixture dataset (tests/fixtures/server/dataset.trig) as a built store."""
    root = tmp_path_factory.mktemp("small")
    return lay_out_store(root, [(FIXTURES / "server" / "dataset.trig", None)], "fixture01")


@pytest.fixture(scope="session")
def make_store():
    """`lay_out_store` as a fixture, for test modules (tests/ is not a package)."""
    return lay_out_store
