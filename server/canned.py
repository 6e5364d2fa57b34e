"""Canned queries over HTTP: shown with a form, or run with URL parameters.

Parameter values become RDF terms bound through pyoxigraph's
`substitutions=`; they are never spliced into the query text.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Response, abort, jsonify, render_template, request

from bilateral.graph.namespaces import BLR
from bilateral.graph.queries import CannedQuery, Parameter
from bilateral.graph.results import parse_term
from bilateral.server import pages, sparql

FORMATS = {
    "json": "application/json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
    "html": "text/html",
}
RESULT_NAMES = {
    "application/sparql-results+json": "JSON",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "application/sparql-results+xml": "XML",
}
OFFERS = ["text/html", "application/json", *RESULT_NAMES]
CONTROL = {"format", "run"}
HTML_ROW_LIMIT = 2000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLUG = re.compile(r"^[\w.\-]+$")


def summary(query: CannedQuery) -> dict:
    """What lists and forms show of a canned query."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "params": [{"name": p.name, "doc": p.doc, "optional": p.optional} for p in query.params],
        "href": f"/queries/{query.name}",
    }


def bind(param: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term a URL parameter stands for, checked against its declaration.

    :raises ValueError: when the value does not fit (an IRI or a date expected).
    """
    doc = param.doc.lower()
    if "iri" in doc:
        if _SLUG.match(value):
            return ox.NamedNode(str(BLR) + value)
        term = parse_term(value)
        if not isinstance(term, ox.NamedNode):
            raise ValueError(
                f"?{param.name} wants an IRI (<...>, blr:Slug or a slug), got {value!r}"
            )
        return term
    if "date" in doc and not _DATE.match(value):
        raise ValueError(f"?{param.name} wants a date as YYYY-MM-DD, got {value!r}")
    return parse_term(value)


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


def chosen_type() -> str:
    """The media type to answer: `format=` first, then Accept; 406 when none fits."""
    fmt = request.args.get("format")
    if request.path.endswith(".json"):
        return "application/json"
    if fmt:
        if fmt.lower() not in FORMATS:
            abort(400, description=f"format must be one of {', '.join(FORMATS)}")
        return FORMATS[fmt.lower()]
    if not request.accept_mimetypes:
        return "text/html"
    best = request.accept_mimetypes.best_match(OFFERS)
    if best is None:
        abort(406, description="available as " + ", ".join(OFFERS))
    return best


def respond(query: CannedQuery) -> Response | str:
    """Show a canned query, or run it when parameters, `run` or a results type ask for it."""
    bound = bindings(query)
    mimetype = chosen_type()
    run = bool(bound) or "run" in request.args or mimetype in RESULT_NAMES
    info = {**summary(query), "text": query.text}
    if not run:
        if mimetype == "text/html":
            return render_template("query.html", q=info, args=request.args, table=None)
        return jsonify(info)
    # In the killable query processes, like /sparql: the same time limit, federation and errors.
    out_type = mimetype if mimetype in RESULT_NAMES else "application/sparql-results+json"
    name = "JSON" if mimetype == "text/html" else RESULT_NAMES[out_type]
    formats = {"solutions": name, "boolean": name, "triples": None}
    protocol = sparql.Protocol(query.text, (), (), None)
    checked = sparql.check_query(query.text)
    started = sparql.run(checked, protocol, formats, tuple(sorted(bound.items())))
    if mimetype == "text/html":
        body = started.head + b"".join(started.rest)
        solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return render_template("query.html", q=info, args=request.args, table=table(solutions))

    def body():
        yield started.head
        yield from started.rest

    return Response(body(), mimetype=out_type, headers={"Vary": "Accept"})


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
        rows.append([pages.term_view(row[c]) if row[c] is not None else None for c in columns])
    return {"columns": columns, "rows": rows, "truncated": truncated}
