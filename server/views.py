"""HTML pages and their JSON twins: query UI, canned queries, search, resources, views.

Every page answers JSON for `Accept: application/json`, `?format=json` or a
`.json` suffix, as Datasette does. Pages pass data to their scripts through
`data-` attributes and JSON endpoints only, so a CSP without inline scripts holds.
"""

from __future__ import annotations

import json
import logging

import pyoxigraph as ox
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

from bilateral.graph import formats
from bilateral.graph.namespaces import PREFIXES
from bilateral.graph.queries import load_queries
from bilateral.graph.results import parse_term
from bilateral.server import canned, derivations, explore, pages, prose, values
from bilateral.server.summary import summarise
from bilateral.server.vendor import load_manifest

logger = logging.getLogger(__name__)

bp = Blueprint(
    "views",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets",
)

@bp.app_template_filter("plain")
def plain_filter(text: str) -> str:
    """Article text without markdown escapes and emphasis marks."""
    return values.plain(text or "")


@bp.app_template_filter("words")
def words_filter(name: str) -> str:
    """A variable name as a column heading: "startDate" and "start_date" read "Start date"."""
    spaced = "".join(" " + c.lower() if c.isupper() else c for c in name).replace("_", " ")
    return spaced.strip().capitalize()


@bp.app_context_processor
def template_globals() -> dict:
    """Versioned vendor paths for every template."""
    return {"vendor": vendor_url}


def vendor_url(package: str, role: str) -> str | None:
    """The URL of a front-end library file, or None when `make vendor` was not run."""
    entry = load_manifest().get(package)
    return url_for("views.static", filename=entry[role]) if entry else None


def negotiate(table: tuple[formats.Media, ...]) -> formats.Media | None:
    """The format to answer this request in, from the one negotiator."""
    return formats.negotiate(
        table, request.accept_mimetypes, request.args.get("format"), request.path
    )


def page(template: str, data: dict, **context) -> Response | str:
    """The HTML page, or its JSON twin when the client asks for JSON."""
    chosen = negotiate(formats.PAGE)
    if chosen is None:
        abort(406, description="this page is available as text/html or application/json")
    if chosen is formats.JSON:
        return jsonify(data)
    return render_template(template, data=data, **context)


def queries() -> dict:
    """The canned queries of the project, loaded once per process and build."""
    return pages.cached("queries", lambda: load_queries(pages.project_dir() / "queries"))


@bp.route("/")
@bp.route("/index.json", endpoint="index_json")
def index():
    """The query page: YASGUI on /sparql with our prefixes and the canned queries."""
    listing = [canned.summary(q) for q in queries().values()]
    if negotiate(formats.PAGE) is formats.JSON:
        return jsonify({"endpoint": "/sparql", "prefixes": PREFIXES, "queries": listing})
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
    """Resources by name first, with their types; then passages grouped by what they support."""
    q = request.args.get("q", "").strip()
    limit = count_arg("limit", 50, 500)
    offset = count_arg("offset", 0, None)
    index = pages.search_index()
    hits = index.search(q, None) if q else []
    # Stable sort: rank kept within each kind; the graph's things before the vocabulary's terms.
    hits.sort(key=lambda pair: (pair[0].kind != "resource", pair[0].iri.startswith(PREFIXES["bl"])))
    shown = [hit_view(doc, score) for doc, score in hits[offset : offset + limit]]
    groups: dict[str, dict] = {}
    for hit in shown:
        if hit["kind"] == "passage":
            about = hit["cited_by"][0] if hit["cited_by"] else None
            group = groups.setdefault(
                about["iri"] if about else "", {"resource": about, "passages": []}
            )
            group["passages"].append(hit)
    data = {
        "q": q,
        "total": len(hits),
        "offset": offset,
        "limit": limit,
        "results": shown,
        "entities": [h for h in shown if h["kind"] == "resource"],
        "passage_groups": list(groups.values()),
        "suggestions": index.suggest(q) if q and not hits else [],
    }
    return page("search.html", data)


