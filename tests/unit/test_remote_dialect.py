"""The store dialects `RemoteStore` reads: Accept by query form, Virtuoso's ASK table."""

from __future__ import annotations

import pytest

from bilateral.graph.exchange.remote import GRAPH_ACCEPT, RESULTS_ACCEPT, accept_for, parse_reply

JSON = "application/sparql-results+json"


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", RESULTS_ACCEPT),
        ("ASK { ?s ?p ?o }", RESULTS_ACCEPT),
        ("PREFIX c: <http://e/construct#> # DESCRIBE\nSELECT ?c {}", RESULTS_ACCEPT),
        ("PREFIX ex: <http://e/>\n# a comment\n construct WHERE { ?s ?p ?o }", GRAPH_ACCEPT),
        ("BASE <http://e/> DESCRIBE <x>", GRAPH_ACCEPT),
    ],
)
def test_accept_names_only_what_the_query_form_yields(query, accept):
    assert accept_for(query) == accept


@pytest.mark.parametrize(("cell", "answer"), [("1", True), ("0", False)])
def test_virtuoso_ask_table_is_a_boolean(cell, answer):
    body = (
        '{"head":{"vars":["__ASK_RETVAL"]},"results":{"bindings":[{"__ASK_RETVAL":'
        '{"type":"typed-literal","datatype":"http://www.w3.org/2001/XMLSchema#integer",'
        f'"value":"{cell}"}}}}]}}}}'
    ).encode()
    assert bool(parse_reply(body, JSON)) is answer


def test_other_tables_stay_tables():
    body = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}'
    rows = list(parse_reply(body, JSON))
    assert [row["n"].value for row in rows] == ["1"]
