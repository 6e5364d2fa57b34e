"""The SHACL shapes of ontology/shapes.ttl: well-formed data conforms, and each shape fires.

Validation runs as the build runs it (graph/validate.py): every resource
typed with the superclasses of its classes, then pyshacl with the ontology as
ont_graph and no inference; each bad fixture fires its shape alone.
Each fixture in tests/fixtures/shapes/ names on its first line the shape it
makes fire ("Makes bls:XShape fire").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from bilateral.graph.namespaces import BLS, SH
from bilateral.graph.validate import validate

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
BAD_FIXTURES = sorted(
    p for p in FIXTURES.glob("*.ttl") if not p.name.startswith("_") and p.stem != "conforming"
)


@cache
def _graph(path: Path) -> Graph:
    """The parsed Turtle file at path (parsed once per test run, never mutated)."""
    return Graph().parse(path, format="turtle")


def _expected_shape(path: Path) -> URIRef:
    """The shape a fixture's header says it makes fire."""
    match = re.match(r"# Makes bls:(\w+) fire", path.read_text(encoding="utf-8"))
    assert match, f"{path.name}: first line must be '# Makes bls:SomeShape fire ...'"
    return BLS[match.group(1)]


@cache
def _ontology() -> Graph:
    """Every ontology file but the shapes, as the build loads them."""
    union = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        if path.name != "shapes.ttl":
            union += _graph(path)
    return union


def _validate(fixture: Path) -> tuple[bool, Graph]:
    """Validate _base.ttl plus fixture as the build does."""
    data = Graph()
    data += _graph(FIXTURES / "_base.ttl")
    data += _graph(fixture)
    report = validate(
        data,
        _graph(ROOT / "ontology" / "shapes.ttl"),
        _ontology(),
    )
    return report.conforms, report.graph


def _fired(report: Graph) -> set[URIRef]:
    """The shapes that produced a result in a validation report."""
    return {
        shape
        for result in report.subjects(RDF.type, SH.ValidationResult)
        for shape in report.objects(result, SH.sourceShape)
    }


def _named_shapes() -> set[URIRef]:
    """The shapes of ontology/shapes.ttl that have an IRI."""
    shapes = _graph(ROOT / "ontology" / "shapes.ttl")
    return {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }


def test_conforming_fixture_conforms():
    conforms, report = _validate(FIXTURES / "conforming.ttl")
    assert conforms, sorted(str(s) for s in _fired(report))


@pytest.mark.parametrize("fixture", BAD_FIXTURES, ids=lambda p: p.stem)
def test_fixture_fires_its_shape(fixture):
    conforms, report = _validate(fixture)
    assert not conforms
    assert _fired(report) == {_expected_shape(fixture)}


def test_every_shape_has_a_fixture():
    covered = {_expected_shape(p) for p in BAD_FIXTURES}
    assert _named_shapes() - covered == set()
    assert covered - _named_shapes() == set()


def test_every_shape_has_a_readable_message():
    shapes = _graph(ROOT / "ontology" / "shapes.ttl")
    for shape in _named_shapes():
        messages = list(shapes.objects(shape, SH.message))
        messages += list(shapes.objects(shapes.value(shape, SH.sparql), SH.message))
        assert messages, f"{shape} has no sh:message"
        assert all(m.language == "en" and len(str(m)) > 20 for m in messages), shape


def test_report_carries_the_message():
    _, report = _validate(FIXTURES / "figure-without-unit.ttl")
    messages = {str(m) for m in report.objects(None, SH.resultMessage)}
    assert any("needs exactly one bl:unit" in m for m in messages), messages


def test_unknown_class_report_names_resource_and_class():
    _, report = _validate(FIXTURES / "unknown-class.ttl")
    messages = " ".join(str(m) for m in report.objects(None, SH.resultMessage))
    assert "Test_Event" in messages and "Sumit" in messages, messages
