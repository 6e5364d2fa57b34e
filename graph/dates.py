"""The journal's date expressions: "May 20-21, 2014", "Aug. 29-Sept. 1, 2014", "Sept. 8".

Comparative Connections writes dates as `Month Day` with an abbreviated or full
month name (with or without a period), ranges with a hyphen or an en dash, the
second month only when it changes, and the year after a comma, or not at all
(Table 1 gives it in the exercise's code name).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

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
    rf"(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?!\d)"
    rf"(?:{DASH}(?:(?P<m2>{MONTH})\s+)?(?P<d2>\d{{1,2}})(?!\d))?"
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


# --- Temporal extents: any dating the article gives, as EDTF with earliest/latest bounds ---
#
# Conventions for the vague parts (documented in README, "Dates"):
# - part of a month: early = 1st-10th, mid = 11th-20th, late = 21st to the month's end;
# - season: meteorological, northern hemisphere (spring March-May, summer June-August,
#   autumn/fall September-November, winter December to the end of February);
# - part of a decade: early = years 0-3, mid = 4-6, late = 7-9;
# - a month or season with no year lies in `year`, the year the article covers.

PRECISIONS = ("day", "part-of-month", "month", "season", "quarter", "year", "decade", "open")
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
SEASONS = {"spring": (21, 3, 5), "summer": (22, 6, 8), "autumn": (23, 9, 11), "fall": (23, 9, 11),
           "winter": (24, 12, 14)}  # fmt: skip
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
# A capitalised month name only: "may" is also a verb.
NAMED_MONTH = (
    "(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + ")"
)
_YEAR4 = r"(?:1[89]|20)\d\d"
_MONTH_YEAR = rf"(?P<month>{NAMED_MONTH})\b\.?(?:,?\s+(?P<year>{_YEAR4}))?"
_EXTENT_SOURCES = [
    (
        "months",
        rf"\b(?:between|from) (?P<m1>{NAMED_MONTH})\b\.? (?:and|to) (?P<m2>{NAMED_MONTH})\b\.?"
        rf"(?:,?\s+(?P<year>{_YEAR4}))?",
    ),
    ("part", rf"\b(?P<part>early|mid|late)[- ]{_MONTH_YEAR}"),
    ("quarter", rf"\b(?P<ord>first|second|third|fourth) quarter of (?P<year>{_YEAR4})\b"),
    (
        "season",
        rf"\b(?i:(?P<season>spring|summer|autumn|fall|winter))\b"
        rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR4}))?",
    ),
    ("decade", rf"\b(?:(?P<part>early|mid|late)-)?(?P<decade>{_YEAR4[:-2]})0s\b"),
    ("between", rf"\bbetween (?P<y1>{_YEAR4}) and (?P<y2>{_YEAR4})\b"),
    ("years", rf"(?<![\d-])(?P<y1>{_YEAR4})[-–](?P<y2>\d\d)(?![\d-])"),
    (
        "until",
        rf"\b(?:[Bb]y|until)(?: the end of)? (?:{_MONTH_YEAR}|(?P<alone>{_YEAR4}))\b",
    ),
    (
        "from",
        rf"\b(?:[Bb]eginning|[Ss]tarting)(?: from| in)? (?:(?P<month>{NAMED_MONTH})\b\.?\s+)?"
        rf"(?P<year>{_YEAR4})\b",
    ),
    # a month not followed by a day ("March 2013", "In his July visit")
    (
        "month",
        rf"\b(?P<month>{NAMED_MONTH})\b\.?(?!\s*\d{{1,2}}(?!\d))(?:,?\s+(?P<year>{_YEAR4}))?",
    ),
    ("year", rf"(?<![\d-])(?P<year>{_YEAR4})(?![\d-])"),
    ("this-year", r"\b(?i:this year)\b"),
]  # fmt: skip
_EXTENT_PATTERNS = [(kind, re.compile(source)) for kind, source in _EXTENT_SOURCES]
_RELATIVE = re.compile(
    r"\b(?:(?P<n>\d+|" + "|".join(NUMBERS) + r") days? (?P<dir>later|after|before)"
    r"|(?P<next>the next day|the following day)|(?P<eve>on the eve of)|(?P<same>the same day))\b",
    re.I,
)
_LOOSE = re.compile(r"\b(?P<dir>after|before|prior to)\b", re.I)


@dataclass(frozen=True)
class Extent:
    """When something happened as far as the article says: an EDTF value and its bounds.

    `earliest` or `latest` is None for an open end ("beginning in 2018").
    """

    edtf: str
    earliest: date | None
    latest: date | None
    precision: str


def extent_of_range(dates: DateRange) -> Extent:
    """The extent of days known exactly.

    >>> extent_of_range(parse_date_range("May 20-21, 2014")).edtf
    '2014-05-20/2014-05-21'
    """
    assert dates.start is not None and dates.end is not None
    return days_extent(dates.start, dates.end, "day")


def days_extent(start: date, end: date, precision: str) -> Extent:
    """An extent from its first and last possible day."""
    edtf = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    return Extent(edtf, start, end, precision)


def find_extent(text: str, year: int) -> Extent | None:
    """The temporal extent the wording `text` gives, or None when it gives none.

    Days win over vaguer expressions; `year` is the article's year, for a
    month or season the text names without one.

    >>> late_may = find_extent("in late May", 2014)
    >>> late_may.edtf, late_may.precision, late_may.latest
    ('2014-05-21/2014-05-31', 'part-of-month', datetime.date(2014, 5, 31))
    >>> find_extent("By June 2009", 2014).edtf, find_extent("By the end of August", 2014).edtf
    ('../2009-06', '../2014-08')
    >>> find_extent("beginning in 2018", 2014).edtf
    '2018/..'
    >>> find_extent("in the first quarter of 2013", 2014).edtf
    '2013-33'
    >>> find_extent("in the mid-1990s", 2014).earliest
    datetime.date(1994, 1, 1)
    >>> find_extent("Meanwhile", 2014) is None
    True
    """
    days = [_from_match(m, m.group(0), year) for m in re.finditer(DATE_PATTERN, text)]
    if days:
        return days_extent(min(d.start for d in days), max(d.end for d in days), "day")
    for kind, pattern in _EXTENT_PATTERNS:
        match = pattern.search(text)
        if match is not None:
            return _EXTENT_READERS[kind](match, year)
    return None


def day_offset(text: str) -> int | None:
    """The signed count of days a relative date gives ("two days before" is -2), or None.

    >>> day_offset("Four days after Putin's China trip"), day_offset("nine days before the visit")
    (4, -9)
    >>> day_offset("The next day"), day_offset("on the eve of his trip"), day_offset("the same day")
    (1, -1, 0)
    >>> day_offset("after the talks") is None
    True
    """
    match = _RELATIVE.search(text)
    if match is None:
        return None
    if match.group("same"):
        return 0
    if match.group("next"):
        return 1
    if match.group("eve"):
        return -1
    n = match.group("n").lower()
    days = int(n) if n.isdigit() else NUMBERS[n]
    return -days if match.group("dir").lower() == "before" else days


def relative_extent(text: str, anchor: Extent) -> Extent | None:
    """The extent of "ten days later", "two days before", "after the talks" from its anchor's.

    An offset in days (`day_offset`) moves both bounds; a bare "after" or
    "before" keeps one bound of the anchor and leaves the other open.

    >>> may20 = days_extent(date(2014, 5, 20), date(2014, 5, 20), "day")
    >>> relative_extent("Ten days later", may20).edtf
    '2014-05-30'
    >>> relative_extent("just two days before Lavrov's visit", may20).edtf
    '2014-05-18'
    >>> relative_extent("after the talks", may20).edtf
    '2014-05-20/..'
    >>> relative_extent("Meanwhile", may20) is None
    True
    """
    days = day_offset(text)
    if days is not None:
        if anchor.earliest is None or anchor.latest is None:
            return None
        return days_extent(
            anchor.earliest + timedelta(days=days),
            anchor.latest + timedelta(days=days),
            anchor.precision,
        )
    loose = _LOOSE.search(text)
    if loose is None:
        return None
    if loose.group("dir").lower() == "after" and anchor.earliest is not None:
        return Extent(f"{anchor.earliest.isoformat()}/..", anchor.earliest, None, "open")
    if loose.group("dir").lower() != "after" and anchor.latest is not None:
        return Extent(f"../{anchor.latest.isoformat()}", None, anchor.latest, "open")
    return None


def _month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def hull(found: list[Extent]) -> Extent | None:
    """The smallest extent that holds every one of `found` (None if none).

    >>> may, july = find_extent("May 2014", 0), find_extent("July 2014", 0)
    >>> hull([may, july]).edtf, hull([may, july]).precision
    ('2014-05/2014-07', 'month')
    """
    if len(found) <= 1:
        return found[0] if found else None
    first = min(found, key=lambda e: e.earliest or date.min)
    last = max(found, key=lambda e: e.latest or date.max)
    if first.earliest is None or last.latest is None:
        precision = "open"
    else:
        precision = max((e.precision for e in found), key=PRECISIONS.index)
    start = ".." if first.earliest is None else first.edtf.split("/")[0]
    end = ".." if last.latest is None else last.edtf.split("/")[-1]
    return Extent(f"{start}/{end}", first.earliest, last.latest, precision)


def _year_of(match: re.Match[str], year: int) -> int:
    return int(match.group("year")) if match.group("year") else year


def _part(match: re.Match[str], year: int) -> Extent:
    y, m = _year_of(match, year), month_number(match.group("month"))
    first, last = PARTS[match.group("part")]
    end = date(y, m, min(last, _month_end(y, m).day))
    return days_extent(date(y, m, first), end, "part-of-month")


def _months(match: re.Match[str], year: int) -> Extent:
    y = _year_of(match, year)
    m1, m2 = month_number(match.group("m1")), month_number(match.group("m2"))
    return Extent(f"{y:04d}-{m1:02d}/{y:04d}-{m2:02d}", date(y, m1, 1), _month_end(y, m2), "month")


def month_extent(year: int, month: int) -> Extent:
    """The extent of a whole month.

    >>> month_extent(2014, 2).latest
    datetime.date(2014, 2, 28)
    """
    return Extent(f"{year:04d}-{month:02d}", date(year, month, 1), _month_end(year, month), "month")


def year_extent(year: int) -> Extent:
    """The extent of a whole year."""
    return Extent(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year")


def _month(match: re.Match[str], year: int) -> Extent:
    return month_extent(_year_of(match, year), month_number(match.group("month")))


def _season(match: re.Match[str], year: int) -> Extent:
    y = _year_of(match, year)
    code, first, last = SEASONS[match.group("season").lower()]
    end = _month_end(y + 1, 2) if last > 12 else _month_end(y, last)
    return Extent(f"{y:04d}-{code}", date(y, first, 1), end, "season")


def _quarter(match: re.Match[str], year: int) -> Extent:
    y, q = int(match.group("year")), ORDINALS[match.group("ord")]
    return Extent(f"{y:04d}-{32 + q}", date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")


def _decade(match: re.Match[str], year: int) -> Extent:
    decade = int(match.group("decade")) * 10
    if match.group("part") is None:
        return Extent(f"{decade // 10}X", date(decade, 1, 1), date(decade + 9, 12, 31), "decade")
    first, last = DECADE_PARTS[match.group("part")]
    start, end = decade + first, decade + last
    return Extent(f"{start}/{end}", date(start, 1, 1), date(end, 12, 31), "decade")


def _years(first: int, last: int) -> Extent:
    edtf = str(first) if first == last else f"{first}/{last}"
    return Extent(edtf, date(first, 1, 1), date(last, 12, 31), "year")


def _between(match: re.Match[str], year: int) -> Extent:
    return _years(int(match.group("y1")), int(match.group("y2")))


def _span(match: re.Match[str], year: int) -> Extent:
    first = int(match.group("y1"))
    return _years(first, first // 100 * 100 + int(match.group("y2")))


def _until(match: re.Match[str], year: int) -> Extent:
    alone = match.group("alone")
    bound = year_extent(int(alone)) if alone else _month(match, year)
    return Extent(f"../{bound.edtf}", None, bound.latest, "open")


def _from(match: re.Match[str], year: int) -> Extent:
    bound = _month(match, year) if match.group("month") else _year(match, year)
    return Extent(f"{bound.edtf}/..", bound.earliest, None, "open")


def _year(match: re.Match[str], year: int) -> Extent:
    return year_extent(_year_of(match, year))


def _this_year(match: re.Match[str], year: int) -> Extent:
    return year_extent(year)


_EXTENT_READERS = {
    "months": _months, "part": _part, "quarter": _quarter, "season": _season, "decade": _decade,
    "between": _between, "years": _span, "until": _until, "from": _from,
    "month": _month, "year": _year, "this-year": _this_year,
}  # fmt: skip


_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")


def parse_period(text: str) -> DateRange:
    """The days a reader means by a date or a period (a form's value), first and last included.

    ISO forms, or any wording `find_extent` reads that names its year.

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
        iso = _ISO.fullmatch(cleaned)
        if iso:
            year, month, day = (int(g) if g else None for g in iso.group("year", "month", "day"))
            assert year is not None
            if month is None:
                found: Extent | None = year_extent(year)
            elif day is None:
                found = month_extent(year, month)
            else:
                found = days_extent(date(year, month, day), date(year, month, day), "day")
        else:
            named_year = _YEAR.search(cleaned)
            found = named_year and _whole_extent(_case(cleaned), int(named_year.group(1)))
        if not found or found.earliest is None or found.latest is None:
            raise ValueError("no bounded period")
        return DateRange(found.earliest, found.latest, text)
    except ValueError as exc:
        raise ValueError(f"not a date or period: {text!r} ({expected})") from exc


def _case(text: str) -> str:
    """Month names capitalised, parts of months and seasons in lower case, as the article has them."""

    def fix(word: re.Match[str]) -> str:
        lower = word[0].lower()
        if lower in MONTHS:
            return lower.capitalize()
        return lower if lower in PARTS or lower in SEASONS else word[0]

    return re.sub(r"[A-Za-z]+", fix, text)


def _whole_extent(text: str, year: int) -> Extent | None:
    """The extent of `text` when all of it is one date expression, else None."""
    if re.fullmatch(DATE_PATTERN, text):
        return find_extent(text, year)
    for kind, pattern in _EXTENT_PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            return _EXTENT_READERS[kind](match, year)
    return None
