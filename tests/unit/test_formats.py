"""The one format table agrees with pyoxigraph and resolves every name to one entry."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MIMEAccept

from bilateral.graph import formats


@pytest.mark.parametrize("media", formats.NAMED, ids=lambda m: m.names[0])
def test_named_formats_carry_pyoxigraphs_media_type(media):
    native = media.rdf if media in formats.GRAPHS else media.results
    assert native.media_type.split(";")[0] == media.mimetype


@pytest.mark.parametrize("media", formats.NAMED, ids=lambda m: m.names[0])
def test_every_dump_extension_finds_its_format(media):
    if media in formats.GRAPHS:
        assert formats.by_extension(f"dataset.{media.extension}") is media


def test_q_values_decide_and_format_overrides_accept():
    accept = MIMEAccept([("text/turtle", 0.2), ("application/n-triples", 0.9)])
    assert formats.negotiate(formats.GRAPHS, accept).oxigraph == "N_TRIPLES"
    assert formats.negotiate(formats.GRAPHS, accept, "ttl").oxigraph == "TURTLE"
    assert formats.negotiate(formats.RESULTS, MIMEAccept([("image/png", 1)])) is None


def test_text_formats_name_one_charset():
    turtle = formats.by_name(formats.GRAPHS, "turtle")
    assert formats.content_type(turtle) == "text/turtle; charset=utf-8"
