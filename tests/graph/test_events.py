"""Events as analysts use them: temporal extents, who acts on whom, CAMEO codes, the event table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from direct import run

from bilateral.graph.dates import find_extent
from bilateral.graph.store import open_store, read_manifest

ROOT = Path(__file__).resolve().parents[2]
BILATERAL = str(Path(sys.executable).with_name("bilateral"))
SEED = ROOT / "seeds" / "china-russia-2014-may-aug.txt"
PREFIXES = """
PREFIX bl: <https://w3id.org/bilateral/ontology#>
PREFIX blr: <https://w3id.org/bilateral/resource/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def store(built_store):
    return open_store(built_store)


def select(store, query: str) -> list[dict[str, str]]:
    results = run(store, PREFIXES + query)
    names = [v.value for v in results.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in results]


def extent(store, slug: str) -> dict[str, str]:
    found = select(
        store,
        f"""SELECT ?edtf ?earliest ?latest ?precision ?from WHERE {{
              blr:{slug} bl:edtf ?edtf ; bl:datePrecision ?precision .
              OPTIONAL {{ blr:{slug} bl:earliest ?earliest }}
              OPTIONAL {{ blr:{slug} bl:latest ?latest }}
              OPTIONAL {{ blr:{slug} bl:dateDerivedFrom ?from }} }}""",
    )
    assert len(found) == 1, f"{slug}: {found}"
    return found[0]


# --- Temporal extents ---


def test_every_event_the_article_dates_has_an_extent(store):
    """Day dates, curated years and months, and every date text the reader understands."""
    rows = select(
        store,
        """SELECT ?event ?text WHERE {
             ?event a bl:Event .
             { ?event bl:startDate ?d } UNION { ?event bl:year ?d } UNION { ?event bl:yearMonth ?d }
             UNION { ?event bl:dateText ?text }
             FILTER NOT EXISTS { ?event bl:edtf ?edtf } }""",
    )
    missed = [r for r in rows if "text" not in r or find_extent(r["text"], 2014) is not None]
    assert not missed


def test_day_exact_events_keep_their_days(store):
    rows = select(
        store,
        """SELECT ?event WHERE {
             ?event a bl:Event ; bl:startDate ?s ; bl:endDate ?e .
             FILTER NOT EXISTS {
               ?event bl:earliest ?s ; bl:latest ?e ; bl:datePrecision "day" } }""",
    )
    assert not rows


@pytest.mark.parametrize(
    ("slug", "edtf", "earliest", "latest", "precision"),
    [
        (
            "Putin_Xi_Talks_Shanghai_2014",
            "2014-05-20/2014-05-21",
            "2014-05-20",
            "2014-05-21",
            "day",
        ),
        (
            "China_National_Security_Report_2014",
            "2014-05-01/2014-05-10",
            "2014-05-01",
            "2014-05-10",
            "part-of-month",
        ),
        (
            "Statement_Vladimir_Putin_Alliance_2014-04",
            "2014-04-21/2014-04-30",
            "2014-04-21",
            "2014-04-30",
            "part-of-month",
        ),
        (
            "Obama_Travel_to_Japan_Korea_and_the_Philippines_2014",
            "2014-04",
            "2014-04-01",
            "2014-04-30",
            "month",
        ),
        (
            "Yeltsin_East_Siberia_Oil_Pipeline_Proposal",
            "1994/1996",
            "1994-01-01",
            "1996-12-31",
            "decade",
        ),
        (
            "China_Russia_Gas_Supply_Agreement_Reached_2009",
            "../2009-06",
            None,
            "2009-06-30",
            "open",
        ),
        ("China_Russia_Gas_Contract_Deliveries_Start_2018", "2018/..", "2018-01-01", None, "open"),
    ],
)
def test_extents_follow_the_article_words(store, slug, edtf, earliest, latest, precision):
    found = extent(store, slug)
    assert (found["edtf"], found.get("earliest"), found.get("latest"), found["precision"]) == (
        edtf, earliest, latest, precision,
    )  # fmt: skip


