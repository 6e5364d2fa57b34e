"""The build on the real inputs: graphs, manifest, determinism, refusal of bad data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from direct import run

from bilateral.graph import store as stores
from bilateral.graph.build import BuildError, build, is_stale
from bilateral.graph.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def copy_project(target: Path) -> Path:
    for folder in ("ontology", "seeds", "queries"):
        shutil.copytree(ROOT / folder, target / folder)
    for folder in ("curated", "links"):
        shutil.copytree(ROOT / "graph" / folder, target / "graph" / folder)
    return target


def test_five_named_graphs_are_loaded(built):
    store, result = built
    assert set(result.counts) == {"ontology", "data", "inferred", "links", "explanations"}
    db = stores.open_store(store)
    for name, count in result.counts.items():
        graph = f"https://w3id.org/bilateral/graph/{name}"
        query = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        (row,) = run(db, query)
        assert int(row["n"].value) == count > 0


def test_inferred_holds_nothing_asserted(built_store):
    db = stores.open_store(built_store)
    query = """ASK {
        GRAPH <https://w3id.org/bilateral/graph/inferred> { ?s ?p ?o }
        GRAPH <https://w3id.org/bilateral/graph/data> { ?s ?p ?o } }"""
    assert not bool(run(db, query))


def test_manifest_records_inputs_and_dumps(built):
    store, result = built
    manifest = stores.read_manifest(store)
    assert manifest["id"] == result.build_id
    assert "seeds/china-russia-2014-may-aug.txt" in manifest["inputs"]
    assert "ontology/bilateral.ttl" in manifest["inputs"]
    assert {"dataset.trig", "dataset.nq", "data.ttl", "inferred.jsonld"} <= set(manifest["dumps"])
    dumps = stores.build_dir(store) / "dumps"
    for name, info in manifest["dumps"].items():
        assert (dumps / name).stat().st_size == info["bytes"]
    assert not is_stale(ROOT, store)


def test_two_builds_write_identical_dumps(built, tmp_path):
    store, _ = built
    again = tmp_path / "store"
    build(ROOT, again)
    first = stores.read_manifest(store)["dumps"]
    assert stores.read_manifest(again)["dumps"] == first


def test_data_breaking_a_shape_is_refused_and_the_store_kept(tmp_path):
    project = copy_project(tmp_path / "project")
    store = tmp_path / "store"
    good = build(project, store)
    (project / "graph" / "curated" / "zz-bad.ttl").write_text(
        "PREFIX bl: <https://w3id.org/bilateral/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "<https://w3id.org/bilateral/resource/Unquoted_Meeting> a bl:Meeting ;\n"
        '    rdfs:label "A meeting with no passage"@en .\n'
    )
    with pytest.raises(BuildError, match="does not conform") as error:
        build(project, store)
    assert "blr:Unquoted_Meeting" in str(error.value)
    assert stores.read_manifest(store)["id"] == good.build_id
    assert is_stale(project, store)


def test_broken_canned_query_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "queries" / "broken.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(InputError, match=r"broken\.rq:1: the header has no '# title:' line"):
        build(project, tmp_path / "store")


def test_explanations_are_dumped_in_nquads_only(built):
    store, _result = built
    dumps = stores.build_dir(store) / "dumps"
    explanations = "https://w3id.org/bilateral/graph/explanations"
    assert f"<{explanations}>" in (dumps / "dataset.nq").read_text(encoding="utf-8")
    for published in ("dataset.trig", "dataset.jsonld"):
        text = (dumps / published).read_text(encoding="utf-8")
        assert explanations not in text and "https://w3id.org/bilateral/graph/data" in text
