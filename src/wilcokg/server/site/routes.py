"""The site around the endpoint: home page, downloads, dataset description, ontology, query page."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pyoxigraph import RdfFormat, parse, serialize
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from wilcokg.dist_layout import ONTOLOGY_PAGE, VOID
from wilcokg.file_types import packed
from wilcokg.queries import canned_queries
from wilcokg.server.linked_data.network_pictures import book_network
from wilcokg.server.media_types import HTML, media_types
from wilcokg.server.negotiation import negotiate
from wilcokg.server.page_queries import CLASS_COUNTS, GRAPH_TRIPLES, KEYWORD_FREQUENCIES
from wilcokg.server.site.chapters import chapters_page
from wilcokg.server.site.charts import Bar, bar_chart
from wilcokg.server.site.curation_page import curation_routes
from wilcokg.server.site.downloads import downloads
from wilcokg.server.site.home import class_rows, home_sections
from wilcokg.server.site.instances import instances_page
from wilcokg.server.site.map import map_page
from wilcokg.server.site.ontology_page import framed
from wilcokg.server.site.schema_org import home_schema_org
from wilcokg.server.state import server_state
from wilcokg.vocab import ONTOLOGY_GRAPH

STATIC = Path(__file__).resolve().parents[2] / "static"
_TURTLE = media_types(RdfFormat.TURTLE)
# RDF/XML second: the syntax DCAT harvesters (CKAN's, data.europa.eu's) read most widely.
_CATALOG_SYNTAXES = (RdfFormat.TURTLE, RdfFormat.RDF_XML, RdfFormat.JSON_LD, RdfFormat.N_TRIPLES)


async def home(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    reader = state.graph
    classes = await reader.select(CLASS_COUNTS)
    keywords = await reader.select(KEYWORD_FREQUENCIES)
    published = downloads(state.config.dist)
    chart = bar_chart(
        [Bar(r["label"].value, int(r["chapters"].value), site.href(r["keyword"].value)) for r in keywords]
    )
    return HTMLResponse(
        site.render(
            "home.html",
            title="Home",
            classes=class_rows(classes),
            chart=chart,
            network=await book_network(reader, site, state.config.queries),
            downloads=published,
            structured=home_schema_org(site.base_iri, str(request.url), published),
            **await home_sections(reader, site),
        )
    )


async def downloads_page(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    return HTMLResponse(site.render("downloads.html", title="Downloads", downloads=downloads(state.config.dist)))


async def download(request: Request) -> Response:
    dist = server_state(request).config.dist
    root = dist.resolve()
    try:
        wanted = (root / request.path_params["name"]).resolve()
    except ValueError:  # a NUL in the name: no file has one
        return PlainTextResponse("No such download", status_code=404)
    # Resolve first, then require the result to be one of the published files: no way out of dist/.
    published = {d.name for d in downloads(dist)}
    if not wanted.is_relative_to(root) or wanted.relative_to(root).as_posix() not in published:
        return PlainTextResponse("No such download", status_code=404)
    file_type = packed(wanted.name)
    return FileResponse(wanted, filename=wanted.name, media_type=file_type.media_type if file_type else None)


async def dataset_description(request: Request) -> Response:
    void = server_state(request).config.dist / VOID
    if not void.exists():
        return PlainTextResponse("The dataset description is missing: rebuild dist/", status_code=404)
    return FileResponse(void, media_type=RdfFormat.TURTLE.media_type)


async def catalog(request: Request) -> Response:
    """The DCAT-AP catalogue for portals to harvest: the graph of void.ttl, in the RDF syntax asked for."""
    void = server_state(request).config.dist / VOID
    if not void.exists():
        return PlainTextResponse("The dataset description is missing: rebuild dist/", status_code=404)
    syntax = negotiate(request.headers.get("accept"), _CATALOG_SYNTAXES, media_types)
    headers = {"Vary": "Accept"}
    if syntax is None:
        offered = ", ".join(offer.media_type for offer in _CATALOG_SYNTAXES)
        return PlainTextResponse(f"Not acceptable: the catalogue is available as {offered}", 406, headers)
    if syntax == RdfFormat.TURTLE:
        return FileResponse(void, media_type=syntax.media_type, headers=headers)
    body = await asyncio.to_thread(lambda: serialize(parse(path=void, format=RdfFormat.TURTLE), format=syntax))
    return Response(body, media_type=syntax.media_type, headers=headers)


async def ontology(request: Request) -> Response:
    state = server_state(request)
    docs = state.config.dist / ONTOLOGY_PAGE
    offers = [HTML, _TURTLE] if docs.exists() else [_TURTLE]
    chosen = negotiate(request.headers.get("accept"), offers, lambda offer: offer)
    headers = {"Vary": "Accept"}
    if chosen is None:
        return PlainTextResponse("Not acceptable: the ontology is available as HTML and Turtle", 406, headers)
    if chosen is HTML:
        document = framed(await asyncio.to_thread(docs.read_text, encoding="utf-8"))
        site = state.site
        return HTMLResponse(site.render("ontology.html", title="Ontology", document=document), headers=headers)
    reader = state.graph
    body = await reader.graph(GRAPH_TRIPLES, "turtle", graph=ONTOLOGY_GRAPH)
    return Response(body, media_type=RdfFormat.TURTLE.media_type, headers=headers)


async def query_page(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    queries = canned_queries(state.config.queries) if state.config.queries.is_dir() else []
    tabs = [{"name": q.name, "question": q.question, "query": q.text} for q in queries]
    return HTMLResponse(site.render("query.html", title="SPARQL query", queries=tabs))


async def favicon(request: Request) -> Response:
    # Browsers ask for /favicon.ico whatever the pages link to; the SVG answers them too.
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


def site_routes() -> list[Route | Mount]:
    return [
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/chapters", chapters_page, methods=["GET", "HEAD"]),
        Route("/map", map_page, methods=["GET", "HEAD"]),
        Route("/instances/{class}", instances_page, methods=["GET", "HEAD"]),
        Route("/downloads/", downloads_page, methods=["GET", "HEAD"]),
        Route("/downloads/{name:path}", download, methods=["GET", "HEAD"]),
        Route("/void", dataset_description, methods=["GET", "HEAD"]),
        Route("/.well-known/void", dataset_description, methods=["GET", "HEAD"]),
        Route("/catalog", catalog, methods=["GET", "HEAD"]),
        Route("/ontology", ontology, methods=["GET", "HEAD"]),
        Route("/query", query_page, methods=["GET", "HEAD"]),
        *curation_routes(),
        Route("/favicon.ico", favicon, methods=["GET", "HEAD"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
