"""The server's app in the test's own process: its lifespan runs, and requests reach it through ASGI,
without a socket.

Most tests need no worker processes either: `StoreExecutor` answers their queries in this process,
from the dump loaded into memory, the way a worker answers them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import replace
from pathlib import Path

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal
from pyoxigraph import RdfFormat, Store
from starlette.applications import Starlette

from wilcokg.dist_layout import TRIG
from wilcokg.server.app import create_app
from wilcokg.server.config import ServeConfig
from wilcokg.server.engine.jobs import QueryJob, QueryReply
from wilcokg.server.engine.worker import answer


class StoreExecutor:
    """Answers query jobs in this process from the dump of ``dist``: no worker processes and no time
    limit, so only for tests that exercise neither."""

    def __init__(self, dist: Path, base_iri: str) -> None:
        self._dump = dist / TRIG
        self._base_iri = base_iri
        self._store = Store()

    async def start(self) -> None:
        await asyncio.to_thread(self._store.bulk_load, path=self._dump, format=RdfFormat.TRIG)

    async def stop(self) -> None:
        self._store.clear()

    async def execute(self, job: QueryJob) -> QueryReply:
        return await asyncio.to_thread(answer, self._store, job, self._base_iri)


def in_process_app(dist: Path, **config_overrides: object) -> Starlette:
    """The server over ``dist``, its queries answered by a `StoreExecutor`. ``config_overrides`` are
    ServeConfig fields."""
    config = replace(ServeConfig(dist=dist), **config_overrides)
    return create_app(config, executor=StoreExecutor(dist, config.base_iri))


class _PortalTransport(httpx.BaseTransport):
    """Blocking requests to an ASGI app, each sent on the event loop of ``portal``, where the app runs."""

    def __init__(self, portal: BlockingPortal, app: Starlette) -> None:
        self._portal = portal
        self._asgi = httpx.ASGITransport(app=app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._portal.call(self._send, request)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        response = await self._asgi.handle_async_request(request)
        # The body as sent, still encoded: the client decodes it as it would a socket's.
        assert isinstance(response.stream, httpx.AsyncByteStream)
        body = b"".join([chunk async for chunk in response.stream])
        return httpx.Response(response.status_code, headers=response.headers, stream=httpx.ByteStream(body))


@contextmanager
def in_process_client(dist: Path, **config_overrides: object) -> Iterator[httpx.Client]:
    """A client of `in_process_app`, started: what a test reads the site with instead of a live server."""
    app = in_process_app(dist, **config_overrides)
    with (
        start_blocking_portal() as portal,
        portal.wrap_async_context_manager(app.router.lifespan_context(app)),
        httpx.Client(transport=_PortalTransport(portal, app), base_url="http://testserver") as client,
    ):
        yield client


@asynccontextmanager
async def serving(app: Starlette, *, raise_app_exceptions: bool = True) -> AsyncIterator[httpx.AsyncClient]:
    """A client of ``app``, started. ``raise_app_exceptions=False`` shows an unhandled error as the
    client would see it (the 500 page) instead of raising it in the test."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as client,
    ):
        yield client
