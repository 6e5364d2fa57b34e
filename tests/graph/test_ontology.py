"""The ontology (ontology/bilateral.ttl): terms, contract axioms, OWL 2 RL, entailments, lint."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from bilateral.graph.namespaces import BL, BLR, ONTOLOGY_IRI, ORG, PREFIXES, SCHEMA, SEM
from bilateral.graph.profile import policy_violations, rl_violations

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "bilateral.ttl"
FIXTURES = ROOT / "tests" / "fixtures" / "ontology"
TURTLE_FILES = [
    ONTOLOGY,
    ROOT / "ontology" / "shapes.ttl",
    *sorted((ROOT / "tests" / "fixtures" / "shapes").glob("*.ttl")),
    *sorted(FIXTURES.glob("*.ttl")),
]

# The agreed term list (the project's vocabulary brief), by kind.
CLASSES = """Actor Person Organization Country Place Event Meeting Visit StateVisit WorkingVisit
Summit Conference PressConference VideoConference PhoneCall Negotiation Signing Sanction
ArmedIncident Election UNVeto Declaration Statement Interview Speech Publication Ceremony
Competition ConstructionMilestone Decision Proposal FinancialFlow MilitaryExercise NavalExercise
InfantryExercise Agreement Contract MemorandumOfUnderstanding AgreementOfIntent JointStatement
State IntergovernmentalOrganization Company GovernmentBody MilitaryUnit MediaOutlet
ResearchInstitute University PoliticalParty Forum City Region SeaArea MilitaryFacility GasField
Infrastructure Pipeline Equipment Aircraft Vehicle Weapon Ship Quantity Unit Topic Framework
Passage SourceDocument Polity""".split()
OBJECT_PROPERTIES = """participant participatedIn speaker host chair organizedBy location
locatedIn party signedAt signedDuring affiliation memberOf hasMember subOrganizationOf headOf
subEventOf hasSubEvent precededBy followedBy relativeTo addressee topic about figure unit
equipment ship operatedBy commander framework route from to evidence source concerns simulates""".split()
DATATYPE_PROPERTIES = """startDate endDate year yearMonth dateText signedOn signedYear valueUSD
durationYears troopCount warshipCount numericValue minValue maxValue measures position quote
shipType ordinal casualties casualtiesText lengthKm sha256 rowNumber tableRow chronologyEntry""".split()
UNITS = """USD Percent BillionCubicMetres BillionCubicMetresPerYear Kilometre Mile Troops Warships
Year Item""".split()

# The contract's subclass axioms, and the ones of the agreed list that matter most.
SUBCLASSES = [
    ("Person", "Actor"),
    ("Organization", "Actor"),
    ("Country", "Organization"),
    ("Country", "Place"),
    ("Country", "State"),
    ("Country", "Polity"),
    ("Polity", "Organization"),
    ("Polity", "Place"),
    ("Meeting", "Event"),
    ("Visit", "Event"),
    ("MilitaryExercise", "Event"),
    ("NavalExercise", "MilitaryExercise"),
    ("InfantryExercise", "MilitaryExercise"),
    ("StateVisit", "Visit"),
    ("Speech", "Statement"),
    ("Statement", "Event"),
    ("Contract", "Agreement"),
    ("University", "ResearchInstitute"),
    ("Pipeline", "Infrastructure"),
    ("Infrastructure", "Place"),
]


@cache
def ontology() -> Graph:
    """The parsed ontology (once per run; callers copy before changing it)."""
    return Graph().parse(ONTOLOGY, format="turtle")


@cache
def closure() -> Graph:
    """The OWL 2 RL closure of the ontology and tests/fixtures/ontology/entailments.ttl."""
    graph = Graph()
    graph += ontology()
    graph.parse(FIXTURES / "entailments.ttl", format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def test_header():
    g = ontology()
    assert set(g.subjects(RDF.type, OWL.Ontology)) == {ONTOLOGY_IRI}
    header = {p: g.value(ONTOLOGY_IRI, p) for p in set(g.predicates(ONTOLOGY_IRI))}
    assert header[OWL.versionInfo] == Literal("0.1.0")
    assert header[OWL.versionIRI] == URIRef(f"{ONTOLOGY_IRI}/0.1.0")
    assert header[DCTERMS.license] == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert header[DCTERMS.creator] == header[DCTERMS.publisher] == Literal("Bilateral project")
    assert header[DCTERMS.source] == BLR["China-Russia_2014_May-Aug"]
    for key in (RDFS.label, RDFS.comment, DCTERMS.title):
        assert header[key].language == "en"


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (CLASSES, OWL.Class),
        (OBJECT_PROPERTIES, OWL.ObjectProperty),
        (DATATYPE_PROPERTIES, OWL.DatatypeProperty),
        (UNITS, BL.Unit),
        (["SCOFramework", "BilateralFramework"], BL.Framework),
    ],
    ids=["classes", "object-properties", "datatype-properties", "units", "frameworks"],
)
def test_agreed_terms_are_defined(names, kind):
    missing = [n for n in names if (BL[n], RDF.type, kind) not in ontology()]
    assert missing == []


def test_every_bl_term_is_documented():
    g = ontology()
    terms = {t for t in g.all_nodes() if isinstance(t, URIRef) and t.startswith(str(BL))}
    assert len(terms) >= len(CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES + UNITS)
    for term in sorted(terms):
        labels = list(g.objects(term, RDFS.label))
        comments = list(g.objects(term, RDFS.comment))
        assert (term, RDF.type, None) in g, f"{term} is not declared"
        assert [x.language for x in labels] == ["en"], f"{term}: one @en label"
        assert len(comments) == 1 and len(str(comments[0])) > 10, f"{term}: a real comment"
        assert g.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, term


@pytest.mark.parametrize(("sub", "sup"), SUBCLASSES, ids=lambda x: x)
def test_subclass_axioms(sub, sup):
    assert (BL[sub], RDFS.subClassOf, BL[sup]) in ontology()


def test_property_characteristics():
    g = ontology()
    transitive = set(g.subjects(RDF.type, OWL.TransitiveProperty))
    assert {BL.locatedIn, BL.subEventOf, BL.subOrganizationOf} <= transitive
    assert (BL.participatedIn, OWL.inverseOf, BL.participant) in g
    assert (BL.hasMember, OWL.inverseOf, BL.memberOf) in g
    assert (BL.followedBy, OWL.inverseOf, BL.precededBy) in g
    assert (BL.evidence, RDFS.subPropertyOf, DCTERMS.isReferencedBy) in g
    assert not set(g.transitive_objects(BL.evidence, RDFS.subPropertyOf)) & {PROV.wasDerivedFrom}
    assert g.value(BL.startDate, RDFS.range) == XSD.date
    assert g.value(BL.signedYear, RDFS.range) == XSD.gYear
    assert g.value(BL.valueUSD, RDFS.range) == XSD.decimal
    assert g.value(BL.troopCount, RDFS.range) == XSD.integer


def test_ontology_is_owl2_rl_without_equivalence():
    assert rl_violations(ontology()) == []
    assert policy_violations(ontology()) == []


def test_profile_checker_reports_each_construct_outside_rl():
    g = Graph().parse(FIXTURES / "not-owl-rl.ttl", format="turtle")
    assert rl_violations(g) == [
        "[]: owl:minCardinality is not in OWL 2 RL",
        "ex:Cardinality rdfs:subClassOf: owl:maxCardinality 2 (only 0 or 1 in OWL 2 RL)",
        "ex:Equivalent owl:equivalentClass: owl:unionOf in an equivalence",
        "ex:MinCardinality rdfs:subClassOf: owl:minCardinality, owl:onProperty"
        " on the superclass side",
        "ex:Some rdfs:subClassOf: owl:onProperty, owl:someValuesFrom on the superclass side",
        "ex:Union rdfs:subClassOf: owl:unionOf on the superclass side",
        "ex:date rdfs:range: datatype xsd:date is neither in the OWL 2 RL map nor declared",
        "ex:member: owl:ReflexiveProperty is not in OWL 2 RL",
    ]
    assert policy_violations(g) == ["ex:Equivalent owl:equivalentClass []"]


def test_profile_checker_accepts_rl_constructs():
    g = Graph().parse(
        data="""
        PREFIX ex: <https://example.org/test#>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        [ a owl:Restriction ; owl:onProperty ex:p ; owl:someValuesFrom ex:B ]
            rdfs:subClassOf ex:A .
        ex:A rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:p ; owl:allValuesFrom ex:B ],
            [ a owl:Restriction ; owl:onProperty ex:p ; owl:maxCardinality 1 ] ;
            owl:hasKey ( ex:p ) .
        [ owl:unionOf ( ex:B ex:C ) ] rdfs:subClassOf ex:A .
        ex:d a owl:DatatypeProperty ; rdfs:range xsd:gYear .
        xsd:gYear a rdfs:Datatype .
        """,
        format="turtle",
    )
    assert rl_violations(g) == []


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        ("Test_Country", BL.participatedIn, "Test_Exercise"),
        ("Test_Person", BL.participatedIn, "Test_Statement"),
        ("Test_City", BL.locatedIn, "Test_Country"),
        ("Test_Company", BL.subOrganizationOf, "Test_Country"),
        ("Test_Company", ORG.transitiveSubOrganizationOf, "Test_Country"),
        ("Test_Drill", BL.subEventOf, "Test_Series"),
        ("Test_Series", BL.hasSubEvent, "Test_Drill"),
        ("Test_Forum", BL.hasMember, "Test_Ministry"),
        ("Test_Previous_Exercise", BL.followedBy, "Test_Exercise"),
        ("Test_Exercise", DCTERMS.isReferencedBy, "Test_Passage"),
        ("Test_Exercise", SEM.hasPlace, "Test_City"),
        ("Test_Exercise", RDF.type, BL.Event),
        ("Test_Exercise", RDF.type, SCHEMA.Event),
        ("Test_Exercise", RDF.type, SEM.Event),
        ("Test_Passage", RDF.type, BL.Passage),
        ("Test_City", RDF.type, SCHEMA.Place),
        ("Test_Country", RDF.type, BL.Actor),
        ("Test_Region", RDF.type, BL.Place),
        ("Test_Ministry", RDF.type, BL.Organization),
        ("Test_Person", RDF.type, BL.Actor),
        ("Test_Statement", RDF.type, BL.Event),
    ],
)
def test_owlrl_entailments(subject, predicate, obj):
    target = obj if isinstance(obj, URIRef) else BLR[obj]
    assert (BLR[subject], predicate, target) in closure()


def test_owlrl_closure_keeps_agreements_out_of_events():
    # bl:participant has no domain: an agreement's participants do not make it an event.
    types = set(closure().objects(BLR.Test_Agreement, RDF.type))
    assert BL.Agreement in types
    assert not types & {BL.Event, SCHEMA.Event, SEM.Event, PROV.Activity}


MAIN_CLASSES = ("Person", "Organization", "Place", "Event", "Agreement", "Quantity", "Passage")


def _declared_disjoint_pairs(g: Graph) -> set[frozenset]:
    pairs = {frozenset(pair) for pair in g.subject_objects(OWL.disjointWith)}
    for axiom in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(g, g.value(axiom, OWL.members)))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    return pairs


def test_main_classes_are_disjoint_but_organization_and_place_meet_in_polity():
    expected = {
        frozenset((BL[a], BL[b]))
        for a in MAIN_CLASSES
        for b in MAIN_CLASSES
        if a < b and {a, b} != {"Organization", "Place"}
    }
    assert _declared_disjoint_pairs(ontology()) == expected


@pytest.mark.parametrize(
    ("first", "second", "consistent"),
    [("Person", "Place", False), ("Event", "Agreement", False), ("Country", "Polity", True)],
)
def test_owlrl_flags_a_resource_of_two_disjoint_classes(first, second, consistent):
    graph = Graph()
    graph += ontology()
    graph.add((BLR.Test_Thing, RDF.type, BL[first]))
    graph.add((BLR.Test_Thing, RDF.type, BL[second]))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert (next(graph.subjects(RDF.type, ERRNS.ErrorMessage), None) is None) == consistent


@pytest.mark.parametrize(
    "fixtures",
    [["ontology/entailments.ttl"], ["shapes/_base.ttl", "shapes/conforming.ttl"]],
    ids=["entailments", "conforming"],
)
def test_owlrl_closure_is_consistent(fixtures):
    # owlrl records inconsistencies (e.g. a literal outside its property's range) as
    # ErrorMessage resources instead of raising.
    graph = Graph()
    graph += ontology()
    for name in fixtures:
        graph.parse(ROOT / "tests" / "fixtures" / name, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = [
        list(graph.predicate_objects(m)) for m in graph.subjects(RDF.type, ERRNS.ErrorMessage)
    ]
    assert errors == []
    assert (None, RDF.type, OWL.Nothing) not in graph


# --- Lint of the hand-edited Turtle of ontology/ and its fixtures ---


def _code(text: str) -> str:
    """Turtle text without comments, string literals and IRIs, for prefix scanning."""
    text = re.sub(r'"""(?:.|\n)*?"""', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    text = re.sub(r"<[^>\s]*>", "<>", text)
    return re.sub(r"(?m)^\s*#.*$", "", text)


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """Each subject block as (subject, its lines), sections marked by '# --- ' banners."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("# --- "):
            blocks.append(("# section", []))
        elif line and not line[0].isspace() and not line.startswith(("#", "PREFIX")):
            blocks.append((line.split()[0], []))
        elif line.startswith("    ") and blocks:
            blocks[-1][1].append(line)
    return blocks


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: p.name)
def test_prefixes_declared_used_sorted(path):
    text = path.read_text(encoding="utf-8")
    declared = re.findall(r"(?m)^PREFIX (\w*): <([^>]*)>$", text)
    names = [name for name, _ in declared]
    assert names == sorted(names)
    for name, iri in declared:
        assert PREFIXES.get(name, iri) == iri, f"{name}: differs from namespaces.py"
    used = set(re.findall(r"(?<![\w:/.-])([A-Za-z][\w-]*):(?=[\w<])", _code(text)))
    assert used - {"PREFIX"} - set(names) == set(), "undeclared prefixes"
    assert set(names) - used == set(), "unused prefixes"


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: p.name)
def test_one_sorted_block_per_subject(path):
    blocks = _blocks(path.read_text(encoding="utf-8"))
    subjects = [s for s, _ in blocks if s != "# section"]
    assert len(subjects) == len(set(subjects)), "duplicate subject blocks"
    section: list[str] = []
    for subject, lines in [*blocks, ("# section", [])]:
        if subject == "# section":
            assert section == sorted(section), f"blocks out of order: {section}"
            section = []
            continue
        section.append(subject)
        preds = [ln.split()[0] for ln in lines if re.match(r"    [a-z]", ln)]
        if preds:
            head = [p for p in ("a", "rdfs:label", "rdfs:comment") if p in preds]
            assert preds == head + sorted(preds[len(head) :]), f"{subject}: predicate order"
