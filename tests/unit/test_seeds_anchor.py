"""Seeds are pinned by hash; evidence quotes anchor to exact offsets or fail loudly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD

from bilateral.graph.anchor import AnchorError, anchor_quotes, locate
from bilateral.graph.namespaces import BL, OA
from bilateral.graph.seeds import SeedError, describe_seed, load_seeds

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "seed"
SUBJECT = URIRef("https://w3id.org/bilateral/resource/Test_Event")


@pytest.fixture
def seeds():
    return load_seeds(FIXTURE)


def test_seed_loads_with_metadata(seeds):
    (seed,) = seeds
    assert seed.meta["author"] == "Test Author"
    assert seed.text.startswith("Title line")
    doc = describe_seed(seed)
    assert (seed.iri, BL.sha256, Literal(seed.sha256)) in doc


def test_changed_seed_is_refused(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "seeds")
    article = tmp_path / "seeds" / "article.txt"
    article.write_text(article.read_text() + "one more line\n")
    with pytest.raises(SeedError, match="SHA-256 .* passage offsets depend"):
        load_seeds(tmp_path / "seeds")


def test_folder_without_metadata_is_refused(tmp_path):
    with pytest.raises(SeedError, match="no seed metadata"):
        load_seeds(tmp_path)


def test_locate_finds_unique_quote(seeds):
    seed, start = locate("Xi in Shanghai", seeds)
    assert seed.text[start : start + len("Xi in Shanghai")] == "Xi in Shanghai"


def test_markdown_escapes_and_page_breaks_count_as_written(seeds):
    quote = "\\$400 billion paragraph, with a page\n\nbreak"
    seed, start = locate(quote, seeds)
    assert seed.text.index("\\$400") == start


@pytest.mark.parametrize(
    ("quote", "message"),
    [("Medvedev", "not found"), ("Putin", "occurs 2 times")],
)
def test_missing_or_ambiguous_quote_fails(seeds, quote, message):
    with pytest.raises(AnchorError, match=message):
        locate(quote, seeds)


def test_anchor_replaces_quote_by_passage(seeds):
    graph = Graph()
    graph.add((SUBJECT, BL.evidence, Literal("met Xi in Shanghai on May 20")))
    anchor_quotes(graph, seeds)
    (passage,) = graph.objects(SUBJECT, BL.evidence)
    start = int(graph.value(passage, OA.start))
    end = int(graph.value(passage, OA.end))
    assert seeds[0].text[start:end] == str(graph.value(passage, OA.exact))
    assert graph.value(passage, OA.start).datatype == XSD.integer  # as the store holds it
    assert graph.value(passage, PROV.wasQuotedFrom) == seeds[0].iri
    assert (SUBJECT, PROV.wasDerivedFrom, None) not in graph
    assert not any(isinstance(o, Literal) for o in graph.objects(SUBJECT, BL.evidence))


def test_anchor_error_names_file_and_line(seeds, tmp_path):
    source = tmp_path / "bad.ttl"
    source.write_text(
        "PREFIX bl: <https://w3id.org/bilateral/ontology#>\n\n"
        '<x:e> bl:evidence "Medvedev spoke" .\n'
    )
    graph = Graph().parse(source)
    with pytest.raises(AnchorError, match=r"bad\.ttl:3: quote not found"):
        anchor_quotes(graph, seeds, source)
