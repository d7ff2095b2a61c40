"""`/curation`: what awaits review, read-only, with the evidence and the `wilcokg curate` lines that decide
about each item; HTML for people, JSON (`Accept: application/json` or `?format=json`) for programs.

The filters are those of `wilcokg curate list` and are checked against what they may be: a chapter of the
book, a kind, a status. They select among the rows of fixed queries here, and never reach a query.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from wilcokg.curation.command_lines import command_lines
from wilcokg.curation.queue import KINDS, STATUSES, ReviewItem, selected
from wilcokg.search_index import chapter_id
from wilcokg.server.engine.graph_reader import GraphReader
from wilcokg.server.linked_data.roles import STATUSES as STATUS_NOTES
from wilcokg.server.negotiation import negotiate
from wilcokg.server.site.chapters import book
from wilcokg.server.site.review_queue import KIND_HEADINGS, chapter_queues, evidence_hrefs, read_queue
from wilcokg.server.state import server_state
from wilcokg.server.templates import Site

PATH = "/curation"
ANY_STATUS = "all"
AWAITING = "extracted"
PARAMETERS = {
    "chapter": "only what was read in this chapter, by its id (58-the-filur-project)",
    "type": f"only entities or statements of this kind: {', '.join(KINDS)}",
    "status": f"{', '.join(STATUSES)} or {ANY_STATUS} (default {AWAITING}: what awaits review)",
    "format": "json or html, instead of the Accept header",
}
_HTML, _JSON = "text/html", "application/json"
_VARY = {"Vary": "Accept"}


class BadFilter(ValueError):
    """A query parameter the page does not take, said in words for the visitor."""


@dataclass(frozen=True, slots=True)
class Filters:
    chapter: str | None = None
    kind: str | None = None
    status: str = AWAITING

    @property
    def parameters(self) -> dict[str, str | None]:
        return {"chapter": self.chapter, "type": self.kind, "status": self.status}

    def url(self, output: str) -> str:
        """This page with these filters, in `output` (json, html)."""
        given = {name: value for name, value in self.parameters.items() if value}
        return PATH + "?" + urlencode(given | {"format": output})

    def select(self, items: Collection[ReviewItem]) -> list[ReviewItem]:
        return selected(items, self.chapter, self.kind, None if self.status == ANY_STATUS else self.status)


def _value(params: QueryParams, name: str) -> str | None:
    """The parameter's value; None when it is absent or empty, as a form's "any" sends it."""
    values = params.getlist(name)
    if len(values) > 1:
        raise BadFilter(f"{name} is given {len(values)} times: give it once")
    return values[0] if values and values[0] else None


def _one_of(params: QueryParams, name: str, allowed: Collection[str], what: str) -> str | None:
    value = _value(params, name)
    if value is not None and value not in allowed:
        raise BadFilter(f"{name}={value!r} is not {what}; it may be {', '.join(allowed)}")
    return value


def _negotiated(accept: str | None) -> str:
    """The format `Accept` prefers, `json` or `html`; HTML when it likes neither."""
    return "json" if negotiate(accept, (_HTML, _JSON), lambda media_type: (media_type,)) == _JSON else "html"


def output_format(params: QueryParams, accept: str | None) -> str:
    """`json` or `html`: the `format` parameter's, else the one `Accept` prefers."""
    return _one_of(params, "format", ("json", "html"), "a format of this page") or _negotiated(accept)


def filters(params: QueryParams, chapters: Collection[str]) -> Filters:
    """The filters asked for; `chapters` are the book's chapter ids."""
    unknown = sorted(set(params) - PARAMETERS.keys())
    if unknown:
        raise BadFilter(f"this page takes no parameter {unknown[0]!r}; it takes {', '.join(PARAMETERS)}")
    return Filters(
        _one_of(params, "chapter", chapters, "the id of a chapter of the book"),
        _one_of(params, "type", KINDS, "a kind of entity or statement"),
        _one_of(params, "status", (*STATUSES, ANY_STATUS), "a review status") or AWAITING,
    )


def _refused(site: Site, message: str, as_json: bool) -> Response:
    if as_json:
        return JSONResponse({"error": message, "parameters": PARAMETERS}, status_code=400, headers=_VARY)
    page = site.render("error.html", title="Bad filter", message=message)
    return HTMLResponse(page, status_code=400, headers=_VARY)


async def _json(reader: GraphReader, chosen: Filters, items: list[ReviewItem]) -> JSONResponse:
    """The items as `wilcokg curate list --format json` writes them, with the reader's address of each
    evidence and the command lines that decide about each item."""
    hrefs = await evidence_hrefs(reader, items)
    listed: list[dict[str, Any]] = []
    for item in items:
        fields = asdict(item)
        for written, evidence in zip(fields["evidence"], item.evidence, strict=True):
            written["reader"] = hrefs[(item.iri, evidence)]
        fields["commands"] = {line.action: line.text for line in command_lines(item)}
        listed.append(fields)
    return JSONResponse({"filters": chosen.parameters, "parameters": PARAMETERS, "items": listed}, headers=_VARY)


async def curation_page(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    reader = state.graph
    params = request.query_params
    try:
        wanted = output_format(params, request.headers.get("accept"))
    except BadFilter as error:
        return _refused(site, str(error), _negotiated(request.headers.get("accept")) == "json")
    chapters = [chapter for part in await book(reader) for chapter in part.chapters]
    try:
        chosen = filters(params, [chapter_id(chapter.iri) for chapter in chapters])
    except BadFilter as error:
        return _refused(site, str(error), wanted == "json")
    queue = await read_queue(reader)
    items = chosen.select(queue.items)
    if wanted == "json":
        return await _json(reader, chosen, items)
    groups = await chapter_queues(reader, state.config.dist, queue, items, chapters, chosen.chapter)
    page = site.render(
        "curation.html",
        title="Curation",
        filters=chosen,
        groups=groups,
        count=len(items),
        chapters=[(chapter_id(chapter.iri), chapter.title) for chapter in chapters],
        status_notes=STATUS_NOTES,
        json=chosen.url("json"),
        path=PATH,
        kinds=KIND_HEADINGS,
        statuses=(*STATUSES, ANY_STATUS),
        awaiting=AWAITING,
    )
    return HTMLResponse(page, headers=_VARY)


def curation_routes() -> list[Route]:
    return [Route(PATH, curation_page, methods=["GET", "HEAD"])]
