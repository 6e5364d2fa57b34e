"""The curated Shanghai summit, economic agenda and gas-deal prose facts."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from bilateral.graph.anchor import anchor_quotes
from bilateral.graph.namespaces import BL, BLR, OA
from bilateral.graph.seeds import load_seeds
from bilateral.graph.signing import signing_dates

PROJECT = Path(__file__).resolve().parents[2]
CURATED = PROJECT / "graph" / "curated"
FILES = ["shanghai-summit.ttl", "economy.ttl", "gas.ttl"]
PUTIN, XI = BLR.Vladimir_Putin, BLR.Xi_Jinping
NEGOTIATION_STEPS = [
    "China_Russia_Gas_Pipeline_MOU_Signing_1994",
    "China_Russia_Gas_Agreement_of_Intent_Signing_1999",
    "China_Russia_Gas_Pipelines_MOU_Signing_2006",
    "Deputy_Prime_Ministers_Gas_Dialogue_Mechanism_2008",
    "China_Russia_Gas_Supply_Agreement_Reached_2009",
    "Sixteenth_Prime_Ministerial_Meeting_2011",
    "Putin_Visit_to_China_2012",
    "Western_Gas_Pipeline_Talks_2012",
    "CNPC_Gazprom_Initial_Agreement_Signing_2013",
    "China_Russia_Gas_Contract_Signing_2014",
]


@pytest.fixture(scope="module")
def seeds():
    return load_seeds(PROJECT / "seeds")


@pytest.fixture(scope="module")
def g() -> Graph:
    """The union of the three files, quotes not yet anchored."""
    union = Graph()
    for name in FILES:
        union.parse(CURATED / name, format="turtle")
    return union


def day(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def value(g: Graph, slug: str, prop: URIRef = BL.numericValue) -> Decimal:
    """A number stated on a resource, as a Decimal."""
    found = g.value(BLR[slug], prop)
    assert found is not None, (slug, prop)
    return Decimal(str(found))


def figure(g: Graph, slug: str) -> tuple[Decimal, URIRef]:
    """(value, unit) of a figure."""
    assert (BLR[slug], RDF.type, BL.Quantity) in g, slug
    return value(g, slug), g.value(BLR[slug], BL.unit)


def dates(g: Graph, slug: str) -> tuple[str, str]:
    node = BLR[slug]
    return str(g.value(node, BL.startDate)), str(g.value(node, BL.endDate))


# --- Form ---


@pytest.mark.parametrize("name", FILES)
def test_every_quote_anchors_exactly_once(name, seeds):
    path = CURATED / name
    graph = Graph().parse(path, format="turtle")
    quotes = {str(o) for o in graph.objects(None, BL.evidence) if isinstance(o, Literal)}
    anchor_quotes(graph, seeds, path)
    exact = {str(graph.value(p, OA.exact)) for p in graph.subjects(RDF.type, BL.Passage)}
    assert quotes and exact == quotes


@pytest.mark.parametrize("name", FILES)
def test_blocks_sorted_and_predicates_ordered(name):
    subjects, section = [], []
    for line in [*(CURATED / name).read_text(encoding="utf-8").splitlines(), "# --- end"]:
        if line.startswith("# --- "):
            assert section == sorted(section), f"blocks out of order: {section}"
            section = []
        elif line.startswith("blr:"):
            subjects.append(line.split()[0])
            section.append(line.split()[0])
    assert len(subjects) == len(set(subjects))


def test_every_resource_has_evidence_and_one_english_label(g):
    for subject in set(g.subjects(RDF.type, None)):
        assert (subject, BL.evidence, None) in g, subject
        labels = [lb for lb in g.objects(subject, RDFS.label) if lb.language == "en"]
        assert len(labels) == 1, subject


def test_quotes_are_verbatim_words_of_the_article(g, seeds):
    text = seeds[0].text
    quotes = [str(q) for q in g.objects(None, BL.quote)]
    assert len(quotes) == 15
    assert [q for q in quotes if q not in text] == []


def test_sequence_and_sub_event_links_point_to_events(g):
    for prop in (BL.followedBy, BL.precededBy, BL.subEventOf, BL.relativeTo):
        for subject, target in g.subject_objects(prop):
            assert (subject, RDF.type, None) in g, subject
            assert (target, BL.evidence, None) in g or target in {
                BLR.Xi_Jinping_Visit_to_Strategic_Defense_Command_Headquarters_2013
            }, target


# --- Shanghai ---


def test_state_visit_matches_its_chronology_entry(g):
    visit = BLR.Putin_State_Visit_to_China_2014
    assert (visit, RDF.type, BL.StateVisit) in g
    assert dates(g, "Putin_State_Visit_to_China_2014") == ("2014-05-20", "2014-05-21")
    assert {PUTIN, XI} <= set(g.objects(visit, BL.participant))
    assert g.value(visit, BL.location) == BLR.Shanghai
    documents = "Figure_Putin_State_Visit_Documents_2014"  # "as many as 43": an upper bound
    assert (value(g, documents, BL.maxValue), g.value(BLR[documents], BL.unit)) == (43, BL.Item)


def test_seventh_meeting_and_fourth_cica_summit(g):
    talks = BLR.Putin_Xi_Talks_Shanghai_2014
    assert g.value(talks, BL.ordinal) == Literal(7)
    assert g.value(talks, BL.subEventOf) == BLR.Putin_State_Visit_to_China_2014
    assert (talks, BL.figure, None) not in g  # "the seventh time": the rank, not a count
    summit = BLR.CICA_Summit_2014
    assert g.value(summit, BL.ordinal) == Literal(4)
    assert dates(g, "CICA_Summit_2014") == ("2014-05-20", "2014-05-20")
    assert g.value(summit, BL.organizedBy) == (
        BLR.Conference_on_Interaction_and_Confidence_Building_Measures_in_Asia
    )
    assert figure(g, "Figure_Putin_Goals_Shanghai_Summit_2014") == (3, BL.Item)


def test_lavrov_visit_and_what_was_said_before_it(g):
    visit = BLR.Sergey_Lavrov_Working_Visit_to_Beijing_2014
    assert (visit, RDF.type, BL.WorkingVisit) in g
    assert dates(g, "Sergey_Lavrov_Working_Visit_to_Beijing_2014") == ("2014-04-15",) * 2
    reception = BLR.Xi_Jinping_Reception_of_Sergey_Lavrov_2014
    assert g.value(reception, BL.host) == XI
    assert g.value(reception, BL.subEventOf) == visit
    lavrov = BLR["Statement_Sergey_Lavrov_Ukraine_Crisis_2014-04-15"]
    assert str(g.value(lavrov, BL.quote)).startswith("gratitude for the objective")
    feng = BLR["Statement_Feng_Yujun_Ukraine_Crisis_2014-04-13"]
    assert g.value(feng, BL.relativeTo) == visit
    assert g.value(feng, BL.source) == BLR.Peoples_Daily
    assert date.fromisoformat(str(g.value(feng, BL.startDate))) + timedelta(days=2) == date(
        2014, 4, 15
    )
    eve = BLR["Statement_Vladimir_Putin_Relations_with_China_2014-05-19"]
    assert (
        dates(g, "Statement_Vladimir_Putin_Relations_with_China_2014-05-19") == ("2014-05-19",) * 2
    )
    assert g.value(eve, BL.relativeTo) == BLR.Putin_State_Visit_to_China_2014
    ministry = BLR.Statement_Russian_Foreign_Ministry_Relations_with_China_2014
    assert g.value(ministry, BL.speaker) == BLR.Russian_Foreign_Ministry


def test_chinese_wordings_are_labels_and_quotes(g):
    stage = BLR.Declaration_New_Stage_of_Comprehensive_Strategic_Partnership_2014
    practical = BLR.Statement_Xi_Jinping_Vladimir_Putin_Practical_Cooperation_2014
    for node, chinese in ((stage, "中俄全面战略协作伙伴关系新阶段"), (practical, "务实合作")):
        assert Literal(chinese, lang="zh") in set(g.objects(node, RDFS.label))
        assert Literal(chinese, lang="zh") in set(g.objects(node, BL.quote))


def test_joint_documents_and_their_content(g):
    communique = BLR.China_Russia_Joint_Communique_2014
    statement = BLR.China_Russia_Joint_Statement_2014
    for node in (communique, statement):
        assert (node, RDF.type, BL.JointStatement) in g
        assert set(g.objects(node, BL.party)) == {BLR.China, BLR.Russia}
    assert set(g.objects(communique, BL.callsFor)) == {
        BLR[f"Topic_{area}"]
        for area in ("Mutual_Investment", "Transport_Infrastructure", "Mineral_Resources",
                     "Energy_Cooperation", "Affordable_Housing", "Military_Cooperation")
    }
    history = BLR.Statement_Xi_Jinping_Vladimir_Putin_History_2014
    assert "70th anniversary of victory over German fascism" in str(g.value(history, BL.quote))
    assert g.value(BLR.WWII_70th_Anniversary_Joint_Events_2015, BL.year) == Literal(
        "2015", datatype=XSD.gYear
    )
    security = BLR.Statement_Xi_Jinping_Vladimir_Putin_Security_Coordination_2014
    assert len(set(g.objects(security, BL.about))) == 7
    forums = BLR.Statement_Xi_Jinping_Vladimir_Putin_Multilateral_Forums_2014
    assert len(set(g.objects(forums, BL.about))) == 10


# --- Economy ---


@pytest.mark.parametrize(
    ("slug", "amount", "start", "year"),
    [
        ("Figure_Russia_Capital_Outflow_2014_Q1", 51_000_000_000, "2014-01-01", "2014"),
        ("Figure_Russia_Capital_Outflow_2013", 62_700_000_000, None, "2013"),
        ("Figure_Russian_Borrowing_from_China_2014_Q1", 13_160_000_000, "2014-01-01", "2014"),
        ("Figure_Russian_Borrowing_from_China_2013_Q1", 32_000_000, "2013-01-01", "2013"),
    ],
)
def test_capital_flight_and_borrowing_figures(g, slug, amount, start, year):
    assert figure(g, slug) == (amount, BL.USD)
    node = BLR[slug]
    assert g.value(node, BL.about) == BLR.Russia
    assert str(g.value(node, BL.year)) == year
    assert (str(g.value(node, BL.startDate)) if start else None) == start
    assert (None, BL.figure, node) in g


# --- Gas ---


def test_gas_contract(g):
    contract = BLR.China_Russia_Gas_Contract_2014
    assert (contract, RDF.type, BL.Contract) in g
    assert value(g, "China_Russia_Gas_Contract_2014", BL.valueUSD) == 400_000_000_000
    assert g.value(contract, BL.durationYears) == Literal(30)
    assert (contract, BL.signedOn, None) not in g  # stated once, on its signing event
    assert signing_dates(g).value(contract, BL.signedOn) == day("2014-05-21")
    assert g.value(contract, BL.signedAt) == BLR.Shanghai
    assert figure(g, "Figure_China_Russia_Gas_Contract_Annual_Volume") == (
        38,
        BL.BillionCubicMetresPerYear,
    )
    assert figure(g, "Figure_Gas_Deal_Finished_Before_Summit_2014") == (98, BL.Percent)
    assert figure(g, "Figure_Russia_Gas_Exports_to_Europe") == (162, BL.BillionCubicMetresPerYear)
    deliveries = BLR.China_Russia_Gas_Contract_Deliveries_Start_2018
    assert str(g.value(deliveries, BL.year)) == "2018"


def test_negotiation_steps_are_one_ordered_chain(g):
    chain, node = [], BLR[NEGOTIATION_STEPS[0]]
    while node is not None:
        chain.append(node.removeprefix(str(BLR)))
        following = g.value(node, BL.followedBy)
        if following is not None:
            assert g.value(following, BL.precededBy) == node
        node = following
    assert chain == NEGOTIATION_STEPS
    years = []
    for slug in chain:
        assert (BLR[slug], BL.subEventOf, BLR.China_Russia_Gas_Negotiations) in g
        when = g.value(BLR[slug], BL.year) or g.value(BLR[slug], BL.yearMonth)
        years.append(str(when or g.value(BLR[slug], BL.startDate))[:7])
    assert years == sorted(years) and years[0] == "1994" and years[-1] == "2014-05"


def test_negotiation_prices_and_volumes(g):
    assert figure(g, "Figure_Russia_Gas_Price_Ask_1999") == (180, BL.USDPerThousandCubicMetres)
    assert figure(g, "Figure_China_Gas_Price_Offer_1999") == (165, BL.USDPerThousandCubicMetres)
    assert figure(g, "Figure_Gas_Baseline_Price_High_2008") == (300, BL.USD)
    assert figure(g, "Figure_Gas_Baseline_Price_Low_2008") == (200, BL.USD)
    capacity = "Figure_China_Russia_Gas_Pipelines_Capacity_2006"
    assert (value(g, capacity, BL.minValue), value(g, capacity, BL.maxValue)) == (600, 800)
    assert figure(g, "Figure_China_Russia_Gas_Supply_Agreement_Volume_2009")[0] == 700
    assert g.value(BLR.Sixteenth_Prime_Ministerial_Meeting_2011, BL.ordinal) == Literal(16)
    parties = set(g.objects(BLR.CNPC_Gazprom_Initial_Agreement_2013, BL.party))
    assert parties == {BLR.China_National_Petroleum_Corporation, BLR.Gazprom}


def test_putin_meets_li_two_days_after_the_signing(g):
    meeting = BLR.Putin_Li_Yuanchao_Meeting_2014
    assert set(g.objects(meeting, BL.participant)) == {PUTIN, BLR.Li_Yuanchao}
    signing = g.value(meeting, BL.relativeTo)
    assert signing == BLR.China_Russia_Gas_Contract_Signing_2014
    met = date.fromisoformat(str(g.value(meeting, BL.startDate)))
    assert met == date(2014, 5, 23)
    assert date.fromisoformat(str(g.value(signing, BL.startDate))) + timedelta(days=2) == met
    said = set(g.subjects(BL.subEventOf, meeting))
    assert len(said) == 2
    assert all(g.value(s, BL.addressee) == BLR.Li_Yuanchao for s in said)


@pytest.mark.parametrize(
    ("km", "miles"),
    [
        ("Figure_ESPO_Length_Km", "Figure_ESPO_Length_Miles"),
        ("Figure_ESPO_Branch_Line_Length_Km", "Figure_ESPO_Branch_Line_Length_Miles"),
        (
            "Figure_China-Kazakhstan_Oil_Pipeline_Length_Km",
            "Figure_China-Kazakhstan_Oil_Pipeline_Length_Miles",
        ),
    ],
)
def test_pipeline_lengths_agree_in_both_units(g, km, miles):
    (length_km, unit_km), (length_mi, unit_mi) = figure(g, km), figure(g, miles)
    assert (unit_km, unit_mi) == (BL.Kilometre, BL.Mile)
    assert g.value(BLR[km], BL.about) == g.value(BLR[miles], BL.about)
    assert abs(length_km / length_mi - Decimal("1.609")) < Decimal("0.03")


def test_first_welding_on_the_east_route(g):
    welding = BLR["China-Russia_Gas_Pipeline_East_Route_First_Welding_2014"]
    assert (welding, RDF.type, BL.ConstructionMilestone) in g
    assert (
        dates(g, "China-Russia_Gas_Pipeline_East_Route_First_Welding_2014") == ("2014-09-01",) * 2
    )
    assert g.value(welding, BL.participant) == BLR.Zhang_Gaoli
    assert {BLR.Kovyktin_Gas_Field, BLR.Chayandin_Gas_Field} <= set(g.objects(welding, BL.concerns))
    visit = BLR.Zhang_Gaoli_Visit_to_Russia_2014
    assert (welding, BL.subEventOf, visit) in g
    assert dates(g, visit.removeprefix(str(BLR))) == ("2014-08-29", "2014-09-01")
    meeting = BLR["China-Russia_Energy_Cooperation_Committee_11th_Meeting_2014"]
    assert g.value(meeting, BL.ordinal) == Literal(11)
    assert g.value(meeting, BL.subEventOf) == visit
    xinhua = BLR.Statement_Xinhua_News_Service_Gas_Pipeline_2014
    assert g.value(xinhua, BL.source) == BLR.Xinhua_News_Service


def test_initial_gas_agreement_is_signed_in_march_2013_as_its_event_says(g):
    event = BLR.CNPC_Gazprom_Initial_Agreement_Signing_2013
    assert str(g.value(event, BL.yearMonth)) == "2013-03"
    derived = signing_dates(g)
    assert str(derived.value(BLR.CNPC_Gazprom_Initial_Agreement_2013, BL.signedYear)) == "2013"


def test_dates_are_iso_days(g):
    for prop in (BL.startDate, BL.endDate, BL.signedOn):
        for literal in g.objects(None, prop):
            assert literal.datatype == XSD.date and re.fullmatch(r"\d{4}-\d\d-\d\d", literal)
