"""What a resource is, in words: the answer a reader wants before the evidence.

Built from the statements `pages.describe` already read, plus the resource's
figures and CAMEO code. Every value keeps its `inferred` mark, and every
participant carries a `role` in words (None where the graph gives only
bl:participant), worded for the kind of event: who visits and who hosts, who
imposes a sanction and who is targeted.
"""

from __future__ import annotations

import pyoxigraph as ox

from bilateral.graph.namespaces import PREFIXES
from bilateral.server import pages, values

BL = PREFIXES["bl"]
RDFS = PREFIXES["rdfs"]
SKOS = "http://www.w3.org/2004/02/skos/core#"
EXTENT = {BL + "edtf", BL + "earliest", BL + "latest", BL + "datePrecision"}
WHEN = {BL + "startDate", BL + "endDate", BL + "dateText", BL + "signedOn", BL + "year"} | EXTENT
WHERE = {BL + "location", BL + "signedAt", BL + "locatedIn"}
# The roles an actor can play, most specific first: an actor is listed once, under the
# first it has. bl:participant alone says only that it took part.
ROLES = {
    BL + "speaker": "speaker",
    BL + "addressee": "addressee",
    BL + "coChair": "co-chair",
    BL + "chair": "chair",
    BL + "host": "host",
    BL + "initiator": "initiator",
    BL + "target": "target",
    BL + "participant": None,
}
# How a kind of event words its roles (the first kind the event has wins).
ROLE_WORDS = {
    BL + "Visit": {"initiator": "visits", "target": "hosts", "host": "hosts"},
    BL + "Sanction": {"initiator": "imposes", "target": "targeted"},
    BL + "UNVeto": {"initiator": "vetoes", "target": "vetoed"},
    BL + "PhoneCall": {"initiator": "calls", "target": "called"},
}
# Counts and sums stated directly on a resource, with the unit they are in.
DIRECT_FIGURES = {
    BL + "valueUSD": (BL + "USD", "US dollar"),
    BL + "troopCount": (BL + "Troops", "troops"),
    BL + "warshipCount": (BL + "Warships", "warships"),
    BL + "lengthKm": (BL + "Kilometre", "kilometre"),
    BL + "durationYears": (BL + "Year", "year"),
}
# Shown elsewhere on the page (title, evidence, figures) or kept for machines only.
ELSEWHERE = {
    RDFS + "label",
    RDFS + "comment",
    BL + "evidence",
    BL + "figure",
    PREFIXES["prov"] + "wasDerivedFrom",
    BL + "chronologyEntry",
    BL + "tableRow",
    BL + "rowNumber",
}

FIGURES = f"""
SELECT ?this ?figure ?value ?unit ?measures WHERE {{
  {{ ?this <{BL}figure> ?figure }} UNION {{ ?figure <{BL}about> ?this }}
  ?figure <{BL}numericValue> ?value .
  OPTIONAL {{ ?figure <{BL}unit> ?unit }}
  OPTIONAL {{ ?figure <{BL}measures> ?measures }}
}}"""


def figures(resource: pages.Resource, direct: list[dict]) -> list[dict]:
    """The figures stated about a resource, formatted with their units."""
    found = {}
    for row in pages.select(FIGURES, this=ox.NamedNode(resource.iri)):
        iri = row["figure"].value
        unit = row["unit"].value if "unit" in row else None
        found[iri] = {
            "iri": iri,
            "href": pages.local_href(iri),
            "what": row["measures"].value if "measures" in row else pages.label(iri),
            "text": values.quantity(row["value"].value, unit, unit and pages.label(unit)),
            "value": row["value"].value,
        }
    listed = sorted(found.values(), key=lambda f: f["what"])
    for prop in direct:
        unit, unit_label = DIRECT_FIGURES[prop["iri"]]
        for v in prop["values"]:
            text = values.quantity(v["value"], unit, unit_label)
            listed.insert(0, {"what": prop["label"], "text": text, "value": v["value"]})
    return listed


PARTS = {1: "early", 11: "mid", 21: "late"}
SEASONS = {"21": "spring", "22": "summer", "23": "autumn", "24": "winter"}


def extent_words(earliest: str | None, latest: str | None, precision: str | None, edtf: str) -> str:
    """A date extent with no exact day, in words, by the conventions of graph/dates.py.

    >>> extent_words("2014-05-21", "2014-05-31", "part-of-month", "2014-05-21/2014-05-31")
    'late May 2014'
    >>> extent_words("2014-06-01", "2014-08-31", "season", "2014-22")
    'summer 2014'
    >>> extent_words("2014-01-01", "2014-12-31", "year", "2014")
    '2014'
    >>> extent_words(None, "2009-06-30", "open", "../2009-06-30")
    'by 30 June 2009'
    """
    if precision == "part-of-month" and earliest and earliest[8:] in ("01", "11", "21"):
        return f"{PARTS[int(earliest[8:])]} {values.day(earliest[:7])}"
    if precision == "month" and earliest:
        return values.day(earliest[:7])
    if precision == "season" and edtf[5:7] in SEASONS:
        return f"{SEASONS[edtf[5:7]]} {edtf[:4]}"
    if precision == "year" and earliest:
        return earliest[:4]
    if precision == "decade" and earliest:
        return f"the {earliest[:3]}0s"
    if earliest and latest:
        return f"between {values.day(earliest)} and {values.day(latest)}"
    return f"by {values.day(latest)}" if latest else f"from {values.day(earliest or edtf)}"


