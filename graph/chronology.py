"""The "Chronology of ..." section: dated entries, their event class and their roles.

An entry is a paragraph opening with a date expression and a colon ("May 8,
2014: ..."). A page break can split an entry: a following paragraph that does
not open with a date continues the entry when the entry has not ended its
sentence or the paragraph opens in lower case. The section's subtitle
("May – August 2014") is not an entry: it has no day and no colon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rdflib import Graph, Literal, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import RDF, RDFS, XSD

from bilateral.graph.anchor import cite
from bilateral.graph.dates import DATE_PATTERN, DateRange, find_date
from bilateral.graph.mint import resource
from bilateral.graph.namespaces import BL, BLR
from bilateral.graph.recognise import LabelIndex, Mention, ReviewedMention, unmatched_names
from bilateral.graph.seeds import Seed

_HEADING = re.compile(r"^Chronology of (.+?)[ \t]*$", re.MULTILINE)
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_ENTRY = re.compile(rf"(?:{DATE_PATTERN}):[ \t]+")
_YEAR = re.compile(r"\b(\d{4})\b")
_STOP = re.compile(r"[.!?]+[”\"’]?(?=\s+[A-Z“\"*]|\s*$)")
# Periods that end an abbreviation, not a sentence ("Gen. Valery Gerasimov").
ABBREVIATIONS = frozenset("Gen Col Lt Maj Adm Dr Mr Ms Mrs St Jan Feb Aug Sept Oct Nov Dec".split())

# Rules that decide the class wherever they occur in the opening sentence.
SPECIFIC_RULES: tuple[tuple[str, URIRef], ...] = (
    (r"\bspeaks? (?:by tele)?phone\b|\btelephone\b|\bphone call\b", BL.PhoneCall),
    (r"\bvetoe?s?\b", BL.UNVeto),
    (r"\bstate visit\b", BL.StateVisit),
)
# Otherwise the earliest of these in the opening sentence (the main verb comes
# first: "visits Beijing and meets ..." is a visit); ties go to the earlier rule.
VERB_RULES: tuple[tuple[str, URIRef], ...] = (
    (r"\b(?:race|competition|contest|compete)\b", BL.Competition),
    (r"\bnaval (?:exercises?|drills?)\b", BL.NavalExercise),
    (r"\b(?:exercises?|drills?|maneuvers)\b", BL.MilitaryExercise),
    (r"\bvisits?\b|\btravels? to\b|\bflies to\b", BL.Visit),
    (r"\bhold(?:s)? (?:a|the|its) [^.]*?\bsummit\b|\bsummit (?:is|was) held\b", BL.Summit),
    (
        r"\bmeets?\b|\bmeetings?\b|\bco-chairs?\b|\bchairs?\b|\btalks\b|\bconsultations?\b",
        BL.Meeting,
    ),
    (r"\bsigns?\b", BL.Signing),
    (r"\bsays\b|\bstates\b|\bdeclares\b", BL.Statement),
)
# Sentences about what was discussed: what they name is a topic, not a participant.
TOPICAL = re.compile(r"\b(?:discuss|focus on|call for|approve|voices? support|concern)", re.I)
LOCATIVE = re.compile(r"(?:\b(?:visits?|to|in|at|into|from)\s+|,\s*)$")
CONCERNING = re.compile(r"\b(?:against|about|over|regarding|on)\s+(?:the\s+)?$")
SUBJECT_PREFIX = re.compile(r"^(?:(?:The|Annual|[A-Z][\w\-]*)\s+)*$")
TITLE_GAP = re.compile(r"^\s+(?:[A-Z][\w\-.]*\s+)*$")
AFFILIATION_GAP = re.compile(r"^\s*(?:\(|,\s*(?:head|chief|member|chairman|director) of (?:the )?)")
SIDELINES = re.compile(r"\b(?:on the sidelines of|during)\b", re.I)
PARENT_CLASSES = frozenset({BL.Summit, BL.Conference})
SUB_EVENT = re.compile(r"\b(?:on the sidelines of|during|at)\s+(?:the\s+)?[^.,;]*$")


@dataclass(frozen=True)
class Entry:
    """One dated entry: its number, offsets (date included), date and text."""

    number: int
    start: int
    end: int
    body_start: int
    dates: DateRange
    text: str

    @property
    def body(self) -> str:
        """The entry after its date and colon."""
        return self.text[self.body_start - self.start :]


@dataclass(frozen=True)
class Chronology:
    """The chronology section: its title, offsets and entries."""

    title: str
    start: int
    end: int
    entries: tuple[Entry, ...]


def find_chronology(text: str) -> Chronology | None:
    """The chronology section of `text`, or None when it has none.

    >>> text = ("Chronology of A-B Relations\\n\\nMay – June 2014\\n\\n"
    ...         "May 8, 2014: X visits\\n\\nY.\\n\\nJune 1: Z.")
    >>> chronology = find_chronology(text)
    >>> [(e.number, e.dates.start.isoformat(), e.text) for e in chronology.entries]
    [(1, '2014-05-08', 'May 8, 2014: X visits\\n\\nY.'), (2, '2014-06-01', 'June 1: Z.')]
    """
    heading = _HEADING.search(text)
    if heading is None:
        return None
    default_year, entries, end = None, [], heading.end()
    for paragraph in _PARAGRAPH.finditer(text, heading.end()):
        match = _ENTRY.match(paragraph.group(0))
        if match:
            default_year = int(match.group("year") or 0) or default_year
            dates = find_date(paragraph.group(0), default_year)[0]
            entries.append(
                [paragraph.start(), paragraph.end(), paragraph.start() + match.end(), dates]
            )
        elif entries and _continues(text[entries[-1][0] : entries[-1][1]], paragraph.group(0)):
            entries[-1][1] = paragraph.end()
        elif entries:
            break
        elif _YEAR.search(paragraph.group(0)):
            default_year = int(_YEAR.findall(paragraph.group(0))[-1])  # the subtitle's year
        end = max(end, paragraph.end())
    built = tuple(
        Entry(n, start, stop, body, dates, text[start:stop])
        for n, (start, stop, body, dates) in enumerate(entries, start=1)
    )
    return Chronology(heading.group(1), heading.start(), end, built)


def _continues(entry: str, paragraph: str) -> bool:
    """Whether a dateless paragraph continues an entry split by a page break."""
    return paragraph[:1].islower() or not entry.rstrip().endswith((".", "!", "?", "”", '"'))


def classify(text: str) -> URIRef | None:
    """The event class an entry's wording names (its opening sentence decides), or None.

    >>> [classify(t).removeprefix(str(BL)) for t in (
    ...     "Igor Shuvalov visits Beijing and meets Vice Premier Zhang Gaoli.",
    ...     "Sergei Lavrov speaks by telephone to Chinese counterpart Wang Yi.",
    ...     "Annual SCO Foreign Ministers Meeting is held in Dushanbe, Tajikistan.",
    ...     "Russia and China veto a draft resolution.",
    ...     "SCO stages its Peace Mission-2014 anti-terrorist military drill.")]
    ['Visit', 'PhoneCall', 'Meeting', 'UNVeto', 'MilitaryExercise']
    >>> classify("Nothing happens.") is None
    True
    """
    opening = first_sentence(text)
    for pattern, cls in SPECIFIC_RULES:
        if re.search(pattern, opening, re.I):
            return cls
    hits = []
    for rank, (pattern, cls) in enumerate(VERB_RULES):
        match = re.search(pattern, opening, re.I)
        if match:
            hits.append((match.start(), rank, cls))
    return min(hits)[2] if hits else None


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence; abbreviations such as "Gen." end none.

    >>> text = "Gen. Valery Gerasimov visits Beijing. He meets Col. Gen. Fang."
    >>> [text[a:b] for a, b in sentences(text)]
    ['Gen. Valery Gerasimov visits Beijing.', 'He meets Col. Gen. Fang.']
    """
    spans, start = [], 0
    for stop in _STOP.finditer(text):
        word = re.search(r"(\S+)$", text[start : stop.start()])
        token = word.group(1).lstrip('*(“"') if word else ""
        if token in ABBREVIATIONS or (len(token) == 1 and token.isupper()):
            continue
        spans.append((start, stop.end()))
        start = stop.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def first_sentence(text: str) -> str:
    """The first sentence of a text, markdown emphasis removed, whitespace collapsed.

    >>> first_sentence("China and Russia hold the *Joint Sea-2014* exercise. They drill.")
    'China and Russia hold the Joint Sea-2014 exercise.'
    """
    spans = sentences(text)
    sentence = text[spans[0][0] : spans[0][1]] if spans else text
    return " ".join(sentence.replace("*", "").split())


