"""The journal's date expressions: "May 20-21, 2014", "Aug. 29-Sept. 1, 2014", "Sept. 8".

Comparative Connections writes dates as `Month Day` with an abbreviated or full
month name (with or without a period), ranges with a hyphen or an en dash, the
second month only when it changes, and the year after a comma, or not at all
(Table 1 gives it in the exercise's code name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

# Longest names first, so that "Sept" wins over "Sep" and "June" over "Jun".
MONTH = "(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
DASH = r"\s*[-–—]\s*"
# One date expression; named groups are read by `parse_date_range`.
DATE_PATTERN = (
    rf"(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})"
    rf"(?:{DASH}(?:(?P<m2>{MONTH})\s+)?(?P<d2>\d{{1,2}}))?"
    r"(?:,\s*(?P<year>\d{4}))?"
)
_DATE = re.compile(DATE_PATTERN)
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*$")


@dataclass(frozen=True)
class DateRange:
    """A date or a range of days, with the article's own wording."""

    start: date | None
    end: date | None
    text: str


def month_number(name: str) -> int:
    """The number of a month name or abbreviation, with or without its period.

    >>> month_number("Sept."), month_number("June"), month_number("aug")
    (9, 6, 8)

    :raises ValueError: naming the text when it is not a month.
    """
    key = name.strip().rstrip(".").lower()
    if key not in MONTHS:
        raise ValueError(f"not a month name: {name!r}")
    return MONTHS[key]


def parse_date_range(text: str, year: int | None = None) -> DateRange:
    """Parse a whole date expression; `year` applies when the text has none.

    >>> parse_date_range("May 20-21, 2014")  # doctest: +NORMALIZE_WHITESPACE
    DateRange(start=datetime.date(2014, 5, 20), end=datetime.date(2014, 5, 21),
              text='May 20-21, 2014')
    >>> parse_date_range("Aug. 29-Sept. 1, 2014").end
    datetime.date(2014, 9, 1)
    >>> r = parse_date_range("July 27-Aug. 15", year=2013)
    >>> (r.start.isoformat(), r.end.isoformat())
    ('2013-07-27', '2013-08-15')
    >>> parse_date_range("Sept. 8", year=2009).end
    datetime.date(2009, 9, 8)
    >>> parse_date_range("Dec. 30-Jan. 2", year=2014).end
    datetime.date(2015, 1, 2)
    >>> parse_date_range("May 20")
    Traceback (most recent call last):
    ...
    ValueError: no year in date 'May 20' and none given

    :raises ValueError: naming the text when it is not one date expression,
        has no year, or names an impossible day.
    """
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a date expression: {text!r} (expected e.g. 'May 20-21, 2014')")
    return _from_match(match, text, year)


def find_date(text: str, year: int | None = None) -> tuple[DateRange, int, int] | None:
    """The first date expression at the start of `text`, with its offsets, or None.

    >>> find_date("June 4-6, 2014: Patrushev travels to Beijing")[1:]
    (0, 14)
    >>> find_date("Chronology of China-Russia Relations") is None
    True
    """
    match = _DATE.match(text)
    if match is None:
        return None
    return _from_match(match, match.group(0), year), match.start(), match.end()


def year_of(name: str) -> int | None:
    """The four-digit year that ends an exercise code name, if any.

    >>> year_of("Peace Mission-2013"), year_of("Joint Sea 2012"), year_of("Vostok")
    (2013, 2012, None)
    """
    match = _YEAR.search(name)
    return int(match.group(1)) if match else None


def _from_match(match: re.Match[str], text: str, year: int | None) -> DateRange:
    """A DateRange from a match of DATE_PATTERN."""
    if match.group("year"):
        year = int(match.group("year"))
    if year is None:
        raise ValueError(f"no year in date {text!r} and none given")
    m1 = month_number(match.group("m1"))
    m2 = month_number(match.group("m2")) if match.group("m2") else m1
    d1 = int(match.group("d1"))
    d2 = int(match.group("d2") or d1)
    try:
        start = date(year, m1, d1)
        end = date(year, m2, d2)
        if end < start:  # a range across New Year: "Dec. 30-Jan. 2"
            end = date(year + 1, m2, d2)
    except ValueError as exc:
        raise ValueError(f"impossible date {text!r}: {exc}") from None
    return DateRange(start, end, text)


SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
_NAMED = re.compile(r"(?:(?P<name>[A-Za-z]+\.?)\s+)?(?:(?P<day>\d{1,2}),?\s+)?(?P<year>\d{4})")


def parse_period(text: str) -> DateRange:
    """The days a reader means by a date or a period, first and last included.

    >>> r = parse_period("July 2014"); (r.start.isoformat(), r.end.isoformat())
    ('2014-07-01', '2014-07-31')
    >>> parse_period("2014-07").end, parse_period("2014-07-15").start
    (datetime.date(2014, 7, 31), datetime.date(2014, 7, 15))
    >>> r = parse_period("summer 2014"); (r.start.isoformat(), r.end.isoformat())
    ('2014-06-01', '2014-08-31')
    >>> parse_period("May 20-21, 2014").end, parse_period("2014").end
    (datetime.date(2014, 5, 21), datetime.date(2014, 12, 31))
    >>> parse_period("Aug. 29-Sept. 1, 2014").end
    datetime.date(2014, 9, 1)

    :raises ValueError: naming the text when it is none of these forms.
    """
    cleaned = text.strip()
    expected = (
        "expected e.g. '2014-07-15', '2014-07', 'July 2014', 'summer 2014' or 'May 20-26, 2014'"
    )
    try:
        iso, named = _ISO.fullmatch(cleaned), _NAMED.fullmatch(cleaned)
        if iso:
            year, month, day = (int(g) if g else None for g in iso.group("year", "month", "day"))
        elif named and named.group("name"):
            year, day = int(named.group("year")), named.group("day") and int(named.group("day"))
            name = named.group("name").rstrip(".").lower()
            if name in SEASONS and not day:
                first, last = SEASONS[name]
                end_year = year + 1 if last < first else year
                return DateRange(date(year, first, 1), _month_end(end_year, last), text)
            month = month_number(name)
        else:
            return parse_date_range(cleaned)
        if month is None:
            return DateRange(date(year, 1, 1), date(year, 12, 31), text)
        if day is None:
            return DateRange(date(year, month, 1), _month_end(year, month), text)
        return DateRange(date(year, month, day), date(year, month, day), text)
    except ValueError as exc:
        raise ValueError(f"not a date or period: {text!r} ({expected})") from exc


def _month_end(year: int, month: int) -> date:
    """The last day of a month."""
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
