"""Data behind the timeline, network, source and ontology views."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import pyoxigraph as ox

from bilateral.graph.namespaces import BLR, GRAPH_BASE, PREFIXES
from bilateral.server import pages

BL = PREFIXES["bl"]
OWL = PREFIXES["owl"]
RDFS = PREFIXES["rdfs"]

EVENTS = f"""
SELECT ?event ?start ?end ?earliest ?latest ?precision ?edtf ?dateText ?type ?actor WHERE {{
  ?event a <{BL}Event> .
  OPTIONAL {{ ?event <{BL}startDate> ?start }}
  OPTIONAL {{ ?event <{BL}endDate> ?end }}
  OPTIONAL {{ ?event <{BL}earliest> ?earliest }}
  OPTIONAL {{ ?event <{BL}latest> ?latest }}
  OPTIONAL {{ ?event <{BL}datePrecision> ?precision }}
  OPTIONAL {{ ?event <{BL}edtf> ?edtf }}
  OPTIONAL {{ ?event <{BL}dateText> ?dateText }}
  OPTIONAL {{
    ?event a ?type . ?type <{RDFS}isDefinedBy> <https://w3id.org/bilateral/ontology> .
    FILTER NOT EXISTS {{ ?event a ?sub . ?sub <{RDFS}subClassOf> ?type FILTER(?sub != ?type) }}
  }}
  OPTIONAL {{ ?event <{BL}participant> ?actor }}
}}"""


def value(row: dict, var: str) -> str | None:
    return row[var].value if var in row else None


def placement(dates: dict) -> dict | None:
    """How an event is drawn: a point (one day), a range (exact days) or a fuzzy range.

    A day-exact event keeps its own start and end; any other extent spans its
    bounds, and an open one (a single bound) is a point at the bound it has.

    >>> placement({"start": "2014-05-20", "end": None, "precision": "day"})["shape"]
    'point'
    >>> p = placement({"earliest": "2014-05-21", "latest": "2014-05-31", "precision": "month"})
    >>> (p["shape"], p["start"], p["end"])
    ('fuzzy', '2014-05-21', '2014-05-31')
    >>> placement({"latest": "2009-06-30", "precision": "open"})["shape"]
    'point'
    >>> placement({}) is None
    True
    """
    precision = dates.get("precision") or ("day" if dates.get("start") else None)
    if precision == "day" and dates.get("start"):
        start, end = dates["start"], dates.get("end") or dates["start"]
    else:
        start = dates.get("earliest") or dates.get("latest")
        end = dates.get("latest") or dates.get("earliest")
    if not start:
        return None
    if start == end or precision == "open":
        shape = "point"
    else:
        shape = "range" if precision == "day" else "fuzzy"
    return {"start": start, "end": end, "shape": shape, "precision": precision}


def timeline() -> dict:
    """Every event the article dates in any way, with its most specific types and its actors."""
    events: dict[str, dict] = {}
    for row in pages.select(EVENTS):
        iri = row["event"].value
        event = events.setdefault(
            iri,
            {
                "id": iri,
                "label": pages.label(iri),
                "href": pages.local_href(iri),
                "dates": {
                    var: value(row, var)
                    for var in ("start", "end", "earliest", "latest", "precision", "edtf")
                },
                "dateText": value(row, "dateText"),
                "types": set(),
                "actors": set(),
            },
        )
        if "type" in row:
            event["types"].add(row["type"].value)
        if "actor" in row:
            event["actors"].add(row["actor"].value)
    placed = []
    for event in events.values():
        where = placement(event.pop("dates"))
        if where:
            placed.append({**event, **where})
    items = sorted(placed, key=lambda e: (e["start"], e["label"]))
    types = sorted({t for e in items for t in e["types"]} or {BL + "Event"})
    actors = Counter(a for e in items for a in e["actors"])
    for event in items:
        event["types"] = sorted(event["types"]) or [BL + "Event"]
        event["actors"] = sorted(event["actors"])
    return {
        "period": period(),
        "events": items,
        "undated": len(events) - len(items),
        "types": [{"iri": t, "label": pages.label(t)} for t in types],
        "actors": [
            {"iri": a, "label": pages.label(a), "events": n}
            for a, n in sorted(actors.items(), key=lambda kv: pages.label(kv[0]).lower())
        ],
    }


PERIOD = f"""
SELECT (MIN(?start) AS ?first) (MAX(?end) AS ?last) WHERE {{
  ?doc a <{BL}SourceDocument> ; <{BL}startDate> ?start ; <{BL}endDate> ?end .
}}"""


def period() -> dict:
    """The period the articles cover, where the timeline opens (None when undated)."""
    rows = pages.select(PERIOD)
    row = rows[0] if rows else {}
    return {
        "start": row["first"].value if "first" in row else None,
        "end": row["last"].value if "last" in row else None,
    }


PARTICIPATION = f"""
SELECT DISTINCT ?event ?actor WHERE {{
  ?event a <{BL}Event> ; <{BL}participant> ?actor .
  ?actor a <{BL}Actor> .
}}"""


# The kinds a node is coloured by, most specific first.
ACTOR_KINDS = [
    BL + "Person",
    BL + "State",
    BL + "Country",
    BL + "GovernmentBody",
    BL + "MilitaryUnit",
    BL + "Company",
    BL + "IntergovernmentalOrganization",
    BL + "MediaOutlet",
    BL + "Organization",
    BL + "Place",
]
ACTOR_TYPES = f"""
SELECT DISTINCT ?actor ?type WHERE {{
  ?event a <{BL}Event> ; <{BL}participant> ?actor .
  ?actor a <{BL}Actor>, ?type .
}}"""


def actor_kinds() -> dict[str, str]:
    """Each actor's kind: the first of ACTOR_KINDS it has, else bl:Actor."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in pages.select(ACTOR_TYPES):
        found[row["actor"].value].add(row["type"].value)
    return {
        actor: next((k for k in ACTOR_KINDS if k in types), BL + "Actor")
        for actor, types in found.items()
    }