@dataclass(frozen=True)
class Roles:
    """What an entry's mentions are to its event, by property."""

    participant: tuple[URIRef, ...] = ()
    location: tuple[URIRef, ...] = ()
    concerns: tuple[URIRef, ...] = ()
    equipment: tuple[URIRef, ...] = ()
    sub_event_of: tuple[URIRef, ...] = ()
    events: tuple[URIRef, ...] = ()
    in_series: tuple[URIRef, ...] = ()


def assign_roles(body: str, mentions: list[Mention], index: LabelIndex) -> Roles:
    """Sort the mentions of an entry body (offsets relative to `body`) into roles."""
    roles: dict[str, list[URIRef]] = {name: [] for name in Roles.__dataclass_fields__}
    topical = []
    for start, end in sentences(body):
        match = TOPICAL.search(body, start, end)
        if match:
            topical.append((match.start(), end))
    known = [m for m in mentions if m.iri is not None]
    for position, mention in enumerate(known):
        role = _role(body, known, position, index, topical)
        if role and mention.iri not in roles[role]:
            roles[role].append(mention.iri)
    actors = set(roles["participant"]) | set(roles["location"])
    roles["concerns"] = [iri for iri in roles["concerns"] if iri not in actors]
    return Roles(**{name: tuple(iris) for name, iris in roles.items()})


