"""Date expressions of the journal: single days, ranges, month changes, missing years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bilateral.graph.dates import (
    Extent,
    day_offset,
    days_extent,
    find_date,
    find_extent,
    hull,
    month_number,
    parse_date_range,
    relative_extent,
    year_of,
)


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


@pytest.mark.parametrize(
    ("text", "edtf", "earliest", "latest", "precision"),
    [
        ("on May 20-21", "2014-05-20/2014-05-21", date(2014, 5, 20), date(2014, 5, 21), "day"),
        (
            "launched on May 20 and ended on May 26",
            "2014-05-20/2014-05-26",
            date(2014, 5, 20),
            date(2014, 5, 26),
            "day",
        ),
        (
            "In early May",
            "2014-05-01/2014-05-10",
            date(2014, 5, 1),
            date(2014, 5, 10),
            "part-of-month",
        ),
        (
            "mid-July",
            "2014-07-11/2014-07-20",
            date(2014, 7, 11),
            date(2014, 7, 20),
            "part-of-month",
        ),
        (
            "in late February 2013",
            "2013-02-21/2013-02-28",
            date(2013, 2, 21),
            date(2013, 2, 28),
            "part-of-month",
        ),
        (
            "In March 2013 during his first trip",
            "2013-03",
            date(2013, 3, 1),
            date(2013, 3, 31),
            "month",
        ),
        ("In his July visit to China", "2014-07", date(2014, 7, 1), date(2014, 7, 31), "month"),
        (
            "between May and August 2014",
            "2014-05/2014-08",
            date(2014, 5, 1),
            date(2014, 8, 31),
            "month",
        ),
        ("this summer", "2014-22", date(2014, 6, 1), date(2014, 8, 31), "season"),
        ("winter 2013", "2013-24", date(2013, 12, 1), date(2014, 2, 28), "season"),
        ("in the first quarter of 2014", "2014-33", date(2014, 1, 1), date(2014, 3, 31), "quarter"),
        ("In 1994", "1994", date(1994, 1, 1), date(1994, 12, 31), "year"),
        ("2014-15", "2014/2015", date(2014, 1, 1), date(2015, 12, 31), "year"),
        ("between 1997 and 2003", "1997/2003", date(1997, 1, 1), date(2003, 12, 31), "year"),
        ("in the 1990s", "199X", date(1990, 1, 1), date(1999, 12, 31), "decade"),
        ("in the mid-1990s", "1994/1996", date(1994, 1, 1), date(1996, 12, 31), "decade"),
        ("by the end of 2013", "../2013", None, date(2013, 12, 31), "open"),
        ("starting from 2014 or 2015", "2014/..", date(2014, 1, 1), None, "open"),
    ],
)
def test_find_extent(text, edtf, earliest, latest, precision):
    assert find_extent(text, 2014) == Extent(edtf, earliest, latest, precision)


@pytest.mark.parametrize(
    "text",
    ["Meanwhile", "in the past 10 years", "It took nearly a decade", "They may meet", "currently"],
)
def test_find_extent_invents_nothing(text):
    assert find_extent(text, 2014) is None


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("Ten days later", "2014-05-30/2014-05-31"),
        ("Two days after the contract was signed", "2014-05-22/2014-05-23"),
        ("The next day", "2014-05-21/2014-05-22"),
        ("just two days before Lavrov's visit", "2014-05-18/2014-05-19"),
        ("on the eve of his Shanghai trip", "2014-05-19/2014-05-20"),
        ("issued immediately after the summit", "2014-05-20/.."),
        ("prior to his visit", "../2014-05-21"),
        ("Meanwhile", None),
    ],
)
def test_relative_extent_moves_the_anchor_bounds(text, edtf):
    anchor = days_extent(date(2014, 5, 20), date(2014, 5, 21), "day")
    found = relative_extent(text, anchor)
    assert (found.edtf if found else None) == edtf


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Four days after Putin's China trip", 4),
        ("just two days before Russian Foreign Minister Sergey Lavrov's working visit", -2),
        ("Two days after the contract was signed in Shanghai", 2),
        ("Ten days later", 10),
        ("nine days before Foreign Minister Lavrov’s working visit to Beijing", -9),
        ("One day after Putin's remarks", 1),
        ("The next day", 1),
        ("on the eve of his Shanghai trip", -1),
        ("launched on the same day of the CICA's fourth summit", 0),
        ("12 days before the vote", -12),
        ("issued immediately after the summit", None),
        ("a few days before Ukraine's presidential election", None),
        ("In early May", None),
    ],
)
def test_day_offset_is_the_signed_count_of_days(text, days):
    assert day_offset(text) == days


def test_relative_extent_moves_by_the_day_offset():
    anchor = days_extent(date(2014, 4, 15), date(2014, 4, 15), "day")
    for text in ("nine days before the visit", "Four days after the trip", "The next day"):
        found = relative_extent(text, anchor)
        assert found.earliest == date(2014, 4, 15) + timedelta(days=day_offset(text))


def test_hull_spans_every_extent():
    found = hull([find_extent("In 2013", 2014), find_extent("first quarter of 2014", 2014)])
    assert (found.edtf, found.earliest, found.latest, found.precision) == (
        "2013/2014-33", date(2013, 1, 1), date(2014, 3, 31), "year",
    )  # fmt: skip