def network() -> dict:
    """Actors as nodes sized by their events, coloured by kind; an edge per pair sharing events."""
    by_event: dict[str, set[str]] = defaultdict(set)
    for row in pages.select(PARTICIPATION):
        by_event[row["event"].value].add(row["actor"].value)
    kinds = actor_kinds()
    activity: Counter[str] = Counter()
    shared: Counter[tuple[str, str]] = Counter()
    for actors in by_event.values():
        activity.update(actors)
        shared.update(combinations(sorted(actors), 2))
    linked = {a for pair in shared for a in pair}
    nodes = [
        {
            "id": a,
            "label": pages.label(a),
            "href": pages.local_href(a),
            "events": n,
            "kind": kinds.get(a, BL + "Actor"),
            "isolated": a not in linked,
        }
        for a, n in sorted(activity.items())
    ]
    edges = [{"from": a, "to": b, "events": n} for (a, b), n in sorted(shared.items())]
    used = sorted({n["kind"] for n in nodes}, key=lambda k: (ACTOR_KINDS + [BL + "Actor"]).index(k))
    return {
        "nodes": nodes,
        "edges": edges,
        "kinds": [{"iri": k, "label": pages.label(k)} for k in used],
        "isolated": sum(n["isolated"] for n in nodes),
    }


CITATIONS = f"""
SELECT ?file ?passage ?start ?end ?resource WHERE {{
  ?passage <http://www.w3.org/ns/oa#start> ?start ; <http://www.w3.org/ns/oa#end> ?end ;
           <http://purl.org/dc/terms/isPartOf> ?doc .
  ?doc <http://purl.org/dc/terms/source> ?file .
  OPTIONAL {{ ?resource <{BL}evidence> ?passage }}
}}"""


def source(file: str) -> dict | None:
    """An article cut into segments, each naming the passages that cover it."""
    seed = pages.seeds().get(file)
    if seed is None:
        return None
    passages: dict[str, dict] = {}
    for row in pages.select(CITATIONS, file=ox.Literal(file)):
        iri = row["passage"].value
        p = passages.setdefault(
            iri,
            {
                "id": iri,
                "start": int(row["start"].value),
                "end": int(row["end"].value),
                "facts": [],
            },
        )
        if "resource" in row:
            r = row["resource"].value
            p["facts"].append({"iri": r, "label": pages.label(r), "href": pages.local_href(r)})
    for p in passages.values():
        p["facts"].sort(key=lambda f: f["label"])
    ordered = sorted(passages.values(), key=lambda p: (p["start"], p["end"]))
    coverage = pages.mention_coverage(file)
    found = [mention(m) for m in coverage["mentions"]] if coverage else []
    return {
        "file": file,
        "title": seed.meta.get("title", file),
        "author": seed.meta.get("author", ""),
        "segments": segments(seed.text, ordered),
        "passages": ordered,
        "mentions": (
            {"totals": coverage["totals"]["mentions"], "items": found} if coverage else None
        ),
    }