def count_arg(name: str, default: int, most: int | None) -> int:
    """A non-negative integer URL parameter, 400 when it is not one or exceeds `most`."""
    raw = request.args.get(name, str(default))
    if not (raw.isascii() and raw.isdigit()) or (most is not None and not 1 <= int(raw) <= most):
        bounds = f"from 1 to {most}" if most is not None else "of 0 or more"
        abort(400, description=f"{name} must be an integer {bounds}")
    return int(raw)


def hit_view(doc, score: float) -> dict:
    """One search hit as the page and its JSON twin show it."""
    if doc.kind == "resource":
        return {
            "iri": doc.iri,
            "kind": "resource",
            "label": pages.label(doc.iri),
            "href": pages.local_href(doc.iri),
            "types": [pages.label(t) for t in sorted(doc.types)]
            or (["ontology term"] if doc.iri.startswith(PREFIXES["bl"]) else []),
            "score": round(score, 2),
        }
    return {
        "iri": doc.iri,
        "kind": "passage",
        "label": values.plain(doc.title),
        "href": f"/source#offset-{doc.start}",
        "cited_by": [pages.term_view(ox.NamedNode(r)) for r in sorted(set(doc.cited_by))],
        "score": round(score, 2),
    }


@bp.route("/resource/<path:slug>")
def resource(slug: str):
    """A resource: HTML, its JSON twin, or RDF (Turtle, JSON-LD, N-Triples, RDF/XML)."""
    chosen = negotiate((*formats.PAGE, *formats.RESOURCE))
    described = pages.describe(slug)
    if described is None and slug.endswith(".json"):  # the JSON twin, /resource/{slug}.json
        slug = slug.removesuffix(".json")
        described = pages.describe(slug)
    if described is None:
        abort(404, description=f"no resource named {slug!r} in the graph; try /search")
    if chosen is None:
        available = formats.offered((*formats.PAGE, *formats.RESOURCE))
        abort(406, description=f"available as {available}")
    if chosen not in formats.PAGE:
        body = pages.description_rdf(slug, chosen.rdf)
        return Response(body, content_type=formats.content_type(chosen), headers={"Vary": "Accept"})
    derivations.attach(described)
    summary = summarise(described)
    if chosen is formats.JSON:
        response = jsonify({**described.as_json(), "summary": summary})
    else:
        response = Response(render_template("resource.html", r=described, s=summary))
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/why")
@bp.route("/why.json", endpoint="why_json")
def why():
    """Why an inferred triple holds: its derivation down to the article's passages."""
    terms = []
    for name in ("s", "p", "o"):
        text = request.args.get(name, "").strip()
        if not text:
            abort(400, description=f"{name} is required: /why?s=IRI&p=IRI&o=IRI or literal")
        try:
            terms.append(parse_term(_iri_text(text)))
        except ValueError as exc:
            abort(400, description=f"{name}={text!r} is not a valid term: {exc}")
    if not all(isinstance(t, ox.NamedNode) for t in terms[:2]):
        abort(400, description="s and p must be IRIs (absolute, <...> or a prefixed name)")
    tree = derivations.of_triple(*terms)
    if tree is None:
        abort(
            404,
            description="no derivation: the triple is not inferred (an asserted "
            "fact's passages are on its resource page)",
        )
    return page("why.html", tree)


def _iri_text(text: str) -> str:
    """An absolute IRI written bare, in the form `parse_term` reads as an IRI."""
    return f"<{text}>" if "://" in text and not text.startswith("<") else text


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
    """The article with every cited passage highlighted; `mentions=on` marks its mentions."""
    files = sorted(pages.seeds())
    file = request.args.get("file", files[0] if files else "")
    data = pages.cached(f"source:{file}", lambda: explore.source(file))
    if data is None:
        abort(404, description=f"no article {file!r}; articles: {', '.join(files)}")
    text = pages.seeds()[file].text
    items = data["mentions"]["items"] if data["mentions"] else []
    html = pages.cached(
        f"source-html:{file}", lambda: prose.article_html(text, data["segments"], items)
    )
    shown = request.args.get("mentions") == "on"
    return page("source.html", data, files=files, article_html=html, show_mentions=shown)


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
    media = formats.by_extension(filename)
    mimetype = formats.content_type(media) if media else None
    return send_from_directory(pages.dumps_dir(), filename, as_attachment=True, mimetype=mimetype)
