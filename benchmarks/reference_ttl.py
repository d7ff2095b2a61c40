"""The synthetic world as reference Turtle, in the shape of the curated `data/reference/*.ttl`.

Link identifiers (Wikidata, GeoNames) start at 900 million, far above the items and places that
exist: they are there only to give `owl:sameAs` its real weight in inference and in the linksets,
and must never be mistaken for curated links.
"""

from __future__ import annotations

from world import POLICY_FIELD_SLUGS, City, Country, Innovation, Organisation, World

_SYNTHETIC_ID = 900_000_000

_PLACES_PREFIXES = """\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wilco: <https://w3id.org/wilcokg/ontology#> .
@prefix city: <https://w3id.org/wilcokg/id/city/> .
@prefix country: <https://w3id.org/wilcokg/id/country/> .

# Synthetic places for benchmarking: not WILCO data.
"""
_ORGANISATIONS_PREFIXES = """\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix cv: <http://data.europa.eu/m8g/> .
@prefix city: <https://w3id.org/wilcokg/id/city/> .
@prefix country: <https://w3id.org/wilcokg/id/country/> .
@prefix orgid: <https://w3id.org/wilcokg/id/org/> .

# Synthetic organisations for benchmarking: not WILCO data.
"""
# The funder and the coordinator that the copied book.ttl points at: without them the SHACL gate
# would reject the synthetic reference data for dangling organisation IRIs.
_BOOK_ORGANISATIONS = """
orgid:european-union a org:Organization , cv:PublicOrganisation ;
    rdfs:label "European Union" ;
    skos:prefLabel "European Union"@en , "Union européenne"@fr ;
    skos:altLabel "EU" .

orgid:european-commission a org:Organization , cv:PublicOrganisation ;
    rdfs:label "European Commission" ;
    skos:prefLabel "European Commission"@en , "Commission européenne"@fr ;
    org:subOrganizationOf orgid:european-union .

orgid:radboud-university-nijmegen a org:Organization ;
    rdfs:label "Radboud University Nijmegen" ;
    skos:prefLabel "Radboud University Nijmegen"@en , "Radboud Universiteit Nijmegen"@nl ;
    skos:altLabel "Radboud University" .
"""
_INNOVATIONS_PREFIXES = """\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix wilco: <https://w3id.org/wilcokg/ontology#> .
@prefix city: <https://w3id.org/wilcokg/id/city/> .
@prefix orgid: <https://w3id.org/wilcokg/id/org/> .
@prefix pf: <https://w3id.org/wilcokg/id/policy-field/> .
@prefix innovation: <https://w3id.org/wilcokg/id/innovation/> .

# Synthetic social innovations for benchmarking: not WILCO data.
"""


def literal(text: str, language: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"' + (f"@{language}" if language else "")


def _country(country: Country) -> str:
    code = country.code.lower()
    return (
        f"country:{code} a schema:Country ;\n"
        f"    rdfs:label {literal(country.name)} ;\n"
        f"    skos:prefLabel {literal(country.name, 'en')} , {literal(country.local_name, country.language)} ;\n"
        f"    wilco:printedCountryCode {literal(country.code)} ;\n"
        f"    owl:sameAs wd:Q{_SYNTHETIC_ID + country.number} , "
        f"<https://sws.geonames.org/{_SYNTHETIC_ID + country.number}/> ;\n"
        f"    schema:identifier {literal(country.code)} .\n"
    )


def _city(city: City) -> str:
    number = _SYNTHETIC_ID + 1000 + city.number
    lines = [
        f"city:{city.slug} a schema:City",
        f"rdfs:label {literal(city.name)}",
        f"skos:prefLabel {literal(city.name, 'en')} , {literal(city.name, city.country.language)}",
    ]
    folded = city.slug.replace("-", " ").title()
    if folded != city.name:
        lines.append(f"skos:hiddenLabel {literal(folded)}")
    lines += [
        f"schema:containedInPlace country:{city.country.code.lower()}",
        f"owl:sameAs wd:Q{number} , <https://sws.geonames.org/{number}/>",
    ]
    if city.number % 3 == 0:
        lat, long = 40 + (city.number * 37 % 2000) / 100, (city.number * 53 % 3000) / 100
        lines += [f'geo:lat "{lat:.5f}"^^xsd:decimal', f'geo:long "{long:.5f}"^^xsd:decimal']
    lines.append(f"wilco:nuts3 {literal(f'{city.country.code}{city.number:03d}')}")
    return " ;\n    ".join(lines) + " .\n"


def places(world: World) -> str:
    parts = [_PLACES_PREFIXES, "\n# ---- Countries ----\n"]
    parts += ["\n" + _country(country) for country in world.countries]
    parts.append("\n\n# ---- Cities ----\n")
    parts += ["\n" + _city(city) for city in world.cities]
    return "".join(parts)


def _organisation(org: Organisation) -> str:
    classes = "org:Organization , cv:PublicOrganisation" if org.public else "org:Organization"
    pref = literal(org.english, "en") + (f" , {literal(org.french, 'fr')}" if org.french else "")
    lines = [f"orgid:{org.slug} a {classes}", f"rdfs:label {literal(org.label)}", f"skos:prefLabel {pref}"]
    if org.acronym:
        lines.append(f"skos:altLabel {literal(org.acronym)}")
    if org.hidden:
        lines.append("skos:hiddenLabel " + " , ".join(literal(h) for h in org.hidden))
    kind, slug = org.spatial.split("/")
    lines.append(f"dcterms:spatial {kind}:{slug}")
    return " ;\n    ".join(lines) + " .\n"


def organisations(world: World) -> str:
    generated = "".join("\n" + _organisation(org) for org in world.organisations)
    return _ORGANISATIONS_PREFIXES + _BOOK_ORGANISATIONS + generated


def _innovation(innovation: Innovation, city: City) -> str:
    lines = [
        f"innovation:{innovation.slug} a wilco:SocialInnovation",
        f"rdfs:label {literal(innovation.name)}",
        f"skos:prefLabel {literal(innovation.name, innovation.language)}",
        f"skos:altLabel {literal(innovation.gloss, 'en')}",
        f"wilco:policyField pf:{POLICY_FIELD_SLUGS[innovation.policy_field]}",
        f"dcterms:spatial city:{city.slug}",
        "wilco:actor " + " , ".join(f"orgid:{actor}" for actor in innovation.actors),
    ]
    if innovation.number:
        lines.append(f"wilco:chapterNumber {innovation.number}")
    return " ;\n    ".join(lines) + " .\n"


def innovations(world: World) -> str:
    parts = [_INNOVATIONS_PREFIXES]
    for city in world.cities:
        parts.append(f"\n# ---------------------------------------------------------------- {city.name}\n")
        parts += ["\n" + _innovation(i, city) for i in (*city.innovations, *city.unnumbered)]
    return "".join(parts)
