"""The `bilateral` command: build, validate, query, explain, export and serve the graph."""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

import click
import pyoxigraph as ox

from bilateral.cli import buildview, exchange
from bilateral.cli.options import project_option, service_options, store_option
from bilateral.graph import build as builder
from bilateral.graph import results as sparql
from bilateral.graph.errors import InputError
from bilateral.graph.queries import load_queries
from bilateral.graph.results import CHOICES
from bilateral.graph.store import MANIFEST, StoreError, build_dir, open_store
from bilateral.graph.why import render, why
from bilateral.server.query_service import QueryFailed, QueryService
from bilateral.server.settings import DEFAULTS

CANNED_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@click.group()
@click.option(
    "--log-level",
    default="WARNING",
    envvar="BILATERAL_LOG_LEVEL",
    show_envvar=True,
    show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
    help="Level of the messages written to standard error.",
)
@click.version_option(package_name="bilateral")
def main(log_level: str) -> None:
    """Bilateral: a knowledge graph of China-Russia relations, with a SPARQL endpoint."""
    logging.basicConfig(
        level=log_level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


@main.command()
@project_option
@store_option
@click.option(
    "--if-stale", is_flag=True, help="Build only when an input changed since the current build."
)
@click.option("-v", "--verbose", is_flag=True, help="Print every warning of the build.")
def build(project: Path, store: Path, if_stale: bool, verbose: bool) -> None:
    """Parse, extract, validate (SHACL), reason (owlrl) and load the store."""
    if if_stale and not builder.is_stale(project, store):
        click.echo(f"{store}: up to date", err=True)
        return
    try:
        with buildview.build_display(verbose) as warnings:
            result = builder.build(project, store)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"build {result.build_id} -> {store}")
    for name, count in result.counts.items():
        click.echo(f"  {name:<12} {count:>7} triples")
    if warnings.count and not verbose:
        click.echo(buildview.warning_line(warnings.count, build_dir(store) / MANIFEST), err=True)


@main.command()
@project_option
def validate(project: Path) -> None:
    """Report on the data's conformance to the SHACL shapes; exit 1 if it does not conform."""
    sources = builder.Sources(project)
    result = builder.BuildResult("validate")
    try:
        report = builder.check(builder.assemble(sources, result), result)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.text)
    if not report.conforms:
        sys.exit(1)


