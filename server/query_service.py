"""The one way a query reaches the engine, for the endpoint, the pages and the CLI.

A `QueryService` owns everything between "a query text and its dataset" and
"a stream of results": the store (the local build, or a remote `BACKEND`),
the one cache of values derived from the current build, the text checks and
complexity limits (read by `bilateral.graph.lexer`), SERVICE federation
(allowlisted endpoints called from here, outside the engine, which has no
network), and the pool of killable engine processes with its admission
control (`executor.Executor`). Nothing else runs a query.

- `check(query)`: the text checks and limits; 400/403 before anything runs.
- `stream(query, formats, ...)`: a checked query until its status is settled.
- `select(query, **bindings)`: rows of a trusted SELECT (pages, views, VoID).
- `construct(query, **bindings)`: the triples of a trusted CONSTRUCT.
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
import logging
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox

from bilateral.graph import lexer
from bilateral.graph import store as stores
from bilateral.graph.exchange.federation import ServiceError, find_services, resolve_services
from bilateral.graph.exchange.remote import counts_query, graph_counts
from bilateral.server import services
from bilateral.server.executor import Executor, Job, QueryFailed, Started

logger = logging.getLogger(__name__)

READ_ONLY = (
    "this endpoint is read-only: SPARQL Update ({}) is refused; "
    "download the dataset from /download to modify a copy"
)
JSON = "JSON"
ROWS = {"solutions": JSON, "boolean": JSON, "triples": None}


@dataclass(frozen=True)
class Checked:
    """A query that passed the text checks: what the service needs to know of it."""

    text: str
    union: bool  # no FROM of its own: the default graph is the union of ours
    cheap: bool  # small enough for the reserved lane (ASK {}, one triple pattern)
    federated: bool


def query_hash(query: str) -> str:
    """A short stable hash naming a query in logs.

    >>> query_hash("ASK {}")
    '819ea91ed5f1'
    """
    return hashlib.sha256(query.encode("utf-8")).hexdigest()[:12]


class QueryService:
    """Queries over one configured dataset; one per app (or per CLI run)."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.config = config
        self.store_link = Path(config["STORE"])
        self.backend = config.get("BACKEND") or None
        self.federation = services.federation_config(config)
        self.timeout = float(config["QUERY_TIMEOUT"])
        self._executor: Executor | None = None
        self._cache: dict = {}
        self._lock = threading.RLock()  # factories may call cached() again

    # --- the dataset and what is derived from it ---

    def available(self) -> bool:
        """Whether there is data to answer from: a backend, or a built store."""
        return self.backend is not None or self.store_link.exists()

    def source(self) -> str:
        """What the data comes from: the backend URL, or the current build's folder."""
        return self.backend or str(self.store_link.resolve())

    def cached(self, name: str, factory):
        """A value derived from the current build, computed once per build (or backend)."""
        key = (name, self.source())
        if key not in self._cache:
            with self._lock:
                if key not in self._cache:
                    for old in [k for k in self._cache if k[0] == name]:
                        del self._cache[old]
                    self._cache[key] = factory()
        return self._cache[key]

    def manifest(self) -> dict:
        """The current build's manifest ({} when nothing is built); with a backend, its
        counts per graph (not remembered while it cannot be reached)."""
        if self.backend is not None:
            try:
                return self.cached("manifest", self._remote_manifest)
            except QueryFailed as exc:
                logger.warning("no counts from the backend: %s", exc.message)
                return {}
        if not self.store_link.exists():
            return {}
        return self.cached("manifest", lambda: stores.read_manifest(self.store_link) or {})

    def _remote_manifest(self) -> dict:
        rows = self.select(counts_query())
        found = {row["g"].value: int(row["n"].value) for row in rows}
        return {"backend": self.backend, "counts": graph_counts(found)}

    # --- checks ---

    def check(self, query: str) -> Checked:
        """The text checks and complexity limits, before anything runs.

        :raises QueryFailed: 400 for an empty, unreadable or too complex query,
            403 for an update or a SERVICE that is not allowed.
        """
        config = self.config
        if not query.strip():
            raise QueryFailed(400, "the query is empty")
        if len(query) > int(config["MAX_QUERY_LENGTH"]):
            raise QueryFailed(
                400, f"the query is {len(query)} characters long; the limit "
                f"MAX_QUERY_LENGTH is {config['MAX_QUERY_LENGTH']}"
            )
        try:
            found = list(lexer.tokens(query))
        except lexer.LexError as exc:
            raise QueryFailed(400, f"malformed query: {exc}") from exc
        measures = (
            ("MAX_NESTING", lexer.nesting_depth(found), "nests brackets {} levels deep"),
            (
                "MAX_EXPRESSION_DEPTH",
                lexer.nesting_depth(found, "("),
                "nests parentheses {} levels deep",
            ),
            ("MAX_TRIPLE_PATTERNS", lexer.triple_patterns(found), "has about {} triple patterns"),
        )
        for name, value, what in measures:
            if value > int(config[name]):
                raise QueryFailed(
                    400, f"the query {what.format(value)}; the limit {name} is {config[name]}"
                )
        keyword = lexer.update_keyword(found)
        if keyword:
            raise QueryFailed(403, READ_ONLY.format(keyword))
        allowed = self.federation.allowlist
        for target in lexer.service_targets(found):
            if target not in allowed:
                listed = ", ".join(sorted(allowed)) or "none"
                raise QueryFailed(
                    403,
                    f"SERVICE {target} is not allowed; allowed endpoints: {listed}; "
                    "add it to BILATERAL_SERVICE_ALLOWLIST",
                )
            if target not in self.federation.endpoints and is_private(target):
                raise QueryFailed(
                    403, f"SERVICE {target} resolves to a private or loopback address"
                )
        return Checked(
            text=query,
            union=not lexer.has_dataset_clause(found),
            cheap=lexer.triple_patterns(found) <= 1 and lexer.nesting_depth(found, "{") <= 1,
            federated=bool(lexer.service_targets(found)),
        )

    # --- running ---

    def stream(
        self,
        checked: Checked,
        formats: dict[str, str | None],
        *,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
        bindings: tuple = (),
        base_iri: str | None = None,
        client: str = "",
    ) -> Started:
        """Run a checked query until its status is settled: the head and the rest.

        :raises QueryFailed: with the status to answer (400, 403, 406, 413, 429, 502, 503...).
        """
        if not self.available():
            raise QueryFailed(
                503, f"{self.store_link}: no store has been built; run `bilateral build`"
            )
        job = self._job(checked.text, formats, default_graphs, named_graphs, bindings, base_iri)
        job = replace(job, union=checked.union)
        if checked.federated:
            job = self._federate(job, client)
        return self._start(job, client=client, cheap=checked.cheap)

    def select(self, query: str, **bindings) -> list[dict[str, Any]]:
        """Rows of a trusted SELECT over the union graph, values bound by name.

        pyoxigraph substitutes only variables of the SELECT projection, so the
        queries project the variables they bind.
        """
        return self._rows(self._run(query, ROWS, bindings, client="", cheap=True))

    def construct(self, query: str, **bindings) -> list[ox.Triple]:
        """The triples of a trusted CONSTRUCT (or DESCRIBE) over the union graph."""
        formats = {"solutions": None, "boolean": None, "triples": "N_TRIPLES"}
        started = self._run(query, formats, bindings, client="", cheap=True)
        body = started.head + b"".join(started.rest)
        return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))

    def close(self) -> None:
        """Stop the engine processes."""
        if self._executor is not None:
            self._executor.close()

    def _run(self, query: str, formats, bindings: dict, client: str, cheap: bool) -> Started:
        if not self.available():
            raise QueryFailed(
                503, f"{self.store_link}: no store has been built; run `bilateral build`"
            )
        pairs = tuple(sorted(bindings.items()))
        return self._start(self._job(query, formats, (), (), pairs, None), client, cheap)

    def _job(self, query, formats, default_graphs, named_graphs, bindings, base_iri) -> Job:
        config = self.config
        return Job(
            query=query,
            store=str(self.store_link.resolve()),
            formats=formats,
            default_graphs=tuple(default_graphs),
            named_graphs=tuple(named_graphs),
            max_bytes=int(config["MAX_RESULT_BYTES"]),
            base_iri=base_iri,
            backend=self.backend,
            backend_union=config["BACKEND_UNION"],
            timeout=self.timeout,
            bindings=tuple(bindings),
        )

    def _start(self, job: Job, client: str, cheap: bool) -> Started:
        try:
            return self.executor().start(
                job, self.timeout, int(self.config["STREAM_BUFFER"]), client=client, cheap=cheap
            )
        except QueryFailed as failure:
            if failure.status >= 500 and failure.status != 503:
                logger.error("query %s failed: %s", query_hash(job.query), failure.message)
            raise

    def _federate(self, job: Job, client: str) -> Job:
        """The job with its SERVICE blocks evaluated here, the bind join run in the engine."""

        def select(text: str, bindings: dict) -> list[dict]:
            pairs = tuple(sorted({**dict(job.bindings), **bindings}.items()))
            local = replace(job, query=text, formats=ROWS, bindings=pairs)
            rows = self._rows(self._start(local, client, cheap=False))
            return [_Solution(row) for row in rows]

        try:
            if not find_services(job.query):
                return job
            for block in find_services(job.query):
                self.federation.endpoint(block.iri)
        except ServiceError as exc:
            raise QueryFailed(403 if "not allowed" in str(exc) else 400, str(exc)) from exc
        try:
            text = resolve_services(select, job.query, self.federation, dict(job.bindings))
        except ServiceError as exc:
            logger.warning("federated query failed: %s", exc)
            raise QueryFailed(502, str(exc)) from exc
        return replace(job, query=text)

    @staticmethod
    def _rows(started: Started) -> list[dict[str, Any]]:
        body = started.head + b"".join(started.rest)
        results = ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.JSON)
        if isinstance(results, ox.QueryBoolean):
            return [{"result": bool(results)}]
        names = [v.value for v in results.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in results]

    def executor(self) -> Executor:
        """The pool of engine processes, started on first use (after a server fork)."""
        if self._executor is None:
            with self._lock:
                if self._executor is None:
                    config = self.config
                    self._executor = Executor(
                        processes=int(config["QUERY_PROCESSES"]),
                        reserved=int(config["QUERY_PROCESSES_RESERVED"]),
                        per_client=int(config["QUERY_PROCESSES_PER_CLIENT"]),
                        queue=int(config["QUERY_QUEUE"]),
                        wait=float(config["QUERY_QUEUE_WAIT"]),
                        network=self.backend is not None,
                    )
        return self._executor


class _Solution(dict):
    """A row that answers `row[name]` with None when unbound, as pyoxigraph's solutions do."""

    def __getitem__(self, name):
        return self.get(name)


def is_private(url: str) -> bool:
    """Whether a URL's host is (or resolves to) a loopback, private or link-local address."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return host in ("", "localhost")  # unresolvable: it cannot be called at all
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address.is_private or address.is_loopback or address.is_link_local:
            return True
        if address.is_reserved or address.is_multicast or address.is_unspecified:
            return True
    return False


__all__ = ["Checked", "QueryFailed", "QueryService", "Started", "query_hash"]
