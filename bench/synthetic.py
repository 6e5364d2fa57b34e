"""Synthetic articles in the shapes of the real data, at any size, deterministic.

Each synthetic article is a generated text (sentences) with a
`bl:SourceDocument`, one `bl:Passage` per sentence (`oa:exact`, `oa:start`,
`oa:end` into that text) and the resources the sentences talk about: people
with positions and affiliations, places in `bl:locatedIn` chains (city, region,
country), events of the real classes (meetings, visits, phone calls,
statements with speaker, quote and topic, naval and infantry exercises with
framework and sizes) with participants, places, dates and chronology entries,
agreements with parties and values, and figures (`bl:Quantity`). Countries,
topics and a few well-known resources (`blr:China`, `blr:Vladimir_Putin`,
`blr:Joint_Sea-2014`, `blr:Topic_Alliance`) are shared across articles, so the
canned queries' defaults find data. The graph passes ontology/shapes.ttl.

The data graph is generated directly (not as curated Turtle to anchor): the
quotes are known with their offsets as the text is written.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from bilateral.graph.namespaces import BL, BLR, OA

COUNTRIES = ["China", "Russia", "Ukraine", "United_States", "Japan", "India", "Kazakhstan"]
TOPICS = ["Alliance", "Energy", "Sanctions", "Security", "Trade"]
FIRST = ["Ivan", "Li", "Anna", "Wang", "Sergey", "Zhang", "Olga", "Chen", "Dmitry", "Liu"]
LAST = ["Petrov", "Wei", "Sokolova", "Ming", "Ivanov", "Hua", "Orlova", "Jun", "Volkov", "Yang"]
POSITIONS = ["President", "Foreign Minister", "Defense Minister", "Prime Minister", "Ambassador"]
EVENT_KINDS = [
    ("Meeting", "meets"),
    ("Visit", "visits"),
    ("StateVisit", "pays a state visit with"),
    ("PhoneCall", "holds a phone call with"),
    ("Summit", "attends a summit with"),
    ("Negotiation", "negotiates with"),
]
UNITS = [(BL.USD, "value"), (BL.Percent, "growth"), (BL.Troops, "personnel")]
PERSONS, PLACES, EVENTS, STATEMENTS, EXERCISES, AGREEMENTS, FIGURES = 6, 3, 8, 3, 2, 2, 3
ARTICLE_TRIPLES = 430  # about what one article below yields, to size the run


@dataclass
class Article:
    """One synthetic article under construction: its text and triples."""

    number: int
    rng: random.Random
    triples: list[tuple] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    length: int = 0

    @property
    def doc(self) -> URIRef:
        return BLR[f"Synthetic_Article_{self.number}"]

    def add(self, s, p, o) -> None:
        self.triples.append((s, p, o))

    def say(self, sentence: str) -> URIRef:
        """Append a sentence to the text and return its passage."""
        start = self.length + (1 if self.sentences else 0)
        end = start + len(sentence)
        self.sentences.append(sentence)
        self.length = end
        passage = BLR[f"Passage_Synthetic_{self.number}_{start}-{end}"]
        self.add(passage, RDF.type, BL.Passage)
        self.add(passage, RDFS.label, Literal(f"Passage {start}-{end}", lang="en"))
        self.add(passage, OA.exact, Literal(sentence))
        self.add(passage, OA.start, Literal(start, datatype=XSD.integer))
        self.add(passage, OA.end, Literal(end, datatype=XSD.integer))
        self.add(passage, DCTERMS.isPartOf, self.doc)
        return passage

    def thing(self, iri: URIRef, cls: URIRef, label: str, sentence: str) -> URIRef:
        """A labelled, typed resource with its evidence sentence."""
        self.add(iri, RDF.type, cls)
        self.add(iri, RDFS.label, Literal(label, lang="en"))
        self.add(iri, BL.evidence, self.say(sentence))
        return iri


def shared(article: Article) -> None:
    """Resources every article refers to, declared once (in article 0)."""
    for name in COUNTRIES:
        label = name.replace("_", " ")
        article.thing(BLR[name], BL.Country, label, f"{label} is a country in this report.")
    for name in TOPICS:
        topic = BLR[f"Topic_{name}"]
        article.add(topic, RDF.type, BL.Topic)
        article.add(topic, RDFS.label, Literal(name.lower(), lang="en"))
    article.thing(BLR.Vladimir_Putin, BL.Person, "Vladimir Putin", "Vladimir Putin is President.")
    article.add(BLR.Vladimir_Putin, BL.position, Literal("President"))
    article.add(BLR.Vladimir_Putin, BL.affiliation, BLR.Russia)


def people(article: Article) -> list[URIRef]:
    """People with a position and an affiliation; article 0 includes Putin."""
    found = [BLR.Vladimir_Putin] if article.number == 0 else []
    rng, n = article.rng, article.number
    for i in range(PERSONS):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}-{i}"
        position, country = rng.choice(POSITIONS), rng.choice(COUNTRIES)
        iri = BLR[name.replace(" ", "_")]
        article.thing(iri, BL.Person, name, f"{name} is {position} of {country}.")
        article.add(iri, BL.position, Literal(position))
        article.add(iri, BL.affiliation, BLR[country])
        article.add(iri, SKOS.hiddenLabel, Literal(name.split()[1], lang="en"))
        found.append(iri)
    return found


def places(article: Article) -> list[URIRef]:
    """Cities in regions in countries (bl:locatedIn chains)."""
    found = []
    for i in range(PLACES):
        country = article.rng.choice(COUNTRIES)
        region = BLR[f"Region_{article.number}_{i}"]
        city = BLR[f"City_{article.number}_{i}"]
        article.thing(
            region, BL.Region, f"Region {article.number}-{i}", f"The region lies in {country}."
        )
        article.add(region, BL.locatedIn, BLR[country])
        article.thing(city, BL.City, f"City {article.number}-{i}", f"The city is in region {i}.")
        article.add(city, BL.locatedIn, region)
        found.append(city)
    return found


def dated(article: Article, iri: URIRef, day: date, length: int = 0) -> None:
    """Start and end dates, the article's wording and a chronology entry number."""
    end = day + timedelta(days=length)
    article.add(iri, BL.startDate, Literal(day.isoformat(), datatype=XSD.date))
    article.add(iri, BL.endDate, Literal(end.isoformat(), datatype=XSD.date))
    article.add(iri, BL.dateText, Literal(day.strftime("%B %d")))