def _role(
    body: str, known: list[Mention], position: int, index: LabelIndex, topical: list
) -> str | None:
    """The role of one mention; None when it only qualifies another (a title, an owner)."""
    mention, iri = known[position], known[position].iri
    before, after = body[: mention.start], body[mention.end :]
    if index.is_a(iri, BL.Event):
        return "sub_event_of" if SUB_EVENT.search(before[-60:]) else "events"
    if index.is_a(iri, BL.EventSeries):
        return "in_series"
    if any(start <= mention.start < end for start, end in topical):
        return "concerns"
    if index.is_a(iri, BL.Person):
        return "participant"
    if index.is_a(iri, BL.Equipment):
        return "equipment"
    if index.is_a(iri, BL.Country):
        return _country_role(before, after, known, position, index)
    if index.is_a(iri, BL.Place):
        return "location"
    if index.is_a(iri, BL.Organization):
        return _organization_role(body, known, position, index)
    return "concerns"


def _country_role(
    before: str, after: str, known: list[Mention], position: int, index: LabelIndex
) -> str | None:
    """A country: place of a visit or of a place, owner of a place, topic, or actor."""
    following = known[position + 1] if position + 1 < len(known) else None
    if after.startswith(("’s", "'s")):
        owns_place = following is not None and index.is_a(following.iri, BL.Place)
        return None if owns_place else "concerns"
    if CONCERNING.search(before):
        return "concerns"
    return "location" if LOCATIVE.search(before) else "participant"


def _organization_role(body: str, known: list[Mention], position: int, index: LabelIndex):
    """Subject of the entry -> participant; part of a person's title -> None; else concerns."""
    mention = known[position]
    following = known[position + 1] if position + 1 < len(known) else None
    if following and index.is_a(following.iri, BL.Person):
        if TITLE_GAP.match(body[mention.end : following.start]):
            return None
    previous = known[position - 1] if position else None
    if previous and index.is_a(previous.iri, BL.Person):
        if AFFILIATION_GAP.match(body[previous.end : mention.start]):
            return None
    if position == 0 and SUBJECT_PREFIX.match(body[: mention.start].replace("*", "")):
        return "participant"
    return "concerns"


