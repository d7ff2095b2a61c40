"""A server pointed at a backend that answers, but refuses: it says so in one line and does not start."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from toy_store import ToyStore, toy_store
from wilcokg.cli.commands import main
from wilcokg.server.config import ServeConfig
from wilcokg.server.preflight import problem_with, warnings_for


@pytest.fixture
def backend() -> Iterator[ToyStore]:
    with toy_store() as store:
        yield store


def test_the_server_module_with_a_backend_answering_401_exits_2_with_one_line(dist: Path, backend: ToyStore) -> None:
    backend.credentials = ("reader", "secret")
    command = [sys.executable, "-m", "wilcokg.server", "--dist", str(dist), "--backend", backend.sparql]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 2
    assert done.stderr == (
        f"serve: the SPARQL backend {backend.sparql} does not answer a test query: HTTP 401 Unauthorized\n"
    )


def test_serve_with_a_backend_url_that_is_no_query_endpoint_exits_2_with_one_line(
    dist: Path, backend: ToyStore, capsys: pytest.CaptureFixture[str]
) -> None:
    update_only = backend.base_url + "/update"

    assert main(["serve", "--dist", str(dist), "--backend", update_only]) == 2

    err = capsys.readouterr().err
    assert err == f"serve: the SPARQL backend {update_only} does not answer a test query: HTTP 400 Bad Request\n"


def test_a_server_started_away_from_the_canned_queries_warns_what_a_visitor_would_miss(
    dist: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "queries"
    warnings = warnings_for(ServeConfig(dist, queries=elsewhere))
    assert warnings == [
        f"{elsewhere}/actor-roles.rq:1: warning: no canned queries here, so the query page lists none and no page "
        "draws who does what; pass --queries with the project's queries/ folder"
    ]
    assert problem_with(ServeConfig(dist, queries=elsewhere)) is None


def test_the_project_queries_folder_raises_no_warning(dist: Path) -> None:
    assert warnings_for(ServeConfig(dist, queries=ROOT / "queries")) == []
