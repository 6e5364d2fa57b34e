"""Query parameters and results rendered for people and scripts (the CLI)."""

from __future__ import annotations

import io
import re

import pyoxigraph as ox

from bilateral.graph import formats
from bilateral.graph.namespaces import PREFIXES

RESULTS = tuple(m for m in formats.RESULTS if m.names)
GRAPHS = formats.TRIPLES
# What `bilateral query --format` offers: a table for people, then the standard formats.
CHOICES = ("table", *formats.names(RESULTS), *formats.names(GRAPHS))
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
XSD = "http://www.w3.org/2001/XMLSchema#"


def parse_term(text: str) -> ox.NamedNode | ox.Literal:
    """The RDF term a parameter value stands for.

    `<iri>` and `prefix:local` (known prefixes) are IRIs; ISO dates, integers
    and decimals are typed literals; anything else is a plain string.

    >>> parse_term("blr:Vladimir_Putin")
    <NamedNode value=https://w3id.org/bilateral/resource/Vladimir_Putin>
    >>> parse_term("2014-05-20").datatype.value
    'http://www.w3.org/2001/XMLSchema#date'
    >>> parse_term("Shanghai").value
    'Shanghai'
    """
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return ox.NamedNode(PREFIXES[prefix] + local)
    for pattern, datatype in ((_DATE, "date"), (_INTEGER, "integer"), (_DECIMAL, "decimal")):
        if pattern.match(text):
            return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))
    return ox.Literal(text)


def compact(term) -> str:
    """A short form of a term for people: prefixed names, bare literal values.

    >>> compact(ox.NamedNode("https://w3id.org/bilateral/ontology#Visit"))
    'bl:Visit'
    >>> compact(ox.Literal("7000", datatype=ox.NamedNode(XSD + "integer")))
    '7000'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            local = term.value[len(base) :]
            if term.value.startswith(base) and re.fullmatch(r"[\w\-.]*", local):
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def table(results: ox.QuerySolutions) -> str:
    """An aligned text table of SELECT results, with a row count."""
    names = [v.value for v in results.variables]
    rows = [[compact(solution[name]) for name in names] for solution in results]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def serialize(results, fmt: str) -> str:
    """Results as table, json, csv, tsv, xml (SELECT/ASK) or turtle, ntriples (graphs).

    :raises ValueError: when the format does not fit the query form.
    """
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            return "true" if bool(results) else "false"
        return _serialize_results(results, fmt)
    if isinstance(results, ox.QuerySolutions):
        return table(results) if fmt == "table" else _serialize_results(results, fmt)
    if fmt in ("table", "turtle"):
        return ox.serialize(results, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode()
    media = formats.by_name(GRAPHS, fmt)
    if media is not None:
        return ox.serialize(results, format=media.rdf).decode()
    raise ValueError(
        f"format {fmt!r} does not apply to CONSTRUCT/DESCRIBE results;"
        f" use {' or '.join(formats.names(GRAPHS))}"
    )


def _serialize_results(results, fmt: str) -> str:
    media = formats.by_name(RESULTS, fmt)
    if media is None:
        raise ValueError(
            f"format {fmt!r} does not apply to SELECT/ASK results;"
            f" use table, {', '.join(formats.names(RESULTS))}"
        )
    buffer = io.BytesIO()
    results.serialize(buffer, media.results)
    return buffer.getvalue().decode()
