"""The curated Ukraine crisis events and alliance debate (ukraine.ttl, alliance.ttl)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from bilateral.graph.anchor import anchor_quotes
from bilateral.graph.namespaces import BL, BLR, OA
from bilateral.graph.seeds import load_seeds

PROJECT = Path(__file__).resolve().parents[2]
CURATED = PROJECT / "graph" / "curated"
FILES = ["ukraine.ttl", "alliance.ttl"]
ENTITY_FILES = ["people.ttl", "organizations.ttl", "places.ttl", "equipment.ttl", "topics.ttl"]
ENTITY_CLASSES = {BL.Person, BL.Organization, BL.Country, BL.Place, BL.City, BL.Region}

# The opening words of every paragraph (or page-break chunk) of the article that
# these two files cover, each of which must be cited by at least one quote.
PARAGRAPHS = [
    "Beijing declared neutrality from the beginning",
    "Despite China's neutrality",
    "With the deepening of the Ukraine crisis",
    "alliance had become outdated. He reiterated",
    "Despite these official denials",
    "Russian scholars, too",
    "Despite opposition to a Sino-Russian alliance",
    "In the final analysis",
    "One day after Putin's remarks",
    "As a country undergoing Western sanctions",
]


def parse(path: Path) -> Graph:
    """One Turtle file as a graph."""
    return Graph().parse(path, format="turtle")


def day(text: str) -> Literal:
    """An xsd:date literal."""
    return Literal(datetime.date.fromisoformat(text))


@pytest.fixture(scope="module")
def seeds():
    return load_seeds(PROJECT / "seeds")


@pytest.fixture(scope="module")
def article(seeds) -> str:
    """The text of the article these files describe."""
    (seed,) = [s for s in seeds if s.meta["slug"] == "China-Russia_2014_May-Aug"]
    return seed.text


@pytest.fixture(scope="module")
def raw() -> Graph:
    """Both files, quotes not yet anchored."""
    union = Graph()
    for name in FILES:
        union += parse(CURATED / name)
    return union


@pytest.fixture(scope="module")
def anchored(seeds) -> Graph:
    """Both files with every quote replaced by its passage."""
    union = Graph()
    for name in FILES:
        union += anchor_quotes(parse(CURATED / name), seeds, CURATED / name)
    return union


@pytest.fixture(scope="module")
def entities() -> Graph:
    union = Graph()
    for name in ENTITY_FILES:
        union += parse(CURATED / name)
    return union


def subjects(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}


@pytest.mark.parametrize("name", FILES)
def test_every_quote_anchors_exactly_once(name, seeds):
    graph = parse(CURATED / name)
    quotes = {str(o) for o in graph.objects(None, BL.evidence)}
    anchor_quotes(graph, seeds, CURATED / name)
    exact = {str(graph.value(p, OA.exact)) for p in graph.subjects(RDF.type, BL.Passage)}
    assert exact == quotes
    assert not [o for o in graph.objects(None, BL.evidence) if isinstance(o, Literal)]


def test_every_resource_has_evidence_and_one_english_label(raw):
    for subject in subjects(raw):
        assert (subject, BL.evidence, None) in raw, subject
        english = [o for o in raw.objects(subject, RDFS.label) if o.language == "en"]
        assert len(english) == 1, subject


def test_no_entity_is_defined_here(raw, entities):
    assert not {s for s in subjects(raw) if set(raw.objects(s, RDF.type)) & ENTITY_CLASSES}
    assert not subjects(raw) & subjects(entities)


def test_every_entity_referenced_is_defined(raw, entities):
    """Values in our namespace are ours, another owner's event, or a defined entity."""
    others = {
        BLR.China_Russia_Gas_Contract_2014,
        BLR.China_Russia_Gas_Negotiations,
        BLR.Putin_State_Visit_to_China_2014,
        BLR.Putin_Xi_Talks_Shanghai_2014,
        BLR.Sergey_Lavrov_Working_Visit_to_Beijing_2014,
        BLR.Statement_Vladimir_Putin_BRICS_Finance_2014,
    }
    ours = subjects(raw)
    for _, _, value in raw:
        if isinstance(value, URIRef) and value.startswith(str(BLR)):
            assert value in ours | others or (value, RDFS.label, None) in entities, value


