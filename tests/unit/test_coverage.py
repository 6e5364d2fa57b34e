"""Paragraphs, sentences and their coverage by passages (graph/segment.py, graph/coverage.py)."""

from __future__ import annotations

import json

import pytest

from bilateral.graph.coverage import Citation, cover, to_json, to_table
from bilateral.graph.segment import classify, paragraphs, sentences


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "On Aug. 24 the drill began.",
        "In Sept. 2010 it was completed.",
        "Gen. Viktor Chirkov was there.",
        "The U.S. Congress has not acted.",
        "He met Li at the St. Petersburg Economic Forum.",
        "Adm. Wu Shengli and Col. Gen. Fang Fenghui met.",
        "Japan \\$1.28 tril.; EU \\$0.74 tril.).",
        "The militarism ... and continue to deter.",
        "Yu B. Smith wrote it.",
    ],
)
def test_abbreviations_and_initials_do_not_end_sentences(text):
    assert texts(text) == [text]


def test_sentences_end_at_full_stops_and_closing_quotes():
    text = 'He said, "It is real." Then he left! Did he? “Yes.” 42 men came.'
    assert texts(text) == [
        'He said, "It is real."',
        "Then he left!",
        "Did he?",
        "“Yes.”",
        "42 men came.",
    ]


def test_sentence_offsets_are_shifted_and_exclude_spaces():
    assert sentences("A b.  C d.", 100) == [(100, 104), (106, 110)]


def test_page_break_inside_a_sentence_stays_in_the_paragraph():
    text = "Heading\n\nIt happened just two\n\ndays before the visit. It rained.\n\nNext one."
    found = paragraphs(text)
    assert [p.kind for p in found] == ["front", "prose", "prose"]
    assert [u.text for u in found[1].units] == [
        "It happened just two\n\ndays before the visit.",
        "It rained.",
    ]


def test_blank_line_after_full_stop_or_around_a_heading_ends_the_paragraph():
    text = "First para. Ends here.\n\nSecond para.\n\nA Heading\n\nThird para here."
    kinds = [(p.kind, len(p.units)) for p in paragraphs(text)]
    assert kinds == [("prose", 2), ("prose", 1), ("heading", 1), ("prose", 1)]


def test_structured_lines_are_not_merged_into_an_unfinished_entry():
    text = (
        "Intro. Text.\n\nJune 4-6, 2014: A visit with Yang Jie\n\n"
        "June 24, 2014: A meeting on joint\n\nmeasures in anticipation.\n\n"
        "Aug. 29-Sept. 1, 2014: Another one."
    )
    found = paragraphs(text)
    assert [p.kind for p in found] == ["prose", "chronology", "chronology", "chronology"]
    assert found[2].units[0].text.endswith("joint\n\nmeasures in anticipation.")


def test_table_rows_legend_block_quote_and_separator():
    text = (
        "Prose. More.\n\nTable 1: Exercises\n\nName\tTime\nA-2003\tAug. 6\nB-2005\tMay 2\n\n"
        "n = naval\n\nHe said:\n\nWe see a set. Of interests.\n\n*\n\nAfter. Done."
    )
    found = paragraphs(text)
    assert [p.kind for p in found] == [
        "prose",
        "heading",
        "table",
        "legend",
        "prose",
        "quote",
        "separator",
        "prose",
    ]
    table = found[2]
    assert [(u.kind, u.fact) for u in table.units] == [
        ("table-header", False),
        ("table-row", True),
        ("table-row", True),
    ]
    assert found[5].units[0].text == "We see a set. Of interests."
    assert [p.fact for p in found] == [True, False, True, False, True, True, False, True]


def test_classify_byline_as_heading():
    assert classify("Yu Bin\nWittenberg University") == "heading"
    assert classify("Comparative Connections") == "heading"
    assert classify("Laying “BRICS” for a brave new world of international finance?") == "heading"


def test_cover_marks_overlaps_and_lists_resources():
    text = "Title\n\nA cat sat. A dog ran. A bird flew.\n\nAnother para."
    cat = text.index("cat")
    report = cover(
        text,
        [
            Citation(cat, cat + 3, frozenset({"Cat"})),
            Citation(cat, text.index("dog") + 3, frozenset({"Pets"})),
        ],
        "doc",
    )
    heading, prose, other = report.paragraphs
    assert [(u.unit.text, u.resources) for u in prose.units] == [
        ("A cat sat.", ("Cat", "Pets")),
        ("A dog ran.", ("Pets",)),
        ("A bird flew.", ()),
    ]
    assert [u.share for u in prose.units] == [0.8, 0.5, 0.0]
    assert prose.cited and round(prose.percent) == 67
    assert not other.cited and not heading.paragraph.fact
    assert report.uncited_paragraphs() == [other]
    totals = report.totals()
    assert totals.pop("mentions")["all"]["mentions"] == 0  # `cover` alone finds no mentions
    assert totals == {
        "units": 4,
        "units_cited": 2,
        "units_percent": 50.0,
        "paragraphs": 2,
        "paragraphs_cited": 1,
        "paragraphs_percent": 50.0,
    }


