"""Country outlines from the Natural Earth shapes the `countryinfo` package ships (no network).

The map projects them; the dataset description takes each WILCO country's bounding box from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from countryinfo import CountryInfo

Ring = list[list[float]]
"""A closed ring of [longitude, latitude] points."""


def _polygons(geometry: dict[str, Any]) -> Iterator[list[Ring]]:
    if geometry["type"] == "Polygon":
        yield geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["coordinates"]


def rings(country: CountryInfo) -> Iterator[Ring]:
    """Every ring of every polygon of the country's outline, in longitude and latitude."""
    for feature in (country.geo_json() or {}).get("features", []):
        for polygon in _polygons(feature["geometry"]):
            yield from polygon
