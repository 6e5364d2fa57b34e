"""`bilateral push --bulk`: the build's N-Quads dump through Oxigraph's and Virtuoso's loaders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from virtuoso_server import DBA, virtuoso

from bilateral.graph.namespaces import GRAPHS
from bilateral.graph.store import build_dir

BILATERAL = str(Path(sys.executable).with_name("bilateral"))


def push(built_store: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BILATERAL, "push", "--store", str(built_store), *options],
        capture_output=True,
        text=True,
        timeout=600,
    )


def assert_all_counts_agree(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(" ok") == len(GRAPHS) and "DIFFERS" not in done.stdout


def test_oxigraph_load_into_a_database_folder(built_store, tmp_path):
    target = str(tmp_path / "oxigraph")
    assert_all_counts_agree(push(built_store, "--bulk", "oxigraph", "--to", target))
    assert_all_counts_agree(push(built_store, "--bulk", "oxigraph", "--to", target))


def test_virtuoso_bulk_loader_replaces_our_graphs(built_store, tmp_path):
    dumps = build_dir(built_store) / "dumps"
    with virtuoso(tmp_path / "virtuoso", dumps=dumps) as server:
        stale = "https://w3id.org/bilateral/resource/Stale"
        graph = "https://w3id.org/bilateral/graph/data"
        server.isql(f"SPARQL INSERT DATA {{ GRAPH <{graph}> {{ <{stale}> a <{stale}> }} }}")
        options = ["--bulk", "virtuoso", "--to", server.sql, "--user", DBA[0], "--password"]
        options += [DBA[1], "--query-endpoint", server.base + "/sparql"]
        assert_all_counts_agree(push(built_store, *options))  # the stale triple is gone
        assert_all_counts_agree(push(built_store, *options))


def test_bulk_errors_name_the_cause(built_store, tmp_path):
    done = push(built_store, "--bulk", "virtuoso", "--to", "127.0.0.1:1", "--user", "dba")
    assert done.returncode == 1 and "--query-endpoint" in done.stderr
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    done = push(built_store, "--bulk", "oxigraph", "--to", str(not_a_folder))
    assert done.returncode == 1 and "oxigraph update failed" in done.stderr