def events(article: Article, who: list[URIRef], where: list[URIRef]) -> list[URIRef]:
    """Chronology-like events with participants, a place and dates."""
    rng, n = article.rng, article.number
    found = []
    for i in range(EVENTS):
        kind, verb = rng.choice(EVENT_KINDS)
        a, b = rng.sample(who, 2)
        place = rng.choice(where)
        day = date(2000 + n % 20, 1 + i % 12, 1 + rng.randrange(28))
        iri = BLR[f"Event_{n}_{i}"]
        label = f"{kind} {n}-{i}"
        article.thing(
            iri, BL[kind], label, f"{day:%b. %d, %Y}: {a.split('/')[-1]} {verb} {b.split('/')[-1]}."
        )
        article.add(iri, BL.participant, a)
        article.add(iri, BL.participant, b)
        article.add(iri, BL.location, place)
        article.add(iri, BL.chronologyEntry, Literal(i + 1))
        dated(article, iri, day, rng.randrange(3))
        if i and rng.random() < 0.3:
            article.add(iri, BL.subEventOf, found[-1])
        found.append(iri)
    return found


def statements(article: Article, who: list[URIRef], around: list[URIRef]) -> None:
    """Statements with a speaker, a verbatim quote, a topic and an occasion."""
    rng, n = article.rng, article.number
    for i in range(STATEMENTS):
        speaker, topic = rng.choice(who), rng.choice(TOPICS)
        quote = f"We discuss {topic.lower()} number {n}-{i}"
        iri = BLR[f"Statement_{n}_{i}"]
        article.thing(iri, BL.Statement, f"Statement {n}-{i}", f'He said: "{quote}".')
        article.add(iri, BL.speaker, speaker)
        article.add(iri, BL.quote, Literal(quote))
        article.add(iri, BL.topic, BLR[f"Topic_{topic}"])
        article.add(iri, BL.subEventOf, rng.choice(around))
        dated(article, iri, date(2000 + n % 20, 6, 1 + i))


