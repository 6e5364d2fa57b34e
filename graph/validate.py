"""SHACL validation of the data graph with pyshacl, and a report people can read."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyshacl
from bilateral.graph.rdfio import to_oxigraph
from bilateral.graph.results import compact
from rdflib import Graph
from rdflib.namespace import SH


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


def _short(term) -> str:
    if term is None:
        return ""
    try:
        return compact(to_oxigraph(term))
    except TypeError:
        return str(term)
