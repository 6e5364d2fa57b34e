"""Mention-level coverage: each date, number, ordinal and name of the article, and its graph term.

In every fact-bearing unit (see `segment`) a mention is a date or date range
("May 20-21, 2014", "October 2011", "1994"), a number with the word after it as
its unit ("16 warships", "\\$400 billion", "three"), an ordinal ("fourth",
"10th") or a proper name (a label of the graph, or a capitalised name no label
covers, found by `recognise`). A mention is resolved when a passage containing
it is the evidence of a resource holding the matching term: the named resource
itself, a date value (`bl:startDate`, `bl:yearMonth`...), a number (the
`bl:numericValue` of a `bl:Quantity`, a count such as `bl:troopCount`, or the
`bl:dayOffset` of a relative date) or a `bl:ordinal`. Mentions reviewed by hand
(`graph/curated/mentions.toml`) are either resolved to the resource the review
names (a capital standing for its government names the country) or, as no
fact, excluded with their reason; the total is resolved / (all - excluded).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import Graph

from bilateral.graph.dates import DATE_PATTERN, MONTH, MONTHS, month_number
from bilateral.graph.namespaces import BLR
from bilateral.graph.recognise import LabelIndex, ReviewedMention, unmatched_names
from bilateral.graph.recognise import Mention as Named
from bilateral.graph.segment import paragraphs
from bilateral.graph.store import union_dataset

# A full month name is never abbreviated: a period after it ends the sentence.
FULL_MONTH = "(?:" + "|".join(
    max((m for m in MONTHS if MONTHS[m] == n), key=len).capitalize() for n in range(1, 13)
) + ")"
QUARTERS = {"first": (1, 3, 31), "second": (4, 6, 30), "third": (7, 9, 30), "fourth": (10, 12, 31)}
DATE = re.compile(
    rf"(?P<quarter>{'|'.join(QUARTERS)}) quarter of (?P<qy>\d{{4}})"
    rf"|(?P<month>{MONTH})\s+(?P<my>\d{{4}})(?!\d)"
    rf"|(?:{DATE_PATTERN})(?!\d)|(?P<mo>{FULL_MONTH}(?=\.)|{MONTH}(?![\w.]))"
    r"|(?<![\w\-$,.])(?P<y>(?:19|20)\d\d)(?![\w\-])"
)
ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "seventieth"
).split()
ORDINAL = re.compile(
    rf"(?<![\w\-])(?:(?P<word>{'|'.join(ORDINAL_WORDS)})|(?P<n>\d+)(?:st|nd|rd|th))(?![\w\-])"
    r"(?! Deputy)",  # "First Deputy Prime Minister" is a title
    re.IGNORECASE,
)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12,
}  # fmt: skip
SCALES = {"million": Decimal(10**6), "billion": Decimal(10**9), "trillion": Decimal(10**12)}
# A number word after "the" refers to things already named ("the two sides"): no count.
# A grouped number is whole or nothing: "4,857-km" yields no "4".
NUMBER = re.compile(
    r"(?<![\w\-.,])(?<!the )(?<!The )(?:\\?\$)?(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?!,\d)|"
    + "|".join(NUMBER_WORDS)
    + r")(?![\w\-])(?:\s*(?P<scale>million|billion|trillion|tril\.|bil\.))?"
    r"(?:[\s-]+(?P<unit>[A-Za-z%][\w\-]*))?",
    re.IGNORECASE,
)
FACTS = """
PREFIX bl: <https://w3id.org/bilateral/ontology#>
PREFIX blr: <https://w3id.org/bilateral/resource/>
SELECT ?resource ?property ?value WHERE {
  ?resource bl:evidence ?passage ; ?property ?value .
  FILTER(?property != bl:evidence && (STRSTARTS(STR(?value), STR(blr:)) || isLiteral(?value)
  && DATATYPE(?value) IN (
    <http://www.w3.org/2001/XMLSchema#date>, <http://www.w3.org/2001/XMLSchema#gYearMonth>,
    <http://www.w3.org/2001/XMLSchema#gYear>, <http://www.w3.org/2001/XMLSchema#integer>,
    <http://www.w3.org/2001/XMLSchema#decimal>, <http://www.w3.org/2001/XMLSchema#double>)))
}
"""
LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?s ?p ?o } WHERE {
  { ?s ?p ?o . VALUES ?p { rdfs:label skos:altLabel skos:hiddenLabel } }
  UNION { ?s a ?o . BIND(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> AS ?p) }
  UNION { ?s rdfs:subClassOf ?o . BIND(rdfs:subClassOf AS ?p) }
}
"""


@dataclass(frozen=True)
class Mention:
    """A mention at `[start, end)` of the seed; `key` is what a graph term must match."""

    kind: str
    start: int
    end: int
    text: str
    key: tuple


@dataclass(frozen=True)
class Outcome:
    """A mention and the graph term it resolves to (`term`), or the reason it is excluded."""

    mention: Mention
    term: str | None = None
    excluded: str | None = None


@dataclass(frozen=True)
class Fact:
    """A passage's span and what its resources hold: names, date and number values."""

    start: int
    end: int
    resources: frozenset[str]


def find_mentions(text: str, index: LabelIndex) -> list[Mention]:
    """Every name, date, ordinal and number of `text`, without overlaps (in that priority).

    >>> found = find_mentions("On May 20, 2014 Putin saw the fourth of 16 warships.", LabelIndex())
    >>> [(m.kind, m.text) for m in found]
    [('date', 'May 20, 2014'), ('name', 'Putin'), ('ordinal', 'fourth'), ('number', '16 warships')]
    >>> [m.text for m in find_mentions("A 64 km line and a 4,857-km pipe.", LabelIndex())]
    ['64 km']
    >>> [m.text for m in find_mentions("It was in April. It was in Aug. too.", LabelIndex())]
    ['April', 'Aug.']
    """
    names = index.find_mentions(text)
    found = [
        Mention("name", m.start, m.end, m.label, tuple(sorted(slug(c) for c in m.candidates)))
        for m in names
    ]
    _add(found, "date", DATE, _date_key, text)
    dates = [Named(m.start, m.end, None, m.text) for m in found if m.kind == "date"]
    found += [
        Mention("name", s, e, name, ())
        for s, e, name in unmatched_names(text, [*names, *dates], index.labels)
        if len(name) > 1
    ]
    # Proper names only: lower-case labels name topics ("alliance", "gas deal").
    found = [m for m in found if m.kind != "name" or m.text[0].isupper() or m.text[0].isdigit()]
    _add(found, "ordinal", ORDINAL, _ordinal_key, text)
    _add(found, "number", NUMBER, _number_key, text)
    return sorted(found, key=lambda m: m.start)


def _add(found: list[Mention], kind: str, pattern: re.Pattern[str], key, text: str) -> None:
    """The matches of `pattern` in `text` that overlap no mention of `found`, added to it."""
    taken = [(m.start, m.end) for m in found]
    for match in pattern.finditer(text):
        start, end = match.span()
        if not any(start < e and s < end for s, e in taken):
            found.append(Mention(kind, start, end, match.group(0), key(match)))


def _date_key(match: re.Match[str]) -> tuple:
    """(year or None, month or None, first day, last day) of a date mention.

    A quarter is the months it spans: "first quarter of 2014" is 2014-01-01 to 2014-03-31.

    >>> _date_key(DATE.search("in the first quarter of 2014 alone"))
    (2014, 1, (1, 1), (3, 31))
    """
    if match.group("quarter"):
        first, last, last_day = QUARTERS[match.group("quarter")]
        return (int(match.group("qy")), first, (first, 1), (last, last_day))
    if match.group("y"):
        return (int(match.group("y")), None, None, None)
    if match.group("mo"):
        return (None, month_number(match.group("mo")), None, None)
    if match.group("month"):
        return (int(match.group("my")), month_number(match.group("month")), None, None)
    year = int(match.group("year")) if match.group("year") else None
    m1 = month_number(match.group("m1"))
    m2 = month_number(match.group("m2")) if match.group("m2") else m1
    last_day = int(match.group("d2") or match.group("d1"))
    return (year, m1, (m1, int(match.group("d1"))), (m2, last_day))


def _ordinal_key(match: re.Match[str]) -> tuple:
    if match.group("n"):
        return (int(match.group("n")),)
    word = match.group("word").lower()
    return (ORDINAL_WORDS.index(word) + 1 if word != "seventieth" else 70,)


def _number_key(match: re.Match[str]) -> tuple:
    """The values the number may be stored as: as written, and times its scale."""
    raw = match.group("value").lower().replace(",", "")
    value = Decimal(NUMBER_WORDS[raw]) if raw in NUMBER_WORDS else Decimal(raw)
    scale = (match.group("scale") or "").lower().rstrip(".")
    factor = SCALES.get({"tril": "trillion", "bil": "billion"}.get(scale, scale), Decimal(1))
    return (value, value * factor)


def store_facts(store: ox.Store) -> dict[str, list[tuple[str, str]]]:
    """Each resource with evidence (by slug), and its links, date and number values.

    Values are (property IRI, lexical form or resource slug).
    """
    values: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in store.query(FACTS, **union_dataset()):
        value = row["value"]
        text = slug(value.value) if isinstance(value, ox.NamedNode) else value.value
        values[slug(row["resource"].value)].append((row["property"].value, text))
    return dict(values)


def store_index(store: ox.Store) -> LabelIndex:
    """The label index of the built graph (labels, types and the class hierarchy)."""
    labels = store.query(LABELS, **union_dataset())
    lines = [f"{t.subject} {t.predicate} {t.object} ." for t in labels]
    return LabelIndex.from_graph(Graph().parse(data="\n".join(lines), format="nt"))


def slug(iri: str) -> str:
    """A resource IRI as its slug, any other IRI unchanged."""
    return iri.removeprefix(str(BLR))


def resolve(
    mention: Mention, resources: set[str], values: dict[str, list[tuple[str, str]]]
) -> str | None:
    """The graph term of `resources` (the IRIs citing a passage around it) the mention matches.

    A name resolves to the resource it names when that resource cites the
    passage, or to a triple of a citing resource that links to it.
    """
    if mention.kind == "name":
        hit = sorted(set(mention.key) & resources)
        if hit:
            return hit[0]
    for resource in sorted(resources):
        for prop, value in values.get(resource, ()):
            if _matches(mention, prop, value):
                return f"{resource} {prop} {value}"
    return None


def _matches(mention: Mention, prop: str, value: str) -> bool:
    if mention.kind == "name":
        return value in mention.key
    if mention.kind == "ordinal":
        return prop.endswith("#ordinal") and _decimal(value) == mention.key[0]
    if mention.kind == "number":
        number = _decimal(value)
        if prop.endswith("#dayOffset") and number is not None:
            number = abs(number)  # "nine days before" is the offset -9
        return not prop.endswith("#ordinal") and number in mention.key
    year, month, first, last = mention.key
    parts = value.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return False
    if year is not None and int(parts[0]) != year:
        return False
    if month is not None and (len(parts) < 2 or int(parts[1]) != month):
        return False
    if first is None:
        return True
    return len(parts) == 3 and (int(parts[1]), int(parts[2])) in (first, last)


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def mention_outcomes(
    text: str,
    passages: list[Fact],
    index: LabelIndex,
    values: dict[str, list[tuple[str, str]]],
    reviewed: list[ReviewedMention] = (),
) -> list[Outcome]:
    """Every mention of the fact-bearing units of `text`, resolved, excluded or neither."""
    units = [u for p in paragraphs(text) for u in p.units if u.fact]
    excluded = {(r.start, r.end): r.reason for r in reviewed if r.resource is None}
    named = {(r.start, r.end): slug(str(r.resource)) for r in reviewed if r.resource is not None}
    outcomes = []
    for mention in find_mentions(text, index):
        if not any(u.start <= mention.start and mention.end <= u.end for u in units):
            continue
        if (mention.start, mention.end) in excluded:
            outcomes.append(Outcome(mention, excluded=excluded[mention.start, mention.end]))
            continue
        if mention.kind == "name" and (mention.start, mention.end) in named:
            mention = replace(mention, key=(named[mention.start, mention.end],))
        around = {
            r for p in passages if p.start <= mention.start and mention.end <= p.end
            for r in p.resources
        }
        outcomes.append(Outcome(mention, term=resolve(mention, around, values)))
    return outcomes


def totals(outcomes: list[Outcome]) -> dict:
    """Counts per kind and overall: mentions, excluded, the rest (counted), resolved, percent."""
    result = {}
    for kind in ("all", "date", "number", "ordinal", "name"):
        chosen = [o for o in outcomes if kind == "all" or o.mention.kind == kind]
        resolved = sum(o.term is not None for o in chosen)
        excluded = sum(o.excluded is not None for o in chosen)
        counted = len(chosen) - excluded
        result[kind] = {
            "mentions": len(chosen),
            "resolved": resolved,
            "excluded": excluded,
            "counted": counted,
            "percent": round(100.0 * resolved / counted, 1) if counted else 100.0,
        }
    return result
