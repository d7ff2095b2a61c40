"""Virtuoso for the tests: a throw-away instance (see `benchmarks/local_virtuoso.py`, shared with the
benchmarks) holding the built dataset, published into it the way a user would with `wilcokg publish`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from local_virtuoso import ADMIN_PASSWORD, ADMIN_USER, Virtuoso, running_virtuoso
from wilcokg.cli.commands import main

PASSWORD_ENV = "WILCOKG_TEST_VIRTUOSO_PASSWORD"


def publish_to(virtuoso: Virtuoso, dist: Path, state: Path, *flags: str) -> int:
    """`wilcokg publish` into ``virtuoso`` through its Graph Store endpoint, as the dba user."""
    command = [
        "publish",
        "--store",
        virtuoso.sparql_auth,
        "--graph-store",
        virtuoso.graph_store_auth,
        "--user",
        ADMIN_USER,
        "--password-env",
        PASSWORD_ENV,
        "--dist",
        str(dist),
        "--state",
        str(state),
        "--quiet",
        *flags,
    ]
    with mock.patch.dict(os.environ, {PASSWORD_ENV: ADMIN_PASSWORD}):
        return main(command)


@contextmanager
def published_virtuoso(dist: Path, folder: Path) -> Iterator[Virtuoso]:
    with running_virtuoso(folder / "virtuoso") as virtuoso:
        if publish_to(virtuoso, dist, folder / "publish-state.json") != 0:
            raise RuntimeError(f"publishing {dist} to Virtuoso failed")
        yield virtuoso
