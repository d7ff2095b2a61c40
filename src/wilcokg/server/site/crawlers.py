"""What crawlers look for first: `robots.txt` and a sitemap of the entity pages and chapter readers."""

from __future__ import annotations

from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from wilcokg.server.page_queries import TYPED_ENTITIES
from wilcokg.server.state import server_state

# Query answers and search results are endless and say nothing a page does not.
_NOT_FOR_CRAWLERS = ("/sparql", "/search", "/reconcile")


async def robots(request: Request) -> Response:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in _NOT_FOR_CRAWLERS), "Allow: /"]
    lines.append(f"Sitemap: {_origin(request)}/sitemap.xml")
    return PlainTextResponse("\n".join(lines) + "\n")


def _origin(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def page_paths(entities: list[str], base_iri: str) -> list[str]:
    """The page of every entity named `id/kind/name` (a chapter's sections, paragraphs and mentions
    lie deeper and are shown on its pages), and the reader of every chapter."""
    paths: list[str] = []
    for entity in entities:
        local = entity.removeprefix(base_iri + "id/")
        kind, _, name = local.partition("/")
        if not name or "/" in name:
            continue
        paths.append(f"/page/{local}")
        if kind == "chapter":
            paths.append(f"/chapter/{name}")
    return sorted(paths)


async def sitemap(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    reader = state.graph
    rows = await reader.select(TYPED_ENTITIES)
    origin = _origin(request)
    urls = "".join(
        f"<url><loc>{escape(origin + path)}</loc></url>\n"
        for path in page_paths([row["entity"].value for row in rows], site.base_iri)
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n"
    )
    return Response(body, media_type="application/xml")


def crawler_routes() -> list[Route]:
    return [
        Route("/robots.txt", robots, methods=["GET", "HEAD"]),
        Route("/sitemap.xml", sitemap, methods=["GET", "HEAD"]),
    ]
