"""`/instances/{class}`: the entities of one class, by name, a page at a time (`?page=2`).

The class is named by its compact IRI (`org:Organization`) in one of the site's known namespaces; the
query gets it as a bound term. The list is paged here rather than by LIMIT and OFFSET in the query, whose
text stays fixed whatever the request: a class of this graph has at most some thousands of instances.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pyoxigraph import NamedNode
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from wilcokg.server.engine.graph_reader import GraphReader
from wilcokg.server.linked_data.entity import Link, best_labels
from wilcokg.server.page_queries import CLASS_INSTANCES
from wilcokg.server.state import server_state
from wilcokg.vocab import PREFIXES, curie, local_name

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class InstancesPage:
    kind: Link
    instances: tuple[Link, ...]
    total: int
    page: int
    pages: int


def instances_href(class_iri: str) -> str | None:
    """The local list of a class's instances, for a class in one of the known namespaces."""
    name = curie(class_iri)
    return f"/instances/{name}" if name else None


def _class(name: str) -> NamedNode | None:
    """The class a compact IRI names, or None when its prefix is unknown or it makes no IRI."""
    prefix, _, local = name.partition(":")
    namespace = PREFIXES.get(prefix)
    if not namespace or not local:
        return None
    try:
        return NamedNode(namespace + local)
    except ValueError:
        return None


async def instances(reader: GraphReader, kind: NamedNode, page: int) -> InstancesPage | None:
    """Page ``page`` (from 1) of the instances of the class ``kind``, or None when there is no such page."""
    rows = await reader.select(CLASS_INSTANCES, **{"class": kind})
    labels = best_labels(rows, "entity", "label")
    everyone = sorted(
        {Link(row["entity"].value, labels.get(row["entity"].value) or local_name(row["entity"].value)) for row in rows},
        key=lambda link: (link.label.casefold(), link.iri),
    )
    pages = math.ceil(len(everyone) / PAGE_SIZE)
    if not 1 <= page <= pages:
        return None
    shown = tuple(everyone[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    return InstancesPage(Link(kind.value, local_name(kind.value)), shown, len(everyone), page, pages)


async def instances_page(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    name = request.path_params["class"]
    page_parameter = request.query_params.get("page", "1")
    if not page_parameter.isascii() or not page_parameter.isdigit():
        return PlainTextResponse("page must be a positive whole number", status_code=400)
    kind = _class(name)
    listing = None if kind is None else await instances(state.graph, kind, int(page_parameter))
    if listing is None:
        return HTMLResponse(site.render("not_found.html", title="Not found", iri=name), status_code=404)
    return HTMLResponse(site.render("instances.html", title=f"Instances of {name}", listing=listing, name=name))
