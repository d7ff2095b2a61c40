"""`/search?q=`: full-text search over names, headings, paragraphs and evidence, as HTML or JSON, a page at a time."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from wilcokg.server.engine.text_index import Hit, Results, index_path, search
from wilcokg.server.negotiation import negotiate
from wilcokg.server.state import server_state
from wilcokg.server.templates import Site

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
PARAMETERS = {
    "q": "the words to find; a phrase in double quotes, a prefix ending in *",
    "limit": f"results per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})",
    "offset": "how many results to skip (default 0)",
    "page": "the page to show, from 1, instead of offset",
    "format": "json or html, instead of the Accept header",
}
_HTML, _JSON = "text/html", "application/json"
# SQLite's integers, OFFSET's among them, are 64-bit.
_LARGEST_OFFSET = 2**63 - 1


class BadParameter(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int

    def previous(self) -> Paging | None:
        return Paging(self.limit, max(0, self.offset - self.limit)) if self.offset > 0 else None

    def next(self, total: int) -> Paging | None:
        return Paging(self.limit, self.offset + self.limit) if self.offset + self.limit < total else None


def _whole_number(params: QueryParams, name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadParameter(f"{name}={raw!r}: expected a whole number") from None


def paging(params: QueryParams) -> Paging:
    """The page asked for: `limit` is kept between 1 and MAX_LIMIT; `page` counts from 1 and wins over `offset`."""
    limit = max(1, min(MAX_LIMIT, _whole_number(params, "limit", DEFAULT_LIMIT)))
    if "page" in params:
        offset = (max(1, _whole_number(params, "page", 1)) - 1) * limit
    else:
        offset = max(0, _whole_number(params, "offset", 0))
    if offset > _LARGEST_OFFSET:
        raise BadParameter(f"offset={offset}: more results to skip than the index can count")
    return Paging(limit, offset)


def page_url(query: str, page: Paging | None, output_format: str | None = None) -> str | None:
    if page is None:
        return None
    params = {"q": query, "limit": page.limit, "offset": page.offset} | (
        {"format": output_format} if output_format else {}
    )
    return "/search?" + urlencode(params)


def hit_url(site: Site, hit: Hit) -> str:
    """Paragraphs, headings and evidence open in the chapter reader; entities on their own page."""
    return hit.anchor or site.href(hit.iri)


def _json(site: Site, results: Results, page: Paging) -> JSONResponse:
    return JSONResponse(
        {
            "query": results.query,
            "total": results.total,
            "limit": page.limit,
            "offset": page.offset,
            "previous": page_url(results.query, page.previous(), "json"),
            "next": page_url(results.query, page.next(results.total), "json"),
            "parameters": PARAMETERS,
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
    state = server_state(request)
    site = state.site
    dist = state.config.dist
    query = request.query_params.get("q", "")
    wants = request.query_params.get("format")
    chosen = (
        wants if wants in ("json", "html") else negotiate(request.headers.get("accept"), [_HTML, _JSON], lambda t: (t,))
    )
    try:
        page = paging(request.query_params)
    except BadParameter as error:
        return PlainTextResponse(f"Bad search parameter {error}", status_code=400)
    try:
        results = await asyncio.to_thread(search, index_path(dist), query, page.limit, page.offset)
    except FileNotFoundError as error:
        return PlainTextResponse(str(error), status_code=503)
    if chosen in ("json", _JSON):
        return _json(site, results, page)
    hits = [(hit, hit_url(site, hit)) for hit in results.hits]
    return HTMLResponse(
        site.render(
            "search.html",
            title=f"Search: {query}" if query else "Search",
            query=query,
            results=results,
            hits=hits,
            page=page,
            previous=page_url(query, page.previous()),
            next=page_url(query, page.next(results.total)),
            json=page_url(query, page, "json"),
            default_limit=DEFAULT_LIMIT,
            max_limit=MAX_LIMIT,
        ),
        headers={"Vary": "Accept"},
    )
