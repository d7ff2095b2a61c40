"""Command-line options of `wilcokg publish`, kept apart so that parsing them imports no HTTP client."""

from __future__ import annotations

import argparse
from pathlib import Path

STATE_NAME = ".publish-state.json"


def add_publish_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", required=True, help="SPARQL endpoint that takes queries and updates")
    parser.add_argument("--graph-store", help="SPARQL 1.1 Graph Store HTTP Protocol endpoint, tried first")
    parser.add_argument("--query-endpoint", help="where to count the published triples, if not at --store")
    parser.add_argument("--user", help="user name for HTTP basic or digest auth (the store's challenge decides)")
    parser.add_argument("--password-env", metavar="VAR", help="environment variable holding the password")
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="the built dataset to publish")
    parser.add_argument("--batch-triples", type=int, default=10_000, help="triples per request")
    parser.add_argument("--retries", type=int, default=5, help="attempts per request on transient errors")
    parser.add_argument("--state", type=Path, help=f"resume file (default: DIST/{STATE_NAME})")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
