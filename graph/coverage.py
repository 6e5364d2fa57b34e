"""Which sentences and mentions of the article the built graph cites, and which it leaves out.

A unit (sentence, chronology entry, table row...; see `segment`) is cited when
any `bl:Passage` of the graph overlaps its characters; the resources citing
that passage with `bl:evidence` are listed beside it. Only fact-bearing units
count towards the percentages: headings, the masthead, the title and author
lines, the table header and its legend state no fact. Within those units each
date, number, ordinal and name is a mention, resolved to a graph term or not
(see `mentions`); the mention total is the measure `--fail-under` applies to.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from bilateral.graph.mentions import Fact, Outcome, mention_outcomes, store_facts, store_index
from bilateral.graph.mentions import totals as mention_totals
from bilateral.graph.namespaces import BLR
from bilateral.graph.recognise import ReviewedMention
from bilateral.graph.seeds import Seed
from bilateral.graph.segment import Paragraph, Unit, paragraphs
from bilateral.graph.store import union_dataset

PASSAGES = """
PREFIX bl: <https://w3id.org/bilateral/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?doc ?passage ?start ?end ?resource WHERE {
  ?passage a bl:Passage ; oa:start ?start ; oa:end ?end ; dcterms:isPartOf ?doc .
  OPTIONAL { ?resource bl:evidence ?passage }
}
"""


@dataclass(frozen=True)
class Citation:
    """A passage of the graph: its offsets and the resources it is evidence for."""

    start: int
    end: int
    resources: frozenset[str]


@dataclass(frozen=True)
class UnitCoverage:
    """One unit, the resources whose passages overlap it, and the share of its characters cited."""

    unit: Unit
    resources: tuple[str, ...]
    passages: int
    share: float = 0.0

    @property
    def cited(self) -> bool:
        return self.passages > 0


@dataclass(frozen=True)
class ParagraphCoverage:
    """One paragraph's units with their citations."""

    paragraph: Paragraph
    units: tuple[UnitCoverage, ...]

    @property
    def facts(self) -> list[UnitCoverage]:
        return [u for u in self.units if u.unit.fact]

    @property
    def cited(self) -> bool:
        """Whether any unit (any fact-bearing unit, if it has some) is cited."""
        return any(u.cited for u in (self.facts or self.units))

    @property
    def percent(self) -> float:
        """Share of fact-bearing units cited, in percent (100 for none)."""
        facts = self.facts
        return 100.0 * sum(u.cited for u in facts) / len(facts) if facts else 100.0


@dataclass(frozen=True)
class Coverage:
    """The coverage of one seed by the passages of a graph."""

    document: str
    paragraphs: tuple[ParagraphCoverage, ...]
    mentions: tuple[Outcome, ...] = ()

    def unresolved(self) -> list[Outcome]:
        """The mentions neither resolved to a graph term nor excluded."""
        return [o for o in self.mentions if o.term is None and o.excluded is None]

    def totals(self) -> dict:
        """Counts and percentages of cited fact-bearing sentences and paragraphs, and of mentions."""
        facts = [u for p in self.paragraphs for u in p.facts]
        fact_paragraphs = [p for p in self.paragraphs if p.paragraph.fact]
        sentences = sum(u.cited for u in facts)
        cited_paragraphs = sum(p.cited for p in fact_paragraphs)
        return {
            "units": len(facts),
            "units_cited": sentences,
            "units_percent": _percent(sentences, len(facts)),
            "paragraphs": len(fact_paragraphs),
            "paragraphs_cited": cited_paragraphs,
            "paragraphs_percent": _percent(cited_paragraphs, len(fact_paragraphs)),
            "mentions": mention_totals(list(self.mentions)),
        }

    def uncited_paragraphs(self) -> list[ParagraphCoverage]:
        """The fact-bearing paragraphs no passage cites."""
        return [p for p in self.paragraphs if p.paragraph.fact and not p.cited]


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 100.0


def citations(store: ox.Store) -> dict[str, list[Citation]]:
    """Every passage of the store, grouped by the IRI of its source document."""
    found: dict[tuple[str, str], dict] = {}
    for row in store.query(PASSAGES, **union_dataset()):
        key = (row["doc"].value, row["passage"].value)
        entry = found.setdefault(
            key, {"start": int(row["start"].value), "end": int(row["end"].value), "res": set()}
        )
        if row["resource"] is not None:
            entry["res"].add(_short(row["resource"].value))
    by_doc: dict[str, list[Citation]] = defaultdict(list)
    for (doc, _), entry in sorted(found.items()):
        by_doc[doc].append(Citation(entry["start"], entry["end"], frozenset(entry["res"])))
    return dict(by_doc)


def _short(iri: str) -> str:
    """A resource IRI as its slug, any other IRI unchanged."""
    return iri[len(str(BLR)) :] if iri.startswith(str(BLR)) else iri


def cover(text: str, passages: list[Citation], document: str = "") -> Coverage:
    """The coverage of `text` by `passages` (half-open offsets into `text`).

    >>> c = cover("A cat. A dog.", [Citation(2, 5, frozenset({"Cat"}))])
    >>> [(u.unit.text, u.resources, u.share) for u in c.paragraphs[0].units]
    [('A cat.', ('Cat',), 0.5), ('A dog.', (), 0.0)]
    """
    ordered = sorted(passages, key=lambda c: c.start)
    result = []
    for paragraph in paragraphs(text):
        units = []
        for unit in paragraph.units:
            hits = [c for c in ordered if c.start < unit.end and unit.start < c.end]
            names = sorted({name for c in hits for name in c.resources})
            units.append(UnitCoverage(unit, tuple(names), len(hits), _share(unit, hits)))
        result.append(ParagraphCoverage(paragraph, tuple(units)))
    return Coverage(document, tuple(result))


