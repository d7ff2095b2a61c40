"""What a visitor sees when a page cannot be answered: a short page in the format asked for, never a
traceback. A query that ran out of time is the moment's doing (503: try again); anything else is the
server's (500), and its detail goes to the log, not to the visitor."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from wilcokg.server.engine.executor import QueryTimeout
from wilcokg.server.engine.graph_reader import GraphReadError
from wilcokg.server.media_types import HTML
from wilcokg.server.negotiation import negotiate
from wilcokg.server.state import server_state

_JSON = ("application/json", "application/ld+json", "application/sparql-results+json")
_TEXT = ("text/plain",)
_SERVER_FAULT = "Something went wrong on our side while answering this request. It has been logged."

_log = logging.getLogger(__name__)

Handler = Callable[[Request, Exception], Awaitable[Response]]


def error_handlers() -> dict[type[Exception], Handler]:
    # Starlette raises an exception that only `Exception`'s handler takes again once the page is sent, so
    # that the server logs its traceback.
    return {QueryTimeout: _timed_out, GraphReadError: _engine_failed, Exception: _server_fault}


async def _timed_out(request: Request, error: Exception) -> Response:
    return _error_page(request, 503, "Try again later", f"{error} Please try again in a moment.")


async def _engine_failed(request: Request, error: Exception) -> Response:
    _log.error("%s %s: a page query failed: %s", request.method, request.url.path, error)
    return await _server_fault(request, error)


async def _server_fault(request: Request, error: Exception) -> Response:
    del error  # named in the log, never in the answer
    return _error_page(request, 500, "Server error", _SERVER_FAULT)


def _error_page(request: Request, status: int, title: str, message: str) -> Response:
    chosen = negotiate(request.headers.get("accept"), (HTML, _JSON, _TEXT), lambda media_types: media_types)
    if chosen is HTML:
        site = server_state(request).site
        return HTMLResponse(site.render("error.html", title=title, message=message), status_code=status)
    if chosen is _JSON:
        return JSONResponse({"error": message}, status_code=status)
    return PlainTextResponse(message, status_code=status)
