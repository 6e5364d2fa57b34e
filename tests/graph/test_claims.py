"""The claims behind the article's mentions are triples: rounds, operations, outcomes, proposals.

Also: a clean build names every name, things are cited where the article names
them, and the long curated comments are the reviewed modelling notes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, RDFS

from bilateral.graph.store import open_store

PROJECT = Path(__file__).resolve().parents[2]
PREFIXES = """
PREFIX bl: <https://w3id.org/bilateral/ontology#>
PREFIX blr: <https://w3id.org/bilateral/resource/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# Named things whose evidence never names them, because the article does not.
UNNAMED = {
    "ESPO_Branch_Line_to_China": "the article describes it ('a 64 km branch line'), never names it",
    "Joint_Sea-2014_Drilling_Area": "the article describes it ('this part of the East China Sea'), never names it",
}
BL = Namespace("https://w3id.org/bilateral/ontology#")
# Comments this long are read in review: each must be a modelling note (why the
# data is as it is, what the article leaves open), its claims held as triples.
LONG_COMMENT = 150


@pytest.fixture(scope="module")
def store(built_store) -> ox.Store:
    return open_store(built_store)


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


def section_mentions(coverage_report: dict, start: int, end: int) -> tuple[list[dict], list[str]]:
    """The mentions of the seed's span [start, end), and those neither resolved nor excluded."""
    inside = [m for m in coverage_report["mentions"] if start <= m["start"] < end]
    left = [
        f"{m['start']} {m['kind']} {m['text']!r}"
        for m in inside if m["term"] is None and m["excluded"] is None
    ]
    return inside, left


def test_the_fourth_veto_on_syria_has_its_rank_and_series(store):
    assert ask(store, """ASK { ?veto a bl:UNVeto ; bl:ordinal 4 ; rdfs:label "Fourth Russia-China veto on Syria"@en ;
        bl:inSeries/rdfs:label "Russia-China vetoes of draft resolutions against Syria"@en }""")


def test_the_10th_round_of_the_strategic_security_consultation(store):
    assert ask(store, """ASK { ?round bl:ordinal 10 ; bl:inSeries blr:China-Russia_Strategic_Security_Consultation ;
        bl:chair blr:Nikolai_Patrushev ; bl:subEventOf blr:Nikolai_Patrushev_Visit_to_Beijing_2014 }""")
    assert ask(store, """ASK { ?meeting bl:ordinal 1 ; bl:participant blr:Meng_Jianzhu ;
        bl:inSeries blr:Cooperative_Mechanism_on_Security_and_Law_Enforcement }""")


def test_named_operations_are_events_with_places_and_participants(store):
    assert ask(store, """ASK { blr:Vostok-2014 a bl:Event ; rdfs:label "Vostok-2014"@en .
        ?meeting bl:concerns blr:Vostok-2014 ; bl:ordinal 3 ; bl:location blr:Qayroqqum }""")
    assert ask(store, """ASK { blr:Aviation_Dart-2014 a bl:Competition ; bl:location blr:Lipetsk, blr:Voronezh ;
        bl:participant blr:China ; bl:equipment blr:Su-30 ;
        bl:figure [ bl:numericValue 3.0 ; bl:unit bl:Item ] }""")


def test_outcomes_and_proposals_are_linked_to_their_events(store):
    assert ask(store, """ASK { ?decision a bl:Decision ; bl:subEventOf blr:SCO_Foreign_Ministers_Meeting_2014 ;
        rdfs:label "Approval of the draft guidelines for granting SCO member status"@en }""")
    assert ask(store, """ASK { ?call a bl:Statement ; bl:about blr:MH17_Downing_2014 ;
        bl:subEventOf blr:SCO_Foreign_Ministers_Meeting_2014 }""")
    assert ask(store, """ASK { ?proposal a bl:Proposal ; bl:proposedBy blr:Mongolia .
        ?support bl:speaker blr:Xi_Jinping ; bl:about ?proposal }""")


def test_quotes_and_topics_follow_the_article(store):
    """'routine' is the author's word; the report and the press versions left those topics out."""
    assert not ask(store, """ASK { ?s bl:quote "routine" ; bl:speaker blr:Xi_Jinping }""")
    assert not ask(store, "ASK { blr:China_National_Security_Report_2014 bl:topic blr:Topic_Alliance }")
    assert not ask(store, """ASK { blr:Publication_Chinese_Press_Putin_Interview_2014
        bl:topic blr:Topic_Ukraine_Crisis }""")


