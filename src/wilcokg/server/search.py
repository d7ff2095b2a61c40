"""`/search?q=`: full-text search over names, headings, paragraphs and evidence, as HTML or JSON."""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from wilcokg.server.formats import negotiate
from wilcokg.server.fulltext import Hit, Results, index_path, search
from wilcokg.server.templates import Site

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_HTML, _JSON = "text/html", "application/json"


def hit_url(site: Site, hit: Hit) -> str:
    """Paragraphs, headings and evidence open in the chapter reader; entities on their own page."""
    return hit.anchor or site.href(hit.iri)


def _limit(raw: str | None) -> int:
    try:
        return max(1, min(MAX_LIMIT, int(raw or DEFAULT_LIMIT)))
    except ValueError:
        return DEFAULT_LIMIT


def _json(site: Site, results: Results) -> JSONResponse:
    return JSONResponse(
        {
            "query": results.query,
            "total": results.total,
            "results": [
                {
                    "title": hit.title,
                    "kind": hit.kind,
                    "iri": hit.iri,
                    "url": hit_url(site, hit),
                    "snippet": str(hit.snippet),
                }
                for hit in results.hits
            ],
        },
        headers={"Vary": "Accept"},
    )


async def search_page(request: Request) -> Response:
    site: Site = request.app.state.site
    dist: Path = request.app.state.dist
    query = request.query_params.get("q", "")
    wants = request.query_params.get("format")
    chosen = (
        wants if wants in ("json", "html") else negotiate(request.headers.get("accept"), [_HTML, _JSON], lambda t: (t,))
    )
    try:
        results = await asyncio.to_thread(search, index_path(dist), query, _limit(request.query_params.get("limit")))
    except FileNotFoundError as error:
        return PlainTextResponse(str(error), status_code=503)
    if chosen in ("json", _JSON):
        return _json(site, results)
    hits = [(hit, hit_url(site, hit)) for hit in results.hits]
    return HTMLResponse(
        site.render(
            "search.html", title=f"Search: {query}" if query else "Search", query=query, results=results, hits=hits
        ),
        headers={"Vary": "Accept"},
    )
