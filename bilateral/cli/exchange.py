"""The `bilateral` commands that move the built graph out: export, push, coverage."""

from __future__ import annotations

from pathlib import Path

import click

from bilateral.cli.options import project_option, store_option
from bilateral.graph.errors import InputError
from bilateral.graph.store import StoreError, open_store


@click.command()
@project_option
@store_option
@click.option(
    "--format",
    "fmt",
    required=True,
    help="turtle ntriples rdfxml (triples: the default graph, the union of the named graphs "
    "but explanations); nquads trig jsonld (the named graphs kept); graphml gexf neo4j "
    "(property graphs; neo4j: a folder of CSV files); events (CSV, one row per directed "
    "actor pair of an event, with CAMEO codes).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="File (or folder, for neo4j) to write.",
)
@click.option(
    "--graph",
    "graph_name",
    type=click.Choice(["ontology", "data", "inferred", "links", "explanations"]),
    help="Export one named graph only (RDF formats); `--graph ontology --format rdfxml` "
    "gives the ontology for Protégé.",
)
@click.option(
    "--passages",
    is_flag=True,
    help="Property graphs: include the evidence passages as nodes.",
)
@click.option(
    "--events-as",
    type=click.Choice(["nodes", "edges"]),
    default="nodes",
    show_default=True,
    help="Property graphs: events as nodes, or as edges between each pair of participants.",
)
def export(
    project: Path,
    store: Path,
    fmt: str,
    out: Path,
    graph_name: str | None,
    passages: bool,
    events_as: str,
) -> None:
    """Export the dataset for other RDF tools, Protégé, Gephi, Cytoscape or Neo4j."""
    from bilateral.graph.exchange.export import FORMATS
    from bilateral.graph.exchange.export import export as run_export
    from bilateral.graph.jsonld import read_context

    if fmt not in FORMATS:
        raise click.UsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    context_file = project / "ontology" / "context.jsonld"
    context = read_context(context_file) if context_file.is_file() else None
    try:
        run_export(
            open_store(store),
            fmt,
            out,
            graph=graph_name,
            context=context,
            passages=passages,
            events_as=events_as,
        )
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{fmt} -> {out}", err=True)


@click.command()
@project_option
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output: a text listing for people, or JSON.",
)
@click.option("--uncited", is_flag=True, help="List only the fact-bearing sentences not cited.")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Exit 1 when fewer than PCT percent of the mentions (dates, numbers, ordinals, names) "
    "are resolved to a graph term.",
)
def coverage(project: Path, store: Path, fmt: str, uncited: bool, fail_under: float | None) -> None:
    """List the article's sentences and mentions, and the graph terms that cite or resolve them."""
    from bilateral.graph import coverage as covering
    from bilateral.graph.build import Sources
    from bilateral.graph.recognise import load_review
    from bilateral.graph.seeds import load_seeds

    try:
        seeds = load_seeds(project / "seeds")
        texts = {seed.path.name: seed.text for seed in seeds}
        reviewed = load_review(Sources(project).reviewed_mentions, texts)
        reports = covering.seed_coverage(open_store(store), seeds, reviewed)
    except (StoreError, InputError) as exc:
        raise click.ClickException(str(exc)) from None
    render = covering.to_json if fmt == "json" else covering.to_table
    click.echo(render(reports, uncited=uncited))
    lowest = min((r.totals()["mentions"]["all"]["percent"] for r in reports), default=100.0)
    if fail_under is not None and lowest < fail_under:
        raise click.ClickException(f"{lowest}% of the mentions resolved, under {fail_under}%")


@click.command()
@store_option
@click.option(
    "--to",
    "to",
    required=True,
    metavar="URL",
    help="Graph Store HTTP Protocol endpoint of the target store (e.g. http://HOST:7878/store); "
    "with --bulk: the Oxigraph database folder, or Virtuoso's SQL address (HOST:1111).",
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="Its SPARQL query endpoint, for the count check [default: guessed from --to: "
    "/store -> /query, /data -> /sparql, ...].",
)
@click.option(
    "--user",
    envvar="BILATERAL_PUSH_USER",
    show_envvar=True,
    help="HTTP Basic user (Digest with --digest; the database user with --bulk virtuoso).",
)
@click.option(
    "--password", envvar="BILATERAL_PUSH_PASSWORD", show_envvar=True, help="Its password."
)
@click.option("--token", envvar="BILATERAL_PUSH_TOKEN", show_envvar=True, help="HTTP Bearer token.")
@click.option(
    "--digest", is_flag=True, help="Answer the store's HTTP Digest challenge (Virtuoso) instead."
)
@click.option(
    "--bulk",
    type=click.Choice(["oxigraph", "virtuoso"]),
    help="Hand the build's N-Quads dump to this store's own bulk loader instead of PUTs.",
)
@click.option(
    "--body-format",
    type=click.Choice(["ntriples", "turtle"]),
    default="ntriples",
    show_default=True,
    help="Serialization of each graph sent.",
)
def push(
    store: Path,
    to: str,
    query_endpoint: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    digest: bool,
    bulk: str | None,
    body_format: str,
) -> None:
    """Load the graphs into another store (a PUT per graph, or its bulk loader); compare counts."""
    from bilateral.graph.exchange import bulk as bulk_loading
    from bilateral.graph.exchange import push as pushing

    auth = pushing.Credentials(user=user, password=password, token=token, digest=digest)
    try:
        if bulk:
            counts = bulk_loading.bulk_push(
                store, bulk, to, query_endpoint=query_endpoint, auth=auth
            )
        else:
            counts = pushing.push(
                open_store(store),
                to,
                query_endpoint=query_endpoint,
                auth=auth,
                body_format=body_format,
            )
    except (StoreError, pushing.PushError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    for name, (local, remote) in counts.items():
        mark = "ok" if local == remote else "DIFFERS"
        click.echo(f"  {name:<12} local {local:>7}  remote {remote:>7}  {mark}")
    if any(local != remote for local, remote in counts.values()):
        raise click.ClickException("remote counts differ from the local ones")
