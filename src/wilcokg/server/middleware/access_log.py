"""One log line per HTTP request, on the ``wilcokg.access`` logger."""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_log = logging.getLogger("wilcokg.access")
# Queries can be long; the log keeps their beginning.
_MAX_TARGET = 200


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        size = 0

        async def observe(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, observe)
        finally:
            _log.info(
                '%s "%s %s" %d %d %.1fms',
                _client(scope),
                scope["method"],
                _target(scope),
                status,
                size,
                (time.perf_counter() - started) * 1000,
            )


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "-"


def _target(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    target: str = scope["path"] + ("?" + query if query else "")
    return target if len(target) <= _MAX_TARGET else target[:_MAX_TARGET] + "…"
