"""The search index: tokens, ranking, every-word matching and prefixes."""

from __future__ import annotations

from bilateral.server.search import SearchIndex, tokens

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


def index() -> SearchIndex:
    idx = SearchIndex()
    idx.add_name("r:Putin", LABEL, "Vladimir Putin")
    idx.add_name("r:Putin_visit", LABEL, "Putin's state visit to China")
    idx.add_name("r:Lavrov", LABEL, "Sergey Lavrov")
    idx.add_name("r:Lavrov", ALT, "Sergei Lavrov")
    idx.add_passage("p:1", "President Putin's state visit to China in late May", 300)
    return idx.freeze()


def test_tokens_fold_case_and_accents():
    assert tokens("São PAULO, Putin's") == ["sao", "paulo", "putin", "s"]


def test_exact_name_ranks_first():
    hits = [d.iri for d, _ in index().search("vladimir putin")]
    assert hits == ["r:Putin"]


def test_label_outranks_passage():
    hits = [(d.kind, d.iri) for d, _ in index().search("state visit")]
    assert hits == [("resource", "r:Putin_visit"), ("passage", "p:1")]


def test_alias_finds_the_same_resource_once():
    hits = [d.iri for d, _ in index().search("sergei")]
    assert hits == ["r:Lavrov"]


def test_last_word_is_a_prefix():
    assert [d.iri for d, _ in index().search("lavr")] == ["r:Lavrov"]


def test_every_word_must_match():
    assert index().search("putin lavrov") == []


def test_one_letter_is_not_expanded():
    assert index().search("v") == []


def test_passage_keeps_its_offset():
    (doc, _), *_ = [h for h in index().search("late may") if h[0].kind == "passage"]
    assert doc.start == 300