def mention(found: dict) -> dict:
    """A mention of the coverage report with its state, and the page of the term it resolves to.

    A resolved value (`Slug property value`) links to the page of the resource holding it.

    >>> m = mention({"kind": "number", "start": 5, "end": 11, "text": "2 days", "excluded": None,
    ...              "term": "Talks https://w3id.org/bilateral/ontology#dayOffset 2"})
    >>> m["state"], m["href"]
    ('resolved', '/resource/Talks')
    """
    state = "resolved" if found["term"] else "excluded" if found["excluded"] else "unresolved"
    href = None
    if found["term"]:
        subject = found["term"].split(" ", 1)[0]
        href = pages.local_href(subject if "://" in subject else str(BLR) + subject)
    return {**found, "state": state, "href": href}


def segments(text: str, passages: list[dict]) -> list[dict]:
    """Cut `text` at every passage boundary; each piece lists the passages covering it.

    >>> cut = segments("abcdef", [{"id": "p", "start": 1, "end": 3}])
    >>> [(s["text"], s["passages"]) for s in cut]
    [('a', []), ('bc', ['p']), ('def', [])]
    """
    cuts = sorted({0, len(text), *(p["start"] for p in passages), *(p["end"] for p in passages)})
    result = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [p["id"] for p in passages if p["start"] <= a and b <= p["end"]]
        anchors = [p["start"] for p in passages if p["start"] == a]
        result.append(
            {"text": text[a:b], "passages": covering, "anchor": anchors[0] if anchors else None}
        )
    return result


ONTOLOGY_TERMS = f"""
SELECT ?term ?kind ?parent ?comment ?domain ?range WHERE {{
  GRAPH <{GRAPH_BASE}ontology> {{
    VALUES ?kind {{ <{OWL}Class> <{OWL}ObjectProperty> <{OWL}DatatypeProperty> }}
    ?term a ?kind . FILTER(isIRI(?term))
    OPTIONAL {{ ?term <{RDFS}subClassOf>|<{RDFS}subPropertyOf> ?parent FILTER(isIRI(?parent)) }}
    OPTIONAL {{ ?term <{RDFS}comment> ?comment }}
    OPTIONAL {{ ?term <{RDFS}domain> ?domain FILTER(isIRI(?domain)) }}
    OPTIONAL {{ ?term <{RDFS}range> ?range FILTER(isIRI(?range)) }}
  }}
}}"""


def ontology() -> dict:
    """Classes and properties of the ontology graph, each with its parents."""
    terms: dict[str, dict] = {}
    for row in pages.select(ONTOLOGY_TERMS):
        iri = row["term"].value
        term = terms.setdefault(
            iri,
            {
                "iri": iri,
                "label": pages.label(iri),
                "name": pages.compact(iri),
                "kind": row["kind"].value.rsplit("#", 1)[-1],
                "comment": row["comment"].value if "comment" in row else "",
                "parents": set(),
                "domain": set(),
                "range": set(),
            },
        )
        for key, var in (("parents", "parent"), ("domain", "domain"), ("range", "range")):
            if var in row:
                term[key].add(row[var].value)
    for term in terms.values():
        for key in ("parents", "domain", "range"):
            term[key] = [{"iri": i, "name": pages.compact(i)} for i in sorted(term[key])]
    classes = {i: t for i, t in terms.items() if t["kind"] == "Class"}
    properties = sorted(
        (t for t in terms.values() if t["kind"] != "Class"), key=lambda t: t["name"].lower()
    )
    return {
        "tree": tree(classes),
        "classes": sorted(classes.values(), key=lambda t: t["name"].lower()),
        "properties": properties,
    }


def tree(classes: dict[str, dict]) -> list[dict]:
    """The class hierarchy as nested {iri, name, children}; a class with two parents shows twice."""
    children: dict[str, list[str]] = defaultdict(list)
    roots = []
    for iri, term in classes.items():
        parents = [p["iri"] for p in term["parents"] if p["iri"] in classes and p["iri"] != iri]
        for parent in parents:
            children[parent].append(iri)
        if not parents:
            roots.append(iri)

    def node(iri: str, seen: frozenset[str]) -> dict:
        kids = sorted(children[iri], key=lambda c: classes[c]["name"].lower())
        return {
            "iri": iri,
            "name": classes[iri]["name"],
            "label": classes[iri]["label"],
            "children": [node(k, seen | {iri}) for k in kids if k not in seen],
        }

    return [node(r, frozenset()) for r in sorted(roots, key=lambda r: classes[r]["name"].lower())]
