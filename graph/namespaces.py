"""Every base IRI and prefix of the project, declared once."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

ONTOLOGY_IRI = URIRef("https://w3id.org/bilateral/ontology")
BL = Namespace("https://w3id.org/bilateral/ontology#")
BLR = Namespace("https://w3id.org/bilateral/resource/")
BLS = Namespace("https://w3id.org/bilateral/shapes#")
GRAPH_BASE = "https://w3id.org/bilateral/graph/"
CAMEO = Namespace("https://w3id.org/bilateral/cameo/")

OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")

GRAPHS = {name: URIRef(GRAPH_BASE + name) for name in ("ontology", "data", "inferred", "links")}

PREFIXES = {
    "bl": str(BL),
    "blr": str(BLR),
    "cameo": str(CAMEO),
    "bls": str(BLS),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "sh": str(SH),
    "skos": str(SKOS),
    "time": str(TIME),
    "wd": str(WD),
    "xsd": str(XSD),
}


def graph_iri(name: str) -> URIRef:
    """The IRI of one of the four named graphs.

    >>> graph_iri("data")
    rdflib.term.URIRef('https://w3id.org/bilateral/graph/data')
    """
    return GRAPHS[name]
