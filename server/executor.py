"""Query execution in a pool of separate processes, each with a time limit.

pyoxigraph cannot cancel a running query, so each query runs in a child
process that opens the store read-only; a query that overruns its limit is
stopped by killing its process, which is then replaced. Children come from a
forkserver, so a replacement costs a fork, not an interpreter start. Results
travel back over a pipe in chunks, and the parent streams them on.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from bilateral.graph.federation import FederationConfig
from bilateral.graph.store import union_dataset

logger = logging.getLogger(__name__)

CHUNK = 65_536


@dataclass(frozen=True)
class Job:
    """One query to run: the text, the dataset and the formats acceptable per result kind."""

    query: str
    store: str
    formats: dict[str, str | None]
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_bytes: int = 0
    base_iri: str | None = None
    union: bool = True
    services: FederationConfig | None = None  # SERVICE allowlist and map; None: no SERVICE
    backend: str | None = None  # a remote SPARQL endpoint answering instead of `store`
    backend_union: str = "dataset"
    timeout: float = 30.0  # seconds for one HTTP call to the backend
    bindings: tuple[tuple[str, object], ...] = ()  # canned-query values, as pyoxigraph terms


class QueryFailed(Exception):
    """A query that ends with an HTTP error status before any result was sent."""

    def __init__(self, status: int, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind


@dataclass
class Started:
    """A query whose status is settled: its kind, format, first bytes and the rest."""

    kind: str
    format: str
    head: bytes
    rest: Iterator[bytes] = field(repr=False)


class Executor:
    """A bounded pool of query processes shared by the threads of one server process."""

    def __init__(self, processes: int = 4) -> None:
        self._context = multiprocessing.get_context("forkserver")
        self._slots = threading.BoundedSemaphore(processes)
        self._idle: list[_Child] = []
        self._lock = threading.Lock()
        self._closed = False

    def start(self, job: Job, timeout: float, buffer: int) -> Started:
        """Run `job` until its status is known: it ended, or `buffer` bytes are ready.

        :raises QueryFailed: 503 on timeout or when no process frees up in time,
            otherwise the status the child reported (400 syntax, 406 format...).
        """
        deadline = time.monotonic() + timeout
        if not self._slots.acquire(timeout=timeout):
            raise QueryFailed(
                503, f"the server is busy: no query process was free for {timeout:g} s"
            )
        child = self._take()
        try:
            child.conn.send(job)
            kind, fmt, head, finished = _read_head(child.conn, deadline, buffer, timeout)
        except BaseException:
            self._give_back(child, healthy=False)
            raise
        if finished:
            self._give_back(child, healthy=True)
            return Started(kind, fmt, head, iter(()))
        return Started(kind, fmt, head, self._rest(child, deadline, timeout))

    def close(self) -> None:
        """Stop every idle process; running ones are stopped when their query ends."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for child in idle:
            child.stop()

    def _rest(self, child: _Child, deadline: float, timeout: float) -> Iterator[bytes]:
        """The chunks after the head; an overrun or a closed client stops the child."""
        healthy = False
        try:
            while True:
                message = _receive(child.conn, deadline)
                if message is None:
                    logger.warning("query stopped after %g s while streaming", timeout)
                    return
                if message[0] == "chunk":
                    yield message[1]
                elif message[0] == "done":
                    healthy = True
                    return
                else:
                    logger.warning("query failed while streaming: %s", message[-1])
                    healthy = True
                    return
        finally:
            self._give_back(child, healthy=healthy)

    def _take(self) -> _Child:
        """An idle child, or a new one."""
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return _Child(self._context)

    def _give_back(self, child: _Child, healthy: bool) -> None:
        """Return a child to the pool, or stop it when its state is unknown."""
        with self._lock:
            keep = healthy and not self._closed
            if keep:
                self._idle.append(child)
        if not keep:
            child.stop()
        self._slots.release()


class _Child:
    """One query process and our end of its pipe."""

    def __init__(self, context) -> None:
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True)
        self.process.start()
        theirs.close()

    def stop(self) -> None:
        """Kill the process (it may be inside a query) and reap it."""
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def _receive(conn: Connection, deadline: float):
    """The next message from a child, or None when the deadline passes first."""
    remaining = deadline - time.monotonic()
    if remaining <= 0 or not conn.poll(remaining):
        return None
    try:
        return conn.recv()
    except EOFError as exc:
        raise QueryFailed(500, "the query process ended unexpectedly") from exc