@main.command()
@project_option
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHOICES),
    default="table",
    show_default=True,
    help="Output: an aligned table for people, or a standard format.",
)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file ('-' for standard input).",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a variable: an IRI (<...> or blr:Slug), a date, a number or a string.",
)
@service_options
@click.argument("query", required=False)
def query(
    project: Path,
    store: Path,
    fmt: str,
    query_file,
    params: tuple[str, ...],
    service_allowlist: str | None,
    service_map: str | None,
    query: str | None,
) -> None:
    """Run SPARQL on the built store: QUERY text, -f FILE, or the NAME of a canned query."""
    text = resolve_query(project, query, query_file)
    bindings = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep:
            raise click.UsageError(f"--param {param!r}: expected NAME=VALUE")
        bindings[name.lstrip("?$")] = sparql.parse_term(value)
    config = {**DEFAULTS, "STORE": str(store), "SERVICE_MAP": service_map or {}}
    if service_allowlist is not None:
        config["SERVICE_ALLOWLIST"] = service_allowlist
    service = QueryService(config)
    try:
        if not store.exists():
            raise StoreError(f"{store}: no store has been built; run `bilateral build`")
        formats = {"solutions": "JSON", "boolean": "JSON", "triples": "N_TRIPLES"}
        started = service.stream(service.check(text), formats, bindings=tuple(bindings.items()))
        body = started.head + b"".join(started.rest)
        if started.kind == "triples":
            results = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        else:
            results = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        click.echo(sparql.serialize(results, fmt).rstrip("\n"))
    except QueryFailed as exc:
        message = exc.message.replace("malformed query: ", "query syntax error: ", 1)
        raise click.ClickException(message) from None
    except (StoreError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        service.close()


def resolve_query(project: Path, query: str | None, query_file) -> str:
    """The SPARQL text of the command line's query, file or canned query name."""
    if query_file is not None and query is not None:
        raise click.UsageError("give either QUERY or -f FILE, not both")
    if query_file is not None:
        return query_file.read()
    if query is None:
        raise click.UsageError("give a QUERY, -f FILE or the name of a canned query")
    if CANNED_NAME.match(query):
        canned = load_queries(project / "queries")
        if query not in canned:
            names = ", ".join(canned) or "none"
            raise click.UsageError(
                f"no canned query {query!r} in {project / 'queries'} (available: {names})"
            )
        return canned[query].text
    return query


@main.command()
@project_option
@store_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="BILATERAL_HOST",
    show_envvar=True,
    help="Interface to bind; 127.0.0.1 keeps the server local to "
    "this machine, 0.0.0.0 exposes it to the network.",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=int,
    envvar="BILATERAL_PORT",
    show_envvar=True,
    help="TCP port to listen on.",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=int,
    envvar="BILATERAL_WORKERS",
    show_envvar=True,
    help="Worker processes of the production server (granian).",
)
@click.option("--dev", is_flag=True, help="Flask's reloading development server instead.")
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Answer one GET request for PATH in-process, print it and exit (non-zero unless 200).",
)
@click.option(
    "--backend",
    metavar="URL",
    envvar="BILATERAL_BACKEND",
    show_envvar=True,
    help="Serve a remote SPARQL 1.1 query endpoint (loaded with `bilateral push`) "
    "instead of the local store, e.g. http://127.0.0.1:7878/query.",
)
@click.option(
    "--backend-union",
    type=click.Choice(["dataset", "native"]),
    default="dataset",
    show_default=True,
    envvar="BILATERAL_BACKEND_UNION",
    show_envvar=True,
    help="How the backend sees our graphs as one default graph: `dataset` names them in "
    "each request (any SPARQL 1.1 store); `native` if its default graph already is the union.",
)
@service_options
@click.pass_context
def serve(
    ctx: click.Context,
    project: Path,
    store: Path,
    host: str,
    port: int,
    workers: int,
    dev: bool,
    get_path: str | None,
    **settings: str | None,
) -> None:
    """Serve the SPARQL endpoint and the web pages, from the local store or a --backend."""
    config = {"STORE": str(store.absolute()), "PROJECT": str(project.absolute())}
    for name, value in settings.items():
        if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT:
            config[name.upper()] = value
    if get_path is not None:
        from bilateral.server import create_app

        response = create_app(config).test_client().get(get_path)
        click.echo(response.get_data(as_text=True))
        sys.exit(0 if response.status_code == 200 else 1)
    from bilateral.server.serving import serve as run_server

    run_server(host=host, port=port, workers=workers, dev=dev, config=config)


@main.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Text for people; JSON (the derivation tree's shape is in bilateral.graph.why).",
)
@click.argument("subject")
@click.argument("predicate")
@click.argument("object_", metavar="OBJECT")
def explain(store: Path, fmt: str, subject: str, predicate: str, object_: str) -> None:
    """Why SUBJECT PREDICATE OBJECT holds: its derivation, down to the article's passages.

    Terms are IRIs (<...>) or prefixed names (blr:Joint_Sea-2014, rdf:type or
    a, bl:MilitaryExercise); an object may be a literal. Exit 1 when the
    triple is neither asserted nor inferred.
    """
    terms = [sparql.parse_term(t) for t in (subject, "rdf:type" if predicate == "a" else predicate)]
    for text, term in zip((subject, predicate), terms):
        if not isinstance(term, ox.NamedNode):
            raise click.UsageError(f"{text!r} is not an IRI: write <...> or a prefixed name")
    try:
        tree = why(open_store(store), *terms, sparql.parse_term(object_))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if tree is None:
        click.echo(f"{subject} {predicate} {object_}: neither asserted nor inferred", err=True)
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(tree, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(render(tree)))


for command in (exchange.export, exchange.coverage, exchange.push):
    main.add_command(command)
