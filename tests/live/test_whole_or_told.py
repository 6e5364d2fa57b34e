"""A result is whole or the client is told: real clients against the real server.

Before the status is sent, the time limit is a 503 and the size limit a 413.
After streaming began, the server cuts the connection without the final
chunk: SPARQLWrapper raises and curl exits with an error, never a short 200.
"""

from __future__ import annotations

import gc
import subprocess
import urllib.error

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError

pytestmark = pytest.mark.live

EVERYTHING = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Small enough to pass the buffer (sent before the status is settled), then far over it.
SETTINGS = {"QUERY_TIMEOUT": "2", "STREAM_BUFFER": "4096"}


@pytest.fixture(scope="module")
def timed(live_server, built_store):
    return live_server(built_store, workers=1, **SETTINGS) + "/sparql"


@pytest.fixture(scope="module")
def sized(live_server, built_store):
    return live_server(built_store, workers=1, MAX_RESULT_BYTES="200000", STREAM_BUFFER="4096")


def curl(url: str, query: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--data-urlencode"]
        + [f"query={query}", "-H", "Accept: application/sparql-results+json", url],
        capture_output=True,
        text=True,
        timeout=120,
    )


def sparqlwrapper(url: str, query: str):
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    client.setMethod("POST")
    return client.query().convert()


def test_time_limit_before_the_status_is_503(timed):
    done = curl(timed, COUNT)
    assert done.stdout == "503"
    with pytest.raises(urllib.error.HTTPError) as failure:
        sparqlwrapper(timed, COUNT)
    assert failure.value.code == 503
    failure.value.close()  # the error holds the connection


# SPARQLWrapper leaves the cut connection to the garbage collector: collected here, so
# its ResourceWarning is this test's and not the next one's.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_time_limit_while_streaming_cuts_the_connection(timed):
    done = curl(timed, EVERYTHING)
    assert done.stdout == "200"
    assert done.returncode in (18, 56), done  # partial transfer / receive failure
    with pytest.raises(Exception) as failure:  # noqa: PT011 (http.client or JSON: both say cut)
        sparqlwrapper(timed, EVERYTHING)
    assert not isinstance(failure.value, EndPointInternalError)
    del failure
    gc.collect()


def test_size_limit_before_the_status_is_413(live_server, built_store):
    url = live_server(built_store, workers=1, MAX_RESULT_BYTES="1000") + "/sparql"
    assert curl(url, "SELECT * WHERE { ?s ?p ?o }").stdout == "413"


def test_size_limit_while_streaming_cuts_the_connection(sized):
    done = curl(sized + "/sparql", "SELECT * WHERE { ?s ?p ?o }")
    assert done.stdout == "200"
    assert done.returncode in (18, 56), done
