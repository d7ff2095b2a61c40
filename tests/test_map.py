"""The map: curated city coordinates, Europe's outlines from package data, and /map."""

from __future__ import annotations

import math
import re

import pytest
import rdflib

from conftest import REFERENCE
from wilcokg.server.site.europe import CENTRE_LAT, CENTRE_LONG, EARTH_RADIUS_KM, outlines, project

SCHEMA = rdflib.Namespace("http://schema.org/")
GEO = rdflib.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")


def test_every_wilco_city_has_decimal_coordinates_in_europe():
    places = rdflib.Graph().parse(REFERENCE / "places.ttl")
    cities = set(places.subjects(rdflib.RDF.type, SCHEMA.City))
    assert len(cities) == 20
    for city in cities:
        lat, long = places.value(city, GEO.lat), places.value(city, GEO.long)
        assert lat is not None and long is not None, city
        assert lat.datatype == rdflib.XSD.decimal and long.datatype == rdflib.XSD.decimal
        assert 35 < float(lat) < 70 and -10 < float(long) < 30, city


def test_the_projection_is_azimuthal_equal_area_centred_on_europe():
    assert project(CENTRE_LAT, CENTRE_LONG) == (0.0, 0.0)
    east, north = project(59.33, 18.07)
    assert east > 0 and north > 0  # Stockholm lies north-east of the centre
    # Lambert's projection puts a point at 2R·sin(c/2) from the centre, c its angular distance.
    phi0, phi, dlam = math.radians(CENTRE_LAT), math.radians(59.33), math.radians(18.07 - CENTRE_LONG)
    c = math.acos(math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(dlam))
    assert math.hypot(east, north) == pytest.approx(2 * EARTH_RADIUS_KM * math.sin(c / 2))


def test_outlines_come_from_the_installed_package():
    codes = {outline.code for outline in outlines()}
    assert {"FR", "DE", "SE", "PL", "HR", "GB", "ES", "IT", "CH", "NL"} <= codes


def test_the_map_draws_each_city_sized_by_its_innovations(client):
    response = client.get("/map")
    assert response.status_code == 200
    svg = re.search(r'<svg class="map".*?</svg>', response.text, re.S)
    assert svg is not None
    cities = re.findall(
        r'<a href="(/id/city/[^"]+)" class="city-link"><title>([^<]*)</title><circle class="([^"]+)" '
        r'cx="[\d.]+" cy="[\d.]+" r="([\d.]+)"/>',
        svg.group(0),
    )
    assert len(cities) == 20
    by_city = {href: (title, css, float(radius)) for href, title, css, radius in cities}
    lille_title, lille_css, lille_radius = by_city["/id/city/lille"]
    assert lille_title == "Lille: 4 social innovations\nChild care: 2\nHousing: 2"
    assert lille_css == "city"
    warsaw_title, warsaw_css, warsaw_radius = by_city["/id/city/warsaw"]
    assert warsaw_title == "Warsaw: 0 social innovations" and warsaw_css == "city none"
    assert lille_radius > warsaw_radius
    assert svg.group(0).count('<path class="country') > 30
    assert "http" not in svg.group(0).replace("http://www.w3.org/2000/svg", "")