def test_touching_passage_does_not_cite_the_next_sentence():
    text = "One two. Three four."
    report = cover(text, [Citation(0, 8, frozenset({"X"}))])
    assert [u.cited for u in report.paragraphs[0].units] == [True, False]


def test_renderings_list_only_gaps_when_asked():
    text = "A cat sat. A dog ran."
    report = cover(text, [Citation(2, 5, frozenset({"Cat"}))], "doc")
    data = json.loads(to_json([report], uncited=True))
    (units,) = [p["units"] for p in data["documents"][0]["paragraphs"]]
    assert [u["text"] for u in units] == ["A dog ran."]
    table = to_table([report])
    assert "<- Cat" in table and "1/2 fact-bearing sentences cited (50.0%)" in table
    assert "A cat sat." not in to_table([report], uncited=True)


def test_share_counts_overlapping_passages_once():
    text = "Abcdefghij klmnopqrst."
    hits = [Citation(0, 6, frozenset()), Citation(3, 8, frozenset()), Citation(15, 40, frozenset())]
    (unit,) = cover(text, hits).paragraphs[0].units
    assert unit.share == round((8 + 7) / 22, 3)


def test_mentions_of_each_kind_are_found_once():
    from bilateral.graph.mentions import find_mentions
    from bilateral.graph.recognise import LabelIndex

    text = "In March 2013 Xi met the two navies; the 10th round cost \\$400 billion."
    found = [(m.kind, m.text) for m in find_mentions(text, LabelIndex())]
    assert found == [
        ("date", "March 2013"),
        ("name", "Xi"),
        ("ordinal", "10th"),
        ("number", "\\$400 billion"),
    ]


def test_a_mention_resolves_only_through_a_passage_that_contains_it():
    from bilateral.graph.mentions import Fact, mention_outcomes
    from bilateral.graph.recognise import LabelIndex

    text = "On May 22, 2014 Russia vetoed it for the fourth time. It had 16 warships."
    values = {"Veto": [("https://w3id.org/bilateral/ontology#startDate", "2014-05-22"),
                       ("https://w3id.org/bilateral/ontology#ordinal", "4")],
              "Fleet": [("https://w3id.org/bilateral/ontology#numericValue", "16.0")]}  # fmt: skip
    passages = [Fact(0, 53, frozenset({"Veto"})), Fact(54, 60, frozenset({"Fleet"}))]
    outcomes = {o.mention.text: o.term for o in mention_outcomes(text, passages, LabelIndex(), values)}
    assert outcomes["May 22, 2014"].startswith("Veto ") and outcomes["fourth"].endswith("#ordinal 4")
    assert outcomes["16 warships"] is None  # its passage does not contain it


def test_a_reviewed_resolution_names_what_the_mention_resolves_to():
    from rdflib import URIRef

    from bilateral.graph.mentions import Fact, mention_outcomes
    from bilateral.graph.recognise import LabelIndex, ReviewedMention

    text = "On May 1, 2014 Beijing declared neutrality."
    participant = "https://w3id.org/bilateral/ontology#participant"
    values = {"Neutrality": [(participant, "China")]}
    passages = [Fact(0, len(text), frozenset({"Neutrality"}))]
    china = URIRef("https://w3id.org/bilateral/resource/China")
    capital = ReviewedMention("a.txt", 15, 22, "Beijing", china, "the government")
    _, alone = mention_outcomes(text, passages, LabelIndex(), values)
    _, named = mention_outcomes(text, passages, LabelIndex(), values, [capital])
    assert alone.term is None and named.term == f"Neutrality {participant} China"


def test_reviewed_mentions_are_located_by_a_unique_quote(tmp_path):
    from bilateral.graph.recognise import ReviewError, load_review

    review = tmp_path / "mentions.toml"
    review.write_text(
        '[[exclusion]]\nseed = "a.txt"\nname = "WWII"\nquote = "WWII anniversary"\nreason = "r"\n'
    )
    (found,) = load_review(review, {"a.txt": "They discuss the WWII anniversary."})
    assert (found.start, found.end, found.resource) == (17, 21, None)
    with pytest.raises(ReviewError, match="mentions.toml: exclusion 1: quote"):
        load_review(review, {"a.txt": "WWII anniversary and WWII anniversary"})
