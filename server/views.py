"""HTML pages and their JSON twins: query UI, canned queries, search, resources, views.

Every page answers JSON for `Accept: application/json`, `?format=json` or a
`.json` suffix, as Datasette does. Pages pass data to their scripts through
`data-` attributes and JSON endpoints only, so a CSP without inline scripts holds.
"""

from __future__ import annotations

import json
import logging

from flask import (
    Blueprint,
    Response,
    abort,
    jsonify,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from bilateral.graph.namespaces import PREFIXES
from bilateral.graph.queries import load_queries
from bilateral.server import canned, explore, pages
from bilateral.server.search import build_index
from bilateral.server.vendor import load_manifest

logger = logging.getLogger(__name__)

bp = Blueprint(
    "views",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets",
)

RDF_TYPES = {
    "text/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/ld+json": ("jsonld", "application/ld+json"),
    "application/n-triples": ("ntriples", "application/n-triples"),
    "application/rdf+xml": ("rdfxml", "application/rdf+xml"),
}
FORMAT_ALIASES = {
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "json": "application/json",
    "html": "text/html",
}


@bp.app_context_processor
def template_globals() -> dict:
    """Versioned vendor paths for every template."""
    return {"vendor": vendor_url}


def vendor_url(package: str, role: str) -> str | None:
    """The URL of a front-end library file, or None when `make vendor` was not run."""
    entry = load_manifest().get(package)
    return url_for("views.static", filename=entry[role]) if entry else None


def negotiate(offers: list[str]) -> str | None:
    """The media type to answer: `format=` or the `.json` suffix first, then Accept."""
    if request.path.endswith(".json"):
        return "application/json"
    fmt = request.args.get("format")
    if fmt:
        wanted = FORMAT_ALIASES.get(fmt.lower(), fmt)
        return wanted if wanted in offers else None
    if not request.accept_mimetypes:
        return offers[0]
    return request.accept_mimetypes.best_match(offers)


def page(template: str, data: dict, **context) -> Response | str:
    """The HTML page, or its JSON twin when the client asks for JSON."""
    chosen = negotiate(["text/html", "application/json"])
    if chosen is None:
        abort(406, description="this page is available as text/html or application/json")
    if chosen == "application/json":
        return jsonify(data)
    return render_template(template, data=data, **context)


def search_index():
    """The search index of the current build, built on first use."""
    return pages.cached("search", lambda: build_index(pages.select))


def queries() -> dict:
    """The canned queries of the project, loaded once per process and build."""
    return pages.cached("queries", lambda: load_queries(pages.project_dir() / "queries"))


@bp.route("/")
def index():
    """The query page: YASGUI on /sparql with our prefixes and the canned queries."""
    listing = [canned.summary(q) for q in queries().values()]
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
    return render_template(
        "index.html",
        queries=listing,
        prefixes_json=json.dumps(PREFIXES, sort_keys=True),
        default_query=prefixes
        + "\nSELECT ?s ?label WHERE {\n  ?s a bl:Event ; rdfs:label ?label .\n}\nLIMIT 20\n",
    )


@bp.route("/queries")
@bp.route("/queries.json", endpoint="queries_json")
def query_list():
    """Every canned query with its title, description and parameters."""
    listing = [canned.summary(q) for q in queries().values()]
    return page("queries.html", {"queries": listing})


@bp.route("/queries/<name>")
@bp.route("/queries/<name>.json", endpoint="query_page_json")
def query_page(name: str):
    """A canned query: shown, or run when parameters (or `run`) are given."""
    query = queries().get(name)
    if query is None:
        abort(404, description=f"no canned query named {name!r}; see /queries")
    return canned.respond(query)


@bp.route("/search")
@bp.route("/search.json", endpoint="search_json")
def search():
    """Resources by label or alias and passages by their words, ranked."""
    q = request.args.get("q", "").strip()
    limit = request.args.get("limit", "50")
    if not (limit.isascii() and limit.isdigit()) or not 1 <= int(limit) <= 500:
        abort(400, description="limit must be an integer from 1 to 500")
    hits = search_index().search(q, int(limit)) if q else []
    results = [
        {
            "iri": doc.iri,
            "kind": doc.kind,
            "label": doc.title if doc.kind == "passage" else pages.label(doc.iri),
            "href": pages.local_href(doc.iri)
            if doc.kind == "resource"
            else f"/source#offset-{doc.start}",
            "score": round(score, 2),
        }
        for doc, score in hits
    ]
    return page("search.html", {"q": q, "results": results})


@bp.route("/resource/<path:slug>")
def resource(slug: str):
    """A resource: HTML, its JSON twin, or RDF (Turtle, JSON-LD, N-Triples, RDF/XML)."""
    chosen = negotiate(["text/html", "application/json", *RDF_TYPES])
    described = pages.describe(slug)
    if described is None:
        abort(404, description=f"no resource named {slug!r} in the graph; try /search")
    if chosen is None:
        abort(406, description="available as text/html, application/json, " + ", ".join(RDF_TYPES))
    if chosen in RDF_TYPES:
        fmt_name, mimetype = RDF_TYPES[chosen]
        body = pages.description_rdf(slug, pages.RDF_FORMATS[fmt_name])
        return Response(body, mimetype=mimetype, headers={"Vary": "Accept"})
    if chosen == "application/json":
        response = jsonify(described.as_json())
    else:
        response = Response(render_template("resource.html", r=described))
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/timeline")
@bp.route("/timeline.json", endpoint="timeline_json")
def timeline():
    """Every dated event on a time axis, filterable by type and actor."""
    return page("timeline.html", pages.cached("timeline", explore.timeline))


@bp.route("/network")
@bp.route("/network.json", endpoint="network_json")
def network():
    """Actors linked by the events they share."""
    return page("network.html", pages.cached("network", explore.network))


@bp.route("/source")
@bp.route("/source.json", endpoint="source_json")
def source():
    """The article with every cited passage highlighted."""
    files = sorted(pages.seeds())
    file = request.args.get("file", files[0] if files else "")
    data = pages.cached(f"source:{file}", lambda: explore.source(file))
    if data is None:
        abort(404, description=f"no article {file!r}; articles: {', '.join(files)}")
    return page("source.html", data, files=files)


@bp.route("/ontology")
@bp.route("/ontology.json", endpoint="ontology_json")
def ontology():
    """Classes and properties with their hierarchy."""
    return page("ontology.html", pages.cached("ontology", explore.ontology))


@bp.route("/download")
@bp.route("/download.json", endpoint="download_json")
def download():
    """The dumps of the current build with their sizes and SHA-256."""
    listing = pages.manifest().get("dumps", {})
    files = [
        {
            "name": name,
            "bytes": info["bytes"],
            "sha256": info["sha256"],
            "href": url_for("views.download_file", filename=name),
        }
        for name, info in sorted(listing.items())
    ]
    return page("download.html", {"build": pages.manifest().get("id"), "files": files})


@bp.route("/download/<filename>")
def download_file(filename: str):
    """One dump, served only when the manifest lists it (no path traversal)."""
    if filename not in pages.manifest().get("dumps", {}):
        abort(404, description=f"no dump named {filename!r}; see /download")
    return send_from_directory(pages.dumps_dir(), filename, as_attachment=True)
