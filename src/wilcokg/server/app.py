"""The ASGI application serving the knowledge graph over the SPARQL 1.1 Protocol."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Collection, Sequence
from contextlib import asynccontextmanager
from functools import partial

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Route

from wilcokg.dist_layout import graph_names
from wilcokg.server.config import ServeConfig
from wilcokg.server.engine.embedded_store import named_graphs, open_store
from wilcokg.server.engine.executor import QueryExecutor
from wilcokg.server.engine.graph_reader import GraphReader, QueryEngine
from wilcokg.server.engine.remote_backend import RemoteExecutor
from wilcokg.server.engine.result_cache import ResultCache
from wilcokg.server.explore.routes import explore_routes
from wilcokg.server.linked_data.routes import linked_data_routes
from wilcokg.server.middleware.access_log import AccessLog
from wilcokg.server.middleware.conditional import DatasetValidators
from wilcokg.server.middleware.error_pages import error_handlers
from wilcokg.server.middleware.link_headers import PageLinks
from wilcokg.server.middleware.validators import http_validators
from wilcokg.server.reconciliation.catalogue import CatalogueOnDemand
from wilcokg.server.reconciliation.routes import reconcile_routes
from wilcokg.server.site.crawlers import crawler_routes
from wilcokg.server.site.routes import site_routes
from wilcokg.server.sparql.endpoint import CACHE_HEADER, TRUNCATION_HEADER, sparql_endpoint
from wilcokg.server.state import ServerState
from wilcokg.server.templates import Site

SPARQL_PATH = "/sparql"


def sparql_routes() -> list[BaseRoute]:
    return [Route(SPARQL_PATH, sparql_endpoint, methods=["GET", "POST", "OPTIONS"])]


def create_app(
    config: ServeConfig,
    extra_routes: Sequence[BaseRoute] = (),
    versioned_paths: Collection[str] = ("/",),
    *,
    executor: QueryEngine | None = None,
) -> Starlette:
    """The server: the SPARQL endpoint, the linked-data pages and the site, plus ``extra_routes``. GET
    responses under ``versioned_paths`` (by default all of them: every page is derived from the dataset)
    carry validators derived from the dataset version.

    Queries go to ``executor`` when one is given, otherwise to the backend ``config`` names or to worker
    processes over the embedded store; the app starts and stops it with its lifespan.
    """
    middleware = [Middleware(AccessLog)]
    if config.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["*"],
                expose_headers=["ETag", "Link", TRUNCATION_HEADER, CACHE_HEADER],
                max_age=86400,
            )
        )
    middleware += [
        Middleware(GZipMiddleware),
        Middleware(DatasetValidators, version=http_validators(config.dist), paths=versioned_paths),
        Middleware(PageLinks),
    ]
    return Starlette(
        routes=[
            *sparql_routes(),
            *linked_data_routes(),
            *site_routes(),
            *explore_routes(),
            *reconcile_routes(),
            *crawler_routes(),
            *extra_routes,
        ],
        middleware=middleware,
        exception_handlers=error_handlers(),
        lifespan=partial(_lifespan, config=config, executor=executor),
    )


@asynccontextmanager
async def _lifespan(app: Starlette, config: ServeConfig, executor: QueryEngine | None) -> AsyncIterator[None]:
    if executor is None:
        executor, graphs = await _query_executor(config)
    else:
        graphs = await asyncio.to_thread(graph_names, config.dist)
    await executor.start()
    reader = GraphReader(executor, max_rows=config.max_rows)
    app.state.server = ServerState(
        config=config,
        executor=executor,
        named_graphs=graphs,
        cache=ResultCache(config.result_cache_bytes),
        graph=reader,
        site=Site(config.base_iri),
        catalogue=CatalogueOnDemand(reader, config.base_iri),
    )
    try:
        yield
    finally:
        await executor.stop()


async def _query_executor(config: ServeConfig) -> tuple[QueryExecutor | RemoteExecutor, tuple[str, ...]]:
    """What answers queries, and the named graphs it holds (for the service description)."""
    if config.backend:
        # The backend may hold graphs of its own (Virtuoso's system graphs): the dump's are the dataset's.
        graphs = await asyncio.to_thread(graph_names, config.dist)
        remote = RemoteExecutor(
            config.backend, graphs, workers=config.workers, timeout=config.timeout, base_iri=config.base_iri
        )
        return remote, graphs
    store_path = await asyncio.to_thread(open_store, config.dist, config.store)
    graphs = await asyncio.to_thread(named_graphs, store_path)
    executor = QueryExecutor(store_path, workers=config.workers, timeout=config.timeout, base_iri=config.base_iri)
    return executor, graphs


def run(config: ServeConfig) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The access log middleware replaces uvicorn's own access log.
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="info", access_log=False)