@pytest.mark.parametrize("start", PARAGRAPHS)
def test_every_paragraph_is_cited(start, article, anchored):
    begin = article.index(start)
    end = article.find("\n\n", begin)
    starts = {int(o) for o in anchored.objects(None, OA.start)}
    assert any(begin <= s < end for s in starts), start


def test_every_quote_is_verbatim(raw, article):
    for quote in raw.objects(None, BL.quote):
        assert str(quote) in article, quote


def test_dates_are_ordered(raw):
    for subject, start in raw.subject_objects(BL.startDate):
        assert raw.value(subject, BL.endDate) >= start, subject


def test_odessa_fire(raw):
    fire = BLR.Odessa_Fire_2014
    assert raw.value(fire, BL.casualties).toPython() == 42
    assert raw.value(fire, BL.startDate) == day("2014-05-02")
    assert raw.value(fire, BL.location) == BLR.Odessa
    assert raw.value(fire, BL.figure) is None  # bl:casualties is the one route for the count


def test_separatist_republics_declare_independence(raw):
    declaration = BLR.Donetsk_Luhansk_Declaration_of_Independence_2014
    assert set(raw.objects(declaration, BL.participant)) == {
        BLR.Donetsk_Peoples_Republic,
        BLR.Luhansk_Peoples_Republic,
    }
    assert raw.value(declaration, BL.startDate) == day("2014-05-11")


def test_anti_terrorist_operations_four_days_after_the_trip(raw):
    operations = BLR["Ukrainian_Anti-Terrorist_Operations_2014"]
    assert raw.value(operations, BL.startDate) == day("2014-05-25")
    assert raw.value(operations, BL.relativeTo) == BLR.Putin_State_Visit_to_China_2014
    assert raw.value(BLR.Ukrainian_Presidential_Election_2014, BL.startDate) == day("2014-05-25")


def test_mh17_and_the_sanctions_before_it(raw):
    mh17 = BLR.MH17_Downing_2014
    assert raw.value(mh17, BL.startDate) == day("2014-07-17")
    assert raw.value(mh17, BL.casualties).toPython() == 298
    assert raw.value(mh17, BL.location) == BLR.Eastern_Ukraine
    assert raw.value(mh17, BL.figure) is None
    sanctions = BLR["US_Sanctions_Against_Russia_2014-07-16"]
    assert raw.value(sanctions, BL.startDate) == day("2014-07-16")
    assert raw.value(sanctions, BL.relativeTo) == BLR.Statement_Vladimir_Putin_BRICS_Finance_2014
    assert raw.value(sanctions, BL.followedBy) == mh17


def test_three_rounds_of_western_sanctions(raw):
    rounds = set(raw.subjects(BL.subEventOf, BLR.Western_Sanctions_Against_Russia_2014))
    assert len(rounds) == 3
    end_of_july = BLR["EU_US_Sanctions_Against_Russia_2014-07"]
    assert set(raw.objects(end_of_july, BL.participant)) == {BLR.European_Union, BLR.United_States}
    assert str(raw.value(end_of_july, BL.yearMonth)) == "2014-07"
    first = BLR.Western_Sanctions_Against_Russia_First_Round_2014
    assert raw.value(first, BL.ordinal).toPython() == 1


def test_nato_force_and_nuclear_remark(raw):
    figure = raw.value(BLR.NATO_Rapid_Reaction_Force_Decision_2014, BL.figure)
    assert raw.value(figure, BL.numericValue).toPython() == 4000
    assert raw.value(figure, BL.unit) == BL.Troops
    remark = BLR.Statement_Vladimir_Putin_Nuclear_Power_2014
    assert len(set(raw.objects(remark, BL.quote))) == 2
    assert raw.value(remark, BL.speaker) == BLR.Vladimir_Putin