def _read_head(conn: Connection, deadline: float, buffer: int, timeout: float):
    """Read messages until the status is settled; returns (kind, format, head, finished)."""
    kind = fmt = None
    head: list[bytes] = []
    size = 0
    while True:
        message = _receive(conn, deadline)
        if message is None:
            raise QueryFailed(503, f"the query ran longer than the limit of {timeout:g} s")
        tag = message[0]
        if tag == "kind":
            kind, fmt = message[1], message[2]
        elif tag == "chunk":
            head.append(message[1])
            size += len(message[1])
            if size >= buffer:
                return kind, fmt, b"".join(head), False
        elif tag == "done":
            return kind, fmt, b"".join(head), True
        else:
            raise QueryFailed(message[1], message[2], kind=message[3] if len(message) > 3 else None)


# --- In the child process ---


class _TooLarge(Exception):
    """The serialized result passed the byte limit."""


class _ChunkWriter:
    """A binary file object that sends what pyoxigraph writes as pipe chunks."""

    def __init__(self, conn: Connection, limit: int) -> None:
        self.conn = conn
        self.limit = limit
        self.buffer = bytearray()
        self.total = 0
        self.too_large = False

    def write(self, data: bytes) -> int:
        self.total += len(data)
        if self.limit and self.total > self.limit:
            self.too_large = True
            raise _TooLarge()
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.conn.send(("chunk", bytes(self.buffer)))
            self.buffer.clear()


def _serve(conn: Connection) -> None:
    """The child's loop: run each job sent, until the parent closes the pipe."""
    stores: dict = {}
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            _execute(conn, job, stores)
        except (BrokenPipeError, ConnectionResetError):
            return


def _execute(conn: Connection, job: Job, stores: dict) -> None:
    """Run one job, sending its kind, its chunks and the end (or an error)."""
    import pyoxigraph as ox

    from bilateral.graph.remote import RemoteError
    from bilateral.server.services import ServiceFailure

    try:
        store = _open(job, stores)
        query = _federated(store, job)
        if job.bindings:
            substitutions = {ox.Variable(name): term for name, term in job.bindings}
            results = store.query(query, substitutions=substitutions, **_dataset(job))
        else:
            results = store.query(query, **_dataset(job))
    except ServiceFailure as exc:
        conn.send(("error", exc.status, exc.message))
        return
    except SyntaxError as exc:
        conn.send(("error", 400, f"malformed query: {exc}"))
        return
    except RemoteError as exc:
        conn.send(("error", 502, f"the backend store failed: {exc}"))
        return
    except (OSError, RuntimeError, ValueError) as exc:
        conn.send(("error", 500, f"query evaluation failed: {exc}"))
        return
    kind = {ox.QuerySolutions: "solutions", ox.QueryBoolean: "boolean"}.get(
        type(results), "triples"
    )
    fmt = job.formats.get(kind)
    if fmt is None:
        conn.send(("error", 406, f"no acceptable media type for a {kind} result", kind))
        return
    conn.send(("kind", kind, fmt))
    writer = _ChunkWriter(conn, job.max_bytes)
    table = ox.RdfFormat if kind == "triples" else ox.QueryResultsFormat
    try:
        results.serialize(writer, format=getattr(table, fmt))
        writer.flush()
    except (OSError, RuntimeError, ValueError, _TooLarge) as exc:
        if writer.too_large:
            message = f"the result is larger than {job.max_bytes} bytes; add a LIMIT"
            conn.send(("error", 400, message))
        else:
            conn.send(("error", 500, f"query evaluation failed: {exc}"))
        return
    conn.send(("done", writer.total))


def _open(job: Job, stores: dict):
    """The job's store: the local build opened read-only once per build, or the backend."""
    import pyoxigraph as ox

    from bilateral.graph.remote import RemoteStore

    key = (job.backend, job.backend_union) if job.backend else job.store
    if key not in stores:
        stores.clear()
        if job.backend:
            stores[key] = RemoteStore(job.backend, union=job.backend_union, timeout=job.timeout)
        else:
            stores[key] = ox.Store.read_only(job.store)
    return stores[key]


def _federated(store, job: Job) -> str:
    """The job's query with its SERVICE blocks evaluated over the job's dataset."""
    if job.services is None:
        return job.query
    from bilateral.server.services import resolve

    return resolve(store, job.query, job.services, dict(job.bindings), dataset=_dataset(job))


def _dataset(job: Job) -> dict:
    """Keyword arguments of Store.query for the protocol's dataset parameters."""
    import pyoxigraph as ox

    if not job.default_graphs and not job.named_graphs:
        # The union default graph, unless the query names its own (FROM).
        return {**(union_dataset() if job.union else {}), "base_iri": job.base_iri}
    # The protocol's dataset replaces the query's: graphs not listed are absent.
    return {
        "default_graph": [ox.NamedNode(iri) for iri in job.default_graphs],
        "named_graphs": [ox.NamedNode(iri) for iri in job.named_graphs],
        "base_iri": job.base_iri,
    }
