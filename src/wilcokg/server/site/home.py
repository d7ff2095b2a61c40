"""What the home page shows a person first: how much the graph holds, the cities on a map, their social
innovations by policy field, the chapters in book order; the table of classes comes last."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from wilcokg.server.engine.graph_reader import GraphReader, Row
from wilcokg.server.linked_data.entity import Link
from wilcokg.server.page_queries import HOME_COUNTS, HOME_INNOVATIONS
from wilcokg.server.site.chapters import book
from wilcokg.server.site.instances import instances_href
from wilcokg.server.site.map import map_cities, map_svg
from wilcokg.server.templates import Site
from wilcokg.vocab import local_name

UNFILED = "No policy field"


@dataclass(frozen=True, slots=True)
class Counts:
    cities: int
    innovations: int
    organisations: int
    chapters: int
    stated_roles: int
    """Roles of actors in innovations that a sentence of the chapters states."""


@dataclass(frozen=True, slots=True)
class CityInnovations:
    city: Link
    fields: tuple[tuple[str, tuple[Link, ...]], ...]


@dataclass(frozen=True, slots=True)
class ClassRow:
    label: str
    iri: str
    instances: int
    href: str | None


async def counts(reader: GraphReader) -> Counts:
    row = (await reader.select(HOME_COUNTS))[0]
    return Counts(
        *(int(row[name].value) for name in ("cities", "innovations", "organisations", "chapters", "statedRoles"))
    )


async def innovations_by_city(reader: GraphReader) -> tuple[CityInnovations, ...]:
    """Each city with social innovations, its innovations grouped by policy field, all by name."""
    cities: dict[str, str] = {}
    fields: dict[str, dict[str, set[Link]]] = defaultdict(lambda: defaultdict(set))
    for row in await reader.select(HOME_INNOVATIONS):
        city = row["city"].value
        cities[city] = row["cityLabel"].value
        field = row["fieldLabel"].value if "fieldLabel" in row else UNFILED
        fields[city][field].add(Link(row["innovation"].value, row["innovationLabel"].value))
    return tuple(
        CityInnovations(
            Link(city, label),
            tuple(
                (field, tuple(sorted(links, key=lambda link: link.label.casefold())))
                for field, links in sorted(fields[city].items())
            ),
        )
        for city, label in sorted(cities.items(), key=lambda item: item[1])
    )


def class_rows(rows: list[Row]) -> list[ClassRow]:
    """The rows of the class table (CLASS_COUNTS), each linking to the local list of the class's instances."""
    return [
        ClassRow(local_name(iri), iri, int(row["entities"].value), instances_href(iri))
        for row in rows
        if (iri := row["class"].value)
    ]


async def home_sections(reader: GraphReader, site: Site) -> dict[str, Any]:
    """The home page's template variables for people: counts, map, innovations, chapters."""
    cities = await map_cities(reader)
    return {
        "counts": await counts(reader),
        "map": map_svg(cities, site.href) if cities else "",
        "innovations": await innovations_by_city(reader),
        "book": await book(reader),
    }
