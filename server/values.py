"""Values as a reader says them: "$400 billion", "7,000 troops", "20 May 2014".

The HTML pages show these; the JSON and CSV twins keep the exact lexical
values next to them, so nothing a machine needs is lost.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
BL = "https://w3id.org/bilateral/ontology#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long")}
SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
# Units written before the number, or glued to it, or left unsaid (a count of things).
PREFIX_UNITS = {BL + "USD": "$"}
SUFFIX_UNITS = {BL + "Percent": "%"}
SILENT_UNITS = {BL + "Item"}
# The markdown the seed keeps: a backslash escaping a character, *emphasis* within a line.
ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!$])")
EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=\S)[^*\n]+?(?<=[^\s\\])\*(?![\w*])")


# Result columns whose name says the unit of their numbers, as the canned queries name them.
COLUMN_UNITS = {
    "valueUSD": (BL + "USD", "US dollar"),
    "troops": (BL + "Troops", "troops"),
    "warships": (BL + "Warships", "warships"),
    "years": (BL + "Year", "year"),
}


def plain(markdown: str) -> str:
    """Text of the article without markdown escapes and emphasis marks.

    >>> plain(r"worth \\$400 billion, says *People's Daily*")
    "worth $400 billion, says People's Daily"
    """
    return ESCAPE.sub("", EMPHASIS.sub(lambda m: m.group(0)[1:-1], markdown))


def number(lexical: str) -> str:
    """A number with thousands separators, large round ones in words.

    >>> number("400000000000"), number("7000"), number("100000000000.0"), number("2.5")
    ('400 billion', '7,000', '100 billion', '2.5')
    """
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return lexical
    for scale, word in SCALES:
        if abs(value) >= scale and (value / scale) * 10 == int(value / scale * 10):
            return f"{(value / scale).normalize():f} {word}"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def quantity(lexical: str, unit_iri: str | None, unit_label: str | None) -> str:
    """A figure with its unit: "$400 billion", "7,000 troops", "12%", "38 billion cubic metres".

    >>> quantity("400000000000", BL + "USD", "US dollar")
    '$400 billion'
    >>> quantity("7000", BL + "Troops", "troops"), quantity("3", BL + "Mile", "mile")
    ('7,000 troops', '3 miles')
    """
    shown = number(lexical)
    if unit_iri in PREFIX_UNITS:
        return PREFIX_UNITS[unit_iri] + shown
    if unit_iri in SUFFIX_UNITS:
        return shown + SUFFIX_UNITS[unit_iri]
    if not unit_label or unit_iri in SILENT_UNITS:
        return shown
    if " " not in unit_label and not unit_label.endswith("s") and shown != "1":
        unit_label += "s"
    return f"{shown} {unit_label}"


def day(lexical: str) -> str:
    """An ISO date as words ("20 May 2014"); anything else unchanged.

    >>> day("2014-05-20"), day("2014-07"), day("2014")
    ('20 May 2014', 'July 2014', '2014')
    """
    try:
        if len(lexical) == 10:
            return date.fromisoformat(lexical).strftime("%-d %B %Y")
        if len(lexical) == 7:
            return date.fromisoformat(lexical + "-01").strftime("%B %Y")
    except ValueError:
        pass
    return lexical


def literal(lexical: str, datatype: str) -> str:
    """A literal as a reader says it: numbers and dates formatted, markdown removed."""
    if datatype in NUMERIC:
        return number(lexical)
    if datatype in (XSD + "date", XSD + "gYearMonth", XSD + "dateTime"):
        return day(lexical[:10])
    return plain(lexical)
