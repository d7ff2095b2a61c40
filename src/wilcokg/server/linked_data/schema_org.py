"""The schema.org description embedded in each HTML page (`<script type="application/ld+json">`).

Search engines read schema.org terms, not our vocabulary, so an entity page describes its entity
in schema.org's words: its type (City, GovernmentOrganization, Project, Chapter, DefinedTerm…),
name, other names, description, coordinates, where it is, and the same entity elsewhere. Each
property is used only on the types schema.org lists in its domain. The chapter reader and the home
page describe their own subjects beside their routes, in the same context.
"""

from __future__ import annotations

from typing import Any

from wilcokg.server.linked_data.entity import EntityView, Value
from wilcokg.vocab import PREFIXES

SCHEMA_ORG = "https://schema.org"
# Most specific first: an entity gets the first type it has, and with it the schema.org family whose
# properties it may use (every schema.org property has its domains: `location` is an organisation's or
# an event's, a creative work's place is its `contentLocation`).
_TYPES = (
    (PREFIXES["schema"] + "City", "City", "Place"),
    (PREFIXES["schema"] + "Country", "Country", "Place"),
    (PREFIXES["schema"] + "AdministrativeArea", "AdministrativeArea", "Place"),
    (PREFIXES["cv"] + "PublicOrganisation", "GovernmentOrganization", "Organization"),
    (PREFIXES["org"] + "Organization", "Organization", "Organization"),
    (PREFIXES["foaf"] + "Person", "Person", "Person"),
    (PREFIXES["wilco"] + "SocialInnovation", "Project", "Organization"),
    (PREFIXES["bibo"] + "Chapter", "Chapter", "CreativeWork"),
    (PREFIXES["bibo"] + "EditedBook", "Book", "CreativeWork"),
    (PREFIXES["skos"] + "ConceptScheme", "DefinedTermSet", "CreativeWork"),
    (PREFIXES["skos"] + "Concept", "DefinedTerm", "DefinedTerm"),
    (PREFIXES["void"] + "Dataset", "Dataset", "CreativeWork"),
    (PREFIXES["wilco"] + "Section", "CreativeWork", "CreativeWork"),
    (PREFIXES["wilco"] + "Paragraph", "CreativeWork", "CreativeWork"),
)
# Our property → the schema.org property whose value is another node (written with its name), for
# the families in its domain. skos:broader has no schema.org counterpart for a DefinedTerm.
_LINKS = (
    (PREFIXES["schema"] + "containedInPlace", "containedInPlace", ("Place",)),
    (PREFIXES["dcterms"] + "spatial", "location", ("Organization",)),
    (PREFIXES["dcterms"] + "spatial", "contentLocation", ("CreativeWork",)),
    (PREFIXES["dcterms"] + "isPartOf", "isPartOf", ("CreativeWork",)),
    (PREFIXES["dcterms"] + "creator", "author", ("CreativeWork",)),
    (PREFIXES["dcterms"] + "subject", "about", ("CreativeWork", "DefinedTerm")),
    (PREFIXES["schema"] + "about", "about", ("CreativeWork", "DefinedTerm")),
    (PREFIXES["org"] + "subOrganizationOf", "parentOrganization", ("Organization",)),
    (PREFIXES["org"] + "memberOf", "affiliation", ("Person",)),
    (PREFIXES["skos"] + "inScheme", "inDefinedTermSet", ("DefinedTerm",)),
)
_OTHER_NAMES = (PREFIXES["skos"] + "altLabel", PREFIXES["skos"] + "prefLabel")
_DESCRIPTION = (PREFIXES["dcterms"] + "description", PREFIXES["skos"] + "definition")
_SAME_AS = (PREFIXES["owl"] + "sameAs", PREFIXES["skos"] + "exactMatch")
_POSITION = PREFIXES["bibo"] + "number"


def _values(view: EntityView, predicates: tuple[str, ...]) -> list[Value]:
    return [v for s in view.statements if s.predicate.iri in predicates for v in s.values if not v.inferred]


def _first_english(values: list[Value]) -> str | None:
    texts = sorted((0 if v.term.language == "en" else 1, v.term.value) for v in values if not v.term.is_iri)
    return texts[0][1] if texts else None


def schema_org(view: EntityView, url: str) -> dict[str, Any]:
    """The page's JSON-LD in schema.org terms; `url` is the page's own address."""
    own_types = {t.iri for t in view.types}
    kind, family = next(((name, family) for iri, name, family in _TYPES if iri in own_types), ("Thing", "Thing"))
    data: dict[str, Any] = {"@context": SCHEMA_ORG, "@type": kind, "@id": view.iri, "name": view.label, "url": url}
    other_names = sorted({v.term.value for v in _values(view, _OTHER_NAMES) if v.term.value != view.label})
    if other_names:
        data["alternateName"] = other_names
    if description := _first_english(_values(view, _DESCRIPTION)):
        data["description"] = description
    same_as = sorted({v.term.value for v in _values(view, _SAME_AS) if v.term.is_iri})
    if same_as:
        data["sameAs"] = same_as
    for predicate, term, families in _LINKS:
        if family not in families:
            continue
        nodes = [
            {"@id": v.term.value, "name": v.label or v.term.value} for v in _values(view, (predicate,)) if v.term.is_iri
        ]
        if nodes:
            data.setdefault(term, []).extend(nodes)
    lat = _values(view, (PREFIXES["geo"] + "lat",))
    long = _values(view, (PREFIXES["geo"] + "long",))
    if lat and long:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(lat[0].term.value),
            "longitude": float(long[0].term.value),
        }
    if family == "CreativeWork" and (position := _values(view, (_POSITION,))):
        data["position"] = int(position[0].term.value)
    return data
