"""A pool of long-lived query workers, driven from asyncio with a hard time limit per query."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from pathlib import Path

from wilcokg.server.engine import worker
from wilcokg.server.engine.jobs import FailureKind, QueryFailure, QueryJob, QueryReply

_log = logging.getLogger(__name__)


class QueryTimeout(Exception):
    def __init__(self, limit: float) -> None:
        super().__init__(f"Query cancelled: it did not finish within the {limit:g} s time limit.")


class _Worker:
    """One worker process and the parent's end of its pipe."""

    __slots__ = ("connection", "process")

    def __init__(self, context: ForkServerContext | SpawnContext, store_path: Path, base_iri: str) -> None:
        parent_end, child_end = context.Pipe()
        self.process = context.Process(
            target=worker.serve,
            args=(child_end, str(store_path), base_iri),
            name="wilcokg-query-worker",
            daemon=True,
        )
        self.process.start()
        child_end.close()
        self.connection: Connection = parent_end

    async def ask(self, job: QueryJob) -> QueryReply:
        self.connection.send(job)
        await _readable(self.connection)
        reply: QueryReply = self.connection.recv()
        return reply

    def kill(self) -> None:
        self.process.kill()
        self.connection.close()


async def _readable(connection: Connection) -> None:
    loop = asyncio.get_running_loop()
    ready = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    descriptor = connection.fileno()
    loop.add_reader(descriptor, wake)
    try:
        await ready
    finally:
        loop.remove_reader(descriptor)


class QueryExecutor:
    """Runs query jobs on worker processes; a job past the time limit has its worker killed and replaced.

    The limit covers queueing too, so every caller has an answer within it. Waiting callers are served
    in arrival order (asyncio.Queue wakes getters first come, first served).
    """

    def __init__(self, store_path: Path, *, workers: int, timeout: float, base_iri: str) -> None:
        if workers < 1:
            raise ValueError("at least one query worker is needed")
        self._store_path = store_path
        self._size = workers
        self._timeout = timeout
        self._base_iri = base_iri
        # forkserver forks replacements from a process that already imported pyoxigraph: fast restarts.
        self._context: ForkServerContext | SpawnContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            self._context = multiprocessing.get_context("forkserver")
            self._context.set_forkserver_preload([worker.__name__])
        else:
            self._context = multiprocessing.get_context("spawn")
        self._workers: set[_Worker] = set()
        self._stopped = False
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()

    async def start(self) -> None:
        for _ in range(self._size):
            self._add_worker()

    async def stop(self) -> None:
        self._stopped = True
        doomed = list(self._workers)
        self._workers.clear()
        for query_worker in doomed:
            query_worker.kill()
        for query_worker in doomed:
            await asyncio.to_thread(query_worker.process.join, 5)

    async def execute(self, job: QueryJob) -> QueryReply:
        try:
            async with asyncio.timeout(self._timeout):
                query_worker = await self._idle.get()
                try:
                    reply = await query_worker.ask(job)
                except (EOFError, OSError) as error:
                    _log.warning("query worker %s died: %s", query_worker.process.pid, error)
                    self._replace(query_worker)
                    return QueryFailure(FailureKind.EVALUATION, "The query worker died while answering.")
                except BaseException:
                    # Timed out or abandoned: the worker may still be computing, so it cannot be reused.
                    self._replace(query_worker)
                    raise
                self._idle.put_nowait(query_worker)
                return reply
        except TimeoutError as error:
            raise QueryTimeout(self._timeout) from error

    def _add_worker(self) -> None:
        query_worker = _Worker(self._context, self._store_path, self._base_iri)
        self._workers.add(query_worker)
        self._idle.put_nowait(query_worker)

    def _replace(self, query_worker: _Worker) -> None:
        query_worker.kill()
        self._workers.discard(query_worker)
        if not self._stopped:
            self._add_worker()
        # Reap the killed process off the event loop.
        asyncio.get_running_loop().run_in_executor(None, query_worker.process.join)
