"""The worker pool on its own: time limits, replacement of killed workers, fair queueing."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest

from synthetic import numbered_items, served_dist
from wilcokg.server.engine.embedded_store import open_store
from wilcokg.server.engine.executor import QueryExecutor, QueryTimeout
from wilcokg.server.engine.jobs import FailureKind, QueryDataset, QueryFailure, QueryJob, QueryOutcome

Result = TypeVar("Result")

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = served_dist(tmp_path_factory.mktemp("executor-dist"), numbered_items(2000))
    return open_store(dist, tmp_path_factory.mktemp("executor-store") / "store")


def _job(query: str, result_format: str = "json") -> QueryJob:
    return QueryJob(query, QueryDataset(), result_format, max_rows=10)


def _run(
    store_path: Path, workers: int, timeout: float, scenario: Callable[[QueryExecutor], Awaitable[Result]]
) -> Result:
    async def main() -> Result:
        executor = QueryExecutor(store_path, workers=workers, timeout=timeout, base_iri="http://example.org/")
        await executor.start()
        try:
            return await scenario(executor)
        finally:
            await executor.stop()

    return asyncio.run(main())


def test_answers_and_reports_syntax_errors(store_path: Path) -> None:
    async def scenario(executor: QueryExecutor) -> list[object]:
        return [
            await executor.execute(_job("ASK { <item/1> ?p 1 }")),
            await executor.execute(_job("ASK {")),
        ]

    answer, failure = _run(store_path, workers=1, timeout=5, scenario=scenario)
    assert answer == QueryOutcome(b'{"head":{},"boolean":true}', truncated=False)
    assert isinstance(failure, QueryFailure)
    assert failure.kind is FailureKind.SYNTAX


def test_timeout_kills_the_worker_and_a_replacement_serves_the_next_query(store_path: Path) -> None:
    async def scenario(executor: QueryExecutor) -> object:
        with pytest.raises(QueryTimeout):
            await executor.execute(_job(RUNAWAY))
        return await executor.execute(_job("ASK { <item/1> ?p 1 }"))

    after = _run(store_path, workers=1, timeout=1, scenario=scenario)
    assert after == QueryOutcome(b'{"head":{},"boolean":true}', truncated=False)


def test_queued_jobs_are_served_in_arrival_order(store_path: Path) -> None:
    async def scenario(executor: QueryExecutor) -> list[int]:
        finished: list[int] = []

        async def submit(number: int) -> None:
            await executor.execute(_job(f"SELECT ({number} AS ?n) {{}}"))
            finished.append(number)

        await asyncio.gather(*(submit(number) for number in range(8)))
        return finished

    assert _run(store_path, workers=1, timeout=5, scenario=scenario) == list(range(8))


def test_time_spent_queueing_counts_towards_the_limit(store_path: Path) -> None:
    async def scenario(executor: QueryExecutor) -> list[object]:
        return await asyncio.gather(
            executor.execute(_job(RUNAWAY)), executor.execute(_job("ASK {}")), return_exceptions=True
        )

    outcomes = _run(store_path, workers=1, timeout=1, scenario=scenario)
    assert all(isinstance(outcome, QueryTimeout) for outcome in outcomes)
