"""The result cache: repeated queries are answered without the query workers, through the same HTTP layer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest

from in_process import serving
from live_server import live_server
from synthetic import numbered_items, served_dist
from wilcokg.cli.commands import parser as cli_parser
from wilcokg.server.__main__ import parse_config
from wilcokg.server.app import create_app
from wilcokg.server.config import ServeConfig
from wilcokg.server.engine.embedded_store import open_store
from wilcokg.server.engine.executor import QueryExecutor
from wilcokg.server.engine.graph_reader import QueryEngine
from wilcokg.server.engine.jobs import QueryDataset, QueryJob, QueryOutcome, QueryReply
from wilcokg.server.engine.result_cache import ResultCache
from wilcokg.server.options import serve_config

SPARQL = "/sparql"
ITEMS = 300
EVERYTHING = "SELECT * WHERE { ?s ?p ?o }"
LOOKUP = "SELECT ?o WHERE { <http://example.org/item/7> <http://example.org/p/0> ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = {"Accept": "application/sparql-results+json"}
CSV = {"Accept": "text/csv"}


class CountingExecutor:
    """Query workers as the server runs them, with a record of every job they were asked to answer."""

    def __init__(self, inner: QueryEngine) -> None:
        self.inner = inner
        self.jobs: list[QueryJob] = []

    async def start(self) -> None:
        await self.inner.start()

    async def stop(self) -> None:
        await self.inner.stop()

    async def execute(self, job: QueryJob) -> QueryReply:
        self.jobs.append(job)
        return await self.inner.execute(job)

    def asked(self, query: str) -> list[str]:
        """The result formats ``query`` was asked in, in order."""
        return [job.result_format for job in self.jobs if job.query == query]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return served_dist(tmp_path_factory.mktemp("cache-dist"), numbered_items(ITEMS), modified=date(2025, 5, 1))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache-store") / "store"


Served = tuple[httpx.AsyncClient, CountingExecutor]


@asynccontextmanager
async def _served(config: ServeConfig) -> AsyncIterator[Served]:
    """The app in this process, its real query workers counting jobs."""
    store_path = open_store(config.dist, config.store)
    workers = QueryExecutor(store_path, workers=config.workers, timeout=config.timeout, base_iri=config.base_iri)
    executor = CountingExecutor(workers)
    async with serving(create_app(config, executor=executor)) as client:
        yield client, executor


@pytest.fixture
async def server(dist: Path, store: Path) -> AsyncIterator[Served]:
    async with _served(ServeConfig(dist=dist, store=store, workers=1, timeout=1.0, max_rows=100)) as served:
        yield served


def _job(query: str, result_format: str = "json") -> QueryJob:
    return QueryJob(query, QueryDataset(), result_format, max_rows=100)


def _outcome(size: int) -> QueryOutcome:
    return QueryOutcome(b"x" * size, truncated=False)


def test_the_cache_keeps_answers_by_job() -> None:
    cache = ResultCache(1000)
    cache.put(_job(LOOKUP), _outcome(10))
    assert cache.get(_job(LOOKUP)) == _outcome(10)
    assert cache.get(_job(LOOKUP, "csv")) is None
    assert cache.get(QueryJob(LOOKUP, QueryDataset(union_default_graph=False), "json", 100)) is None
    assert cache.get(QueryJob(LOOKUP, QueryDataset(), "json", 99)) is None
    assert cache.get(_job(LOOKUP + " ")) is None


def test_the_byte_bound_evicts_the_least_recently_used() -> None:
    # Each entry weighs its body plus its query text: three of these do not fit in 300 bytes.
    jobs = [_job(f"ASK {{ <http://example.org/{name}> ?p ?o }}") for name in "abc"]
    body = 100 - len(jobs[0].query)
    cache = ResultCache(300)
    cache.put(jobs[0], _outcome(body))
    cache.put(jobs[1], _outcome(body))
    cache.put(jobs[0], _outcome(body))  # stored again: counted once
    assert cache.get(jobs[0]) is not None  # now the most recently used
    cache.put(jobs[2], _outcome(body + 1))
    assert cache.get(jobs[1]) is None
    assert cache.get(jobs[0]) is not None
    assert cache.get(jobs[2]) is not None


def test_an_answer_larger_than_the_budget_is_not_kept_and_evicts_nothing() -> None:
    cache = ResultCache(100)
    cache.put(_job(LOOKUP), _outcome(10))
    cache.put(_job(EVERYTHING), _outcome(200))
    assert cache.get(_job(EVERYTHING)) is None
    assert cache.get(_job(LOOKUP)) is not None


def test_a_zero_budget_keeps_nothing() -> None:
    cache = ResultCache(0)
    cache.put(_job(LOOKUP), _outcome(0))
    assert not cache.enabled
    assert cache.get(_job(LOOKUP)) is None


@pytest.mark.anyio
async def test_a_repeated_query_is_answered_from_the_cache(server: Served) -> None:
    client, executor = server
    first = await client.get(SPARQL, params={"query": LOOKUP}, headers=JSON)
    second = await client.get(SPARQL, params={"query": LOOKUP}, headers=JSON)
    # The same query sent by POST, as a form, is the same job.
    third = await client.post(SPARQL, data={"query": LOOKUP}, headers=JSON)

    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 200]
    assert executor.asked(LOOKUP) == ["json"]
    assert [r.headers["x-wilcokg-cache"] for r in (first, second, third)] == ["miss", "hit", "hit"]
    assert second.content == third.content == first.content
    assert second.json()["results"]["bindings"][0]["o"]["value"] == "7"
    assert second.headers["content-type"] == first.headers["content-type"]
    assert second.headers["vary"] == first.headers["vary"]
    assert second.headers["etag"] == first.headers["etag"]


@pytest.mark.anyio
async def test_each_result_format_is_cached_separately(server: Served) -> None:
    client, executor = server
    answers = [await client.get(SPARQL, params={"query": LOOKUP}, headers=accept) for accept in (JSON, CSV, JSON, CSV)]
    # Another Accept header that negotiates the same format finds the same answer.
    also_json = await client.get(SPARQL, params={"query": LOOKUP}, headers={"Accept": "application/json"})
    as_tsv = await client.get(SPARQL, params={"query": LOOKUP, "format": "tsv"})

    assert executor.asked(LOOKUP) == ["json", "csv", "tsv"]
    assert [a.headers["x-wilcokg-cache"] for a in answers] == ["miss", "miss", "hit", "hit"]
    assert also_json.headers["x-wilcokg-cache"] == "hit"
    assert answers[2].headers["content-type"].startswith("application/sparql-results+json")
    assert answers[3].headers["content-type"].startswith("text/csv")
    assert answers[3].text == "o\r\n7\r\n"
    assert answers[2].content == answers[0].content == also_json.content
    assert as_tsv.text == "?o\n7\n"


@pytest.mark.anyio
async def test_failures_are_not_cached(server: Served) -> None:
    client, executor = server
    broken = "SELECT * WHERE { ?s ?p }"
    failures = [await client.get(SPARQL, params={"query": broken}) for _ in range(2)]
    assert [f.status_code for f in failures] == [400, 400]
    assert executor.asked(broken) == ["json", "json"]
    assert "x-wilcokg-cache" not in failures[1].headers


@pytest.mark.anyio
async def test_timeouts_are_not_cached(server: Served) -> None:
    client, executor = server
    timeouts = [await client.get(SPARQL, params={"query": RUNAWAY}) for _ in range(2)]
    assert [t.status_code for t in timeouts] == [503, 503]
    assert executor.asked(RUNAWAY) == ["json", "json"]


@pytest.mark.anyio
async def test_a_hit_goes_through_the_same_http_layer(server: Served) -> None:
    client, executor = server
    headers = {**JSON, "Accept-Encoding": "gzip", "Origin": "https://somewhere.example"}
    miss, hit = [await client.get(SPARQL, params={"query": EVERYTHING}, headers=headers) for _ in range(2)]

    assert executor.asked(EVERYTHING) == ["json"]
    assert (miss.headers["x-wilcokg-cache"], hit.headers["x-wilcokg-cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert response.headers["content-encoding"] == "gzip"
        assert response.headers["access-control-allow-origin"] == "*"
        assert "x-wilcokg-cache" in response.headers["access-control-expose-headers"].lower()
        # The row cap's header and notice are part of what is kept.
        assert response.headers["x-wilcokg-truncated"] == "max_rows=100"
        assert response.json()["wilcokg"] == {"truncated": True, "max_rows": 100}
        assert len(response.json()["results"]["bindings"]) == 100
    assert hit.content == miss.content

    revalidated = await client.get(SPARQL, params={"query": EVERYTHING}, headers={"If-None-Match": hit.headers["etag"]})
    assert revalidated.status_code == 304


@pytest.mark.anyio
async def test_answers_over_the_budget_are_not_cached(dist: Path, store: Path) -> None:
    config = ServeConfig(dist=dist, store=store, workers=1, result_cache_bytes=len(LOOKUP) + 10)
    async with _served(config) as (client, executor):
        answers = [await client.get(SPARQL, params={"query": LOOKUP}, headers=JSON) for _ in range(2)]
        assert [a.headers["x-wilcokg-cache"] for a in answers] == ["miss", "miss"]
        assert executor.asked(LOOKUP) == ["json", "json"]


@pytest.mark.anyio
async def test_result_cache_bytes_0_turns_the_cache_off(dist: Path, store: Path) -> None:
    config = parse_config(["--dist", str(dist), "--store", str(store), "--workers", "1", "--result-cache-bytes", "0"])
    assert config.result_cache_bytes == 0
    async with _served(config) as (client, executor):
        answers = [await client.get(SPARQL, params={"query": LOOKUP}, headers=JSON) for _ in range(2)]
        assert [a.status_code for a in answers] == [200, 200]
        assert executor.asked(LOOKUP) == ["json", "json"]
        assert all("x-wilcokg-cache" not in a.headers for a in answers)


def test_wilcokg_serve_takes_the_option() -> None:
    assert serve_config(cli_parser().parse_args(["serve"])).result_cache_bytes == 64 * 2**20
    assert serve_config(cli_parser().parse_args(["serve", "--result-cache-bytes", "1000"])).result_cache_bytes == 1000
    with pytest.raises(SystemExit):
        cli_parser().parse_args(["serve", "--result-cache-bytes", "-1"])


@pytest.mark.parametrize(
    ("cache_bytes", "expected"), [(None, ["miss", "hit"]), (0, [None, None])], ids=["default", "off"]
)
def test_the_served_process_honours_the_option(
    dist: Path, tmp_path: Path, cache_bytes: int | None, expected: list[str | None]
) -> None:
    overrides = {} if cache_bytes is None else {"result_cache_bytes": cache_bytes}
    with live_server(dist, tmp_path, **overrides) as base_url:
        answers = [httpx.get(f"{base_url}{SPARQL}", params={"query": LOOKUP}, headers=JSON) for _ in range(2)]
    assert [a.headers.get("x-wilcokg-cache") for a in answers] == expected
    assert answers[0].content == answers[1].content