def test_relative_dates_are_derived_from_their_anchor(store):
    rows = select(
        store,
        """SELECT ?event ?anchor ?derived WHERE {
             ?event bl:dateDerivedFrom ?derived . OPTIONAL { ?event bl:relativeTo ?anchor } }""",
    )
    assert rows and all(r.get("anchor") == r["derived"] for r in rows)
    brics = extent(
        store, "Statement_BRICS_IMF_Reform_2014"
    )  # "issued immediately after the summit"
    assert (brics["edtf"], brics["earliest"], brics["from"].rsplit("/", 1)[-1]) == (
        "2014-07-15/..", "2014-07-15", "BRICS_Summit_2014",
    )  # fmt: skip


def test_relative_dates_state_their_day_offset(store):
    """The count of days the article gives, signed, on every event dated relative to another."""
    rows = select(
        store,
        """SELECT ?event ?offset WHERE { ?event bl:dayOffset ?offset ; bl:relativeTo ?anchor }""",
    )
    found = {r["event"].rsplit("/", 1)[-1]: int(r["offset"]) for r in rows}
    assert {
        "Ukrainian_Anti-Terrorist_Operations_2014": 4,  # "Four days after Putin's China trip"
        "Statement_Feng_Yujun_Ukraine_Crisis_2014-04-13": -2,  # "just two days before"
        "Putin_Li_Yuanchao_Meeting_2014": 2,  # "Two days after the contract was signed"
        "Statement_Sergei_Ivanov_Alliance_2014-07-11": 10,  # "Ten days later"
        "China_National_Security_Report_News_Conference_2014": -9,  # "nine days before"
        "US_Sanctions_Against_Russia_2014-07-16": 1,  # "One day after"
        "MH17_Downing_2014": 1,  # "The next day"
    }.items() <= found.items()
    # The offset is what the article says, even where it contradicts another dating:
    # "nine days before" an April 15 visit, of a report released "in early May".
    assert extent(store, "China_National_Security_Report_News_Conference_2014")["earliest"] == (
        "2014-05-01"
    )


# --- Who acts on whom ---


def test_every_role_is_a_participant(store):
    rows = select(
        store,
        """SELECT ?event ?actor WHERE {
             ?event bl:initiator|bl:target|bl:host|bl:chair|bl:coChair ?actor .
             FILTER NOT EXISTS { ?event bl:participant ?actor } }""",
    )
    assert not rows


@pytest.mark.parametrize(
    ("slug", "initiators", "targets"),
    [
        ("EU_US_Sanctions_Against_Russia_2014-07", {"European_Union", "United_States"}, {"Russia"}),
        ("Putin_State_Visit_to_China_2014", {"Vladimir_Putin"}, {"Xi_Jinping"}),
        ("Sergey_Lavrov_Wang_Yi_Phone_Call_2014-05-14", {"Sergey_Lavrov"}, {"Wang_Yi"}),
        ("Russia_China_Veto_Syria_ICC_2014", {"Russia", "China"}, set()),
    ],
)
def test_roles_follow_the_article_words(store, slug, initiators, targets):
    def actors(role: str) -> set[str]:
        rows = select(store, f"SELECT ?a WHERE {{ blr:{slug} bl:{role} ?a }}")
        return {r["a"].rsplit("/", 1)[-1] for r in rows}

    assert (actors("initiator"), actors("target")) == (initiators, targets)


def test_roles_cite_a_passage_with_the_actors_words(store):
    """The passage quoted for a visit names the visitor."""
    rows = select(
        store,
        """SELECT ?event ?label (GROUP_CONCAT(?exact; separator=" ") AS ?text) WHERE {
             ?event a bl:Visit ; bl:initiator ?actor ; bl:evidence/oa:exact ?exact .
             ?actor rdfs:label ?label }
           GROUP BY ?event ?label""",
    )
    assert len(rows) >= 10
    assert all(any(word in r["text"] for word in r["label"].split()) for r in rows), rows


# --- CAMEO codes ---


def test_every_event_has_a_cameo_code_or_a_reason(store):
    rows = select(
        store,
        """SELECT ?event WHERE {
             ?event a bl:Event .
             FILTER NOT EXISTS { ?event bl:cameoCode|bl:noCameoCode ?own }
             FILTER NOT EXISTS { ?event a ?class . ?class skos:closeMatch|bl:noCameoCode ?c } }""",
    )
    assert not rows


