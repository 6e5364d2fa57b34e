"""Property-based tests of the pure parsers: any text in, a result or a ValueError out.

ValueError (and its subclass InputError, which names the place) is how the
parsers report bad input; any other exception type is a bug (issue 6).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.graph import anchor, chronology, dates, queries, results, table
from bilateral.graph.seeds import load_seeds

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seed"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text near the formats the parsers read: dates, table rows, chronology lines.
WORDS = st.sampled_from(
    [
        "May",
        "June",
        "20",
        "21-22",
        "2014",
        ",",
        "-",
        "–",
        "|",
        "Table",
        "Chronology",
        "\n",
        "warships",
        "troops",
        "Putin",
        "Xi",
        "<",
        ">",
        ":",
        "#",
        "title:",
        "  ",
        "**",
        "\\",
    ]
)
NEAR = st.lists(WORDS, max_size=40).map(" ".join)
TEXT = st.one_of(st.text(max_size=300), NEAR)


def expected_only(call, *args):
    """Run `call`; a ValueError is a reported failure, anything else escapes."""
    try:
        return call(*args)
    except ValueError:
        return None


@FUZZ
@given(TEXT, st.one_of(st.none(), st.integers(1900, 2100)))
def test_date_parsers(text, year):
    expected_only(dates.parse_date_range, text, year)
    expected_only(dates.find_date, text, year)
    expected_only(dates.month_number, text)
    expected_only(dates.year_of, text)


@FUZZ
@given(TEXT)
def test_table_parsers(text):
    for found in expected_only(table.find_tables, text) or []:
        if expected_only(table.is_exercise_table, found):
            expected_only(table.parse_exercises, found)
    expected_only(table.parse_force, text)


@FUZZ
@given(TEXT)
def test_chronology_parsers(text):
    expected_only(chronology.find_chronology, text)
    expected_only(chronology.classify, text)
    for start, end in expected_only(chronology.sentences, text) or []:
        assert 0 <= start <= end <= len(text)
    expected_only(chronology.first_sentence, text)
    expected_only(chronology.entry_label, text)


@pytest.fixture(scope="module")
def seeds():
    return load_seeds(SEEDS)


@FUZZ
@given(quote=TEXT)
def test_anchor_locate(seeds, quote):
    found = expected_only(anchor.locate, quote, seeds)
    if found is not None:
        seed, start = found
        assert seed.text[start : start + len(quote)] == quote


@FUZZ
@given(TEXT)
def test_parse_term(text):
    term = expected_only(results.parse_term, text)
    if isinstance(term, ox.Literal):
        assert term.value == text  # typed or plain, the text is kept as written
    else:
        assert term is None or isinstance(term, ox.NamedNode)


@FUZZ
@given(TEXT)
def test_parse_header(text):
    header = queries.parse_header(text)
    assert all(isinstance(v, list) and v for v in header.values())