# --- RDF ---

LABEL_CHARS = 90
# Where a long opening sentence may end: before a preposition, conjunction or comma.
CLAUSE_BREAK = re.compile(r",? (?:for|with|and|to|in|on|of|at|after|before) ")
ROLE_PROPERTIES = {
    "participant": BL.participant,
    "location": BL.location,
    "concerns": BL.concerns,
    "equipment": BL.equipment,
    "sub_event_of": BL.subEventOf,
    "events": BL.concerns,
    "in_series": BL.inSeries,
}


def chronology_graph(
    chronology: Chronology,
    seed: Seed,
    index: LabelIndex,
    existing: Graph,
    reviewed: Iterable[ReviewedMention] = (),
) -> tuple[Graph, list[str]]:
    """The RDF of every entry, reusing events of `existing`; warnings about unmatched names.

    A name that `reviewed` resolves or excludes (at its offsets in the seed) is no warning.
    """
    graph, warnings = Graph(), []
    decided = {(r.start, r.end): r for r in reviewed if r.seed == seed.path.name}
    for entry in chronology.entries:
        warnings += _emit_entry(graph, entry, seed, index, existing, decided)
    return graph, warnings


def _emit_entry(
    graph: Graph,
    entry: Entry,
    seed: Seed,
    index: LabelIndex,
    existing: Graph,
    decided: dict[tuple[int, int], ReviewedMention],
):
    """Add one entry's event to `graph`; return its warnings."""
    where = f"{seed.path.name}@{entry.start}: chronology entry {entry.number}"
    offset = entry.body_start
    mentions = [
        _decide(m, decided.get((offset + m.start, offset + m.end)))
        for m in index.find_mentions(entry.body)
    ]
    warnings = [
        f"{where}: ambiguous name {m.label!r} ({', '.join(_slug(c) for c in m.candidates)})"
        for m in mentions
        if m.iri is None and (offset + m.start, offset + m.end) not in decided
    ]
    warnings += [
        f"{where}: unmatched name {name!r} at {offset + start}"
        for start, end, name in unmatched_names(entry.body, mentions, index.labels)
        if (offset + start, offset + end) not in decided
    ]
    cls = classify(entry.body)
    if cls is None:
        cls = BL.Event
        warnings.append(f"{where}: no event class in the wording; typed bl:Event")
    roles = assign_roles(entry.body, mentions, index)
    # A live view of both graphs: `existing + graph` would copy every triple per entry.
    known = ReadOnlyGraphAggregate([existing, graph])
    node, parents = find_event(known, entry, cls, roles, index)
    roles = replace(roles, sub_event_of=tuple(dict.fromkeys([*roles.sub_event_of, *parents])))
    if node is None:
        node = mint_event(entry.dates, cls, roles, known)
        graph.add((node, RDFS.label, Literal(entry_label(entry.body), lang="en")))
    elif node in roles.events:
        roles = replace(roles, events=tuple(e for e in roles.events if e != node))
    if not index.is_a(node, cls) and (node, RDF.type, cls) not in existing:
        graph.add((node, RDF.type, cls))
    graph.add((node, BL.chronologyEntry, Literal(entry.number)))
    _add_entry_facts(graph, node, entry, roles)
    cite(graph, node, seed, entry.start, entry.end)
    return warnings


def _decide(mention: Mention, review: ReviewedMention | None) -> Mention:
    """The mention, naming the resource a reviewed resolution gives it."""
    if review is None or review.resource is None:
        return mention
    return replace(mention, iri=review.resource, candidates=(review.resource,))


def _slug(iri: URIRef) -> str:
    return iri.removeprefix(str(BLR))


