"""Canned query files: header parsing and parameter declarations."""

from __future__ import annotations

import pytest

from bilateral.graph.queries import QueryFileError, load_query

HEADER = "# title: Events of an actor\n# description: Every event,\n#   by date.\n"


def test_header_and_parameters(tmp_path):
    path = tmp_path / "events-of-an-actor.rq"
    path.write_text(
        HEADER + "# param: ?actor  optional actor IRI\n"
        "SELECT ?actor ?event WHERE { ?event ?p ?actor } ORDER BY ?event\n"
    )
    query = load_query(path)
    assert (query.name, query.title) == ("events-of-an-actor", "Events of an actor")
    assert query.description == "Every event, by date."
    assert [(p.name, p.optional) for p in query.params] == [("actor", True)]


def test_missing_title_names_the_file(tmp_path):
    path = tmp_path / "untitled.rq"
    path.write_text("# description: no title\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryFileError, match=r"untitled\.rq:1: .*'# title:'"):
        load_query(path)


def test_parameter_must_be_projected(tmp_path):
    path = tmp_path / "unprojected.rq"
    path.write_text(
        HEADER + "# param: ?actor  optional actor IRI\nSELECT ?event WHERE { ?event ?p ?actor }\n"
    )
    with pytest.raises(QueryFileError, match=r"\?actor is not in the SELECT projection"):
        load_query(path)
