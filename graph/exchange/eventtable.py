"""The event table: one CSV row per directed actor pair of each event, as event-data tools read it.

The columns follow the ICEWS and Phoenix layout (event id, date, source and
target actors with their CAMEO codes, CAMEO event code, quad class, location)
and add what those datasets lack: the temporal bounds and precision, the
resource IRI, and the article's passage with its offsets.

Rows: an event with a bl:initiator or bl:target gives one row per initiator
and target pair (`directed` true; a missing side is left empty). Any other
event gives one row per unordered pair of its participants, or one row for a
lone participant or none (`directed` false). So every event has a row.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import pyoxigraph as ox

from bilateral.graph.namespaces import BLR
from bilateral.graph.store import union_dataset

COLUMNS = (
    "event_id", "event_label", "date", "date_earliest", "date_latest", "date_precision",
    "edtf", "date_text", "directed", "source_actor", "source_name", "source_cameo",
    "target_actor", "target_name", "target_cameo", "cameo_code", "cameo_name", "quad_class",
    "quad_class_name", "location", "location_wikidata", "resource", "passage_start",
    "passage_end", "passage_text",
)  # fmt: skip

PREFIXES = """
PREFIX bl: <https://w3id.org/bilateral/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
EVENTS = (
    PREFIXES
    + """
SELECT ?event ?label ?edtf ?earliest ?latest ?precision
       (GROUP_CONCAT(DISTINCT ?text; separator=" | ") AS ?texts)
WHERE {
  ?event a bl:Event .
  OPTIONAL { ?event rdfs:label ?label }
  OPTIONAL { ?event bl:edtf ?edtf }
  OPTIONAL { ?event bl:earliest ?earliest }
  OPTIONAL { ?event bl:latest ?latest }
  OPTIONAL { ?event bl:datePrecision ?precision }
  OPTIONAL { ?event bl:dateText ?text }
}
GROUP BY ?event ?label ?edtf ?earliest ?latest ?precision
"""
)
ROLES = (
    PREFIXES
    + """
SELECT ?event ?role ?actor WHERE {
  VALUES ?role { bl:initiator bl:target bl:participant }
  ?event a bl:Event ; ?role ?actor .
}
"""
)
ACTORS = (
    PREFIXES
    + """
SELECT ?actor ?label ?code WHERE {
  ?event a bl:Event ; bl:participant ?actor .
  OPTIONAL { ?actor rdfs:label ?label }
  OPTIONAL { ?actor bl:cameoActorCode ?code }
}
"""
)
# The event's own code, else the code of its most specific class that has one.
CODES = (
    PREFIXES
    + """
SELECT ?event ?code ?notation ?name ?quad ?quadName WHERE {
  ?event a bl:Event .
  { ?event bl:cameoCode ?code }
  UNION
  { ?event a ?class . ?class skos:closeMatch ?code .
    FILTER NOT EXISTS { ?event bl:cameoCode ?own }
    FILTER NOT EXISTS {
      ?event a ?sub . ?sub skos:closeMatch ?other ; rdfs:subClassOf ?class . FILTER(?sub != ?class)
    } }
  ?code skos:notation ?notation ; skos:prefLabel ?name ; bl:quadClass ?q .
  ?q skos:notation ?quad ; skos:prefLabel ?quadName .
}
"""
)
LOCATIONS = (
    PREFIXES
    + """
SELECT ?event ?label ?wikidata WHERE {
  ?event a bl:Event ; bl:location ?place .
  ?place rdfs:label ?label .
  OPTIONAL {
    ?place owl:sameAs ?wikidata .
    FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/"))
  }
}
"""
)
PASSAGES = (
    PREFIXES
    + """
SELECT ?event ?start ?end ?exact WHERE {
  ?event a bl:Event ; bl:evidence ?passage .
  ?passage oa:start ?start ; oa:end ?end ; oa:exact ?exact .
}
"""
)


