"""An agreement's signing date, stated once: on its bl:Signing event.

When the article gives the signing of an agreement as an event (linked by
bl:signedDuring), that event carries the date with the article's precision
(`2013-03`, "in March 2013"); the agreement's bl:signedOn (the day) or
bl:signedYear (otherwise) are derived from it, so the two cannot disagree.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from bilateral.graph.errors import InputError
from bilateral.graph.namespaces import BL

OWN_DATES = (BL.signedOn, BL.signedYear)


class SigningDateError(InputError):
    """An agreement states a signing date that its bl:Signing event already states."""


def signing_dates(data: Graph) -> Graph:
    """The bl:signedOn or bl:signedYear of each agreement signed during one bl:Signing event.

    :raises SigningDateError: naming the agreement, when it also states a date of its own.
    """
    derived = Graph()
    for agreement in set(data.subjects(BL.signedDuring, None)):
        events = [
            e for e in data.objects(agreement, BL.signedDuring) if (e, RDF.type, BL.Signing) in data
        ]
        if len(events) != 1:
            continue
        own = [p for p in OWN_DATES if (agreement, p, None) in data]
        if own:
            raise SigningDateError(
                f"{agreement}: states {' and '.join(p.n3() for p in own)} but is signed during "
                f"the bl:Signing {events[0]}: state the date once, on the signing event"
            )
        for triple in _dates(agreement, events[0], data):
            derived.add(triple)
    return derived


def _dates(agreement: URIRef, event: URIRef, data: Graph):
    start, end = data.value(event, BL.startDate), data.value(event, BL.endDate)
    if start is not None and start == end:
        yield agreement, BL.signedOn, start
        return
    when = start or data.value(event, BL.yearMonth) or data.value(event, BL.year)
    if when is not None:
        yield agreement, BL.signedYear, Literal(str(when)[:4], datatype=XSD.gYear)
