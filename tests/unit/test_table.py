"""Tables: rows and cells with offsets, the exercise table, and its RDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from bilateral.graph.namespaces import BL, BLR, OA
from bilateral.graph.recognise import LabelIndex
from bilateral.graph.seeds import Seed, read_seed
from bilateral.graph.table import (
    exercises_graph,
    find_tables,
    is_exercise_table,
    parse_exercises,
    resolve_country,
)

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def load(path: Path, slug: str) -> Seed:
    return read_seed(path, {"slug": slug})


@pytest.fixture
def seed() -> Seed:
    return load(ARTICLES / "fixture-2015-sept-dec.txt", "Fixture_Article")


@pytest.fixture
def index() -> LabelIndex:
    return LabelIndex.from_graph(Graph().parse(ARTICLES / "known.ttl"))


def test_find_tables_keeps_offsets_of_rows_and_cells(seed):
    tables = find_tables(seed.text)
    assert [(t.number, t.title) for t in tables] == [
        (1, "China-Russia Joint Military Exercises, 2014-2015"),
        (2, "China-Russia Trade"),
    ]
    first = tables[0]
    assert len(first.rows) == 5 and first.legend == {
        "*": "Infantry with aerial support",
        "n": "naval",
    }
    for row in first.rows:
        assert "\t" in seed.text[row.start : row.end] and "\n" not in seed.text[row.start : row.end]
        for cell in row.cells:
            assert seed.text[cell.start : cell.end] == cell.text
    assert seed.text[first.start : first.end].endswith("n = naval")
    assert [is_exercise_table(t) for t in tables] == [True, False]


def test_parse_exercises_reads_every_column(seed):
    exercises = {e.name: e for e in parse_exercises(find_tables(seed.text)[0])}
    naval = exercises["Naval Test-2015"]
    assert naval.framework == "Bilateral" and naval.kinds == {"infantry", "naval"}
    assert (naval.dates.start.isoformat(), naval.dates.end.isoformat()) == (
        "2015-12-30",
        "2016-01-02",
    )
    assert [(loc.place, loc.country) for loc in naval.locations] == [
        ("Vladivostok", None),
        ("Qingdao", None),
    ]
    assert (naval.troops, naval.warships) == (1200, None)
    border = exercises["Border Guard-2015"]
    assert border.framework == "SCO" and border.kinds == {"infantry"}
    assert border.dates.start == border.dates.end and border.troops == 900
    sea = exercises["Joint Sea-2015"]
    assert (sea.warships, sea.troops, sea.kinds) == (23, None, {"naval"})
    assert [(loc.place, loc.country) for loc in sea.locations] == [("Peter the Great Gulf", "Russ")]
    assert seed.text[sea.locations[0].start : sea.locations[0].end] == "Peter the Great Gulf, Russ"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Both-2015\t*\tn\tMay 1\tChina\t10", "exactly one of the SCO and Russ-Ch"),
        ("Odd-2015\t\tx\tMay 1\tChina\t10", "marker 'x' is not in the legend"),
        ("Nameless\t*\t\tMay 1\tChina\t10", "no year at the end of the code name"),
        ("Late-2015\t*\t\tMay 41\tChina\t10", "impossible date 'May 41'"),
        ("Tanks-2015\t*\t\tMay 1\tChina\t10 tanks", "unknown unit 'tanks'"),
    ],
)
def test_bad_rows_name_table_and_row(row, message):
    text = f"Table 3: Exercises\n\nCode-Names\tSCO\tRuss-Ch\tTime\tLocation\tForce Size\n{row}\n"
    with pytest.raises(ValueError, match=f"Table 3, row 1: .*{message}"):
        parse_exercises(find_tables(text)[0])


def test_resolve_country_accepts_the_table_abbreviation(index):
    assert resolve_country("Russ", index) == BLR.Russia
    assert resolve_country("China", index) == BLR.China
    assert resolve_country("Beijing", index) is None


def test_exercises_graph(seed, index):
    table = find_tables(seed.text)[0]
    graph, warnings = exercises_graph(table, parse_exercises(table), seed, index)
    sea = BLR["Joint_Sea-2015"]
    assert set(graph.objects(sea, RDF.type)) == {BL.MilitaryExercise, BL.NavalExercise}
    assert graph.value(sea, RDFS.label) == Literal("Joint Sea-2015", lang="en")
    assert graph.value(sea, BL.framework) == BL.BilateralFramework
    assert (sea, BL.organizedBy, None) not in graph
    assert set(graph.objects(sea, BL.participant)) == {BLR.China, BLR.Russia}
    assert graph.value(sea, BL.startDate) == Literal("2015-08-20", datatype=XSD.date)
    assert graph.value(sea, BL.dateText) == Literal("Aug. 20-28")
    assert graph.value(sea, BL.year) == Literal("2015", datatype=XSD.gYear)
    assert graph.value(sea, BL.warshipCount) == Literal(23)
    assert graph.value(sea, BL.tableRow) == Literal(2)
    assert graph.value(sea, BL.location) == BLR.Peter_the_Great_Gulf
    assert (BLR.Peter_the_Great_Gulf, BL.locatedIn, BLR.Russia) in graph
    passage = graph.value(sea, BL.evidence)
    start, end = int(graph.value(passage, OA.start)), int(graph.value(passage, OA.end))
    assert str(graph.value(passage, OA.exact)) == seed.text[start:end]
    assert seed.text[start:end].startswith("Joint Sea-2015\t") and seed.text[start:end].endswith(
        "23 warships"
    )
    border = BLR["Border_Guard-2015"]
    assert graph.value(border, BL.organizedBy) == BLR.Shanghai_Cooperation_Organization
    assert set(graph.objects(border, BL.location)) == {BLR.Kazakhstan, BLR.Xinjiang}
    assert graph.value(border, BL.troopCount) == Literal(900)
    assert graph.value(border, BL.figure) is None  # bl:troopCount is the one route


def test_the_rows_belong_to_the_series_the_title_names(seed, index):
    table = find_tables(seed.text)[0]
    graph, _ = exercises_graph(table, parse_exercises(table), seed, index)
    series = BLR["China-Russia_Joint_Military_Exercises_2014-2015"]
    assert graph.value(series, RDF.type) == BL.EventSeries
    assert str(graph.value(graph.value(series, BL.evidence), OA.exact)) == (
        "Table 1: China-Russia Joint Military Exercises, 2014-2015"
    )
    assert set(graph.subjects(BL.inSeries, series)) == {
        BLR[e.name.replace(" ", "_")] for e in parse_exercises(table)
    }
    known = BLR.Joint_Exercises
    index.labels[table.title] = {known}
    graph, _ = exercises_graph(table, parse_exercises(table), seed, index)
    assert (None, BL.inSeries, series) not in graph and (known, None, None) not in graph
    assert len(set(graph.subjects(BL.inSeries, known))) == len(parse_exercises(table))


def test_unknown_place_is_minted_and_reported(seed, index):
    table = find_tables(seed.text)[0]
    graph, warnings = exercises_graph(table, parse_exercises(table), seed, index)
    assert graph.value(BLR["Unknown_Cove-2015"], BL.location) == BLR.Bay_of_Nowhere
    assert (BLR.Bay_of_Nowhere, BL.locatedIn, BLR.China) in graph
    assert warnings == [
        f"{seed.path.name}@{seed.text.index('Bay of Nowhere')}: unknown place "
        f"'Bay of Nowhere', minted {BLR.Bay_of_Nowhere}"
    ]
