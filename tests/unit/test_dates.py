"""Date expressions of the journal: single days, ranges, month changes, missing years."""

from __future__ import annotations

from datetime import date

import pytest

from bilateral.graph.dates import find_date, month_number, parse_date_range, year_of


@pytest.mark.parametrize(
    ("text", "year", "start", "end"),
    [
        ("May 20-21, 2014", None, date(2014, 5, 20), date(2014, 5, 21)),
        ("Aug. 29-Sept. 1, 2014", None, date(2014, 8, 29), date(2014, 9, 1)),
        ("June 4-6, 2014", None, date(2014, 6, 4), date(2014, 6, 6)),
        ("July 27-Aug. 15", 2013, date(2013, 7, 27), date(2013, 8, 15)),
        ("Sept. 8", 2009, date(2009, 9, 8), date(2009, 9, 8)),
        ("April 22-27", 2012, date(2012, 4, 22), date(2012, 4, 27)),
        ("Aug 6–12", 2003, date(2003, 8, 6), date(2003, 8, 12)),
        ("Sept 1, 2015", 1999, date(2015, 9, 1), date(2015, 9, 1)),
        ("Dec. 30-Jan. 2", 2015, date(2015, 12, 30), date(2016, 1, 2)),
    ],
)
def test_parse_date_range(text, year, start, end):
    parsed = parse_date_range(text, year)
    assert (parsed.start, parsed.end, parsed.text) == (start, end, text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("May 20", "no year in date 'May 20'"),
        ("Mayday 20, 2014", "not a date expression: 'Mayday 20, 2014'"),
        ("Feb. 30, 2014", "impossible date 'Feb. 30, 2014'"),
        ("mid-1990s", "not a date expression: 'mid-1990s'"),
    ],
)
def test_parse_date_range_names_the_text_on_failure(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date_range(text)


def test_month_number_rejects_non_months():
    assert month_number("Sept.") == 9 and month_number("September") == 9
    with pytest.raises(ValueError, match="'Septa'"):
        month_number("Septa")


def test_find_date_reads_only_the_opening_expression():
    found = find_date("Aug. 29-Sept. 1, 2014: Vice Premier Zhang Gaoli visits Russia")
    assert found is not None
    dates, start, end = found
    assert (start, end, dates.text) == (0, 21, "Aug. 29-Sept. 1, 2014")
    assert find_date("Vice Premier Zhang Gaoli visits Russia on May 8, 2014") is None


def test_year_of_code_names():
    assert [year_of(n) for n in ("Coalition-2003", "Joint Sea-2014", "Vostok")] == [
        2003,
        2014,
        None,
    ]
