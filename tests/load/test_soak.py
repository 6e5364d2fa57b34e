"""Mixed canned queries under concurrent load: no errors, flat memory (reduced form).

16 clients for 10 s here; the full form, 64 clients for 60 s, is `make soak`
(`python -m bench.soak`). Latency percentiles and memory go to the log.
"""

from __future__ import annotations

import json
import logging
import os

from loopback import free_port

from bench import soak

CLIENTS = int(os.environ.get("BILATERAL_SOAK_CLIENTS", "16"))
SECONDS = float(os.environ.get("BILATERAL_SOAK_SECONDS", "10"))

logger = logging.getLogger(__name__)


def test_soak_has_no_errors_and_flat_memory(built_store, tmp_path):
    port = free_port()
    process = soak.start_server(built_store, port, workers=2, log=tmp_path / "server.log")
    try:
        base = f"http://127.0.0.1:{port}"
        calls = soak.mixed_calls()
        assert len(calls) > 10  # the canned queries are in the mix
        expected = soak.references(base, calls)
        outcome = soak.run_load(base, calls, expected, CLIENTS, SECONDS, process.pid)
    finally:
        process.terminate()
        process.wait(30)
    summary = outcome.summary()
    logger.warning("soak %d clients %g s: %s", CLIENTS, SECONDS, json.dumps(summary))
    assert summary["errors"] == 0, summary["first_errors"]
    assert summary["requests"] > len(calls)
    assert len(outcome.memory) >= 4
    assert soak.memory_is_flat(summary), summary["rss_mb"]


def test_percentile_by_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert soak.percentile(values, 50) == 50.0
    assert soak.percentile(values, 99) == 99.0
    assert soak.percentile([], 50) == 0.0


def test_process_tree_includes_children():
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in soak.process_tree(os.getpid())
        assert soak.rss_mb(child.pid) > 1
    finally:
        child.kill()
        child.wait()
