"""A page that cannot be answered is a short page in the format asked for: 503 when its query ran out of
time, 500 naming no internals when the engine failed (the detail goes to the log), never a traceback."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from in_process import serving
from toy_store import ToyStore, toy_backend
from wilcokg.server.app import create_app
from wilcokg.server.config import ServeConfig
from wilcokg.server.state import server_state

pytestmark = pytest.mark.anyio

# Far less than any query takes, so that every page query runs out of time.
NO_TIME = 1e-6
INTERNALS = "a detail for the log only"


@pytest.fixture
def config(dist: Path, tmp_path: Path) -> ServeConfig:
    return ServeConfig(dist=dist, store=tmp_path / "store", workers=1)


async def _failing_page(request: Request) -> Response:
    await server_state(request).graph.select("SELECT ?x WHERE { this is no query }")
    raise AssertionError("the engine let a query that is not SPARQL through")


async def _broken_page(request: Request) -> Response:
    raise RuntimeError(INTERNALS)


EXTRA_ROUTES = [Route("/failing", _failing_page), Route("/broken", _broken_page)]


@asynccontextmanager
async def _client(config: ServeConfig, store: str) -> AsyncIterator[tuple[httpx.AsyncClient, ToyStore | None]]:
    if store == "embedded":
        async with serving(create_app(config, EXTRA_ROUTES), raise_app_exceptions=False) as client:
            yield client, None
        return
    with toy_backend(config.dist / "wilco.trig") as backend:
        app = create_app(replace(config, backend=backend.sparql), EXTRA_ROUTES)
        async with serving(app, raise_app_exceptions=False) as client:
            yield client, backend


@pytest.mark.parametrize("store", ["embedded", "backend"])
async def test_a_page_out_of_time_is_a_503_page_in_the_format_asked_for(config: ServeConfig, store: str) -> None:
    async with _client(replace(config, timeout=NO_TIME), store) as (client, _):
        html = await client.get("/page/city/lille", headers={"Accept": "text/html"})
        as_json = await client.get("/map", headers={"Accept": "application/json"})
        other = await client.get("/data/city/lille.ttl", headers={"Accept": "text/turtle"})
        reconciliation = await client.get("/reconcile", headers={"Accept": "application/json"})

    assert html.status_code == 503
    assert html.headers["content-type"].startswith("text/html")
    assert "<h1>Try again later</h1>" in html.text
    assert "did not finish within the 1e-06 s time limit" in html.text
    assert as_json.status_code == reconciliation.status_code == 503
    assert as_json.json() == reconciliation.json()
    assert "time limit" in as_json.json()["error"]
    assert other.status_code == 503
    assert other.headers["content-type"].startswith("text/plain")
    assert other.text == as_json.json()["error"]


async def test_a_page_whose_query_fails_is_a_500_page_that_keeps_the_detail_in_the_log(
    config: ServeConfig, caplog: pytest.LogCaptureFixture
) -> None:
    async with _client(config, "embedded") as (client, _):
        with caplog.at_level(logging.ERROR, logger="wilcokg.server.middleware.error_pages"):
            html = await client.get("/failing", headers={"Accept": "text/html,*/*;q=0.8"})
        as_json = await client.get("/failing", headers={"Accept": "application/json"})

    assert html.status_code == as_json.status_code == 500
    assert "<h1>Server error</h1>" in html.text
    assert "error" in as_json.json()
    for response in (html, as_json):
        assert "syntax error" not in response.text and "Traceback" not in response.text
    logged = [record.message for record in caplog.records]
    assert any("GET /failing" in line and "SPARQL syntax error" in line for line in logged)


async def test_a_backend_in_trouble_makes_500_pages_that_do_not_quote_it(
    config: ServeConfig, caplog: pytest.LogCaptureFixture
) -> None:
    async with _client(config, "backend") as (client, backend):
        assert backend is not None
        backend.busy_answers = 1000
        with caplog.at_level(logging.ERROR, logger="wilcokg.server.middleware.error_pages"):
            response = await client.get("/page/city/lille", headers={"Accept": "text/html"})

    assert response.status_code == 500
    assert "<h1>Server error</h1>" in response.text
    assert "busy" not in response.text and "503" not in response.text
    assert any("answered 503: busy" in record.message for record in caplog.records)


async def test_any_other_failure_is_the_same_500_page(config: ServeConfig) -> None:
    async with _client(config, "embedded") as (client, _):
        html = await client.get("/broken", headers={"Accept": "text/html"})
        as_json = await client.get("/broken", headers={"Accept": "application/json"})

    assert html.status_code == as_json.status_code == 500
    assert "<h1>Server error</h1>" in html.text
    assert as_json.json() == {"error": html.text.split("<p>")[1].split("</p>")[0]}
    assert INTERNALS not in html.text + as_json.text
