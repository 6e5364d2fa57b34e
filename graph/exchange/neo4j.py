"""The property graph as a Neo4j import folder.

`nodes.csv` and `relationships.csv` use the header layout of
`neo4j-admin database import full` (`:ID`, `:LABEL`, `:START_ID`, `:END_ID`,
`:TYPE`, typed columns such as `startDate:date`); `import.cypher` loads the
same files with LOAD CSV into a running database; `README.md` gives both
commands.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from pathlib import Path

from bilateral.graph.exchange.propertygraph import PropertyGraph

XSD = "http://www.w3.org/2001/XMLSchema#"
NEO4J_TYPES = {
    XSD + "date": "date",
    XSD + "integer": "long",
    XSD + "nonNegativeInteger": "long",
    XSD + "int": "long",
    XSD + "long": "long",
    XSD + "decimal": "double",
    XSD + "double": "double",
    XSD + "float": "double",
}
CYPHER_CASTS = {"date": "date({})", "long": "toInteger({})", "double": "toFloat({})"}
NODE_SKIP = ("iri", "classes")
EDGE_DATES = ("startDate", "endDate")
IMPORT_COMMAND = (
    "neo4j-admin database import full --nodes=import/nodes.csv "
    "--relationships=import/relationships.csv --multiline-fields=true "
    "--overwrite-destination neo4j"
)


def relationship_type(name: str) -> str:
    """A Neo4j relationship type from a property or class name.

    >>> relationship_type("bl:organizedBy")
    'ORGANIZED_BY'
    >>> relationship_type("owl:sameAs")
    'SAME_AS'
    """
    local = name.rsplit(":", 1)[-1]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local).replace("-", "_").upper()


def node_columns(model: PropertyGraph) -> list[tuple[str, str]]:
    """(attribute, header) pairs of nodes.csv after the id and label columns."""
    keys = sorted({k for _, d in model.graph.nodes(data=True) for k in d} - set(NODE_SKIP))
    return [(k, _header(k, NEO4J_TYPES.get(model.datatypes.get(k, ""), ""))) for k in keys]


def edge_columns(model: PropertyGraph) -> list[tuple[str, str]]:
    """(attribute, header) pairs of relationships.csv after the id and type columns."""
    keys = sorted({k for *_, d in model.graph.edges(data=True) for k in d})
    return [(k, _header(k, "date" if k in EDGE_DATES else "")) for k in keys]


def _header(key: str, neo_type: str) -> str:
    return f"{key}:{neo_type}" if neo_type else key


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def files(model: PropertyGraph) -> dict[str, str]:
    """The text of each file of the import folder."""
    graph = model.graph
    ncols, ecols = node_columns(model), edge_columns(model)
    nodes = [["iri:ID", ":LABEL", *(h for _, h in ncols)]]
    for node, data in graph.nodes(data=True):
        labels = ";".join(["Resource", *data["classes"].split(";")])
        nodes.append([node, labels, *(_cell(data.get(k)) for k, _ in ncols)])
    edges = [[":START_ID", ":END_ID", ":TYPE", *(h for _, h in ecols)]]
    for source, target, data in graph.edges(data=True):
        rel = relationship_type(data.get("type") or data["predicate"])
        edges.append([source, target, rel, *(_cell(data.get(k)) for k, _ in ecols)])
    return {
        "nodes.csv": _csv(nodes),
        "relationships.csv": _csv(edges),
        "import.cypher": cypher(model, ncols, ecols),
        "README.md": readme(),
    }


def _assignments(var: str, columns: list[tuple[str, str]]) -> str:
    parts = []
    for key, header in columns:
        neo_type = header.partition(":")[2]
        value = CYPHER_CASTS.get(neo_type, "{}").format(f"row.`{header}`")
        parts.append(f"{var}.`{key}` = {value}")
    return ",\n    ".join(parts)


def cypher(model: PropertyGraph, ncols, ecols) -> str:
    """LOAD CSV statements: nodes, one statement per label and per relationship type."""
    graph = model.graph
    labels = sorted({c for _, d in graph.nodes(data=True) for c in d["classes"].split(";")})
    types = sorted(
        {relationship_type(d.get("type") or d["predicate"]) for *_, d in graph.edges(data=True)}
    )
    out = [
        "// Load with: cypher-shell -f import.cypher, the CSV files in Neo4j's import folder.",
        "CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:Resource) REQUIRE n.iri IS UNIQUE;",
        "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
        "MERGE (n:Resource {iri: row.`iri:ID`})\n"
        f"SET {_assignments('n', ncols)};",
    ]
    for label in labels:
        out.append(
            "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
            f"WITH row WHERE '{label}' IN split(row.`:LABEL`, ';')\n"
            f"MATCH (n:Resource {{iri: row.`iri:ID`}}) SET n:`{label}`;"
        )
    for rel in types:
        out.append(
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
            f"WITH row WHERE row.`:TYPE` = '{rel}'\n"
            "MATCH (a:Resource {iri: row.`:START_ID`}), (b:Resource {iri: row.`:END_ID`})\n"
            f"CREATE (a)-[r:`{rel}`]->(b)\nSET {_assignments('r', ecols)};"
        )
    return "\n\n".join(out) + "\n"


def readme() -> str:
    """How to load the folder, both ways."""
    return (
        "# Bilateral for Neo4j\n\n"
        "Bulk import into an empty database (Neo4j 5, server stopped; copy the CSV files into\n"
        "the `import/` folder of the Neo4j home first):\n\n"
        f"    {IMPORT_COMMAND}\n\n"
        "Into a running database: copy the CSV files into its import folder, then\n\n"
        "    cypher-shell -u neo4j -p PASSWORD -f import.cypher\n"
    )


def write(model: PropertyGraph, out: Path) -> None:
    """Write the import folder at `out`, replacing it whole (never half-written)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    for name, text in files(model).items():
        (tmp / name).write_text(text, encoding="utf-8")
    if out.exists():
        old = out.with_name(f".{out.name}.{os.getpid()}.old")
        os.replace(out, old)
        shutil.rmtree(old)
    os.replace(tmp, out)
