"""The curated military (Joint Sea-2014, Peace Mission-2014) and BRICS prose facts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from bilateral.graph.anchor import anchor_quotes
from bilateral.graph.namespaces import BL, BLR, OA
from bilateral.graph.seeds import load_seeds

PROJECT = Path(__file__).resolve().parents[2]
CURATED = PROJECT / "graph" / "curated"
FILES = ["military.ttl", "brics.ttl"]
BRICS_MEMBERS = {BLR[c] for c in ("Brazil", "Russia", "India", "China", "South_Africa")}
PUTIN, XI = BLR.Vladimir_Putin, BLR.Xi_Jinping


def parse(path: Path) -> Graph:
    """One Turtle file as a graph."""
    return Graph().parse(path, format="turtle")


@pytest.fixture(scope="module")
def seeds():
    return load_seeds(PROJECT / "seeds")


@pytest.fixture(scope="module")
def g() -> Graph:
    """The union of the two files, quotes not yet anchored."""
    union = Graph()
    for name in FILES:
        union += parse(CURATED / name)
    return union


def date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def figure_value(g: Graph, slug: str) -> Decimal:
    """The numeric value (or bound) of a figure, as a Decimal."""
    node = BLR[slug]
    assert (node, RDF.type, BL.Quantity) in g, slug
    value = (
        g.value(node, BL.numericValue) or g.value(node, BL.minValue) or g.value(node, BL.maxValue)
    )
    return Decimal(str(value))


def objects(g: Graph, subject: URIRef, prop: URIRef) -> set:
    return set(g.objects(subject, prop))


@pytest.mark.parametrize("name", FILES)
def test_every_quote_anchors_exactly_once(name, seeds):
    path = CURATED / name
    graph = parse(path)
    quotes = {str(o) for o in graph.objects(None, BL.evidence) if isinstance(o, Literal)}
    anchor_quotes(graph, seeds, path)
    exact = {str(graph.value(p, OA.exact)) for p in graph.subjects(RDF.type, BL.Passage)}
    assert quotes and exact == quotes


def test_every_resource_has_evidence_and_one_english_label(g):
    for subject in set(g.subjects(RDF.type, None)):
        assert (subject, BL.evidence, None) in g, subject
        labels = list(g.objects(subject, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "en", subject


def test_quotes_are_verbatim_words_of_the_article(g, seeds):
    text = seeds[0].text
    quotes = list(g.subject_objects(BL.quote))
    assert len(quotes) == 7
    assert all(str(q) in text for _, q in quotes)


def test_every_reference_is_described_in_a_curated_file(g):
    described = Graph()
    for path in sorted(CURATED.glob("*.ttl")):
        described += parse(path)
    refs = {o for o in g.objects() if isinstance(o, URIRef) and o.startswith(str(BLR))}
    assert sorted(r for r in refs if (r, RDFS.label, None) not in described) == []


def test_figures_are_well_formed_and_linked(g):
    figures = set(g.subjects(RDF.type, BL.Quantity))
    assert len(figures) == 50
    for figure in figures:
        assert len(objects(g, figure, BL.unit)) == 1, figure
        assert objects(g, figure, BL.about), figure
        values = [g.value(figure, p) for p in (BL.numericValue, BL.minValue, BL.maxValue)]
        assert sum(v is not None for v in values) == 1, figure


def test_table_facts_are_not_redeclared(g):
    for slug in ("Joint_Sea-2014", "Peace_Mission-2014", "Peace_Mission-2005"):
        for prop in (BL.startDate, BL.endDate, BL.location, BL.troopCount, BL.warshipCount):
            assert (BLR[slug], prop, None) not in g, (slug, prop)


# --- Military ---


def test_xi_visit_and_sochi_video_conference(g):
    visit = BLR.Xi_Jinping_Visit_to_Strategic_Defense_Command_Headquarters_2013
    assert g.value(visit, BL.yearMonth) == Literal("2013-03", datatype=XSD.gYearMonth)
    assert g.value(visit, BL.location) == BLR.Strategic_Defense_Command_Headquarters
    call = BLR.Xi_Putin_Video_Conference_with_Naval_Captains_2014
    assert (call, RDF.type, BL.VideoConference) in g
    assert g.value(call, BL.subEventOf) == BLR.Xi_Putin_Meeting_Sochi_2014
    assert {PUTIN, XI} <= objects(g, call, BL.participant)
    assert g.value(BLR.Xi_Putin_Meeting_Sochi_2014, BL.location) == BLR.Sochi


def test_joint_sea_ships_commanders_and_ordinal(g):
    exercise = BLR["Joint_Sea-2014"]
    ships = {"Varyag", "Admiral_Panteleyev", "Admiral_Nevelskoy", "Bystry", "Ilim", "Kalar"}
    assert objects(g, exercise, BL.ship) == {BLR[s] for s in ships}
    assert objects(g, exercise, BL.commander) == {BLR.Wu_Shengli, BLR.Viktor_Chirkov}
    assert g.value(exercise, BL.ordinal) == Literal(3)
    fleets = {BLR.North_Sea_Fleet, BLR.East_Sea_Fleet, BLR.South_Sea_Fleet, BLR.Pacific_Fleet}
    assert fleets <= objects(g, exercise, BL.participant)


@pytest.mark.parametrize(
    ("slug", "value"),
    [
        ("Joint_Sea-2014_Surface_Ships", 14),
        ("Joint_Sea-2014_Submarines", 2),
        ("Joint_Sea-2014_Fixed-Wing_Warplanes", 9),
        ("Joint_Sea-2014_Shipboard_Helicopters", 6),
        ("Joint_Sea-2014_Operational_Detachments", 2),
        ("Joint_Sea-2014_Chinese_Surface_Vessels", 8),
        ("Joint_Sea-2014_Chinese_Fleets", 3),
        ("Joint_Sea-2014_Stages", 4),
        ("Joint_Sea-2014_Mixed_Groups", 3),
        ("Joint_Sea-2014_Joint_Drills", 9),
        ("China_Russia_Large_Military_Exercises_May-Aug_2014", 2),
        ("Peace_Mission-2014_Troops", 7000),
        ("Peace_Mission-2014_Troops_from_Outside_China", 2200),
        ("Peace_Mission-2014_SCO_Member_States", 5),
        ("Peace_Mission-2014_SCO_General_Staff_Chiefs", 6),
        ("Peace_Mission-2014_Rehearsals", 3),
        ("Peace_Mission-2014_Russian_Assets", 100),
        ("Peace_Mission-2014_Russian_Su-25_Aircraft", 4),
        ("Peace_Mission-2014_Russian_Mi-8AMTSh_Helicopters", 8),
    ],
)
def test_military_figures(g, slug, value):
    assert figure_value(g, f"Figure_{slug}") == value


def test_more_than_7000_troops_is_a_lower_bound(g):
    figure = BLR["Figure_Peace_Mission-2014_Troops"]
    assert g.value(figure, BL.unit) == BL.Troops
    assert g.value(figure, BL.numericValue) is None


def test_joint_sea_nine_drills_and_four_ordered_stages(g):
    parts = set(g.subjects(BL.subEventOf, BLR["Joint_Sea-2014"]))
    drills = {p for p in parts if str(p).startswith(str(BLR["Joint_Sea-2014_Drill_"]))}
    assert len(drills) == 9
    stages = sorted((int(g.value(p, BL.ordinal)), p) for p in parts if "_Stage_" in str(p))
    assert [n for n, _ in stages] == [1, 2, 3, 4]
    for (_, first), (_, second) in zip(stages, stages[1:], strict=False):
        assert (first, BL.followedBy, second) in g
        assert (second, BL.precededBy, first) in g


def test_joint_sea_opening_ceremony_and_speeches(g):
    ceremony = BLR["Joint_Sea-2014_Opening_Ceremony"]
    assert g.value(ceremony, BL.startDate) == date("2014-05-20")
    assert g.value(ceremony, BL.endDate) == date("2014-05-20")
    assert objects(g, ceremony, BL.chair) == {PUTIN, XI}
    speeches = set(g.subjects(BL.subEventOf, ceremony))
    assert all((s, RDF.type, BL.Speech) in g for s in speeches)
    assert {g.value(s, BL.speaker) for s in speeches} == {PUTIN, XI}
    putin = BLR["Statement_Vladimir_Putin_Military_Cooperation_2014-05-20"]
    assert len(objects(g, putin, BL.quote)) == 3
    assert BLR.Topic_History in objects(g, putin, BL.topic)


def test_expert_statements(g):
    li = BLR.Statement_Li_Jie_Military_Cooperation_2014
    wu = BLR.Statement_Wu_Dahui_Military_Cooperation_2014
    assert g.value(li, BL.speaker) == BLR.Li_Jie
    assert str(g.value(li, BL.quote)) == "in order to meet future needs."
    assert g.value(wu, BL.speaker) == BLR.Wu_Dahui
    assert BLR.China_ADIZ_Establishment in objects(g, wu, BL.about)
    assert (BLR.China_ADIZ_Establishment, BL.concerns, BLR.Air_Defense_Identification_Zone) in g
    assert g.value(BLR.Statement_Ming_Bao_Military_Cooperation_2014, BL.source) == BLR.Ming_Bao


def test_peace_mission_facts(g):
    exercise = BLR["Peace_Mission-2014"]
    assert g.value(exercise, BL.ordinal) == Literal(5)
    assert g.value(exercise, BL.organizedBy) == BLR.Shanghai_Cooperation_Organization
    assert Literal("Peace Mission 2014", lang="en") in objects(g, exercise, SKOS.altLabel)
    models = {
        "BMP-2",
        "T-72",
        "SAU_2S3_Akatsiya",
        "ZSU-23-4_Shilka",
        "BM-21_Grad",
        "Su-25",
        "Mi-8AMTSh",
        "ZTZ-99",
        "ZBD-86",
        "J-10",
        "J-11",
    }
    assert objects(g, exercise, BL.equipment) == {BLR[m] for m in models}
    assert BLR["38th_Group_Army"] in objects(g, exercise, BL.participant)
    assert (BLR["SCO_Cooperation_Plan_2014-15"], BL.callsFor, exercise) in g
    assert (BLR["Peace_Mission-2005"], BL.evidence, None) in g


def test_peace_mission_phases_and_opening_ceremony(g):
    prep = BLR["Peace_Mission-2014_Campaign_Preparation_Phase"]
    execution = BLR["Peace_Mission-2014_Campaign_Execution_Phase"]
    assert (g.value(prep, BL.startDate), g.value(prep, BL.endDate)) == (
        date("2014-08-24"),
        date("2014-08-28"),
    )
    assert (g.value(execution, BL.startDate), g.value(execution, BL.endDate)) == (
        date("2014-08-29"),
        date("2014-08-29"),
    )
    assert (prep, BL.followedBy, execution) in g
    ceremony = BLR["Peace_Mission-2014_Opening_Ceremony"]
    assert g.value(ceremony, BL.startDate) == date("2014-08-24")
    expected = {BLR[s] for s in ("China", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan")}
    assert objects(g, ceremony, BL.participant) == expected | {BLR.Eastern_Military_Command}


# --- BRICS ---


def test_sixth_summit_has_the_members_not_the_presidents(g):
    summit = BLR.BRICS_Summit_2014
    assert (summit, RDF.type, BL.Summit) in g
    assert g.value(summit, BL.ordinal) == Literal(6)
    assert g.value(summit, BL.location) == BLR.Fortaleza
    assert (g.value(summit, BL.startDate), g.value(summit, BL.endDate)) == (
        date("2014-07-15"),
        date("2014-07-15"),
    )
    assert objects(g, summit, BL.participant) == BRICS_MEMBERS


def test_putin_xi_meeting_on_the_sidelines(g):
    meeting = BLR.Putin_Xi_Meeting_Fortaleza_2014
    assert (meeting, RDF.type, BL.Meeting) in g
    assert objects(g, meeting, BL.participant) == {PUTIN, XI}
    assert g.value(meeting, BL.subEventOf) == BLR.BRICS_Summit_2014
    assert g.value(meeting, BL.startDate) == date("2014-07-15")
    # No other July 15 event of this file has Putin or Xi as participant, so the
    # chronology entry of that day can only merge into the meeting.
    same_day = set(g.subjects(BL.startDate, date("2014-07-15"))) - {meeting}
    assert all(not {PUTIN, XI} & objects(g, e, BL.participant) for e in same_day)


@pytest.mark.parametrize(
    ("slug", "value"),
    [
        ("New_Development_Bank_Capital_2014", 50_000_000_000),
        ("New_Development_Bank_Financing_Capacity", 350_000_000_000),
        ("BRICS_Members", 5),
        ("BRICS_Share_of_World_Population", 43),
        ("BRICS_Share_of_World_GDP", 21),
        ("BRICS_Share_of_Global_Trade", 17),
        ("BRICS_Foreign_Exchange_Reserves_2013", 4_400_000_000_000),
        ("BRICS_Countries_Among_Top_10_Reserve_Holders", 4),
        ("China_Foreign_Exchange_Reserves", 4_000_000_000_000),
        ("Japan_Foreign_Exchange_Reserves", 1_280_000_000_000),
        ("European_Union_Foreign_Exchange_Reserves", 740_000_000_000),
        ("Saudi_Arabia_Foreign_Exchange_Reserves", 550_000_000_000),
        ("Russia_Foreign_Exchange_Reserves", 470_000_000_000),
        ("Switzerland_Foreign_Exchange_Reserves", 530_000_000_000),
        ("IMF_Developing_Countries_Representation_2010", 6),
        ("United_States_IMF_Voting_Weight", 17),
        ("IMF_and_World_Bank_Age_2014", 70),
    ],
)
def test_brics_figures(g, slug, value):
    assert figure_value(g, f"Figure_{slug}") == value


def test_reserve_figures_are_about_their_holders(g):
    holders = ["China", "Japan", "European_Union", "Saudi_Arabia", "Russia", "Switzerland"]
    for holder in holders:
        figure = BLR[f"Figure_{holder}_Foreign_Exchange_Reserves"]
        assert objects(g, figure, BL.about) == {BLR[holder]}
        assert g.value(figure, BL.unit) == BL.USD


def test_bank_and_reserve_arrangement(g):
    plan = BLR.BRICS_New_Development_Bank_and_Reserve_Plan_2014
    assert objects(g, plan, BL.concerns) == {
        BLR.New_Development_Bank,
        BLR.Contingency_Reserve_Arrangement,
    }
    assert g.value(plan, BL.subEventOf) == BLR.BRICS_Summit_2014
    cra = BLR.Contingency_Reserve_Arrangement
    assert Decimal(str(g.value(cra, BL.valueUSD))) == 100_000_000_000
    assert objects(g, cra, BL.party) == BRICS_MEMBERS
    capacity = BLR.Figure_New_Development_Bank_Financing_Capacity
    statement = next(g.subjects(BL.figure, capacity))
    assert g.value(statement, BL.source) == BLR.Asia_Times_Online


def test_fortaleza_declaration_and_its_quote(g):
    declaration = BLR.Fortaleza_Declaration
    assert (declaration, RDF.type, BL.JointStatement) in g
    assert objects(g, declaration, BL.party) == BRICS_MEMBERS
    statement = BLR.Statement_BRICS_IMF_Reform_2014
    assert declaration in objects(g, statement, BL.about)
    assert str(g.value(statement, BL.quote)).startswith("remain disappointed")


def test_putin_remarks_are_dated_from_mh17(g):
    remarks = BLR.Statement_Vladimir_Putin_BRICS_Finance_2014
    assert g.value(remarks, BL.speaker) == PUTIN
    assert g.value(remarks, BL.startDate) == date("2014-07-15")
    # "One day after Putin's remarks" counts the sanctions' day, not the remarks' own.
    assert g.value(remarks, BL.relativeTo) is None
    quote = str(g.value(remarks, BL.quote))
    assert quote.startswith("In the BRICS case") and quote.endswith("want to change this.")
    assert str(g.value(BLR.Statement_China_BRICS_Finance_2014, BL.quote)) == "compelled"
