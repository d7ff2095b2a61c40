"""The pictures of who does what: the whole book's on the home page, a city's on that city's page.

The rows are read by `pictures.reading`, its questions answered by the page queries' GraphReader (the
query workers or a remote store), with the city and each innovation bound as terms. The roles come
from `actor-roles.rq` in the server's folder of canned queries, so the picture shows what that
query answers on /sparql; a server without the file draws no picture, as its query page then
offers no such query.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

from wilcokg.pictures.reading import Ask, Solution, Value, awaited, read_network
from wilcokg.pictures.store import ACTOR_ROLES
from wilcokg.pictures.svg import network_picture
from wilcokg.queries import read_query
from wilcokg.server.engine.graph_reader import GraphReader
from wilcokg.server.linked_data.entity import EntityView
from wilcokg.server.templates import Site
from wilcokg.vocab import SCHEMA

_CITY = SCHEMA("City").value


async def book_network(reader: GraphReader, site: Site, queries: Path) -> str:
    """The SVG of every city's innovations and their actors; empty when there is nothing to draw."""
    return await _network(reader, site, queries, None)


async def city_network(reader: GraphReader, site: Site, queries: Path, view: EntityView) -> str:
    """The SVG of a city's innovations and their actors; empty for any other entity and for a city
    whose innovations have no actor in a role."""
    if not any(kind.iri == _CITY for kind in view.types):
        return ""
    return await _network(reader, site, queries, view.iri)


async def _network(reader: GraphReader, site: Site, queries: Path, city: str | None) -> str:
    path = queries / ACTOR_ROLES
    if not path.is_file():
        return ""

    async def answer(ask: Ask) -> list[Solution]:
        rows = await reader.select(ask.query, **{name: NamedNode(iri) for name, iri in ask.bound})
        return [{name: Value(term.value, term.language) for name, term in row.items()} for row in rows]

    network = await awaited(read_network(read_query(path).text, city, site.href), answer)
    return network_picture(network.rows, network.title) if network.rows else ""
