"""Command-line options that several `bilateral` commands share, each declared once."""

from __future__ import annotations

from pathlib import Path

import click


def project_option(command):
    return click.option(
        "--project",
        type=click.Path(file_okay=False, path_type=Path),
        default=".",
        envvar="BILATERAL_PROJECT",
        show_envvar=True,
        show_default=True,
        help="Project directory holding ontology/, graph/, seeds/ and queries/.",
    )(command)


def store_option(command):
    return click.option(
        "--store",
        type=click.Path(path_type=Path),
        default=Path("var/store"),
        envvar="BILATERAL_STORE",
        show_envvar=True,
        show_default=True,
        help="Store directory (a link to the current build).",
    )(command)


def service_options(command):
    """--service-allowlist and --service-map: which SERVICE endpoints queries may call."""
    command = click.option(
        "--service-map",
        envvar="BILATERAL_SERVICE_MAP",
        show_envvar=True,
        metavar="IRI=URL,...",
        help="Send an allowed SERVICE to another URL (e.g. a local stand-in for Wikidata).",
    )(command)
    return click.option(
        "--service-allowlist",
        envvar="BILATERAL_SERVICE_ALLOWLIST",
        show_envvar=True,
        help="SERVICE endpoints a query may call, separated by commas "
        "[default: https://query.wikidata.org/sparql].",
    )(command)
