"""The journal's structured parts and prose units, read from the real seed as stored.

(The parsers' unit tests use invented articles in tests/fixtures/articles/;
these check the same code on the article the graph is built from.)
"""

from __future__ import annotations

from pathlib import Path

from bilateral.graph.chronology import classify, find_chronology
from bilateral.graph.namespaces import BL
from bilateral.graph.seeds import Seed, read_seed
from bilateral.graph.segment import paragraphs
from bilateral.graph.table import find_tables, parse_exercises

SEED = Path(__file__).resolve().parents[2] / "seeds" / "china-russia-2014-may-aug.txt"


def load(path: Path, slug: str) -> Seed:
    return read_seed(path, {"slug": slug})


def test_real_table_1():
    seed = load(SEED, "china-russia-2014-may-aug")
    (table,) = find_tables(seed.text)
    exercises = parse_exercises(table)
    assert [e.name for e in exercises][:2] == ["Coalition-2003", "Peace Mission-2005"]
    assert len(exercises) == 12
    by_name = {e.name: e for e in exercises}
    assert by_name["Peace Mission-2005"].framework == "Bilateral"
    assert by_name["Peace Mission-2005"].kinds == {"infantry", "naval"}
    assert by_name["Peace Shield-2009"].warships == 6
    assert by_name["Coalition-2003"].troops == 1300
    assert by_name["Peace Mission-2013"].dates.end.isoformat() == "2013-08-15"
    assert [loc.place for loc in by_name["Coalition-2003"].locations] == ["Kazakhstan", "Xinjiang"]
    assert sum(e.framework == "SCO" for e in exercises) == 5


def test_real_chronology_entries():
    seed = load(SEED, "china-russia-2014-may-aug")
    chronology = find_chronology(seed.text)
    entries = chronology.entries
    assert len(entries) == 19
    assert entries[0].text.startswith(
        "May 8, 2014: Russian First Deputy Prime Minister Igor Shuvalov"
    )
    assert entries[-1].dates.text == "Aug. 29-Sept. 1, 2014"
    (split,) = [e for e in entries if "\n\n" in e.text]
    assert split.dates.text == "June 25-26, 2014" and "joint\n\nmeasures" in split.text
    assert [classify(e.body) for e in entries].count(BL.Visit) == 9
    assert None not in [classify(e.body) for e in entries]


def test_seed_paragraphs():
    text = SEED.read_text(encoding="utf-8")
    found = paragraphs(text)
    by_kind = {}
    for p in found:
        by_kind[p.kind] = by_kind.get(p.kind, 0) + 1
    assert by_kind == {
        "front": 4,
        "prose": 35,
        "heading": 8,
        "table": 1,
        "legend": 2,
        "separator": 1,
        "quote": 1,
        "chronology": 19,
    }
    starts = [text[p.start : p.start + 30] for p in found]
    # the page breaks inside paragraphs are not paragraph breaks
    for fragment in (
        "days before Russian",
        "as the two sides seriously",
        "of outer space",
        "between the two navies. The two",
        "alliance had become",
        "measures in anticip",
    ):
        assert not any(s.startswith(fragment) for s in starts), fragment
    assert [text[p.start : p.end] for p in found if p.kind == "front"][3] == (
        "Yu Bin\nWittenberg University"
    )
    (table,) = [p for p in found if p.kind == "table"]
    assert len(table.units) == 13 and table.units[0].text.startswith("Code-Names")
    for p in found:
        for unit in p.units:
            assert text[unit.start : unit.end] == unit.text


def test_seed_sentences_with_abbreviations():
    text = SEED.read_text(encoding="utf-8")
    units = [u.text for p in paragraphs(text) for u in p.units if u.kind == "sentence"]
    assert any(u.startswith("On Sept. 1, while visiting Russia") for u in units)
    assert any(
        u.startswith("Chinese Navy Commander Adm. Wu Shengli and Russian Navy Commander Gen.")
        and u.endswith("throughout the drill.")
        for u in units
    )
    assert not any(u.endswith(("Aug.", "Sept.", "Gen.", "Adm.", "St.", "tril.")) for u in units)