def _share(unit: Unit, hits: list[Citation]) -> float:
    """The fraction of the unit's characters inside any of the passages `hits`.

    >>> _share(Unit("sentence", 10, 20, "x" * 10, True), [Citation(5, 12, frozenset())])
    0.2
    """
    covered, position = 0, unit.start
    for hit in sorted(hits, key=lambda c: c.start):
        start, end = max(hit.start, position), min(hit.end, unit.end)
        if end > start:
            covered, position = covered + end - start, end
    return round(covered / (unit.end - unit.start), 3)


def seed_coverage(
    store: ox.Store, seeds: list[Seed], reviewed: list[ReviewedMention] = ()
) -> list[Coverage]:
    """The coverage of each seed by the passages of a built store, sentences and mentions."""
    found, index, values = citations(store), store_index(store), store_facts(store)
    reports = []
    for seed in seeds:
        passages = found.get(str(seed.iri), [])
        report = cover(seed.text, passages, seed.path.name)
        facts = [Fact(c.start, c.end, c.resources) for c in passages]
        mine = [r for r in reviewed if r.seed == seed.path.name]
        outcomes = mention_outcomes(seed.text, facts, index, values, mine)
        reports.append(Coverage(report.document, report.paragraphs, tuple(outcomes)))
    return reports


def to_json(reports: list[Coverage], uncited: bool = False) -> str:
    """The reports as JSON: per document, its totals and paragraphs with their units."""
    documents = []
    for report in reports:
        paragraphs_out = []
        for p in report.paragraphs:
            units = [u for u in p.units if not uncited or (u.unit.fact and not u.cited)]
            if uncited and not units:
                continue
            paragraphs_out.append(
                {
                    "number": p.paragraph.number,
                    "kind": p.paragraph.kind,
                    "start": p.paragraph.start,
                    "end": p.paragraph.end,
                    "fact": p.paragraph.fact,
                    "cited": p.cited,
                    "percent": round(p.percent, 1),
                    "units": [_unit_json(u) for u in units],
                }
            )
        documents.append(
            {
                "document": report.document,
                "totals": report.totals(),
                "paragraphs": paragraphs_out,
                "mentions": [_mention_json(o) for o in report.mentions],
            }
        )
    return json.dumps({"documents": documents}, ensure_ascii=False, indent=2)


def _mention_json(o: Outcome) -> dict:
    m = o.mention
    return {"kind": m.kind, "start": m.start, "end": m.end, "text": m.text,
            "term": o.term, "excluded": o.excluded}  # fmt: skip


def _unit_json(u: UnitCoverage) -> dict:
    return {
        "kind": u.unit.kind,
        "start": u.unit.start,
        "end": u.unit.end,
        "fact": u.unit.fact,
        "cited": u.cited,
        "share": u.share,
        "resources": list(u.resources),
        "text": u.unit.text,
    }


def to_table(reports: list[Coverage], uncited: bool = False, width: int = 72) -> str:
    """The reports as text: one line per paragraph, one per unit, then the totals."""
    lines = []
    for report in reports:
        lines.append(f"== {report.document}")
        for p in report.paragraphs:
            units = [u for u in p.units if not uncited or (u.unit.fact and not u.cited)]
            if uncited and not units:
                continue
            lines.append(_paragraph_line(p))
            lines.extend(_unit_line(u, width) for u in units)
        t = report.totals()
        lines.append(
            f"total: {t['units_cited']}/{t['units']} fact-bearing sentences cited "
            f"({t['units_percent']}%), {t['paragraphs_cited']}/{t['paragraphs']} "
            f"fact-bearing paragraphs cited ({t['paragraphs_percent']}%)"
        )
        lines.extend(_mention_lines(report))
    return "\n".join(lines)


def _mention_lines(report: Coverage) -> list[str]:
    """The unresolved mentions with their offsets, then the mention totals per kind."""
    lines = [f"unresolved mentions ({len(report.unresolved())}):"]
    lines += [
        f"    {o.mention.start:>6}-{o.mention.end:<6} {o.mention.kind:<8} {' '.join(o.mention.text.split())}"
        for o in report.unresolved()
    ]
    counts = report.totals()["mentions"]
    kinds = ", ".join(
        f"{kind} {c['resolved']}/{c['counted']}" for kind, c in counts.items() if kind != "all"
    )
    t = counts["all"]
    lines.append(
        f"mentions: {t['resolved']}/{t['counted']} resolved ({t['percent']}%), "
        f"{t['excluded']} excluded by review; {kinds}"
    )
    return lines


def _paragraph_line(p: ParagraphCoverage) -> str:
    par = p.paragraph
    if not par.fact:
        state = "no facts"
    else:
        cited = sum(u.cited for u in p.facts)
        state = f"{cited}/{len(p.facts)} cited ({p.percent:.0f}%)"
    mark = "✓" if p.cited else ("✗" if par.fact else "·")
    return f"{mark} ¶{par.number:<3} {par.kind:<10} {par.start}-{par.end}  {state}"


def _unit_line(u: UnitCoverage, width: int) -> str:
    text = " ".join(u.unit.text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    mark = "✓" if u.cited else ("✗" if u.unit.fact else "·")
    cited_by = f"  <- {', '.join(u.resources)}" if u.resources else ""
    share = f"{u.share:>4.0%}" if u.unit.fact else "    "
    return f"    {mark} {u.unit.start:>6} {share}  {text}{cited_by}"
