"""SPARQL 1.1 Federated Query: SERVICE evaluated by us, with an allowlist and a redirect map.

pyoxigraph can call a SERVICE itself, but offers no hook to refuse an
endpoint or to send it elsewhere, so a query from the web could make the
server fetch any URL. Here each `SERVICE <iri> { P }` is evaluated before the
query runs: the IRI must be in the allowlist; `SELECT * WHERE { P }` (with the
query's prefixes) is sent over HTTP to the IRI, or to the URL the map gives
for it (tests point Wikidata at a local stand-in); the solutions come back as
an inline `VALUES` block, which replaces the SERVICE block. That is the
SERVICE operator's meaning (the remote solutions of P, joined with the rest
of the group), so the query is answered as written.

Bind join: when the variables P shares with the rest of the WHERE clause are
bound in every solution of that rest (SERVICE blocks left out), their values
are sent along as `VALUES`, so the endpoint answers for our entities only, not
for all of Wikidata. Queries with MINUS, NOT EXISTS or subqueries skip this
(leaving a pattern out is not monotone there) and send P alone.
"""

from __future__ import annotations

import io
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import pyoxigraph as ox

from bilateral.graph.lexer import (
    LexError,
    Token,
    prologue_end,
    service_clauses,
    tokens,
)

logger = logging.getLogger(__name__)

WIKIDATA = "https://query.wikidata.org/sparql"
DEFAULT_ALLOWLIST = (WIKIDATA,)
RESULTS_JSON = "application/sparql-results+json"
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\uffff]+)")
_NON_MONOTONE = re.compile(r"\bMINUS\b|\bNOT\s+EXISTS\b", re.IGNORECASE)
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_MAP_SEPARATOR = re.compile(r"=(?=[A-Za-z][A-Za-z0-9+.-]*://)")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class ServiceError(ValueError):
    """A SERVICE that is not allowed, not reachable or not understood."""


@dataclass(frozen=True)
class FederationConfig:
    """Which SERVICE IRIs may be called, where each is really sent, and limits."""

    allowlist: frozenset[str] = frozenset(DEFAULT_ALLOWLIST)
    endpoints: dict[str, str] = field(default_factory=dict)
    timeout: float = 30.0
    max_bind_values: int = 1000

    @classmethod
    def from_settings(cls, allowlist: str | None, service_map: str | None, **kw):
        """A config from the strings of BILATERAL_SERVICE_ALLOWLIST and BILATERAL_SERVICE_MAP.

        The allowlist is IRIs separated by commas or spaces (None: Wikidata only;
        empty: none); the map is `IRI=URL` pairs separated likewise.

        >>> c = FederationConfig.from_settings(None, "https://query.wikidata.org/sparql=http://127.0.0.1:7878/query")
        >>> c.endpoint("https://query.wikidata.org/sparql")
        'http://127.0.0.1:7878/query'
        """
        allowed = DEFAULT_ALLOWLIST if allowlist is None else re.split(r"[\s,]+", allowlist)
        endpoints = {}
        for pair in re.split(r"[\s,]+", service_map or ""):
            parts = _MAP_SEPARATOR.split(pair, maxsplit=1) if pair else []
            if pair and len(parts) != 2:
                raise ServiceError(f"service map entry {pair!r}: expected IRI=URL")
            if parts:
                endpoints[parts[0]] = parts[1]
        return cls(allowlist=frozenset(a for a in allowed if a), endpoints=endpoints, **kw)

    def endpoint(self, iri: str) -> str:
        """The URL to call for a SERVICE IRI.

        :raises ServiceError: when the IRI is not in the allowlist.
        """
        if iri not in self.allowlist:
            allowed = ", ".join(sorted(self.allowlist)) or "none"
            raise ServiceError(
                f"SERVICE <{iri}> is not allowed (allowed: {allowed}); "
                "add it to BILATERAL_SERVICE_ALLOWLIST"
            )
        return self.endpoints.get(iri, iri)


@dataclass(frozen=True)
class ServiceBlock:
    """One top-level `SERVICE [SILENT] <iri> { ... }` of a query, by character span."""

    start: int
    end: int
    iri: str
    silent: bool
    body: str


def _lexed(query: str) -> list[Token]:
    try:
        return list(tokens(query))
    except LexError as exc:
        raise ServiceError(str(exc)) from exc


def mask(query: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length).

    >>> mask('SELECT * { ?s ?p "}" } # }')
    'SELECT * { ?s ?p     }    '
    """
    masked = [" "] * len(query)
    for token in _lexed(query):
        if token.kind not in ("string", "iri"):
            masked[token.position : token.position + len(token.text)] = token.text
    return "".join(masked)


def _closing_brace(found: list[Token], opening: int) -> int:
    depth = 0
    for index in range(opening, len(found)):
        if found[index].text == "{":
            depth += 1
        elif found[index].text == "}":
            depth -= 1
            if depth == 0:
                return index
    raise ServiceError("unbalanced braces in the query")


def find_services(query: str) -> list[ServiceBlock]:
    """The outermost SERVICE blocks of a query, in order (read by `bilateral.graph.lexer`).

    >>> [b.iri for b in find_services("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")]
    ['http://x/sparql']
    """
    found, blocks, after = _lexed(query), [], -1
    for target, silent, iri in service_clauses(found):
        if target <= after:
            continue  # inside a block already found: its endpoint evaluates it
        keyword = found[target - 1 - silent]
        if target >= len(found) or found[target].kind not in ("iri", "pname"):
            raise ServiceError("SERVICE needs an IRI here (a variable endpoint is not supported)")
        if target + 1 >= len(found) or found[target + 1].text != "{":
            raise ServiceError(f"SERVICE <{iri}>: expected '{{'")
        after = _closing_brace(found, target + 1)
        opening, closing = found[target + 1].position, found[after].position
        body = query[opening + 1 : closing]
        blocks.append(ServiceBlock(keyword.position, closing + 1, iri, silent, body))
    return blocks


def prologue(query: str) -> str:
    """The PREFIX and BASE declarations (and comments) that open a query."""
    found = _lexed(query)
    end = prologue_end(found)
    return query[: found[end].position] if end < len(found) else query


def where_clause(query: str) -> tuple[int, int] | None:
    """The span of the WHERE group's content (inside its braces), or None."""
    masked = mask(query)
    found = _WHERE.search(masked)
    opening = found.end() - 1 if found else masked.find("{")
    if opening < 0:
        return None
    lexed = _lexed(query)
    first = next(i for i, t in enumerate(lexed) if t.position == opening)
    return opening + 1, lexed[_closing_brace(lexed, first)].position


