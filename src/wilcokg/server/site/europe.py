"""Europe's country outlines as SVG paths, from the Natural Earth shapes of `wilcokg.describe.outlines`.

No tiles and no network: the outlines are read once from the installed package and projected with
the Lambert azimuthal equal-area projection centred on 52°N 10°E (the projection of EPSG:3035, the
EU's statistical maps), which keeps the continent's areas and shapes honest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from countryinfo import all_countries

from wilcokg.describe.outlines import rings

EARTH_RADIUS_KM = 6371.0
CENTRE_LAT, CENTRE_LONG = 52.0, 10.0
# A ring is drawn when it reaches into these bounds; the map's frame crops the rest. Rings wholly
# outside are left out: near the antipode the projection tears.
_WEST, _EAST, _SOUTH, _NORTH = -30.0, 50.0, 25.0, 75.0


@dataclass(frozen=True, slots=True)
class Outline:
    code: str
    """ISO 3166-1 alpha-2."""
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    """Closed rings of projected points, in kilometres (x east, y north)."""


def project(lat: float, long: float) -> tuple[float, float]:
    """Lambert azimuthal equal-area (spherical): kilometres east and north of the centre."""
    phi, lam = math.radians(lat), math.radians(long - CENTRE_LONG)
    phi0 = math.radians(CENTRE_LAT)
    k = math.sqrt(2 / (1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)))
    x = EARTH_RADIUS_KM * k * math.cos(phi) * math.sin(lam)
    y = EARTH_RADIUS_KM * k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return x, y


def _near_europe(ring: Iterable[list[float]]) -> bool:
    return any(_WEST <= long <= _EAST and _SOUTH <= lat <= _NORTH for long, lat in ring)


@cache
def outlines() -> tuple[Outline, ...]:
    """Every country reaching near Europe, those of its rings that do, projected; sorted by code."""
    found: list[Outline] = []
    for country in all_countries():
        nearby = (ring for ring in rings(country) if _near_europe(ring))
        projected = tuple(tuple(project(lat, long) for long, lat in ring) for ring in nearby)
        if projected:
            found.append(Outline(country.iso(2), country.name(), projected))
    return tuple(sorted(found, key=lambda outline: outline.code))
