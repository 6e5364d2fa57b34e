"""The server restarted under load loses no request it acknowledged (issue 6, faults).

Eight clients load the server; granian's main process gets SIGHUP (workers
replaced gracefully), later SIGTERM (drain, then exit). Every response a
client received must be the right one; requests refused once the server is
gone were never acknowledged and are only counted.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from loopback import free_port

from bench import soak

logger = logging.getLogger(__name__)


def test_restarts_under_load_answer_every_acknowledged_request(built_store, tmp_path):
    port = free_port()
    process = soak.start_server(built_store, port, workers=2, log=tmp_path / "server.log")
    base = f"http://127.0.0.1:{port}"
    calls = soak.mixed_calls()
    expected = soak.references(base, calls)
    result: dict = {}

    def load() -> None:
        stop = lambda: process.poll() is not None  # noqa: E731
        result["outcome"] = soak.run_load(base, calls, expected, 8, 30, stop=stop)

    loader = threading.Thread(target=load)
    loader.start()
    try:
        time.sleep(2)
        process.send_signal(signal.SIGHUP)
        time.sleep(4)
        before_term = len(result.get("outcome", soak.Outcome()).latencies)
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        loader.join()
    outcome = result["outcome"]
    summary = outcome.summary()
    logger.warning("restart under load: %s", summary)
    assert outcome.errors == []  # every answer received was complete and right
    assert summary["requests"] > 100 + before_term
    log = (tmp_path / "server.log").read_text()
    assert "hup signal received" in log.lower(), log[-2000:]
