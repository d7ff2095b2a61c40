"""The entities a reconciliation service offers, with their labels and the properties it can match and return.

Read from the graph once (the dataset is read-only while the server runs) and kept in memory: a
few hundred entities, so every reconciliation query is answered without touching the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from wilcokg.labels import language_rank
from wilcokg.server.engine.graph_reader import GraphReader
from wilcokg.server.page_queries import CATALOGUE_DESCRIPTIONS, catalogue_entities, catalogue_values
from wilcokg.vocab import PREFIXES


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Property:
    id: str
    name: str
    predicate: str
    value_prefix: str
    """Only values whose IRI starts with this count (our own entities, or one external register)."""
    description: str


@dataclass
class Entity:
    iri: str
    name: str = ""
    description: str = ""
    kinds: set[str] = field(default_factory=set)
    labels: list[tuple[str, str]] = field(default_factory=list)
    """(label property local name, text): `prefLabel`, `altLabel`, …"""
    values: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Property id → IRIs."""


def kinds(base: str) -> tuple[Kind, ...]:
    return (
        Kind(PREFIXES["schema"] + "City", "City"),
        Kind(PREFIXES["org"] + "Organization", "Organisation"),
        Kind(PREFIXES["wilco"] + "SocialInnovation", "Social innovation"),
        Kind(base + "id/scheme/keywords", "Keyword"),
        Kind(base + "id/scheme/policy-fields", "Policy field"),
    )


def properties(base: str) -> tuple[Property, ...]:
    same_as = PREFIXES["owl"] + "sameAs"
    return (
        Property(
            "city", "City or place", PREFIXES["dcterms"] + "spatial", base + "id/", "where it is (dcterms:spatial)"
        ),
        Property(
            "country",
            "Country",
            PREFIXES["schema"] + "containedInPlace",
            base + "id/country/",
            "schema:containedInPlace",
        ),
        Property("policyField", "Policy field", PREFIXES["wilco"] + "policyField", base + "id/", "wilco:policyField"),
        Property("actor", "Actor", PREFIXES["wilco"] + "actor", base + "id/", "organisations involved (wilco:actor)"),
        Property("wikidata", "Wikidata", same_as, PREFIXES["wd"], "the same entity in Wikidata (owl:sameAs)"),
        Property("geonames", "GeoNames", same_as, PREFIXES["gn"], "the same place in GeoNames (owl:sameAs)"),
    )


_LABEL_PROPERTIES = {
    PREFIXES["rdfs"] + "label": "label",
    PREFIXES["skos"] + "prefLabel": "prefLabel",
    PREFIXES["skos"] + "altLabel": "altLabel",
    PREFIXES["skos"] + "hiddenLabel": "hiddenLabel",
}


@dataclass(frozen=True, slots=True)
class Catalogue:
    base: str
    kinds: tuple[Kind, ...]
    properties: tuple[Property, ...]
    entities: dict[str, Entity]
    names: dict[str, str]
    """Names of the property values that are not reconcilable entities themselves (`place/nord`)."""

    def kind(self, kind_id: str) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def property(self, property_id: str) -> Property | None:
        return next((p for p in self.properties if p.id == property_id), None)

    def name_of(self, iri: str) -> str:
        entity = self.entities.get(iri)
        return entity.name if entity else self.names.get(iri, iri.rstrip("/").rsplit("/", 1)[-1])


def _display_name(labels: list[tuple[str, str, str | None]]) -> str:
    ranked = sorted(({"prefLabel": 0, "label": 1}.get(p, 2), language_rank(lang), text) for p, text, lang in labels)
    return ranked[0][2]


class CatalogueOnDemand:
    """The catalogue, loaded on first use and kept: the dataset does not change while the server runs."""

    def __init__(self, reader: GraphReader, base: str) -> None:
        self._reader = reader
        self._base = base
        self._loaded: Catalogue | None = None

    async def get(self) -> Catalogue:
        if self._loaded is None:
            self._loaded = await load_catalogue(self._reader, self._base)
        return self._loaded


async def load_catalogue(reader: GraphReader, base: str) -> Catalogue:
    known_kinds = kinds(base)
    known_properties = properties(base)
    rows = await reader.select(
        catalogue_entities((NamedNode(k.id) for k in known_kinds), (NamedNode(p) for p in _LABEL_PROPERTIES))
    )
    entities: dict[str, Entity] = {}
    tagged: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for row in rows:
        entity = entities.setdefault(row["entity"].value, Entity(row["entity"].value))
        entity.kinds.add(row["kind"].value)
        label = (_LABEL_PROPERTIES[row["p"].value], row["label"].value)
        if label not in entity.labels:
            entity.labels.append(label)
        tagged[entity.iri].append((*label, row["label"].language))
    for entity in entities.values():
        entity.labels.sort()
        entity.name = _display_name(tagged[entity.iri])
    predicates = sorted({p.predicate for p in known_properties})
    names: dict[str, str] = {}
    for row in await reader.select(catalogue_values(NamedNode(p) for p in predicates)):
        owner = entities.get(row["entity"].value)
        if owner is None:
            continue
        if "valueLabel" in row:
            names[row["value"].value] = row["valueLabel"].value
        for prop in known_properties:
            value = row["value"].value
            if row["p"].value == prop.predicate and value.startswith(prop.value_prefix) and value != owner.iri:
                owner.values[prop.id].append(value)
    for row in await reader.select(CATALOGUE_DESCRIPTIONS):
        if (described := entities.get(row["entity"].value)) is not None:
            described.description = row["description"].value
    for entity in entities.values():
        for values in entity.values.values():
            values.sort()
    return Catalogue(base, known_kinds, known_properties, entities, names)
