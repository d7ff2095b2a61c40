"""`Link` headers on the HTML pages: to the page's RDF and to the dataset description.

A client that lands on a page learns from the headers alone, without parsing HTML, where the same
entity is as Turtle, JSON-LD or N-Triples and where the dataset it belongs to is described.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wilcokg.server.linked_data.routes import RDF_REPRESENTATIONS

DESCRIPTION = '</void>; rel="describedby"; type="text/turtle"'


def page_links(path: str) -> list[str]:
    """The links of the page at `path`: its entity's representations, then the dataset description."""
    if path.startswith("/page/"):
        entity = path.removeprefix("/page/")
    elif path.startswith("/chapter/"):
        entity = "chapter/" + path.removeprefix("/chapter/")
    else:
        entity = ""
    links = [f'</data/{entity}.{r.extension}>; rel="alternate"; type="{r.media_type}"' for r in RDF_REPRESENTATIONS]
    return [*(links if entity else []), DESCRIPTION]


class PageLinks:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return

        async def send_with_links(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.append("Link", ", ".join(page_links(scope["path"])))
            await send(message)

        await self.app(scope, receive, send_with_links)
