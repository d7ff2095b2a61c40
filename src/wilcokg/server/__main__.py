"""``python -m wilcokg.server``: serve a built dist directory over SPARQL."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from wilcokg.cli.option_help import CommandParser
from wilcokg.server.app import run
from wilcokg.server.config import ServeConfig
from wilcokg.server.options import add_serve_arguments, serve_config
from wilcokg.server.preflight import problem_with, warnings_for


def parser() -> CommandParser:
    options = CommandParser(prog="python -m wilcokg.server", description=__doc__)
    add_serve_arguments(options)
    return options


def parse_config(argv: Sequence[str] | None = None) -> ServeConfig:
    return serve_config(parser().parse_args(argv))


if __name__ == "__main__":
    config = parse_config()
    if problem := problem_with(config):
        print(problem, file=sys.stderr)
        sys.exit(2)
    for warning in warnings_for(config):
        print(warning, file=sys.stderr)
    run(config)