def when(props: dict[str, dict]) -> dict | None:
    """The dates in words, and the article's own wording of them."""
    start = first_value(props.get(BL + "startDate")) or first_value(props.get(BL + "signedOn"))
    end = first_value(props.get(BL + "endDate"))
    wording = [v["text"] for v in (props.get(BL + "dateText") or {"values": []})["values"]]
    edtf = first_value(props.get(BL + "edtf"))
    if start is None and edtf:
        text = extent_words(
            first_value(props.get(BL + "earliest")),
            first_value(props.get(BL + "latest")),
            first_value(props.get(BL + "datePrecision")),
            edtf,
        )
        return {"text": text, "wording": wording}
    if start is None and not wording:
        year = first_value(props.get(BL + "year"))
        return {"text": year, "wording": []} if year else None
    if start is None:
        text = wording[0]
    elif end is None or end == start:
        text = values.day(start)
    else:
        text = f"{values.day(start)} – {values.day(end)}"
    return {"text": text, "wording": wording}


CAMEO = f"""
SELECT ?this ?code ?notation ?name ?own WHERE {{
  {{ ?this <{BL}cameoCode> ?code BIND(true AS ?own) }}
  UNION
  {{
    ?this a ?class . ?class <{SKOS}closeMatch> ?code .
    FILTER NOT EXISTS {{
      ?this a ?sub . ?sub <{RDFS}subClassOf> ?class ; <{SKOS}closeMatch> ?other .
      FILTER(?sub != ?class)
    }}
  }}
  ?code <{SKOS}notation> ?notation ; <{SKOS}prefLabel> ?name .
}} ORDER BY DESC(BOUND(?own)) ?notation"""


def cameo(resource: pages.Resource) -> dict | None:
    """The event's CAMEO code with its name: its own code, else its most specific class's."""
    rows = pages.select(CAMEO, this=ox.NamedNode(resource.iri))
    if not rows:
        return None
    row = rows[0]
    return {
        "iri": row["code"].value,
        "href": pages.local_href(row["code"].value),
        "code": row["notation"].value,
        "name": values.plain(row["name"].value),
    }


def roles(props: dict[str, dict], types: set[str]) -> list[dict]:
    """Who took part, each actor once under its most specific role, in the event's words."""
    words = next((w for kind, w in ROLE_WORDS.items() if kind in types), {})
    who, seen = [], set()
    for prop, role in ROLES.items():
        for v in (props.get(prop) or {"values": []})["values"]:
            if v.get("iri") in seen:
                continue
            seen.add(v.get("iri"))
            who.append({**v, "role": words.get(role, role)})
    return who


def first_value(prop: dict | None) -> str | None:
    return prop["values"][0]["value"] if prop and prop["values"] else None


def is_mirror(prop: dict) -> bool:
    """A statement the reasoner restated in another vocabulary (schema.org, SEM, PROV, ...)."""
    return not prop["iri"].startswith(BL) and all(v["inferred"] for v in prop["values"])


def summarise(resource: pages.Resource) -> dict:
    """The summary block of a resource page (also in its JSON twin)."""
    props = {p["iri"]: p for p in resource.properties}
    asserted = [t for t in resource.types if t["iri"].startswith(BL) and not t["inferred"]]
    kinds = asserted or [t for t in resource.types if t["iri"].startswith(BL)]
    who = roles(props, {t["iri"] for t in resource.types})
    shown = WHEN | WHERE | set(ROLES) | set(DIRECT_FIGURES) | ELSEWHERE
    statements = [
        {**p, "inferred": all(v["inferred"] for v in p["values"])}
        for p in resource.properties
        if p["iri"] not in shown and not is_mirror(p)
    ]
    listed = figures(resource, [props[p] for p in DIRECT_FIGURES if p in props])
    figure_iris = {f.get("iri") for f in listed}
    kind = kinds[0]["label"] if kinds else "thing"
    incoming = [
        {
            **p,
            "phrase": f"{p['label']} this {kind}",
            "values": [v for v in p["values"] if v.get("iri") not in figure_iris],
        }
        for p in resource.incoming
        if not all(v["inferred"] for v in p["values"])
    ]
    return {
        "kind": ", ".join(t["label"] for t in kinds),
        "when": when(props),
        "where": [v for prop in WHERE for v in (props.get(prop) or {"values": []})["values"]],
        "who": who,
        "cameo": cameo(resource),
        "figures": listed,
        "statements": statements,
        "incoming": [p for p in incoming if p["values"]],
        "note": first_value(props.get(RDFS + "comment")),
        "folded": sum(is_mirror(p) for p in resource.properties)
        + sum(all(v["inferred"] for v in p["values"]) for p in resource.incoming),
    }
