"""rdflib-endpoint (the Python peer) serving an N-Quads dump on 127.0.0.1, for the bench."""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint


def main(argv: list[str] | None = None) -> None:
    """Load the dump into a Dataset whose default graph is the union, then serve it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, required=True, help="N-Quads dump to serve")
    parser.add_argument("--port", type=int, required=True, help="TCP port on 127.0.0.1")
    args = parser.parse_args(argv)
    dataset = Dataset(default_union=True)
    dataset.parse(args.file, format="nquads")
    app = SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
