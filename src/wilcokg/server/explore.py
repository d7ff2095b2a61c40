"""The routes for exploring and reusing the graph: search, chapter reader, map, reconciliation, JSON-LD context."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from wilcokg.server.jsonld import context
from wilcokg.server.map import map_page
from wilcokg.server.reader import reader_routes
from wilcokg.server.reconcile import reconcile_routes
from wilcokg.server.search import search_page


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
