"""`/chapter/{id}`: a chapter as published, its mentions linked, with what it is about beside it."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from pyoxigraph import NamedNode
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from wilcokg.search_index import kind_of
from wilcokg.server.engine.graph_reader import GraphReader, Row
from wilcokg.server.engine.text_index import chapter_source, index_path
from wilcokg.server.explore.chapter_view import Block, ChapterView, Reference
from wilcokg.server.explore.schema_org import reader_schema_org
from wilcokg.server.linked_data.annotate import Mark, Stated, annotate
from wilcokg.server.linked_data.entity import best_labels
from wilcokg.server.linked_data.roles import chapter_statements
from wilcokg.server.page_queries import (
    CHAPTER_HEADER,
    CHAPTER_MENTIONS,
    CHAPTER_PARTS,
    CHAPTER_SUBJECTS,
    CITY_CHAPTERS,
)
from wilcokg.server.site.chapters import place_in_city
from wilcokg.server.state import server_state
from wilcokg.server.templates import Site
from wilcokg.source.chapter import parse_chapter
from wilcokg.source.footnotes import Footnote

_CHAPTER_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _blocks(
    text: str, parts: list[Row], marks: list[Mark], footnotes: tuple[Footnote, ...], stated: list[Stated]
) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for row in parts:
        start, end, iri = int(row["start"].value), int(row["end"].value), row["part"].value
        number = iri.rsplit("/", 1)[1]
        if row["kind"].value.endswith("#Section"):
            # A section's span runs over its paragraphs; its heading is its first line.
            line_end = text.find("\n", start)
            heading_end = end if line_end == -1 else min(end, line_end)
            blocks.append(Block("h2", f"s{number}", annotate(text, start, heading_end, marks, footnotes)))
        else:
            blocks.append(Block("p", f"p{number}", annotate(text, start, end, marks, footnotes, stated)))
    return tuple(blocks)


def _siblings(site: Site, rows: list[Row], current: str) -> tuple[tuple[Reference, bool], ...]:
    ordered = sorted({row["chapter"].value: row for row in rows}.values(), key=place_in_city)
    return tuple(
        (
            Reference(f"/chapter/{row['chapter'].value.rsplit('/', 1)[1]}", row["title"].value),
            row["chapter"].value == current,
        )
        for row in ordered
    )


async def chapter_view(reader: GraphReader, site: Site, dist: Path, identifier: str) -> ChapterView | None:
    iri = f"{site.base_iri}id/chapter/{identifier}"
    chapter = NamedNode(iri)
    header = await reader.select(CHAPTER_HEADER, chapter=chapter)
    text = await asyncio.to_thread(chapter_source, index_path(dist), identifier)
    if not header or text is None:
        return None
    parts = await reader.select(CHAPTER_PARTS, chapter=chapter)
    mention_rows = await reader.select(CHAPTER_MENTIONS, chapter=chapter)
    labels = best_labels(mention_rows, "entity", "label")
    marks = [
        Mark(
            int(row["start"].value),
            int(row["end"].value),
            site.href(row["entity"].value),
            labels.get(row["entity"].value, row["entity"].value),
            kind_of(row["entity"].value),
        )
        for row in mention_rows
    ]
    # One row per label of the entity: a dict keeps each mention once, in text order.
    anchors: dict[str, dict[str, None]] = {}
    for row in mention_rows:
        start, end = row["start"].value, row["end"].value
        anchors.setdefault(row["entity"].value, {})[f"m{start}-{end}"] = None
    grouped: dict[str, list[Reference]] = {}
    names = {entity: labels.get(entity, entity) for entity in anchors}
    for entity in sorted(anchors, key=lambda e: names[e].casefold()):
        reference = Reference(site.href(entity), names[entity], tuple(anchors[entity]), kind_of(entity))
        grouped.setdefault(kind_of(entity), []).append(reference)
    statements = await chapter_statements(reader, chapter)
    subject_rows = await reader.select(CHAPTER_SUBJECTS, chapter=chapter)
    subject_labels = best_labels(subject_rows, "subject", "label")
    subjects = tuple(
        Reference(site.href(s), label, tuple(anchors.get(s, ())), kind_of(s))
        for s, label in sorted(subject_labels.items(), key=lambda item: item[1].casefold())
    )
    city = None
    siblings: tuple[tuple[Reference, bool], ...] = ()
    if "city" in header[0]:
        city_iri = header[0]["city"].value
        city = Reference(site.href(city_iri), header[0]["cityLabel"].value)
        siblings = _siblings(site, await reader.select(CITY_CHAPTERS, city=NamedNode(city_iri)), iri)
    return ChapterView(
        identifier=identifier,
        iri=iri,
        title=header[0]["title"].value,
        city=city,
        # The build parsed this very text, so parsing it again finds the markers it recorded.
        blocks=_blocks(text, parts, marks, parse_chapter(text, identifier).footnotes, [s.stated() for s in statements]),
        mentioned=tuple(sorted((kind, tuple(refs)) for kind, refs in grouped.items())),
        subjects=subjects,
        siblings=siblings,
        statements=statements,
    )


async def chapter_page(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    identifier = request.path_params["id"]
    view = None
    if _CHAPTER_ID.match(identifier):
        try:
            view = await chapter_view(state.graph, site, state.config.dist, identifier)
        except FileNotFoundError as error:
            return PlainTextResponse(str(error), status_code=503)
    if view is None:
        iri = f"{site.base_iri}id/chapter/{identifier}"
        return HTMLResponse(site.render("not_found.html", title="Not found", iri=iri), status_code=404)
    structured = reader_schema_org(view, site.base_iri, str(request.url))
    return HTMLResponse(site.render("chapter.html", title=view.title, view=view, structured=structured))


def reader_routes() -> list[Route]:
    return [Route("/chapter/{id}", chapter_page, methods=["GET", "HEAD"])]