def exercises(article: Article, where: list[URIRef]) -> None:
    """Naval and infantry exercises with a framework, sizes and a table row."""
    rng, n = article.rng, article.number
    for i in range(EXERCISES):
        naval = i % 2 == 0
        iri = BLR["Joint_Sea-2014"] if n == 0 and i == 0 else BLR[f"Exercise_{n}_{i}"]
        label = f"Exercise {n}-{i}"
        article.thing(
            iri, BL.NavalExercise if naval else BL.InfantryExercise, label, f"{label} took place."
        )
        article.add(iri, BL.framework, rng.choice([BL.SCOFramework, BL.BilateralFramework]))
        article.add(iri, BL.tableRow, Literal(i + 1))
        article.add(iri, BL.troopCount, Literal(rng.randrange(500, 10000)))
        if naval:
            article.add(iri, BL.warshipCount, Literal(rng.randrange(2, 20)))
        article.add(iri, BL.location, rng.choice(where))
        article.add(iri, BL.participant, BLR.China)
        article.add(iri, BL.participant, BLR.Russia)
        dated(article, iri, date(2000 + n % 20, 7, 1 + i), 5)


def agreements(article: Article, who: list[URIRef], around: list[URIRef]) -> None:
    """Agreements with parties, a signing date, a value and a duration."""
    rng, n = article.rng, article.number
    for i in range(AGREEMENTS):
        iri = BLR[f"Agreement_{n}_{i}"]
        value = rng.randrange(1, 500) * 10**9
        article.thing(
            iri, BL.Contract, f"Contract {n}-{i}", f"A contract worth ${value} was signed."
        )
        article.add(iri, BL.party, rng.choice(who))
        article.add(iri, BL.party, BLR[rng.choice(COUNTRIES)])
        article.add(
            iri, BL.signedOn, Literal(date(2000 + n % 20, 5, 21).isoformat(), datatype=XSD.date)
        )
        article.add(iri, BL.signedDuring, rng.choice(around))
        article.add(iri, BL.valueUSD, Literal(Decimal(value)))
        article.add(iri, BL.durationYears, Literal(rng.randrange(1, 40)))


def figures(article: Article, about: list[URIRef]) -> None:
    """Figures (bl:Quantity) about resources, with unit, value and period."""
    rng, n = article.rng, article.number
    for i in range(FIGURES):
        unit, measures = rng.choice(UNITS)
        subject = rng.choice(about)
        iri = BLR[f"Figure_{n}_{i}"]
        value = rng.randrange(1, 1000)
        article.thing(iri, BL.Quantity, f"Figure {n}-{i}", f"The {measures} reached {value}.")
        article.add(iri, BL.numericValue, Literal(Decimal(value)))
        article.add(iri, BL.unit, unit)
        article.add(iri, BL.measures, Literal(measures))
        article.add(iri, BL.about, subject)
        article.add(iri, BL.year, Literal(str(2000 + n % 20), datatype=XSD.gYear))
        article.add(iri, BL.dateText, Literal(f"in {2000 + n % 20}"))
        article.add(subject, BL.figure, iri)


def document(article: Article) -> None:
    """The source document, with the SHA-256 of the generated text."""
    text = " ".join(article.sentences)
    article.add(article.doc, RDF.type, BL.SourceDocument)
    article.add(
        article.doc, DCTERMS.title, Literal(f"Synthetic article {article.number}", lang="en")
    )
    article.add(article.doc, DCTERMS.creator, Literal("bench.synthetic"))
    article.add(article.doc, BL.sha256, Literal(hashlib.sha256(text.encode()).hexdigest()))


def article(number: int, seed: int = 0) -> tuple[list[tuple], str]:
    """The triples and the text of synthetic article `number`."""
    art = Article(number, random.Random(f"{seed}:{number}"))
    if number == 0:
        shared(art)
    who = people(art)
    where = places(art)
    happened = events(art, who, where)
    statements(art, who, happened)
    exercises(art, where)
    agreements(art, who, happened)
    figures(art, [*happened, *who])
    document(art)
    return art.triples, " ".join(art.sentences)


def generate(size: int, seed: int = 0) -> Graph:
    """A data graph of about `size` triples (at least one article), deterministic."""
    graph = Graph()
    for number in range(max(1, round(size / ARTICLE_TRIPLES))):
        for triple in article(number, seed)[0]:
            graph.add(triple)
    return graph
