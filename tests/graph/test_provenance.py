"""Every passage of the built graph is verbatim at its offsets, and every fact has one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from bilateral.graph.coverage import seed_coverage
from bilateral.graph.seeds import load_seeds
from bilateral.graph.store import open_store

PROJECT = Path(__file__).resolve().parents[2]
# The share of the article's dates, numbers, ordinals and names resolved to a graph
# term, as reached: `bilateral coverage --fail-under` holds the graph to it.
MENTIONS_RESOLVED = 100.0
MUST_CITE = ["Event", "Agreement", "Statement", "Quantity", "Person"]
PREFIXES = """
PREFIX bl: <https://w3id.org/bilateral/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


@pytest.fixture(scope="module")
def store(built_store) -> ox.Store:
    return open_store(built_store)


@pytest.fixture(scope="module")
def seeds():
    return load_seeds(PROJECT / "seeds")


def rows(store: ox.Store, query: str) -> list:
    return list(store.query(PREFIXES + query, use_default_graph_as_union=True))


def test_every_passage_is_verbatim_at_its_offsets(store, seeds):
    files = {str(seed.iri): seed.path for seed in seeds}
    passages = rows(
        store,
        "SELECT ?p ?exact ?start ?end ?doc WHERE { ?p a bl:Passage . "
        "OPTIONAL { ?p oa:exact ?exact } OPTIONAL { ?p oa:start ?start } "
        "OPTIONAL { ?p oa:end ?end } OPTIONAL { ?p dcterms:isPartOf ?doc } }",
    )
    assert len(passages) > 500
    texts = {doc: path.read_bytes().decode("utf-8") for doc, path in files.items()}
    wrong = []
    for row in passages:
        doc = row["doc"].value if row["doc"] is not None else None
        if doc not in texts or None in (row["exact"], row["start"], row["end"]):
            wrong.append(f"{row['p'].value}: incomplete or not part of a seed ({doc})")
            continue
        start, end = int(row["start"].value), int(row["end"].value)
        if texts[doc][start:end] != row["exact"].value:
            wrong.append(f"{row['p'].value}: [{start}, {end}) is not {row['exact'].value[:40]!r}")
    assert not wrong, "\n".join(wrong[:20])


def test_each_passage_has_one_source_document_with_the_files_hash(store, seeds):
    docs = rows(
        store,
        "SELECT ?doc (COUNT(DISTINCT ?p) AS ?n) (SAMPLE(?sha) AS ?hash) WHERE { "
        "?p a bl:Passage ; dcterms:isPartOf ?doc . "
        "?doc a bl:SourceDocument ; bl:sha256 ?sha } GROUP BY ?doc",
    )
    found = {row["doc"].value: row["hash"].value for row in docs}
    expected = {str(s.iri): hashlib.sha256(s.path.read_bytes()).hexdigest() for s in seeds}
    assert found == {doc: sha for doc, sha in expected.items() if doc in found}
    assert found, "no passage is part of a bl:SourceDocument"
    several = rows(
        store,
        "SELECT ?p WHERE { ?p a bl:Passage ; dcterms:isPartOf ?a, ?b . FILTER(?a != ?b) }",
    )
    assert not several


@pytest.mark.parametrize("cls", MUST_CITE)
def test_every_fact_resource_has_a_passage(store, cls):
    missing = rows(
        store,
        f"SELECT DISTINCT ?x WHERE {{ ?x a bl:{cls} . "
        "FILTER NOT EXISTS { ?x bl:evidence ?p . ?p a bl:Passage } } ORDER BY ?x",
    )
    assert not missing, f"bl:{cls} without evidence: " + ", ".join(r["x"].value for r in missing)


def test_the_classes_checked_have_instances(store):
    for cls in MUST_CITE:
        assert rows(store, f"SELECT ?x WHERE {{ ?x a bl:{cls} }} LIMIT 1"), cls


def test_every_fact_bearing_paragraph_is_cited(store, seeds):
    for report in seed_coverage(store, seeds):
        uncited = [
            f"¶{p.paragraph.number} @{p.paragraph.start}: {p.units[0].unit.text[:60]!r}"
            for p in report.uncited_paragraphs()
        ]
        assert report.totals()["paragraphs"] > 0
        assert not uncited, f"{report.document}: uncited paragraphs:\n" + "\n".join(uncited)


def test_coverage_command(built_store, small_store):
    import json

    from click.testing import CliRunner

    from bilateral.cli.commands import main

    runner = CliRunner()
    args = ["coverage", "--project", str(PROJECT)]
    full = runner.invoke(main, [*args, "--store", str(built_store), "--format", "json"])
    assert full.exit_code == 0, full.output
    (doc,) = json.loads(full.output)["documents"]
    assert doc["totals"]["paragraphs_cited"] == doc["totals"]["paragraphs"]
    mentions = doc["totals"]["mentions"]["all"]
    assert mentions["percent"] >= MENTIONS_RESOLVED, mentions
    unresolved = [m for m in doc["mentions"] if m["term"] is None and m["excluded"] is None]
    assert len(unresolved) == mentions["mentions"] - mentions["resolved"] - mentions["excluded"]
    table = runner.invoke(
        main, [*args, "--store", str(built_store), "--fail-under", str(MENTIONS_RESOLVED)]
    )
    assert table.exit_code == 0 and "fact-bearing sentences cited" in table.output
    assert "unresolved mentions" in table.output and "resolved (" in table.output
    sparse = runner.invoke(main, [*args, "--store", str(small_store), "--fail-under", "50"])
    assert sparse.exit_code == 1 and "mentions resolved, under 50.0%" in sparse.output
    gaps = runner.invoke(main, [*args, "--store", str(small_store), "--uncited"])
    assert "✓" not in gaps.output.replace("✓ ¶", "") and "✗" in gaps.output
