"""The routes for exploring and reusing the graph: search, chapter reader, map, reconciliation, JSON-LD context."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from wilcokg.server.explore.map import map_page
from wilcokg.server.explore.reader import reader_routes
from wilcokg.server.explore.search_page import search_page
from wilcokg.server.linked_data.jsonld import context
from wilcokg.server.reconciliation.routes import reconcile_routes


async def context_document(request: Request) -> Response:
    del request
    return JSONResponse(context(), media_type="application/ld+json")


def explore_routes() -> list[Route]:
    return [
        Route("/search", search_page, methods=["GET", "HEAD"]),
        *reader_routes(),
        Route("/map", map_page, methods=["GET", "HEAD"]),
        *reconcile_routes(),
        Route("/context.jsonld", context_document, methods=["GET", "HEAD"]),
    ]
