"""The routes for exploring the book: search, the chapter reader, the map."""

from __future__ import annotations

from starlette.routing import Route

from wilcokg.server.explore.map import map_page
from wilcokg.server.explore.reader import reader_routes
from wilcokg.server.explore.search_page import search_page


def explore_routes() -> list[Route]:
    return [
        Route("/search", search_page, methods=["GET", "HEAD"]),
        *reader_routes(),
        Route("/map", map_page, methods=["GET", "HEAD"]),
    ]
