"""The book's chapters in book order, for the home page and `/chapters`.

The book numbers its innovation chapters across all its cities, city after city, so a city's place in the
book is that of its first numbered chapter; a city none of whose chapters is numbered comes after those,
by name. Within a city come its introduction, its innovation chapters by number, then its conclusions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from wilcokg.search_index import chapter_id
from wilcokg.server.engine.graph_reader import GraphReader, Row
from wilcokg.server.linked_data.entity import Link
from wilcokg.server.page_queries import BOOK_CHAPTERS
from wilcokg.server.state import server_state

_KIND_ORDER = {"introduction": 0, "innovation": 1, "conclusions": 2}


@dataclass(frozen=True, slots=True)
class BookChapter:
    iri: str
    title: str

    @property
    def reader(self) -> str:
        return f"/chapter/{chapter_id(self.iri)}"


@dataclass(frozen=True, slots=True)
class CityPart:
    """A city's chapters; `city` is None for chapters of no city."""

    city: Link | None
    chapters: tuple[BookChapter, ...]


def place_in_city(row: Row) -> tuple[int, int, str]:
    """Where a chapter (a row with its ?kind, ?title and optional ?number) stands among its city's."""
    kind = row["kind"].value.rsplit("/", 1)[1]
    return (_KIND_ORDER.get(kind, 1), int(row["number"].value) if "number" in row else 0, row["title"].value)


async def book(reader: GraphReader) -> tuple[CityPart, ...]:
    """The chapters grouped by city, cities and chapters in book order."""
    by_city: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in await reader.select(BOOK_CHAPTERS):
        by_city[row["city"].value if "city" in row else ""][row["chapter"].value] = row

    def city_place(rows: dict[str, Row]) -> tuple[float, str]:
        numbers = [int(row["number"].value) for row in rows.values() if "number" in row]
        label = next((row["cityLabel"].value for row in rows.values() if "cityLabel" in row), "")
        return (min(numbers, default=math.inf), label)

    parts = []
    for city, rows in sorted(by_city.items(), key=lambda item: (item[0] == "", city_place(item[1]))):
        ordered = sorted(rows.values(), key=place_in_city)
        link = Link(city, ordered[0]["cityLabel"].value) if city else None
        parts.append(CityPart(link, tuple(BookChapter(row["chapter"].value, row["title"].value) for row in ordered)))
    return tuple(parts)


async def chapters_page(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    parts = await book(state.graph)
    return HTMLResponse(site.render("chapters.html", title="Chapters", book=parts))
