"""Hand the build's N-Quads dump to a store's own bulk loader, then compare counts.

For graphs of millions of triples, one HTTP PUT per graph is not how a store
is loaded: each has a loader that reads a file in parallel, without a request
body or a transaction log to fill. `bilateral push --bulk LOADER`:

- `oxigraph`: the target is a local Oxigraph database folder (not being
  served: RocksDB allows one writer). Our graphs are dropped with `oxigraph
  update`, the dump loaded with `oxigraph load`, counted with `oxigraph query`.
- `virtuoso`: the target is the server's SQL address (`HOST:PORT`, isql's
  port, 1111 by default) and the user an administrator. Through `isql`: our
  graphs are cleared, the dump registered with `ld_dir` and loaded with
  `rdf_loader_run`, then `checkpoint`. The server reads the file itself, so
  the dumps folder must be on its machine and listed in `DirsAllowed` of its
  virtuoso.ini. Counts are asked of its SPARQL endpoint (`--query-endpoint`).

Both loaders add quads to a set, so loading twice changes nothing; the drop
first removes what a previous build had and this one has not.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from bilateral.graph.exchange.push import COUNT_QUERY, Credentials, PushError, remote_count
from bilateral.graph.namespaces import GRAPHS
from bilateral.graph.store import StoreError, build_dir, read_manifest

LOADERS = ("oxigraph", "virtuoso")
DUMP = Path("dumps") / "dataset.nq"


def dump_of(store: Path) -> Path:
    """The N-Quads dump of the current build of `store`, as an absolute path.

    :raises PushError: when the build has no such dump.
    """
    dump = (build_dir(store) / DUMP).resolve()
    if not dump.is_file():
        raise PushError(f"{dump}: no N-Quads dump in this build; run `bilateral build`")
    return dump


def tool(name: str) -> str:
    """A command-line tool, beside our Python first (a virtualenv's), then on PATH.

    :raises PushError: when it is nowhere.
    """
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise PushError(f"`{name}` not found: the bulk loader needs it installed")
    return found


def run(command: list[str], script: str | None = None, timeout: float = 3600) -> str:
    """Run a loader command; its standard output.

    :raises PushError: when it fails (isql reports errors on standard output).
    """
    try:
        done = subprocess.run(
            command, input=script, capture_output=True, text=True, timeout=timeout
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PushError(f"{command[0]}: {exc}") from exc
    if done.returncode != 0 or "*** Error" in done.stdout:
        detail = (done.stdout + done.stderr).strip()[-800:]
        raise PushError(f"{Path(command[0]).name} {command[1]} failed: {detail}")
    return done.stdout


def oxigraph_load(dump: Path, location: str, graphs: list[str]) -> dict[str, int]:
    """Replace our graphs of a local Oxigraph database by the dump's; their counts there."""
    binary = tool("oxigraph")
    drops = " ; ".join(f"DROP SILENT GRAPH <{iri}>" for iri in graphs)
    run([binary, "update", "--location", location, "--update", drops])
    run([binary, "load", "--location", location, "--file", str(dump)])
    counts = {}
    for iri in graphs:
        reply = run(
            [binary, "query", "--location", location, "--query", COUNT_QUERY % iri]
            + ["--results-format", "json"]
        )
        answer = io.BytesIO(reply.encode())
        results = ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON)
        counts[iri] = int(next(iter(results))["n"].value)
    return counts


def virtuoso_script(dump: Path, graphs: list[str]) -> str:
    """The isql script that replaces our graphs by the dump's with Virtuoso's bulk loader.

    `log_enable(3, 1)` keeps the clearing out of the transaction log (autocommit
    per row); the load list entry is removed first, or `ld_dir` would skip a file
    it has already loaded.
    """
    folder, name = str(dump.parent), dump.name
    lines = ["log_enable(3, 1)"]
    lines += [f"SPARQL CLEAR SILENT GRAPH <{iri}>" for iri in graphs]
    lines += [
        f"DELETE FROM DB.DBA.load_list WHERE ll_file = '{folder}/{name}'",
        f"ld_dir('{folder}', '{name}', '{graphs[0]}')",
        "rdf_loader_run()",
        "checkpoint",
        f"SELECT ll_error FROM DB.DBA.load_list WHERE ll_file = '{folder}/{name}'"
        " AND ll_error IS NOT NULL",
    ]
    return "".join(line + ";\n" for line in lines)


def virtuoso_load(
    dump: Path, address: str, graphs: list[str], auth: Credentials, query_endpoint: str
) -> dict[str, int]:
    """Load the dump with Virtuoso's ld_dir/rdf_loader_run; our graphs' counts at the endpoint."""
    if "'" in str(dump):
        raise PushError(f"{dump}: a quote in the path cannot be given to ld_dir")
    if auth.user is None:
        raise PushError("the Virtuoso bulk loader needs --user and --password (an administrator)")
    command = [tool("isql-vt") if shutil.which("isql-vt") else tool("isql"), address]
    command += [auth.user, auth.password or "", "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF"]
    command += ["ERRORS=STDOUT"]
    output = run(command, virtuoso_script(dump, graphs))
    if output.strip():  # the rows of ll_error: the loader's own failures
        raise PushError(f"Virtuoso's loader reported: {output.strip()[-800:]}")
    return {iri: remote_count(query_endpoint, iri, Credentials(), 300) for iri in graphs}


def bulk_push(
    store: Path,
    loader: str,
    to: str,
    *,
    query_endpoint: str | None = None,
    auth: Credentials | None = None,
) -> dict[str, tuple[int, int]]:
    """Load the current build's dump with `loader` into `to`: {graph: (local, remote count)}.

    :raises StoreError: when there is no build at `store`.
    :raises PushError: when the loader or the target fails.
    :raises ValueError: for an unknown loader or a missing query endpoint.
    """
    local = (read_manifest(store) or {}).get("counts")
    if not local:
        raise StoreError(f"{store}: no built store here; run `bilateral build` first")
    dump = dump_of(store)
    names = {str(GRAPHS[name]): name for name in local if name in GRAPHS}
    graphs = list(names)
    if loader == "oxigraph":
        found = oxigraph_load(dump, to, graphs)
    elif loader == "virtuoso":
        if not query_endpoint:
            raise ValueError("--bulk virtuoso needs --query-endpoint (http://HOST:8890/sparql)")
        found = virtuoso_load(dump, to, graphs, auth or Credentials(), query_endpoint)
    else:
        raise ValueError(f"bulk loader {loader!r}: choose one of {', '.join(LOADERS)}")
    return {names[iri]: (local[names[iri]], found[iri]) for iri in graphs}