def test_loan_package_and_strategic_opportunity(raw):
    loan = BLR.China_Loan_Package_to_Ukraine_2013
    assert raw.value(loan, BL.valueUSD).toPython() == 8_000_000_000
    assert set(raw.objects(loan, BL.party)) == {BLR.China, BLR.Ukraine}
    labels = set(raw.objects(BLR.Statement_Chinese_Expectation_Strategic_Opportunity, RDFS.label))
    assert Literal("战略机遇", lang="zh") in labels


def test_alliance_statements(raw):
    """Each claim of the debate is under the alliance topic, or part of or related to one."""
    alliance = parse(CURATED / "alliance.ttl")
    statements = set(alliance.subjects(RDF.type, BL.Statement)) | set(
        alliance.subjects(RDF.type, BL.Speech)
    )
    assert len(statements) == 25
    for statement in statements:
        whole = (
            alliance.value(statement, BL.subEventOf)
            or alliance.value(statement, SKOS.related)
            or statement
        )
        assert (statement, BL.topic, BLR.Topic_Alliance) in alliance or (
            whole, BL.topic, BLR.Topic_Alliance
        ) in alliance, statement
    speakers = {alliance.value(s, BL.speaker) for s in statements} - {None}
    assert speakers == {
        BLR.Vladimir_Putin,
        BLR.Sergei_Ivanov,
        BLR.Alexei_Arbatov,
        BLR.Global_Times,
        BLR.Yu_Bin,
    }


def test_ivanov_visit_is_the_chronology_entry_and_holds_his_remarks(raw):
    visit = BLR.Sergei_Ivanov_Visit_to_China_2014
    assert (visit, RDF.type, BL.Visit) in raw
    assert raw.value(visit, BL.startDate) == day("2014-07-09")
    assert raw.value(visit, BL.endDate) == day("2014-07-11")
    assert raw.value(visit, BL.participant) == BLR.Sergei_Ivanov
    remarks = BLR["Statement_Sergei_Ivanov_Alliance_2014-07-11"]
    assert raw.value(remarks, BL.subEventOf) == visit
    assert raw.value(remarks, BL.location) == BLR.Beijing
    assert len(set(raw.objects(remarks, BL.quote))) == 3


def test_ten_days_after_putins_talk_to_the_ambassadors(raw):
    remarks = BLR["Statement_Sergei_Ivanov_Alliance_2014-07-11"]
    anchor = raw.value(remarks, BL.relativeTo)
    delta = raw.value(remarks, BL.startDate).toPython() - raw.value(anchor, BL.startDate).toPython()
    assert delta == datetime.timedelta(days=10)
    assert raw.value(BLR.Seventh_Conference_of_Russian_Ambassadors_2014, BL.ordinal).toPython() == 7
    assert (anchor, BL.subEventOf, BLR.Seventh_Conference_of_Russian_Ambassadors_2014) in raw


def test_global_times_and_arbatov(raw):
    commentary = BLR["Statement_Global_Times_Alliance_2014-05"]
    calm = BLR["Statement_Global_Times_Calm_and_Indifference_2014-05"]
    assert Literal("一份坦然和淡定", lang="zh") in set(raw.objects(calm, BL.quote))
    assert raw.value(calm, BL.subEventOf) == commentary
    assert raw.value(commentary, BL.source) == BLR.Global_Times
    arbatov = set(raw.subjects(BL.speaker, BLR.Alexei_Arbatov))
    assert len({q for s in arbatov for q in raw.objects(s, BL.quote)}) == 2
    ratio = raw.value(BLR.Statement_Alexei_Arbatov_Trade_Ratio, BL.figure)
    assert (raw.value(ratio, BL.minValue).toPython(), raw.value(ratio, BL.maxValue).toPython()) == (
        5,
        6,
    )
    assert raw.value(ratio, BL.unit) == BL.Times


def test_security_report_dates_left_unresolved(raw):
    conference = BLR.China_National_Security_Report_News_Conference_2014
    assert raw.value(conference, BL.startDate) is None
    assert len(set(raw.objects(conference, BL.dateText))) == 2
    report = BLR.China_National_Security_Report_2014
    assert raw.value(report, BL.ordinal).toPython() == 1
    assert str(raw.value(report, BL.yearMonth)) == "2014-05"
