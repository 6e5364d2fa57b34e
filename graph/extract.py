"""The extraction: the article's structured parts (tables, chronology) as RDF.

The build calls `extract` with the seeds and the curated graph (plus the
ontology): exercises of the tables come first, so that chronology entries
describing the same exercise reuse its node.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from rdflib import Graph

from bilateral.graph.chronology import chronology_graph, find_chronology
from bilateral.graph.recognise import LabelIndex, ReviewedMention
from bilateral.graph.seeds import Seed
from bilateral.graph.table import exercises_graph, find_tables, is_exercise_table, parse_exercises

logger = logging.getLogger(__name__)


@dataclass
class Extraction:
    """The extracted triples, and what the parsers could not resolve."""

    graph: Graph = field(default_factory=Graph)
    warnings: list[str] = field(default_factory=list)


def extract(seeds: list[Seed], known: Graph, reviewed: list[ReviewedMention] = ()) -> Extraction:
    """Run the table and chronology parsers on every seed against the `known` graph.

    `reviewed` mentions are names decided by hand (resolved or excluded with a reason).

    :raises ValueError: naming the seed, table and row when a row cannot be read.
    """
    result = Extraction()
    for seed in seeds:
        _extract_tables(seed, known, result)
    for seed in seeds:
        chronology = find_chronology(seed.text)
        if chronology is None:
            logger.info("%s: no chronology", seed.path.name)
            continue
        existing = known + result.graph
        graph, warnings = chronology_graph(
            chronology, seed, LabelIndex.from_graph(existing), existing, reviewed
        )
        result.graph += graph
        result.warnings += warnings
        logger.info("%s: %d chronology entries", seed.path.name, len(chronology.entries))
    for warning in result.warnings:
        logger.warning("%s", warning)
    return result


def _extract_tables(seed: Seed, known: Graph, result: Extraction) -> None:
    """The exercise tables of one seed into `result`; other tables are reported."""
    index = LabelIndex.from_graph(known)
    for table in find_tables(seed.text):
        if not is_exercise_table(table):
            result.warnings.append(
                f"{seed.path.name}: Table {table.number} is not an exercise table; skipped"
            )
            continue
        try:
            exercises = parse_exercises(table)
        except ValueError as exc:
            raise ValueError(f"{seed.path.name}: {exc}") from None
        graph, warnings = exercises_graph(table, exercises, seed, index)
        result.graph += graph
        result.warnings += warnings
        logger.info("%s: Table %d: %d exercises", seed.path.name, table.number, len(exercises))
