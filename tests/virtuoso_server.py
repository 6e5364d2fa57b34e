"""A real Virtuoso Open Source server on 127.0.0.1 for tests, in its own folder and virtuoso.ini.

Debian's `virtuoso-opensource` package provides `virtuoso-t` and `isql-vt`; the
system service is never used. Without them the tests skip with the reason,
unless BILATERAL_REQUIRE_VIRTUOSO=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from loopback import free_port, stop, wait_until_responds

SERVER, ISQL = "virtuoso-t", "isql-vt"
# The user that pushes: Virtuoso's Graph Store endpoint with auth wants HTTP Digest
# and the SPARQL_UPDATE role.
PUSHER = ("bilateral", "push-secret")
DBA = ("dba", "dba")  # a new database's administrator; the server listens on loopback only
INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dumps}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running server: its HTTP base URL and its SQL (isql) address."""

    base: str
    sql: str

    def isql(self, *statements: str) -> str:
        """Run SQL statements as the administrator; their output."""
        script = "".join(s.rstrip(";") + ";\n" for s in statements)
        done = subprocess.run(
            [ISQL, self.sql, *DBA, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT"],
            input=script,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0 or "*** Error" in done.stdout:
            pytest.fail(f"isql: {done.stdout}{done.stderr}")
        return done.stdout


def require() -> None:
    """Skip (or fail under BILATERAL_REQUIRE_VIRTUOSO=1) when Virtuoso is not installed."""
    missing = [name for name in (SERVER, ISQL) if shutil.which(name) is None]
    if not missing:
        return
    reason = f"no {', '.join(missing)}: apt-get install virtuoso-opensource"
    if os.environ.get("BILATERAL_REQUIRE_VIRTUOSO") == "1":
        pytest.fail(f"BILATERAL_REQUIRE_VIRTUOSO=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@contextmanager
def virtuoso(folder: Path, dumps: Path | None = None) -> Iterator[Virtuoso]:
    """Start `virtuoso-t` with a new database in `folder`, a pushing user made; yield it.

    `dumps`: a folder the bulk loader may read (Virtuoso's DirsAllowed).
    """
    require()
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        INI.format(dir=folder, dumps=dumps or folder, sql_port=sql_port, http_port=http_port),
        encoding="utf-8",
    )
    log_path = folder / "console.log"
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [SERVER, "+configfile", str(ini), "+foreground"],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Virtuoso(f"http://127.0.0.1:{http_port}", f"127.0.0.1:{sql_port}")
    try:
        wait_until_responds(server.base + "/sparql?query=ASK%7B%7D", process, log_path)
        user, password = PUSHER
        server.isql(
            f"DB.DBA.USER_CREATE('{user}', '{password}')", f'GRANT SPARQL_UPDATE TO "{user}"'
        )
        yield server
    finally:
        stop(process)
