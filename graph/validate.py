"""SHACL validation of the data graph with pyshacl, and a report people can read."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyshacl
from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SH

from bilateral.graph.rdfio import to_oxigraph
from bilateral.graph.results import compact


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation: conformance, pyshacl's text and report graph."""

    conforms: bool
    text: str
    graph: Graph

    def summary(self, limit: int = 10) -> str:
        """The violations grouped by shape and message, a few focus nodes each."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for result in self.graph.subjects(SH.resultSeverity, SH.Violation):
            shape = _short(self.graph.value(result, SH.sourceShape))
            message = str(self.graph.value(result, SH.resultMessage) or "")
            focus = _short(self.graph.value(result, SH.focusNode))
            path = self.graph.value(result, SH.resultPath)
            groups[(shape, message)].append(focus + (f" {_short(path)}" if path else ""))
        total = sum(len(v) for v in groups.values())
        lines = [f"{total} violation(s) of the SHACL shapes:"]
        for (shape, message), nodes in sorted(groups.items()):
            lines.append(f"- {shape} ({len(nodes)}): {message}")
            lines += [f"    {node}" for node in sorted(nodes)[:limit]]
            if len(nodes) > limit:
                lines.append(f"    … and {len(nodes) - limit} more")
        return "\n".join(lines)


def with_superclasses(data: Graph, ontology: Graph) -> Graph:
    """A copy of `data` where each resource also has every superclass of its types.

    This is the one entailment the shapes rely on (a shape on bl:Event checks a
    bl:StateVisit). It replaces pyshacl's RDFS inference, which costs seconds
    and types values through rdfs:range, hiding the very errors shapes catch.
    """
    typed = Graph()
    typed += data
    supers: dict = {}
    for resource, cls in data.subject_objects(RDF.type):
        if cls not in supers:
            supers[cls] = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        for sup in supers[cls]:
            typed.add((resource, RDF.type, sup))
    return typed


def validate(data: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    """Validate `data` against `shapes`, classes closed under the ontology's hierarchy."""
    conforms, report_graph, text = pyshacl.validate(
        with_superclasses(data, ontology),
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return ValidationReport(bool(conforms), str(text), report_graph)


def _short(term) -> str:
    if term is None:
        return ""
    try:
        return compact(to_oxigraph(term))
    except TypeError:
        return str(term)
