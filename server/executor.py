"""Query execution in a pool of separate processes, each with a time limit.

pyoxigraph cannot cancel a running query, so each query runs in a child
process that opens the store read-only; a query that overruns its limit is
stopped by killing its process, which is then replaced. Children come from a
forkserver, so a replacement costs a fork, not an interpreter start, and a
replacement is started in the background as soon as a process is lost, so the
next query does not wait for it. Each process takes the network away from
itself before anything else (`sandbox.deny_network`), unless it fronts a
remote backend. Results travel back over a pipe in chunks, and the parent
streams them on; a result cut short after streaming began ends with an
exception, so the HTTP server drops the connection without the final chunk.

Admission: a query waits at most `wait` seconds for a process, behind at most
`queue` others (429 beyond); one client runs at most `per_client` queries at a
time; the `reserved` processes serve only cheap queries (pages, ASK {}...), so
a flood of slow queries never blocks them. The general processes run at a lower
CPU priority (`GENERAL_NICENESS`), so on a busy machine the reserved ones still
get the processor at once. The time limit counts from the
query's arrival, its wait included, so every query ends within its limit.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection

from bilateral.graph.store import union_dataset

logger = logging.getLogger(__name__)

CHUNK = 65_536
ENGINE_STACK = 256 << 20
WARM_SECONDS = 30.0
GENERAL_NICENESS = 10  # the general lane's engine processes yield the CPU to the reserved ones


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
    backend: str | None = None  # a remote SPARQL endpoint answering instead of `store`
    backend_union: str = "dataset"
    timeout: float = 30.0  # seconds for one HTTP call to the backend
    bindings: tuple[tuple[str, object], ...] = ()  # canned-query values, as pyoxigraph terms


class QueryFailed(Exception):
    """A query that ends with an HTTP error status before any result was sent."""

    def __init__(
        self, status: int, message: str, kind: str | None = None, retry_after: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind
        self.retry_after = retry_after


@dataclass
class Started:
    """A query whose status is settled: its kind, format, first bytes and the rest."""

    kind: str
    format: str
    head: bytes
    rest: Iterator[bytes] = field(repr=False)


class Executor:
    """A bounded pool of query processes shared by the threads of one server process."""

    def __init__(
        self,
        processes: int = 4,
        reserved: int = 1,
        per_client: int = 0,
        queue: int = 32,
        wait: float = 10.0,
        network: bool = False,
    ) -> None:
        self._context = multiprocessing.get_context("forkserver")
        # Imported once in the forkserver, so each engine process starts with them.
        self._context.set_forkserver_preload(["pyoxigraph", "bilateral.server.executor"])
        self._network = network
        self._free = {"general": processes, "reserved": reserved}
        self._per_client = per_client or max(1, processes - 1)
        self._queue = queue
        self._wait = wait
        self._waiting = 0
        self._running: dict[str, int] = {}
        self._turn = threading.Condition()
        self._idle: dict[str, list[_Child]] = {"general": [], "reserved": []}
        self.busy: set[_Child] = set()  # the processes running a query now
        self._last: Job | None = None  # a replacement opens this job's store before serving
        self._lock = threading.Lock()
        self._closed = False
        self._spawn_in_background(processes, "general")
        self._spawn_in_background(reserved, "reserved")

    def start(
        self, job: Job, timeout: float, buffer: int, client: str = "", cheap: bool = False
    ) -> Started:
        """Run `job` until its status is known: it ended, or `buffer` bytes are ready.

        :raises QueryFailed: 429 when the queue is full, 503 on timeout or when no
            process frees up in time, otherwise the status the child reported
            (400 syntax, 406 format, 413 too large, 500 crash...).
        """
        deadline = time.monotonic() + timeout  # the limit counts the wait for a process too
        lane = self._admit(client, cheap, min(timeout, self._wait))
        self._last = job
        try:
            child = self._take(lane)
        except BaseException:
            self._leave(lane, client)
            raise
        try:
            try:
                child.conn.send(job)
            except OSError as exc:
                raise QueryFailed(500, "the query process ended unexpectedly") from exc
            kind, fmt, head, finished = _read_head(child.conn, deadline, buffer, timeout)
        except BaseException:
            self._give_back(child, lane, client, healthy=False)
            raise
        if finished:
            self._give_back(child, lane, client, healthy=True)
            return Started(kind, fmt, head, iter(()))
        return Started(kind, fmt, head, self._rest(child, lane, client, deadline, timeout))

    def close(self) -> None:
        """Stop every idle process; running ones are stopped when their query ends."""
        with self._lock:
            self._closed = True
            idle = [child for lane in self._idle.values() for child in lane]
            self._idle = {lane: [] for lane in self._idle}
        for child in idle:
            child.stop()

    def _admit(self, client: str, cheap: bool, wait: float) -> str:
        """Wait for a free process in the query's lane; the lane taken."""
        lanes = ("reserved", "general") if cheap else ("general",)
        deadline = time.monotonic() + wait
        with self._turn:
            lane = self._free_lane(client, cheap, lanes)
            if lane:
                return lane
            if self._waiting >= self._queue:
                raise QueryFailed(
                    429, f"too many queries waiting ({self._queue}); retry later", retry_after=5
                )
            self._waiting += 1
            try:
                while not (lane := self._free_lane(client, cheap, lanes)):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise QueryFailed(
                            503,
                            f"the server is busy: no query process was free for {wait:g} s",
                            retry_after=5,
                        )
                    self._turn.wait(remaining)
                return lane
            finally:
                self._waiting -= 1

    def _free_lane(self, client: str, cheap: bool, lanes: tuple[str, ...]) -> str | None:
        """Take a process in the first lane with one free (the caller holds the lock)."""
        mine = self._running.get(client, 0)
        free = [lane for lane in lanes if self._free[lane] > 0]
        if not free or not (cheap or mine < self._per_client):
            return None
        self._free[free[0]] -= 1
        self._running[client] = mine + 1
        return free[0]

    def _leave(self, lane: str, client: str) -> None:
        with self._turn:
            self._free[lane] += 1
            self._running[client] -= 1
            if not self._running[client]:
                del self._running[client]
            self._turn.notify_all()

    def _rest(
        self, child: _Child, lane: str, client: str, deadline: float, timeout: float
    ) -> Iterator[bytes]:
        """The chunks after the head; an overrun or a failure raises, a closed client stops."""
        healthy = False
        try:
            while True:
                message = _receive(child.conn, deadline)
                if message is None:
                    raise QueryFailed(503, f"the query ran longer than the limit of {timeout:g} s")
                if message[0] == "chunk":
                    yield message[1]
                elif message[0] == "done":
                    healthy = True
                    return
                else:
                    healthy = True
                    raise QueryFailed(message[1], message[2])
        except QueryFailed as failure:
            logger.warning("result cut short while streaming: %s", failure.message)
            raise
        finally:
            self._give_back(child, lane, client, healthy=healthy)

    def _take(self, lane: str) -> _Child:
        """An idle child of `lane`, or a new one."""
        with self._lock:
            child = self._idle[lane].pop() if self._idle[lane] else None
        child = child or _Child(self._context, self._network, lane)
        with self._lock:
            self.busy.add(child)
        return child

    def _give_back(self, child: _Child, lane: str, client: str, healthy: bool) -> None:
        """Return a child to the pool, or stop it and start its replacement in the background."""
        with self._lock:
            self.busy.discard(child)
            keep = healthy and not self._closed
            if keep:
                self._idle[lane].append(child)
        if not keep:
            threading.Thread(target=child.stop, daemon=True).start()
            if not self._closed:
                self._spawn_in_background(1, lane)
        self._leave(lane, client)

    def _spawn_in_background(self, count: int, lane: str) -> None:
        def spawn() -> None:
            for _ in range(count):
                if self._closed:  # the process is exiting: starting children now only fails
                    return
                try:
                    child = _Child(self._context, self._network, lane)
                except (OSError, RuntimeError, EOFError):
                    logger.exception("could not start a replacement query process")
                    return
                if self._last is not None and not _warm(child, self._last):
                    child.stop()
                    continue
                with self._lock:
                    if self._closed:
                        child.stop()
                        return
                    self._idle[lane].insert(0, child)  # after the warm ones: those are used first

        threading.Thread(target=spawn, daemon=True).start()


