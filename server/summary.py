"""What a resource is, in words: the answer a reader wants before the evidence.

Built from the statements `pages.describe` already read, plus the resource's
figures. Every value keeps its `inferred` mark, and every participant carries
a `role` slot (None where the graph gives only bl:participant), so roles and
explanations of inferred facts can be shown without changing the shape.
"""

from __future__ import annotations

import pyoxigraph as ox

from bilateral.graph.namespaces import PREFIXES
from bilateral.server import pages, values

BL = PREFIXES["bl"]
RDFS = PREFIXES["rdfs"]
WHEN = {BL + "startDate", BL + "endDate", BL + "dateText", BL + "signedOn", BL + "year"}
WHERE = {BL + "location", BL + "signedAt", BL + "locatedIn"}
# The roles an actor can play; bl:participant alone says only that it took part.
ROLES = {
    BL + "participant": None,
    BL + "host": "host",
    BL + "source": "source",
    BL + "to": "target",
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


def when(props: dict[str, dict]) -> dict | None:
    """The dates in words, and the article's own wording of them."""
    start = first_value(props.get(BL + "startDate")) or first_value(props.get(BL + "signedOn"))
    end = first_value(props.get(BL + "endDate"))
    wording = [v["text"] for v in (props.get(BL + "dateText") or {"values": []})["values"]]
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
    who = [
        {**v, "role": role}
        for prop, role in ROLES.items()
        for v in (props.get(prop) or {"values": []})["values"]
    ]
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
        "figures": listed,
        "statements": statements,
        "incoming": [p for p in incoming if p["values"]],
        "note": first_value(props.get(RDFS + "comment")),
        "folded": sum(is_mirror(p) for p in resource.properties)
        + sum(all(v["inferred"] for v in p["values"]) for p in resource.incoming),
    }
