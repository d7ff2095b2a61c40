"""Command-line options of the server, shared by `wilcokg serve` and `python -m wilcokg.server`."""

from __future__ import annotations

import argparse
from pathlib import Path

from wilcokg.server.config import ServeConfig


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = ServeConfig(dist=Path("dist"))
    parser.add_argument("--dist", type=Path, default=defaults.dist, help="the built dataset to serve")
    parser.add_argument("--host", default=defaults.host, help="address to listen on")
    parser.add_argument("--port", type=int, default=defaults.port, help="port to listen on")
    parser.add_argument(
        "--base-iri", default=defaults.base_iri, help="IRIs under this prefix are answered by this server"
    )
    parser.add_argument("--timeout", type=float, default=defaults.timeout, help="seconds per query")
    parser.add_argument(
        "--store", type=Path, default=defaults.store, help="folder for the query store loaded from DIST"
    )
    parser.add_argument(
        "--allow-service",
        action="append",
        default=[],
        metavar="HOST",
        help="host SERVICE may call; repeatable",
    )
    parser.add_argument(
        "--max-query-bytes", type=int, default=defaults.max_query_bytes, help="longest query text accepted, in bytes"
    )
    parser.add_argument(
        "--max-rows", type=int, default=defaults.max_rows, help="rows or triples per answer; the rest are cut"
    )
    parser.add_argument(
        "--workers", type=int, default=defaults.workers, help="query worker processes: queries answered at once"
    )
    parser.add_argument(
        "--result-cache-bytes",
        type=_byte_count,
        default=defaults.result_cache_bytes,
        metavar="N",
        help="keep up to N bytes of answers for repeated queries; 0 turns the cache off",
    )
    parser.add_argument(
        "--no-cors",
        dest="cors",
        action="store_false",
        help="send no CORS headers: pages of other sites cannot read the answers",
    )
    parser.add_argument("--queries", type=Path, default=defaults.queries, help="canned queries for the query page")
    parser.add_argument(
        "--backend",
        metavar="URL",
        default=defaults.backend,
        help="answer queries with this SPARQL endpoint instead of the embedded store (--workers caps its connections)",
    )


def _byte_count(text: str) -> int:
    count = int(text)
    if count < 0:
        raise argparse.ArgumentTypeError(f"expected a byte count of 0 or more, got {text}")
    return count


def serve_config(options: argparse.Namespace) -> ServeConfig:
    fields = {name: getattr(options, name) for name in ServeConfig.__dataclass_fields__ if hasattr(options, name)}
    return ServeConfig(**{**fields, "allow_service": tuple(options.allow_service)})