def test_identity_is_decided_and_stated(store):
    """Documents of one visit the article keeps apart are related, each with its reason."""
    for first, second in [
        ("China_Russia_Joint_Communique_2014", "China_Russia_Joint_Statement_2014"),
        ("Statement_Sergei_Ivanov_Alliance_2014-07-11", "Statement_Sergei_Ivanov_Alliance_2014-07"),
        ("SCO_Meeting_of_General_Staff_Chiefs_2014", "Peace_Mission-2014_General_Staff_Chiefs_Meeting"),
    ]:
        assert ask(store, f"ASK {{ blr:{first} skos:related|bl:distinctFrom blr:{second} }}"), first
        assert ask(store, f'ASK {{ blr:{first} rdfs:comment ?why FILTER(CONTAINS(?why, "apart")) }}')


def test_a_clean_build_warns_of_no_name(built):
    _, result = built
    names = [w for w in result.warnings if "unmatched name" in w or "ambiguous name" in w]
    assert not names, "\n".join(names)


def test_named_things_are_cited_where_the_article_names_them(store):
    query = PREFIXES + """
    SELECT DISTINCT ?r WHERE {
      VALUES ?class { bl:Person bl:Organization bl:Place }
      ?r a ?class ; bl:evidence ?any .
      FILTER NOT EXISTS {
        ?r bl:evidence/oa:exact ?exact ; rdfs:label|skos:altLabel|skos:hiddenLabel ?name .
        FILTER(CONTAINS(LCASE(STR(?exact)), LCASE(STR(?name))))
      }
    }"""
    found = {row["r"].value.rsplit("/", 1)[1] for row in store.query(query, use_default_graph_as_union=True)}
    assert found == set(UNNAMED)


def test_long_curated_comments_are_listed_for_review():
    """Prints the long comments for review; fails on a comment quoting what no triple holds.

    A comment may quote the article to explain a modelling decision, but the
    words it quotes must also be data (a bl:evidence, bl:quote, bl:dateText or
    label), or the claim lives only in prose. A long comment that names a person
    or a piece of equipment is about it, so a triple must link the two.
    """
    seed = next((PROJECT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    graph = Graph()
    for path in sorted((PROJECT / "graph" / "curated").glob("*.ttl")):
        graph.parse(path)
    held = [str(o) for _, p, o in graph.triples((None, None, None)) if p != RDFS.comment]
    named = named_people_and_equipment(graph)
    long_comments, quoting, unlinked = [], [], []
    for subject, comment in graph.subject_objects(RDFS.comment):
        name = subject.split("/")[-1]
        if len(comment) >= LONG_COMMENT:
            long_comments.append(f"{name} ({len(comment)})")
            linked = {subject} | set(graph.objects(subject, None)) | set(graph.subjects(None, subject))
            unlinked += [f"{name}: {label}" for label, things in named.items()
                         if label in comment and not things & linked]
        quoted = str(comment).split('"')[1::2]
        quoting += [
            f"{name}: {q!r}" for q in quoted
            if len(q) > 20 and q in seed and not any(q in value for value in held)
        ]
    print("\n".join(sorted(long_comments)))
    assert not quoting, "comments quoting the article where no triple does:\n" + "\n".join(quoting)
    assert not unlinked, "long comments naming what their subject has no triple to:\n" + "\n".join(unlinked)


def named_people_and_equipment(graph: Graph) -> dict[str, set]:
    """Labels of the people and equipment, each with the things it names."""
    ontology = Graph().parse(PROJECT / "ontology" / "bilateral.ttl")
    kinds = set(ontology.transitive_subjects(RDFS.subClassOf, BL.Person))
    kinds |= set(ontology.transitive_subjects(RDFS.subClassOf, BL.Equipment))
    named: dict[str, set] = {}
    for thing, label in graph.subject_objects(RDFS.label):
        if set(graph.objects(thing, RDF.type)) & kinds:
            named.setdefault(str(label), set()).add(thing)
    return named
