"""Bilateral: a knowledge graph of China-Russia relations with a SPARQL endpoint.

The import namespace of the project: `bilateral.graph` is the folder graph/ (the build),
`bilateral.server` the folder server/ (the web application), both linked here so that
editors and type checkers resolve them without an install-time mapping; `bilateral.cli`
is the command line.
"""
