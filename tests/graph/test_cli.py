"""The `bilateral` command end to end, in subprocesses, on a copy of the project."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bilateral.graph.store import read_manifest

BILATERAL = str(Path(sys.executable).with_name("bilateral"))
ROOT = Path(__file__).resolve().parents[2]


def bilateral(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([BILATERAL, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project's inputs, built once with the command line."""
    copy = tmp_path_factory.mktemp("project")
    for folder in ("ontology", "seeds", "queries"):
        shutil.copytree(ROOT / folder, copy / folder)
    for folder in ("curated", "links"):
        shutil.copytree(ROOT / "graph" / folder, copy / "graph" / folder)
    done = bilateral("build", cwd=copy)
    assert done.returncode == 0, done.stderr
    return copy


def test_build_prints_counts_per_graph(project):
    done = bilateral("build", cwd=project)
    assert done.returncode == 0, done.stderr
    for graph in ("ontology", "data", "inferred", "links"):
        assert f"  {graph}" in done.stdout
    assert "reason" in done.stdout and "validate" in done.stdout
    lines = done.stdout.split("\nbuild ", 1)[0].splitlines()  # one line per phase, then counts
    assert {"parse", "extract", "validate", "reason", "load"} <= {line.split()[0] for line in lines}
    assert all(" s " in line for line in lines)


def test_build_summarises_its_warnings_in_one_line(project):
    done = bilateral("build", cwd=project)
    manifest = read_manifest(project / "var" / "store")
    assert "WARNING" not in done.stderr
    if manifest["warnings"]:
        (line,) = done.stderr.splitlines()
        assert line.startswith(f"{len(manifest['warnings'])} warning")
        assert "bilateral build -v" in line and "manifest.json" in line


def test_build_if_stale_skips_unchanged_inputs(project):
    done = bilateral("build", "--if-stale", cwd=project)
    assert done.returncode == 0
    assert "up to date" in done.stderr
    assert done.stdout == ""


def test_query_table_and_scripts(project):
    ask = bilateral("query", "ASK { ?s ?p ?o }", cwd=project)
    assert ask.stdout.strip() == "true"
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/bilateral/ontology#Person> }"
    as_json = json.loads(bilateral("query", "--format", "json", text, cwd=project).stdout)
    assert int(as_json["results"]["bindings"][0]["n"]["value"]) > 20
    csv = bilateral("query", "--format", "csv", text, cwd=project).stdout.splitlines()
    assert csv[0] == "n"


def test_canned_query_by_name_with_parameter(project):
    done = bilateral(
        "query",
        "--format",
        "csv",
        "-p",
        "resource=blr:Vladimir_Putin",
        "evidence-of-a-resource",
        cwd=project,
    )
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()
    assert rows[0] == "resource,passage,start,end,exact"
    assert len(rows) > 1


def test_unknown_canned_query_lists_the_known_ones(project):
    done = bilateral("query", "no-such-query", cwd=project)
    assert done.returncode == 2
    assert "exercises-by-size" in done.stderr


def test_query_syntax_error_has_position(project):
    done = bilateral("query", "SELECT ?x WHERE { ?x ?y }", cwd=project)
    assert done.returncode == 1
    assert "query syntax error: error at 1:" in done.stderr
    assert "Traceback" not in done.stderr


def test_broken_turtle_fails_and_keeps_the_store(project):
    before = bilateral(
        "query", "--format", "json", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", cwd=project
    ).stdout
    broken = project / "graph" / "curated" / "zz-broken.ttl"
    broken.write_text(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        '<https://w3id.org/bilateral/resource/X> rdfs:label "unterminated .\n'
    )
    try:
        done = bilateral("build", cwd=project)
    finally:
        broken.unlink()
    assert done.returncode == 1
    assert "zz-broken.ttl:2:" in done.stderr
    assert "Traceback" not in done.stderr
    after = bilateral(
        "query", "--format", "json", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", cwd=project
    ).stdout
    assert after == before


def test_validate_reports_conformance(project):
    done = bilateral("validate", cwd=project)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "Conforms: True" in done.stdout


def test_store_option_and_environment(project, tmp_path):
    other = tmp_path / "elsewhere"
    assert bilateral("build", "--store", str(other), cwd=project).returncode == 0
    assert other.is_symlink()
    done = subprocess.run(
        [BILATERAL, "query", "ASK { ?s ?p ?o }"],
        cwd=tmp_path,
        env={"BILATERAL_STORE": str(other), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip() == "true", done.stderr
