"""SHACL validation of the data graph with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass

import pyshacl
from rdflib import Graph


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation: conformance, a readable text, the report graph."""

    conforms: bool
    text: str
    graph: Graph


def validate(data: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    """Validate `data` against `shapes`, with the ontology's class hierarchy.

    RDFS inference over data + ontology lets a shape targeting `bl:Event`
    reach a `bl:StateVisit`; nothing inferred leaks into the data graph.
    """
    conforms, report_graph, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="rdfs",
        advanced=True,
        allow_warnings=True,
    )
    return ValidationReport(bool(conforms), str(text), report_graph)
