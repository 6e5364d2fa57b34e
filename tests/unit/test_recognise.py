"""The label index: longest match first, word boundaries, case, ambiguity, unmatched names."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from bilateral.graph.namespaces import BL, BLR
from bilateral.graph.recognise import LabelIndex, Mention, unmatched_names

KNOWN = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "known.ttl"


@pytest.fixture
def index() -> LabelIndex:
    return LabelIndex.from_graph(Graph().parse(KNOWN))


def spans(index: LabelIndex, text: str) -> list[tuple[str, str]]:
    return [(m.label, m.iri.removeprefix(str(BLR))) for m in index.find_mentions(text)]


def test_longest_label_wins(index):
    assert spans(index, "Zhurihe Drill Base, China") == [
        ("Zhurihe Drill Base", "Zhurihe_Training_Base"),
        ("China", "China"),
    ]


def test_overlapping_labels_of_one_resource_merge(index):
    # "President Xi" and "Xi Jinping" both name Xi: one mention of the whole span.
    assert spans(index, "President Xi Jinping visits Beijing") == [
        ("President Xi Jinping", "Xi_Jinping"),
        ("Beijing", "Beijing"),
    ]


def test_word_boundaries_and_case(index):
    # "Chinese" is not "China", "Xian" not "Xi", "china" not "China",
    # and "China-Russia" names neither of its parts.
    assert spans(index, "Chinese Xian china China-Russia ties") == []
    assert spans(index, "Russia’s navy, *Putin*.") == [
        ("Russia", "Russia"),
        ("Putin", "Vladimir_Putin"),
    ]


def test_types_are_closed_under_subclass(index):
    assert index.is_a(BLR.China, BL.Place) and index.is_a(BLR.China, BL.Actor)
    assert index.is_a(BLR.Putin_Visit_to_China_2015, BL.Event)
    assert not index.is_a(BLR.Beijing, BL.Actor)


def test_only_resources_are_indexed(index):
    # Class labels ("meeting") and passages are no mentions.
    assert index.lookup("meeting") is None
    graph = Graph()
    graph.add((BLR.Passage_X_1_5, RDF.type, BL.Passage))
    graph.add((BLR.Passage_X_1_5, RDFS.label, Literal("Beijing")))
    assert LabelIndex.from_graph(graph).find_mentions("Beijing") == []


def test_ambiguous_label_has_no_iri():
    graph = Graph()
    for slug in ("Communist_Party_of_China", "Communist_Party_of_the_Russian_Federation"):
        graph.add((BLR[slug], SKOS.hiddenLabel, Literal("Communist Party", lang="en")))
    (mention,) = LabelIndex.from_graph(graph).find_mentions("Ivan Melnikov (Communist Party)")
    assert mention.iri is None and len(mention.candidates) == 2
    assert LabelIndex.from_graph(graph).lookup("Communist Party") is None


def test_unmatched_names_skip_titles_and_sentence_openers(index):
    text = (
        "Russian Chief of the General Staff Gen. Valery Gerasimov attends the SCO Meeting "
        "of General Staff Chiefs. Pilots from Vostok-2014 meet the Zorblax Group."
    )
    names = [name for _, _, name in unmatched_names(text, index.find_mentions(text))]
    assert names == ["Meeting of General Staff Chiefs", "Vostok-2014", "Zorblax Group"]


def test_unmatched_names_offsets_point_into_the_text():
    text = "They meet Li Jie in Xian."
    found = unmatched_names(text, [Mention(0, 0, None, "")])
    assert [(text[a:b], name) for a, b, name in found] == [("Li Jie", "Li Jie"), ("Xian", "Xian")]


def test_compounds_of_known_labels_are_not_unmatched():
    text = "The China-Russia strategic consultation with Sino-Xian partners."
    assert unmatched_names(text, [], {"China", "Russia"}) == [(45, 54, "Sino-Xian")]