def test_cameo_codes_have_names_and_the_quad_class_of_their_root(store):
    rows = select(
        store,
        """SELECT ?notation ?name ?quad WHERE {
             ?code skos:inScheme <https://w3id.org/bilateral/cameo/EventCodes> ;
                   skos:notation ?notation ; skos:prefLabel ?name ;
                   bl:quadClass/skos:notation ?quad }""",
    )
    assert len(rows) >= 25
    for row in rows:
        root = int(row["notation"][:2])
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert int(row["quad"]) == expected, row
    names = {r["notation"]: r["name"] for r in rows}
    assert (names["042"], names["043"], names["057"]) == (
        "Make a visit", "Host a visit", "Sign formal agreement",
    )  # fmt: skip


# --- The event table ---


@pytest.fixture(scope="module")
def table(built_store, tmp_path_factory) -> pd.DataFrame:
    """The table as `bilateral export --format events` writes it, read by pandas."""
    out = tmp_path_factory.mktemp("events") / "events.csv"
    subprocess.run(
        [BILATERAL, "export", "--store", str(built_store), "--format", "events", "--out", str(out)],
        check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    return pd.read_csv(out, dtype=str, keep_default_na=False)


def test_table_has_every_event_once_or_more(store, table):
    events = select(store, "SELECT ?event WHERE { ?event a bl:Event }")
    assert set(table["resource"]) == {r["event"] for r in events}


def test_directed_rows_are_the_initiator_target_pairs(store, table):
    pairs = select(
        store,
        """SELECT DISTINCT ?event ?source ?target WHERE {
             ?event a bl:Event ; bl:initiator ?source ; bl:target ?target .
             FILTER(?source != ?target) }""",
    )
    directed = table[(table["directed"] == "true") & (table["source_actor"] != "")]
    directed = directed[directed["target_actor"] != ""]
    expected = {
        (p["event"], p["source"].rsplit("/", 1)[-1], p["target"].rsplit("/", 1)[-1]) for p in pairs
    }
    found = set(
        zip(directed["resource"], directed["source_actor"], directed["target_actor"], strict=True)
    )
    assert found == expected and len(directed) == len(expected)


def test_table_joins_codes_dates_and_passages_with_sparql(store, table):
    codes = (
        pd.DataFrame(
            select(
                store,
                """SELECT (STRAFTER(STR(?actor), "/resource/") AS ?source_actor) ?code WHERE {
                 ?event a bl:Event ; bl:participant ?actor .
                 OPTIONAL { ?actor bl:cameoActorCode ?code } }""",
            )
        )
        .drop_duplicates()
        .fillna("")
    )
    joined = table[table["source_actor"] != ""].merge(codes, on="source_actor", how="left")
    assert len(joined) == (table["source_actor"] != "").sum()
    assert (joined["code"] == joined["source_cameo"]).all()
    assert (joined["code"] != "").sum() > 100
    dated = table[table["edtf"] != ""]
    assert (dated["date_earliest"] <= dated["date_latest"].replace("", "9999")).all()
    text = SEED.read_text(encoding="utf-8")
    quoted = table[table["passage_start"] != ""]
    assert len(quoted) == len(table)
    assert all(
        text[int(s) : int(e)] == exact
        for s, e, exact in zip(
            quoted["passage_start"], quoted["passage_end"], quoted["passage_text"], strict=True
        )
    )
    visits = table[table["event_id"] == "Putin_State_Visit_to_China_2014"]
    assert list(visits[["cameo_code", "quad_class", "source_cameo", "target_cameo"]].iloc[0]) == [
        "042", "1", "RUSGOV", "CHNGOV",
    ]  # fmt: skip


def test_table_locations_carry_their_wikidata_ids(store, table):
    linked = select(
        store,
        """SELECT ?label ?wd WHERE { ?event a bl:Event ; bl:location ?p . ?p rdfs:label ?label ;
             owl:sameAs ?wd FILTER(STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/")) }""",
    )
    ids = {r["label"]: r["wd"].rsplit("/", 1)[-1] for r in linked}
    located = table[table["location_wikidata"] != ""]
    assert not located.empty
    assert all(
        ids[label] == qid
        for label, qid in zip(located["location"], located["location_wikidata"], strict=True)
    )


def test_the_build_publishes_the_table_for_download(built_store, table):
    dumps = read_manifest(built_store)["dumps"]
    assert "events.csv" in dumps
