"""`/map`: the WILCO cities on a map of Europe, each a circle sized by its number of innovations."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from wilcokg.server.engine.graph_reader import GraphReader
from wilcokg.server.page_queries import MAP_CITIES, MAP_INNOVATIONS
from wilcokg.server.site.europe import Outline, outlines, project
from wilcokg.server.state import server_state

WIDTH = 900.0
# Room around the cities, in kilometres, so that each has its surroundings on the map.
MARGIN_KM = 350.0
UNFILED = "no policy field"


@dataclass
class City:
    iri: str
    label: str
    x: float
    y: float
    country: str | None
    innovations: set[str] = field(default_factory=set)
    fields: Counter[str] = field(default_factory=Counter)

    @property
    def radius(self) -> float:
        # Area, not radius, grows with the count, so that circles compare honestly.
        return 4.0 + 5.0 * math.sqrt(len(self.innovations))

    @property
    def tooltip(self) -> str:
        count = len(self.innovations)
        head = f"{self.label}: {count} social innovation{'' if count == 1 else 's'}"
        return "\n".join([head, *(f"{name}: {n}" for name, n in sorted(self.fields.items()))])


@dataclass(frozen=True, slots=True)
class Frame:
    """Projected kilometres to SVG units: x grows east, y grows south."""

    west: float
    north: float
    scale: float
    height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.west) * self.scale, (self.north - y) * self.scale


def frame(cities: list[City]) -> Frame:
    west = min(c.x for c in cities) - MARGIN_KM
    east = max(c.x for c in cities) + MARGIN_KM
    south = min(c.y for c in cities) - MARGIN_KM
    north = max(c.y for c in cities) + MARGIN_KM
    scale = WIDTH / (east - west)
    return Frame(west, north, scale, (north - south) * scale)


def _path(outline: Outline, view: Frame) -> str:
    pieces = []
    for ring in outline.rings:
        points = [view.point(x, y) for x, y in ring]
        pieces.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(pieces)


def map_svg(cities: list[City], href: Callable[[str], str]) -> str:
    """The map as an SVG element; `href` maps an entity IRI to its link."""
    view = frame(cities)
    wilco_countries = {c.country for c in cities if c.country}
    parts = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {view.height:.0f}" '
        'role="img" aria-label="The WILCO cities on a map of Europe">'
    ]
    for outline in outlines():
        css = "country wilco" if outline.code in wilco_countries else "country"
        parts.append(f'<path class="{css}" d="{_path(outline, view)}"><title>{escape(outline.name)}</title></path>')
    for city in sorted(cities, key=lambda c: (-c.radius, c.label)):
        x, y = view.point(city.x, city.y)
        css = "city" if city.innovations else "city none"
        parts.append(
            f'<a href="{escape(href(city.iri))}" class="city-link"><title>{escape(city.tooltip)}</title>'
            f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="{city.radius:.1f}"/>'
            f'<text x="{x + city.radius + 2:.1f}" y="{y + 4:.1f}">{escape(city.label)}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


async def map_cities(reader: GraphReader) -> list[City]:
    cities: dict[str, City] = {}
    for row in await reader.select(MAP_CITIES):
        x, y = project(float(row["lat"].value), float(row["long"].value))
        code = row["code"].value if "code" in row else None
        cities.setdefault(row["city"].value, City(row["city"].value, row["label"].value, x, y, code))
    for row in await reader.select(MAP_INNOVATIONS):
        city = cities.get(row["city"].value)
        if city is not None and row["innovation"].value not in city.innovations:
            city.innovations.add(row["innovation"].value)
            city.fields[row["fieldLabel"].value if "fieldLabel" in row else UNFILED] += 1
    return sorted(cities.values(), key=lambda c: c.label)


async def map_page(request: Request) -> Response:
    state = server_state(request)
    site = state.site
    cities = await map_cities(state.graph)
    svg = map_svg(cities, site.href) if cities else ""
    return HTMLResponse(site.render("map.html", title="Map", svg=svg, cities=cities))
