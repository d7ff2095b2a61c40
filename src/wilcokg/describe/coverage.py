"""What the dataset covers, as its catalogue entry states it: places, study period, keywords.

Read from the built graph, so the description follows the reference data: the WILCO countries and
cities by their GeoNames IRIs (the identifiers DCAT-AP expects for places), each with a centre and a
bounding box, and the labels of the thesaurus's top concepts as keywords.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from countryinfo import CountryInfo
from pyoxigraph import Literal, NamedNode, Quad

from wilcokg.describe.outlines import rings
from wilcokg.terms import Object, value
from wilcokg.vocab import KEYWORD_SCHEME, OWL, PREFIXES, RDF_TYPE, RDFS, SCHEMA, SKOS, Namespace

GEO = Namespace(PREFIXES["geo"])
STUDY_PERIOD = ("2010", "2014")
"""The years of the WILCO project (EU FP7) whose e-book the chapters come from, as xsd:gYear."""


@dataclass(frozen=True, slots=True)
class Place:
    geonames: NamedNode
    ours: NamedNode
    label: Literal
    centroid: str
    """A WKT point."""
    bbox: str
    """A WKT polygon, or a point where the only extent known is one point."""


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _point(long: str, lat: str) -> str:
    return f"POINT({long} {lat})"


def _box(west: float, south: float, east: float, north: float) -> str:
    corners = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    return "POLYGON((" + ", ".join(f"{_number(x)} {_number(y)}" for x, y in corners) + "))"


def _country_extent(iso_code: str) -> tuple[str, str] | None:
    """Centre and bounding box of a country's Natural Earth outline, or None if countryinfo lacks it."""
    try:
        country = CountryInfo(iso_code)
        points = [point for ring in rings(country) for point in ring]
        centre = country.latlng()
    except LookupError:
        # An identifier countryinfo does not know (a country of a synthetic corpus, a retired code).
        return None
    if not points or len(centre) != 2:
        return None
    lat, long = centre
    longs, lats = [p[0] for p in points], [p[1] for p in points]
    return _point(_number(long), _number(lat)), _box(min(longs), min(lats), max(longs), max(lats))


def places(quads: Iterable[Quad]) -> list[Place]:
    """The WILCO countries and cities that have a GeoNames IRI, sorted by that IRI.

    A country's centre is countryinfo's representative point and its box that of its outline; a
    city's only extent in the data is GeoNames' point, which is then its centre and its box alike.
    """
    wanted = {RDF_TYPE, OWL("sameAs"), RDFS("label"), GEO("lat"), GEO("long"), SCHEMA("identifier")}
    facts: dict[NamedNode, dict[NamedNode, list[Object]]] = defaultdict(lambda: defaultdict(list))
    for quad in quads:
        if quad.predicate in wanted and isinstance(quad.subject, NamedNode):
            facts[quad.subject][quad.predicate].append(quad.object)
    found: list[Place] = []
    for subject, properties in facts.items():
        kinds = set(properties[RDF_TYPE])
        geonames = [
            o for o in properties[OWL("sameAs")] if isinstance(o, NamedNode) and o.value.startswith(PREFIXES["gn"])
        ]
        labels = [o for o in properties[RDFS("label")] if isinstance(o, Literal)]
        if not geonames or not labels:
            continue
        extent = None
        if SCHEMA("City") in kinds and properties[GEO("lat")] and properties[GEO("long")]:
            point = _point(value(properties[GEO("long")][0]), value(properties[GEO("lat")][0]))
            extent = point, point
        elif SCHEMA("Country") in kinds and properties[SCHEMA("identifier")]:
            extent = _country_extent(value(properties[SCHEMA("identifier")][0]))
        if extent:
            found.append(Place(geonames[0], subject, labels[0], *extent))
    return sorted(found, key=lambda place: place.geonames.value)


def top_concept_labels(quads: Sequence[Quad]) -> list[Literal]:
    """Every preferred label, in every language, of the keyword thesaurus's top concepts."""
    tops = {q.subject for q in quads if q.predicate == SKOS("topConceptOf") and q.object == KEYWORD_SCHEME}
    labels = {
        q.object
        for q in quads
        if q.subject in tops and q.predicate == SKOS("prefLabel") and isinstance(q.object, Literal)
    }
    return sorted(labels, key=lambda label: (label.language or "", label.value))
