"""The routes for exploring the book's text: search and the chapter reader."""

from __future__ import annotations

from starlette.routing import Route

from wilcokg.server.explore.reader import reader_routes
from wilcokg.server.explore.search_page import search_page


def explore_routes() -> list[Route]:
    return [
        Route("/search", search_page, methods=["GET", "HEAD"]),
        *reader_routes(),
    ]
