"""The chronology: entries across page breaks, event classes, roles, one node per event."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from bilateral.graph.chronology import (
    assign_roles,
    chronology_graph,
    classify,
    entry_label,
    find_chronology,
)
from bilateral.graph.extract import extract
from bilateral.graph.namespaces import BL, BLR, OA
from bilateral.graph.recognise import LabelIndex
from bilateral.graph.seeds import Seed, read_seed

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def load(path: Path, slug: str) -> Seed:
    return read_seed(path, {"slug": slug})


@pytest.fixture
def seed() -> Seed:
    return load(ARTICLES / "fixture-2015-sept-dec.txt", "Fixture_Article")


@pytest.fixture
def known() -> Graph:
    return Graph().parse(ARTICLES / "known.ttl")


def test_entries_span_page_breaks_and_skip_the_subtitle(seed):
    chronology = find_chronology(seed.text)
    assert chronology.title == "China-Russia Relations"
    assert [e.dates.text for e in chronology.entries] == [
        "Sept. 3, 2015", "Sept. 10-12, 2015", "Aug. 20-28, 2015", "Oct. 14, 2015",
        "Nov. 29-Dec. 2, 2015", "Dec. 5, 2015", "Dec. 20, 2015",
    ]  # fmt: skip
    split = chronology.entries[4]
    assert split.text.endswith("a draft plan of joint\n\nmeasures against the Zorblax Group.")
    assert (split.dates.start.isoformat(), split.dates.end.isoformat()) == (
        "2015-11-29",
        "2015-12-02",
    )
    for entry in chronology.entries:
        assert seed.text[entry.start : entry.end] == entry.text
        assert entry.body == seed.text[entry.body_start : entry.end]


def test_no_chronology():
    assert find_chronology("Table 1: nothing\n\nMay 8, 2014: not in a chronology.") is None


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("Igor Shuvalov visits Beijing and meets Vice Premier Zhang Gaoli.", BL.Visit),
        (
            "Lavrov speaks by telephone to Chinese counterpart Wang Yi. They meet later.",
            BL.PhoneCall,
        ),
        ("Wang Yang and Dmitry Rogozin chair the Regular Prime Ministers Meetings.", BL.Meeting),
        ("Zhang Gaoli visits Russia to co-chair the 11th Meeting.", BL.Visit),
        ("Presidents Putin and Xi meet on the sidelines of the sixth BRICS Summit.", BL.Meeting),
        ("Russia and China veto a draft resolution.", BL.UNVeto),
        ("China and Russia hold the *Joint Sea-2014* naval exercise.", BL.NavalExercise),
        ("SCO stages its Peace Mission-2014 anti-terrorist military drill.", BL.MilitaryExercise),
        ("Three Chinese jets participate in Russia's aviators' race.", BL.Competition),
        ("Annual SCO Foreign Ministers Meeting is held in Dushanbe.", BL.Meeting),
        ("Ivan Melnikov leads a group of parliamentarians on a visit to China.", BL.Visit),
        (
            "Xi visits Mongolia and voices support for a proposal to hold a trilateral summit.",
            BL.Visit,
        ),
        ("The leaders hold a summit in Sochi.", BL.Summit),
        ("Gen. Valery Gerasimov visits Beijing. He attends a drill.", BL.Visit),
        ("Putin pays a state visit to China and meets Xi.", BL.StateVisit),
    ],
)
def test_classify(text, cls):
    assert classify(text) == cls


def test_roles(known):
    index = LabelIndex.from_graph(known)
    body = (
        "Russian Chief of the General Staff Gen. Valery Gerasimov travels to Beijing and meets "
        "Fang Fenghui in Fortaleza, Brazil. They discuss Syria and Russia’s Qingdao plans."
    )
    roles = assign_roles(body, index.find_mentions(body), index)
    assert roles.participant == (BLR.Valery_Gerasimov, BLR.Fang_Fenghui)
    assert roles.location == (BLR.Beijing, BLR.Fortaleza, BLR.Brazil)
    # What follows "discuss" is a topic, owners and places included.
    assert roles.concerns == (BLR.Syria, BLR.Russia, BLR.Qingdao)


def test_organization_subject_is_participant_title_is_not(known):
    index = LabelIndex.from_graph(known)
    body = "SCO holds a meeting with Wang Yi. SCO Secretary Wang Yi meets Putin."
    roles = assign_roles(body, index.find_mentions(body), index)
    assert roles.participant == (
        BLR.Shanghai_Cooperation_Organization,
        BLR.Wang_Yi,
        BLR.Vladimir_Putin,
    )
    body = "Foreign Minister Wang Yi meets the SCO Secretary Xi Jinping."
    roles = assign_roles(body, index.find_mentions(body), index)
    assert BLR.Shanghai_Cooperation_Organization not in roles.participant + roles.concerns


def test_entry_label_is_short():
    assert entry_label("A *short* opening. Then more.") == "A short opening"
    long_label = entry_label("word " * 40)
    assert len(long_label) <= 90 and long_label.endswith("word")
    sentence = "Patrushev travels to Beijing for the first meeting of a mechanism " * 2
    label = entry_label(sentence)
    assert len(label) <= 90 and not label.endswith(("…", "...", " of", " for", ","))
    assert sentence.startswith(label)


def test_chronology_graph_reuses_and_mints(seed, known):
    index = LabelIndex.from_graph(known)
    graph, warnings = chronology_graph(find_chronology(seed.text), seed, index, known)
    # Same day and a shared participant: the curated state visit gets the entry's facts.
    visit = BLR.Putin_Visit_to_China_2015
    assert (visit, BL.participant, BLR.Xi_Jinping) in graph
    assert (visit, BL.location, BLR.Beijing) in graph
    assert graph.value(visit, BL.dateText) == Literal("Sept. 3, 2015")
    assert (visit, RDF.type, BL.Visit) not in graph  # a StateVisit already
    assert (visit, RDFS.label, None) not in graph  # the curated label stays the only one
    # The sidelines meeting is a new node under the same-day summit.
    meeting = BLR["2015-10-14_Meeting_Vladimir_Putin"]
    assert (meeting, RDF.type, BL.Meeting) in graph
    assert (meeting, BL.subEventOf, BLR.Test_Summit_2015) in graph
    assert set(graph.objects(meeting, BL.participant)) == {BLR.Vladimir_Putin, BLR.Xi_Jinping}
    call = BLR["2015-09-10_PhoneCall_Sergey_Lavrov"]
    assert graph.value(call, BL.endDate) == Literal("2015-09-12", datatype=XSD.date)
    assert graph.value(call, BL.chronologyEntry) == Literal(2)
    assert graph.value(call, RDFS.label) == Literal(
        "Foreign Minister Sergei Lavrov speaks by telephone to Chinese counterpart Wang Yi",
        lang="en",
    )
    assert (call, BL.concerns, BLR.Syria) in graph
    passage = graph.value(BLR["2015-11-29_Visit_Valery_Gerasimov"], BL.evidence)
    assert str(graph.value(passage, OA.exact)).endswith(
        "joint\n\nmeasures against the Zorblax Group."
    )
    assert any("unmatched name 'Zorblax Group'" in w for w in warnings)
    assert any("unmatched name 'Testing Cup'" in w for w in warnings)
    assert (BLR["2015-12-20_Competition_Lipetsk"], BL.location, BLR.Lipetsk) in graph


def test_extract_lets_the_chronology_reuse_table_exercises(seed, known):
    extraction = extract([seed], known)
    graph = extraction.graph
    sea = BLR["Joint_Sea-2015"]
    assert graph.value(sea, BL.tableRow) == Literal(2)
    assert graph.value(sea, BL.chronologyEntry) == Literal(3)
    assert set(graph.objects(sea, BL.dateText)) == {
        Literal("Aug. 20-28"),
        Literal("Aug. 20-28, 2015"),
    }
    assert len(set(graph.objects(sea, BL.evidence))) == 2
    assert set(graph.subjects(BL.startDate, Literal("2015-08-20", datatype=XSD.date))) == {sea}
    assert any("Table 2 is not an exercise table" in w for w in extraction.warnings)
    events = {
        s for s in graph.subjects(BL.chronologyEntry, None) if (s, BL.framework, None) not in graph
    }
    assert len(events) == 6  # seven entries, one of them the Joint Sea-2015 exercise


def test_extract_without_structured_parts(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Just prose, no table, no chronology.\n", encoding="utf-8")
    extraction = extract([load(path, "Plain")], Graph())
    assert len(extraction.graph) == 0 and extraction.warnings == []
