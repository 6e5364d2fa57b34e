"""Canned queries over HTTP: shown with a form, or run with URL parameters.

Parameter values become RDF terms bound through pyoxigraph's
`substitutions=`; they are never spliced into the query text.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Response, abort, jsonify, render_template, request

from bilateral.graph import formats
from bilateral.graph.dates import parse_period
from bilateral.graph.namespaces import BLR
from bilateral.graph.queries import CannedQuery, Parameter
from bilateral.graph.results import parse_term
from bilateral.server import pages, sparql, values

RESULTS = tuple(m for m in formats.RESULTS if m.names)  # the named result formats
OFFERS = (*formats.PAGE, *RESULTS)
CONTROL = {"format", "run"}
HTML_ROW_LIMIT = 2000
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
_SLUG = re.compile(r"^[\w.\-]+$")


def summary(query: CannedQuery) -> dict:
    """What lists and forms show of a canned query."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "params": [
            {
                "name": p.name,
                "label": p.name.replace("_", " ").capitalize(),
                "doc": p.doc,
                "optional": p.optional,
                "kind": "resource"
                if "iri" in p.doc.lower()
                else "date"
                if "date" in p.doc.lower()
                else "text",
            }
            for p in query.params
        ],
        "href": f"/queries/{query.name}",
    }


def bind(param: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term a URL parameter stands for, checked against its declaration.

    A resource may be given by its label, an alias, its slug or its IRI; a
    date by a day, a month, a season or the article's own wording ("July 2014").

    :raises ValueError: when the value does not fit (a resource or a date expected).
    """
    doc = param.doc.lower()
    if "iri" in doc:
        return resource_term(param, value)
    if "date" in doc:
        period = parse_period(value)
        day = period.end if "last" in doc or param.name in ("to", "end") else period.start
        return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD_DATE))
    return parse_term(value)


def resource_term(param: Parameter, value: str) -> ox.NamedNode:
    """The resource a value names: an IRI, a prefixed name, a slug, or the best-matching name."""
    if value.startswith(("http://", "https://")):
        return ox.NamedNode(value)
    if value.startswith("<") or ":" in value:
        term = parse_term(value)
        if isinstance(term, ox.NamedNode):
            return term
    if _SLUG.match(value) and str(BLR) + value in pages.labels():
        return ox.NamedNode(str(BLR) + value)
    hits = [doc for doc, _ in pages.search_index().search(value, 20) if doc.kind == "resource"]
    if not hits:
        raise ValueError(f"no resource is named {value!r} (give a name, an alias or an IRI)")
    return ox.NamedNode(hits[0].iri)


def bindings(query: CannedQuery) -> dict[str, ox.NamedNode | ox.Literal]:
    """The declared parameters given in the URL, as RDF terms; 400 on anything else."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(request.args) - set(declared) - CONTROL)
    if unknown:
        names = ", ".join(declared) or "none"
        abort(
            400,
            description=f"unknown parameter {unknown[0]!r} for {query.name} (declared: {names})",
        )
    bound = {}
    for name, value in request.args.items():
        if name in declared and value.strip():
            try:
                bound[name] = bind(declared[name], value.strip())
            except ValueError as exc:
                abort(400, description=str(exc))
    return bound


def chosen_type() -> formats.Media:
    """The format to answer: `.json` twin, `format=` (400 if unknown), then Accept (406)."""
    fmt = request.args.get("format")
    chosen = formats.negotiate(OFFERS, request.accept_mimetypes, fmt, request.path)
    if chosen is None and fmt:
        abort(400, description=f"format must be one of {', '.join(formats.names(OFFERS))}")
    if chosen is None:
        abort(406, description=f"available as {formats.offered(OFFERS)}")
    return chosen


def respond(query: CannedQuery) -> Response | str:
    """Show a canned query, or run it when parameters, `run` or a results type ask for it."""
    bound = bindings(query)
    chosen = chosen_type()
    run = bool(bound) or "run" in request.args or chosen in RESULTS
    info = {**summary(query), "text": query.text}
    if not run:
        if chosen is formats.HTML:
            return render_template("query.html", q=info, args=request.args, table=None)
        return jsonify(info)
    # In the killable query processes, like /sparql: the same time limit, federation and errors.
    out = chosen if chosen in RESULTS else RESULTS[0]
    kinds = {"solutions": out.oxigraph, "boolean": out.oxigraph, "triples": None}
    protocol = sparql.Protocol(query.text, (), (), None)
    checked = sparql.check_query(query.text)
    started = sparql.run(checked, protocol, kinds, tuple(sorted(bound.items())))
    if chosen is formats.HTML:
        body = started.head + b"".join(started.rest)
        solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return render_template("query.html", q=info, args=request.args, table=table(solutions))

    def body():
        yield started.head
        yield from started.rest

    return Response(body(), content_type=formats.content_type(out), headers={"Vary": "Accept"})


def cell(column: str, term) -> dict | None:
    """A result cell as the page shows it; numbers of a column named for a unit carry it."""
    if term is None:
        return None
    view = pages.term_view(term)
    if isinstance(term, ox.Literal) and column in values.COLUMN_UNITS:
        view["text"] = values.quantity(term.value, *values.COLUMN_UNITS[column])
    return view


def table(solutions) -> dict:
    """Rows of a SELECT for the HTML table, cells as term views."""
    if isinstance(solutions, ox.QueryBoolean):
        return {
            "columns": ["result"],
            "rows": [[{"value": str(bool(solutions)).lower()}]],
            "truncated": False,
        }
    columns = [v.value for v in solutions.variables]
    rows, truncated = [], False
    for n, row in enumerate(solutions):
        if n >= HTML_ROW_LIMIT:
            truncated = True
            break
        rows.append([cell(c, row[c]) for c in columns])
    return {"columns": columns, "rows": rows, "truncated": truncated}
