"""HTTP validators for responses that depend only on the dataset, and 304 answers to revalidations."""

from __future__ import annotations

from collections.abc import Collection
from email.utils import parsedate_to_datetime

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wilcokg.server.middleware.validators import HttpValidators


class DatasetValidators:
    """Adds ETag and Last-Modified to successful GETs under ``paths`` and answers matching conditional GETs
    with 304 before any query runs: while the dataset is unchanged, so is every answer derived from it.
    """

    def __init__(self, app: ASGIApp, version: HttpValidators, paths: Collection[str]) -> None:
        self.app = app
        self.version = version
        self.paths = tuple(paths)
        self.validators = {"ETag": version.etag, "Last-Modified": version.last_modified_header}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._covers(scope):
            await self.app(scope, receive, send)
            return
        if self._not_modified(Headers(scope=scope)):
            await Response(status_code=304, headers=self.validators)(scope, receive, send)
            return

        async def send_with_validators(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                for name, value in self.validators.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_validators)

    def _covers(self, scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope["method"] in ("GET", "HEAD")
            and any(scope["path"] == path or scope["path"].startswith(path.rstrip("/") + "/") for path in self.paths)
        )

    def _not_modified(self, headers: Headers) -> bool:
        if (if_none_match := headers.get("if-none-match")) is not None:
            # RFC 9110 §13.1.2: If-None-Match uses weak comparison and overrides If-Modified-Since.
            return any(tag.strip() in ("*", self._opaque_tag) for tag in _weak_tags(if_none_match))
        if (if_modified_since := headers.get("if-modified-since")) is not None:
            try:
                since = parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
            return since.tzinfo is not None and self.version.last_modified <= since
        return False

    @property
    def _opaque_tag(self) -> str:
        return self.version.etag.removeprefix("W/")


def _weak_tags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/") for tag in header.split(",")]