def sparql_term(term) -> str:
    """A term in SPARQL syntax for a VALUES block (blank nodes are not allowed there).

    >>> sparql_term(ox.Literal("Putin", language="en"))
    '"Putin"@en'
    """
    if isinstance(term, ox.BlankNode):
        raise ServiceError("the service returned a blank node, which VALUES cannot carry")
    return "UNDEF" if term is None else str(term)


def values_block(variables: list[str], rows: list[list]) -> str:
    """An inline-data block of solutions.

    >>> values_block(["a"], [[ox.NamedNode("http://x")], [None]])
    'VALUES (?a) {\\n(<http://x>)\\n(UNDEF)\\n}'
    """
    head = " ".join(f"?{v}" for v in variables)
    lines = ["(" + " ".join(sparql_term(t) for t in row) + ")" for row in rows]
    return "VALUES (" + head + ") {\n" + "".join(line + "\n" for line in lines) + "}"


def call_endpoint(url: str, query: str, timeout: float) -> tuple[list[str], list[list]]:
    """POST a SELECT query (SPARQL 1.1 Protocol) and parse its JSON results.

    :raises ServiceError: on an HTTP or network error, or a reply that is not results.
    """
    request = urllib.request.Request(
        url,
        data=query.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": RESULTS_JSON},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        results = ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.JSON)
    except (urllib.error.URLError, OSError, SyntaxError, ValueError) as exc:
        raise ServiceError(f"SERVICE call to {url} failed: {exc}") from exc
    if not isinstance(results, ox.QuerySolutions):
        raise ServiceError(f"SERVICE call to {url}: the reply is not a solution sequence")
    variables = [v.value for v in results.variables]
    return variables, [[solution[v] for v in variables] for solution in results]


def _bind_values(select, query: str, block: ServiceBlock, config, bindings) -> str:
    """A VALUES block of the shared variables' local values, or '' when unsafe or too many."""
    masked = mask(query)
    span = where_clause(query)
    if span is None or _NON_MONOTONE.search(masked) or len(_SELECT.findall(masked)) > 1:
        return ""
    start, end = span
    rest = query[start : block.start] + query[block.end : end]
    for other in reversed(find_services(rest)):
        rest = rest[: other.start] + "{}" + rest[other.end :]
    inner = set(_VARIABLE.findall(mask(block.body)))
    shared = sorted(inner & set(_VARIABLE.findall(mask(rest))))
    if not shared:
        return ""
    in_rest = {k: v for k, v in (bindings or {}).items() if k in _VARIABLE.findall(mask(rest))}
    candidates = prologue(query) + "SELECT DISTINCT * WHERE {" + rest + "}"
    local = select(candidates, in_rest)
    rows = {tuple(solution[v] for v in shared) for solution in local}
    if any(None in row for row in rows) or len(rows) > config.max_bind_values:
        return ""
    ordered = sorted(rows, key=lambda row: [str(t) for t in row])
    return values_block(shared, [list(row) for row in ordered])


def resolve_services(select, query: str, config: FederationConfig, bindings=None) -> str:
    """The query with each SERVICE block replaced by its endpoint's solutions as VALUES.

    `select(query, bindings)` runs a SELECT over the dataset the query will run
    with and returns its solutions (mappings of variable to term): the bind join
    evaluates the rest of the query with it. Called outside the engine, which
    has no network.

    :raises ServiceError: for a SERVICE not in the allowlist, or a failed call without SILENT.
    """
    blocks = find_services(query)
    if not blocks:
        return query
    for block in blocks:
        config.endpoint(block.iri)  # refuse before calling anything
    replacements = []
    for block in blocks:
        restriction = _bind_values(select, query, block, config, bindings)
        remote = prologue(query) + "SELECT * WHERE {\n{" + block.body + "}\n" + restriction + "\n}"
        url = config.endpoint(block.iri)
        try:
            variables, rows = call_endpoint(url, remote, config.timeout)
        except ServiceError:
            if not block.silent:
                raise
            logger.warning("SERVICE SILENT <%s> failed; treated as one empty solution", block.iri)
            variables, rows = [], [[]]
        logger.info("SERVICE <%s> via %s: %d solutions", block.iri, url, len(rows))
        logger.debug("SERVICE query sent:\n%s", remote)
        replacements.append((block, "{ " + values_block(variables, rows) + " }"))
    for block, text in reversed(replacements):
        query = query[: block.start] + text + query[block.end :]
    return query

