"""Temporal extents of events: EDTF values and earliest/latest bounds from their date text.

The build calls `temporal_graph` on the data after extraction. For every event
it reads, in order: the day-exact `bl:startDate`/`bl:endDate`; the article's
own words (`bl:dateText`, read by `bilateral.graph.dates`); a relative date
("ten days later") resolved from the bounds of the `bl:relativeTo` event,
recorded with `bl:dateDerivedFrom`; and last the curator's `bl:yearMonth` or
`bl:year`. An event none of these dates gets no extent: it stays undated.
The count of days a relative date gives is a fact of its own, `bl:dayOffset`,
stated even where the event is also dated to the day, so that a check can
compare the two (`queries/checks/relative-date-violation.rq`).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from bilateral.graph.dates import (
    Extent,
    day_offset,
    days_extent,
    find_extent,
    hull,
    month_extent,
    relative_extent,
    year_extent,
)
from bilateral.graph.namespaces import BL

EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")


def event_classes(ontology: Graph) -> set[URIRef]:
    """bl:Event and every class below it in the ontology."""
    classes, todo = {BL.Event}, [BL.Event]
    while todo:
        for sub in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in classes:
                classes.add(sub)
                todo.append(sub)
    return classes


def events(data: Graph, ontology: Graph) -> list[URIRef]:
    """The events of the data, sorted."""
    classes = event_classes(ontology)
    found = {s for c in classes for s in data.subjects(RDF.type, c) if isinstance(s, URIRef)}
    return sorted(found)


def article_year(data: Graph, event: URIRef) -> int | None:
    """The year the article reporting `event` covers (its first period day), or None."""
    years = {
        start.toPython().year
        for passage in data.objects(event, BL.evidence)
        for doc in data.objects(passage, DCTERMS.isPartOf)
        for start in data.objects(doc, BL.startDate)
    }
    return min(years) if years else None


def stated_extent(data: Graph, event: URIRef, year: int | None) -> Extent | None:
    """The extent the event's own dates or words give; the span of them all if several."""
    start, end = data.value(event, BL.startDate), data.value(event, BL.endDate)
    if start is not None and end is not None:
        return days_extent(start.toPython(), end.toPython(), "day")
    if year is None:
        return None
    found = [find_extent(str(text), year) for text in sorted(data.objects(event, BL.dateText))]
    return hull([e for e in found if e is not None])


def curated_extent(data: Graph, event: URIRef) -> Extent | None:
    """The extent of the curator's `bl:yearMonth` or `bl:year`, or None."""
    month = data.value(event, BL.yearMonth)
    if month is not None:
        year, number = (int(part) for part in str(month).split("-")[:2])
        return month_extent(year, number)
    year = data.value(event, BL.year)
    if year is not None:
        return year_extent(int(str(year)[:4]))
    return None


def extents(data: Graph, ontology: Graph) -> dict[URIRef, tuple[Extent, URIRef | None]]:
    """Every dated event's extent, with the event it was derived from when relative."""
    found: dict[URIRef, tuple[Extent, URIRef | None]] = {}
    pending = []
    for event in events(data, ontology):
        extent = stated_extent(data, event, article_year(data, event))
        if extent is not None:
            found[event] = (extent, None)
        else:
            pending.append(event)
    progress = True
    while progress:  # an anchor may itself be relative: resolve until nothing changes
        progress = False
        for event in list(pending):
            anchor = data.value(event, BL.relativeTo)
            if anchor in found:
                texts = sorted(data.objects(event, BL.dateText))
                relative = [relative_extent(str(t), found[anchor][0]) for t in texts]
                extent = hull([e for e in relative if e is not None])
                if extent is not None:
                    found[event] = (extent, anchor)
                    pending.remove(event)
                    progress = True
    for event in pending:
        extent = curated_extent(data, event)
        if extent is not None:
            found[event] = (extent, None)
    return found


def day_offsets(data: Graph, ontology: Graph) -> dict[URIRef, set[int]]:
    """The signed day counts ("two days before": -2) of the events dated relative to another."""
    found: dict[URIRef, set[int]] = {}
    for event in events(data, ontology):
        if data.value(event, BL.relativeTo) is None:
            continue
        offsets = {day_offset(str(text)) for text in data.objects(event, BL.dateText)}
        offsets.discard(None)
        if offsets:
            found[event] = offsets
    return found


def temporal_graph(data: Graph, ontology: Graph) -> Graph:
    """The EDTF value, bounds and precision of every event the article dates, and day offsets."""
    graph = Graph()
    for event, offsets in day_offsets(data, ontology).items():
        for days in offsets:
            graph.add((event, BL.dayOffset, Literal(days, datatype=XSD.integer)))
    for event, (extent, anchor) in extents(data, ontology).items():
        graph.add((event, BL.edtf, Literal(extent.edtf, datatype=EDTF)))
        graph.add((event, BL.datePrecision, Literal(extent.precision)))
        for prop, bound in ((BL.earliest, extent.earliest), (BL.latest, extent.latest)):
            if bound is not None:
                graph.add((event, prop, Literal(bound.isoformat(), datatype=XSD.date)))
        if anchor is not None:
            graph.add((event, BL.dateDerivedFrom, anchor))
    return graph
