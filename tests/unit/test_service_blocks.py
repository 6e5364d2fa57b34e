"""Finding SERVICE blocks in query text, and the federation settings."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from bilateral.graph.exchange.federation import (
    WIKIDATA,
    FederationConfig,
    ServiceError,
    find_services,
    prologue,
    values_block,
    where_clause,
)

QUERY = '''PREFIX wdt: <http://www.wikidata.org/prop/direct/>
# a comment with SERVICE <http://evil/> { }
SELECT * WHERE {
  ?s <http://example.org/p#x> "SERVICE <http://evil/> { }" .
  SERVICE SILENT <https://query.wikidata.org/sparql> {
    ?s wdt:P31 ?c . FILTER(?c != "}")
    { ?c ?p ?o }
  }
  service <http://other/sparql> { ?a ?b ?c }
}'''


def test_find_services_skips_strings_comments_and_iris():
    blocks = find_services(QUERY)
    assert [(b.iri, b.silent) for b in blocks] == [
        (WIKIDATA, True),
        ("http://other/sparql", False),
    ]
    assert blocks[0].body.strip().startswith("?s wdt:P31 ?c")
    assert blocks[0].body.strip().endswith("{ ?c ?p ?o }")
    assert QUERY[blocks[1].start : blocks[1].end] == "service <http://other/sparql> { ?a ?b ?c }"


def test_variable_endpoint_is_refused():
    with pytest.raises(ServiceError, match="variable endpoint"):
        find_services("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }")


def test_prologue_and_where_clause():
    assert prologue(QUERY).startswith("PREFIX wdt:") and "SELECT" not in prologue(QUERY)
    start, end = where_clause(QUERY)
    assert QUERY[start:end].strip().startswith("?s <http://example.org/p#x>")
    assert QUERY[end] == "}" and end == len(QUERY) - 1


def test_settings_allowlist_and_map():
    config = FederationConfig.from_settings(
        "https://a.example/sparql, https://b.example/sparql",
        "https://a.example/sparql=http://127.0.0.1:1/query?x=1",
    )
    assert config.endpoint("https://a.example/sparql") == "http://127.0.0.1:1/query?x=1"
    assert config.endpoint("https://b.example/sparql") == "https://b.example/sparql"
    with pytest.raises(ServiceError, match="not allowed"):
        config.endpoint(WIKIDATA)
    with pytest.raises(ServiceError, match="IRI=URL"):
        FederationConfig.from_settings(None, "no-equals-sign")
    assert FederationConfig.from_settings(None, None).allowlist == {WIKIDATA}
    assert FederationConfig.from_settings("", None).allowlist == set()


def test_values_block_escapes_literals():
    text = values_block(["q"], [[ox.Literal('say "hi"\n', language="en")]])
    assert text == 'VALUES (?q) {\n("say \\"hi\\"\\n"@en)\n}'
    parsed = ox.Store().query("SELECT ?q { " + text + " }")
    assert [s["q"].value for s in parsed] == ['say "hi"\n']
