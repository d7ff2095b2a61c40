"""``python -m wilcokg.server``: serve a built dist directory over SPARQL."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from wilcokg.server.app import run
from wilcokg.server.config import ServeConfig


def parse_config(argv: Sequence[str] | None = None) -> ServeConfig:
    defaults = ServeConfig(dist=Path("dist"))
    parser = argparse.ArgumentParser(prog="python -m wilcokg.server", description=__doc__)
    parser.add_argument("--dist", type=Path, default=defaults.dist)
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument("--base-iri", default=defaults.base_iri)
    parser.add_argument("--timeout", type=float, default=defaults.timeout, help="seconds per query")
    parser.add_argument("--store", type=Path, default=defaults.store)
    parser.add_argument(
        "--allow-service",
        action="append",
        default=[],
        metavar="HOST",
        help="host SERVICE may call; repeatable",
    )
    parser.add_argument("--max-query-bytes", type=int, default=defaults.max_query_bytes)
    parser.add_argument("--max-rows", type=int, default=defaults.max_rows)
    parser.add_argument("--workers", type=int, default=defaults.workers)
    parser.add_argument("--no-cors", dest="cors", action="store_false")
    options = parser.parse_args(argv)
    return ServeConfig(**{**vars(options), "allow_service": tuple(options.allow_service)})


if __name__ == "__main__":
    run(parse_config())