@dataclass
class Event:
    """What the table says of one event, gathered from several queries."""

    fields: dict[str, str]
    initiators: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)


def rows(store: ox.Store) -> list[dict[str, str]]:
    """The rows of the event table, sorted by event, then source and target."""
    events = _events(store)
    actors = {s["actor"]: (s.get("label", ""), s.get("code", "")) for s in _select(store, ACTORS)}
    table = []
    for _iri, event in sorted(events.items()):
        for source, target in _pairs(event):
            row = dict(event.fields, directed=str(bool(event.initiators or event.targets)).lower())
            for side, actor in (("source", source), ("target", target)):
                name, code = actors.get(actor, ("", "")) if actor else ("", "")
                row[f"{side}_actor"], row[f"{side}_name"], row[f"{side}_cameo"] = (
                    _slug(actor),
                    name,
                    code,
                )
            table.append(row)
    return table


def to_csv(store: ox.Store) -> bytes:
    """The event table as CSV (UTF-8, a header line, `\\n` line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(store))
    return buffer.getvalue().encode("utf-8")


def _events(store: ox.Store) -> dict[str, Event]:
    """Every event with its dates, roles, code, location and first passage."""
    events: dict[str, Event] = {}
    for s in _select(store, EVENTS):
        day = s.get("earliest", "") if s.get("earliest") == s.get("latest") else ""
        events[s["event"]] = Event(
            {
                "event_id": _slug(s["event"]),
                "event_label": s.get("label", ""),
                "date": day,
                "date_earliest": s.get("earliest", ""),
                "date_latest": s.get("latest", ""),
                "date_precision": s.get("precision", ""),
                "edtf": s.get("edtf", ""),
                "date_text": s.get("texts", ""),
                "resource": s["event"],
            }  # fmt: skip
        )
    for s in _select(store, ROLES):
        event, role = events[s["event"]], s["role"].rsplit("#", 1)[-1]
        roles = {"initiator": event.initiators, "target": event.targets}
        roles.get(role, event.participants).add(s["actor"])
    for s in _select(store, CODES):
        events[s["event"]].fields.update(
            cameo_code=s["notation"], cameo_name=s["name"],
            quad_class=s["quad"], quad_class_name=s["quadName"],
        )  # fmt: skip
    places = defaultdict(list)
    for s in _select(store, LOCATIONS):
        places[s["event"]].append((s["label"], s.get("wikidata", "").rsplit("/", 1)[-1]))
    for iri, found in places.items():
        label, wikidata = min(found)
        events[iri].fields.update(location=label, location_wikidata=wikidata)
    passages = defaultdict(list)
    for s in _select(store, PASSAGES):
        passages[s["event"]].append((int(s["start"]), int(s["end"]), s["exact"]))
    for iri, found in passages.items():
        start, end, exact = min(found)
        events[iri].fields.update(
            passage_start=str(start), passage_end=str(end), passage_text=exact
        )
    return events


def _pairs(event: Event) -> list[tuple[str | None, str | None]]:
    """The (source, target) pairs of an event's rows."""
    if event.initiators or event.targets:
        sources = sorted(event.initiators) or [None]
        targets = sorted(event.targets) or [None]
        return [(s, t) for s in sources for t in targets if s != t] or [(sources[0], None)]
    participants = sorted(event.participants)
    if len(participants) < 2:
        return [(participants[0] if participants else None, None)]
    return list(combinations(participants, 2))


def _select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """The solutions of a SELECT as dictionaries of plain values (unbound left out)."""
    results = store.query(query, **union_dataset())
    names = [v.value for v in results.variables]
    return [
        {name: solution[name].value for name in names if solution[name] is not None}
        for solution in results
    ]


def _slug(iri: str | None) -> str:
    """The slug of a resource IRI, or the IRI itself when it is no resource."""
    if not iri:
        return ""
    return iri.removeprefix(str(BLR))
