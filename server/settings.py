"""Every setting of the server with its default, in one table.

Each setting has one name in three spellings: `--store`, `BILATERAL_STORE`,
`app.config["STORE"]`. `create_app` applies `DEFAULTS`, then the
environment (`BILATERAL_*`), then the mapping it is given.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Setting(NamedTuple):
    """One configurable value: its default and what it does."""

    default: Any
    help: str


WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"

SETTINGS: dict[str, Setting] = {
    "STORE": Setting("var/store", "The store link written by `bilateral build`."),
    "BACKEND": Setting(
        None,
        "A remote SPARQL 1.1 query endpoint to serve instead of the local store "
        "(load it with `bilateral push`).",
    ),
    "BACKEND_UNION": Setting(
        "dataset",
        "How the backend's default graph becomes the union of our graphs: `dataset` names them "
        "in each request (any SPARQL 1.1 store); `native` when the store's default graph is "
        "already the union.",
    ),
    "PROJECT": Setting(".", "The project folder (ontology/, graph/, seeds/, queries/)."),
    "QUERY_TIMEOUT": Setting(30.0, "Seconds a query may run before it is stopped with 503."),
    "QUERY_PROCESSES": Setting(4, "Engine processes per server worker for any query."),
    "QUERY_PROCESSES_RESERVED": Setting(
        1, "Further engine processes only pages and cheap queries (one triple pattern) use."
    ),
    "QUERY_PROCESSES_PER_CLIENT": Setting(
        0, "Queries one client address may run at once (0: QUERY_PROCESSES - 1)."
    ),
    "QUERY_QUEUE": Setting(32, "Queries that may wait for an engine process (429 beyond)."),
    "QUERY_QUEUE_WAIT": Setting(
        10.0, "Seconds a query waits for an engine process (503 with Retry-After beyond)."
    ),
    "MAX_QUERY_LENGTH": Setting(50_000, "Longest query text in characters (400 beyond)."),
    "MAX_TRIPLE_PATTERNS": Setting(
        100, "Most triple patterns in a query, estimated as its terms by three (400 beyond)."
    ),
    "MAX_NESTING": Setting(128, "Deepest nesting of brackets in a query (400 beyond)."),
    "MAX_EXPRESSION_DEPTH": Setting(64, "Deepest nesting of parentheses (400 beyond)."),
    "MAX_BODY": Setting(1_000_000, "Largest request body in bytes (413 beyond)."),
    "MAX_RESULT_BYTES": Setting(
        200_000_000,
        "Largest serialized result in bytes: 413 when reached before streaming, "
        "a cut connection after.",
    ),
    "STREAM_BUFFER": Setting(
        262_144, "Bytes of a result held back before the status is committed and streaming starts."
    ),
    "SERVICE_ALLOWLIST": Setting(
        [WIKIDATA_SPARQL], "Endpoints a SERVICE clause may call; no others, never private ones."
    ),
    "SERVICE_MAP": Setting(
        {}, "Allowlisted endpoint -> URL actually called (tests point Wikidata at a local stub)."
    ),
    "CORS": Setting(True, "Send `Access-Control-Allow-Origin: *` (never with credentials)."),
    "CACHE_MAX_AGE": Setting(300, "Seconds clients may reuse a query result (ETag revalidates)."),
    "LICENSE": Setting(
        "https://creativecommons.org/licenses/by/4.0/", "Licence of the dataset, stated in VoID."
    ),
    "BASE_URL": Setting(
        None, "Public base URL for self-description; None uses the request's (trusted) Host."
    ),
    "TRUSTED_HOSTS": Setting(
        ["localhost", "127.0.0.1"],
        "Host names the server answers to (400 for others), besides BASE_URL's; "
        "`.example.org` also allows its subdomains.",
    ),
}

DEFAULTS: dict[str, Any] = {name: setting.default for name, setting in SETTINGS.items()}