def _add_entry_facts(graph: Graph, node: URIRef, entry: Entry, roles: Roles) -> None:
    """Dates, date text and the roles of the entry's mentions."""
    graph.add((node, BL.startDate, Literal(entry.dates.start.isoformat(), datatype=XSD.date)))
    graph.add((node, BL.endDate, Literal(entry.dates.end.isoformat(), datatype=XSD.date)))
    graph.add((node, BL.dateText, Literal(entry.dates.text)))
    for name, prop in ROLE_PROPERTIES.items():
        for iri in getattr(roles, name):
            if iri != node:
                graph.add((node, prop, iri))


# The properties that name who takes part in an event.
ACTOR_PROPERTIES = (BL.participant, BL.chair, BL.organizedBy)


def find_event(
    graph: Graph, entry: Entry, cls: URIRef, roles: Roles, index: LabelIndex
) -> tuple[URIRef | None, list[URIRef]]:
    """(the event of `graph` an entry describes, the same-day events it is held beside).

    The entry's event has the same days and shares an actor (participant, chair
    or organizer) with it, or is named in it; among several, the one named, then
    the one sharing most actors, then one of the entry's class wins. A summit or
    conference of the same days is the parent instead when the entry says "on
    the sidelines of" or "during".
    """
    start = Literal(entry.dates.start.isoformat(), datatype=XSD.date)
    end = Literal(entry.dates.end.isoformat(), datatype=XSD.date)
    actors, beside = set(roles.participant), SIDELINES.search(entry.body)
    matches, parents = [], []
    for event in sorted(graph.subjects(BL.startDate, start)):
        if (event, BL.endDate, end) not in graph or not _is_event(graph, event, index):
            continue
        if beside and cls not in PARENT_CLASSES and _types(graph, event, index) & PARENT_CLASSES:
            parents.append(event)
            continue
        theirs = {a for p in ACTOR_PROPERTIES for a in graph.objects(event, p)}
        if event in roles.events or actors & theirs:
            same_class = cls in _types(graph, event, index)
            key = (event not in roles.events, -len(actors & theirs), not same_class, str(event))
            matches.append((key, event))
    return (min(matches)[1] if matches else None), parents


def _types(graph: Graph, node: URIRef, index: LabelIndex) -> set[URIRef]:
    return index.types.get(node) or set(graph.objects(node, RDF.type))


def _is_event(graph: Graph, node: URIRef, index: LabelIndex) -> bool:
    if index.is_a(node, BL.Event):
        return True
    types = set(graph.objects(node, RDF.type))
    return bool(types) and not types & {BL.SourceDocument, BL.Passage, BL.Quantity}


def mint_event(dates: DateRange, cls: URIRef, roles: Roles, graph: Graph) -> URIRef:
    """`blr:{YYYY-MM-DD}_{Class}_{FirstParticipant}`; `_2`, `_3`... when that is taken.

    The first participant in the entry's order (else its first place) makes the
    IRI readable and stable under edits elsewhere in the article.
    """
    first = (roles.participant or roles.location or (None,))[0]
    who = first.removeprefix(str(BLR)) if first else "Event"
    base = f"{dates.start.isoformat()}_{cls.removeprefix(str(BL))}_{who}"
    iri, number = resource(base), 1
    while (iri, None, None) in graph:
        number += 1
        iri = resource(f"{base}_{number}")
    return iri


def entry_label(body: str) -> str:
    """A short label: the entry's opening sentence without its period, ended at a clause.

    A sentence longer than LABEL_CHARS ends before the last clause word that keeps
    it within the limit, so the label stays a phrase and is never cut mid-word.

    >>> entry_label("Presidents Putin and Xi meet on the sidelines. They talk.")
    'Presidents Putin and Xi meet on the sidelines'
    >>> entry_label("Secretary Nikolai Patrushev travels to Beijing for the first meeting of a "
    ...             "cooperative mechanism on security and law enforcement with Meng Jianzhu")
    'Secretary Nikolai Patrushev travels to Beijing for the first meeting'
    """
    sentence = first_sentence(body).rstrip(".")
    if len(sentence) <= LABEL_CHARS:
        return sentence
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(sentence) if m.start() <= LABEL_CHARS]
    return sentence[: breaks[-1] if breaks else LABEL_CHARS].rstrip(" ,;")
