"""Linked-data pages: `/id/…` answers 303 to `/page/…` (HTML) or `/data/….ttl|.jsonld|.nt` by Accept."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pyoxigraph import NamedNode
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from wilcokg.server.engine.writers import GRAPH_WRITERS
from wilcokg.server.linked_data.entity import describe_entity
from wilcokg.server.linked_data.evidence import quotes
from wilcokg.server.linked_data.jsonld import compact, context
from wilcokg.server.linked_data.network_pictures import city_network
from wilcokg.server.linked_data.roles import roles_of
from wilcokg.server.linked_data.schema_org import schema_org
from wilcokg.server.negotiation import negotiate
from wilcokg.server.page_queries import ENTITY_DATA, ENTITY_EXISTS, MERGED_INTO
from wilcokg.server.state import server_state
from wilcokg.server.templates import Site


@dataclass(frozen=True, slots=True)
class Representation:
    extension: str
    media_type: str
    result_format: str
    label: str


def _rdf(result_format: str) -> Representation:
    """The data in an RDF syntax, by its writer's name: extension, media type and label are pyoxigraph's."""
    syntax = GRAPH_WRITERS[result_format]
    return Representation(syntax.file_extension, syntax.media_type, result_format, syntax.name)


HTML = Representation("html", "text/html", "", "HTML")
RDF_REPRESENTATIONS = (_rdf("turtle"), _rdf("jsonld"), _rdf("ntriples"))
BY_EXTENSION = {r.extension: r for r in RDF_REPRESENTATIONS}
VARY = {"Vary": "Accept"}


def _entity_iri(site: Site, path: str) -> str:
    return site.base_iri + "id/" + path


def _entity(site: Site, path: str) -> NamedNode | None:
    """The entity ``path`` names, or None when the path makes no IRI (and so names nothing we know)."""
    try:
        return NamedNode(_entity_iri(site, path))
    except ValueError:
        return None


async def resolve(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    path = request.path_params["path"]
    accept = request.headers.get("accept")
    # Browsers send */* alongside text/html; a client that names no type gets Turtle.
    offers = (*RDF_REPRESENTATIONS, HTML) if accept is None else (HTML, *RDF_REPRESENTATIONS)
    chosen = negotiate(accept, offers, lambda r: (r.media_type,))
    if chosen is None:
        return PlainTextResponse(
            "Not acceptable: this resource is available as HTML, Turtle, JSON-LD or N-Triples.",
            status_code=406,
            headers=VARY,
        )
    reader = state.graph
    entity = _entity(site, path)
    if entity is None or not await reader.ask(ENTITY_EXISTS, entity=entity):
        return PlainTextResponse(f"Nothing is known about {_entity_iri(site, path)}", status_code=404, headers=VARY)
    target = f"/page/{path}" if chosen is HTML else f"/data/{path}.{chosen.extension}"
    return RedirectResponse(target, status_code=303, headers=VARY)


async def page(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    path = request.path_params["path"]
    entity = _entity(site, path)
    reader = state.graph
    merged = [] if entity is None else await reader.select(MERGED_INTO, entity=entity)
    if merged and (target := merged[0]["target"].value).startswith(site.base_iri + "id/"):
        return RedirectResponse(f"/page/{target.removeprefix(site.base_iri + 'id/')}", status_code=301)
    view = None if entity is None else await describe_entity(reader, entity)
    if entity is None or view is None:
        return HTMLResponse(
            site.render("not_found.html", title="Not found", iri=_entity_iri(site, path)), status_code=404
        )
    alternates = [(f"/data/{path}.{r.extension}", r) for r in RDF_REPRESENTATIONS]
    structured = schema_org(view, str(request.url))
    try:
        evidence = await quotes(state.config.dist, view.evidence)
        roles = await roles_of(state.graph, state.config.dist, entity)
    except FileNotFoundError as error:
        return PlainTextResponse(str(error), status_code=503)
    network = await city_network(reader, site, state.config.queries, view)
    return HTMLResponse(
        site.render(
            "entity.html",
            title=view.label,
            view=view,
            alternates=alternates,
            structured=structured,
            quotes=evidence,
            roles=roles,
            network=network,
        )
    )


async def data(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    path, extension = request.path_params["path"], request.path_params["extension"]
    representation = BY_EXTENSION.get(extension)
    if representation is None:
        return PlainTextResponse(f"Unknown extension .{extension}: expected .ttl, .jsonld or .nt", status_code=404)
    entity = _entity(site, path)
    reader = state.graph
    body = b"" if entity is None else await reader.graph(ENTITY_DATA, representation.result_format, entity=entity)
    if not body.strip() or body.strip() in (b"[]", b"{}"):
        return PlainTextResponse(f"Nothing is known about {_entity_iri(site, path)}", status_code=404)
    if representation.extension == "jsonld":
        body = json.dumps(compact(json.loads(body), context()["@context"]), ensure_ascii=False, indent=1).encode()
    return Response(body, media_type=representation.media_type)


async def context_document(request: Request) -> Response:
    del request
    return JSONResponse(context(), media_type="application/ld+json")


def linked_data_routes() -> list[Route]:
    return [
        Route("/context.jsonld", context_document, methods=["GET", "HEAD"]),
        Route("/id/{path:path}", resolve, methods=["GET", "HEAD"]),
        Route("/page/{path:path}", page, methods=["GET", "HEAD"]),
        Route("/data/{path:path}.{extension:str}", data, methods=["GET", "HEAD"]),
    ]