def _warm(child: _Child, job: Job) -> bool:
    """Have a new process open the store of `job` (with ASK {}), so its first query is fast."""
    warm = replace(job, query="ASK {}", bindings=(), formats={"boolean": "JSON"})
    try:
        child.conn.send(warm)
        deadline = time.monotonic() + WARM_SECONDS
        while (message := _receive(child.conn, deadline)) is not None:
            if message[0] in ("done", "error"):
                return message[0] == "done"
    except (QueryFailed, OSError):
        pass
    return False


class _Child:
    """One query process and our end of its pipe."""

    def __init__(self, context, network: bool, lane: str) -> None:
        self.conn, theirs = context.Pipe()
        niceness = GENERAL_NICENESS if lane == "general" else 0
        self.process = context.Process(
            target=_serve, args=(theirs, network, niceness), daemon=True
        )
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
    try:
        if remaining <= 0 or not conn.poll(remaining):
            return None
        return conn.recv()
    except (EOFError, OSError) as exc:
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


def _serve(conn: Connection, network: bool, niceness: int) -> None:
    """The child: its CPU priority, no network, then its loop in a thread with a deep stack.

    The engine's parser recurses per nesting level and per operator; with
    256 MB of stack (reserved, touched only when used) what would overflow the
    default 8 MB runs, and the time limit stops it if it is slow.
    """
    os.nice(niceness)
    if not network:
        from bilateral.server.sandbox import deny_network

        deny_network()
    threading.stack_size(ENGINE_STACK)
    loop = threading.Thread(target=_loop, args=(conn,))
    loop.start()
    loop.join()


def _loop(conn: Connection) -> None:
    """Run each job sent, until the parent closes the pipe."""
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

    from bilateral.graph.exchange.remote import RemoteError

    try:
        store = _open(job, stores)
        query = job.query
        if job.bindings:
            substitutions = {ox.Variable(name): term for name, term in job.bindings}
            results = store.query(query, substitutions=substitutions, **_dataset(job))
        else:
            results = store.query(query, **_dataset(job))
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
            conn.send(("error", 413, message))
        else:
            conn.send(("error", 500, f"query evaluation failed: {exc}"))
        return
    conn.send(("done", writer.total))


def _open(job: Job, stores: dict):
    """The job's store: the local build opened read-only once per build, or the backend."""
    import pyoxigraph as ox

    from bilateral.graph.exchange.remote import RemoteStore

    key = (job.backend, job.backend_union) if job.backend else job.store
    if key not in stores:
        stores.clear()
        if job.backend:
            stores[key] = RemoteStore(job.backend, union=job.backend_union, timeout=job.timeout)
        else:
            stores[key] = ox.Store.read_only(job.store)
    return stores[key]


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
