"""What reading needs to know of the reference data beyond labels: where entities are, and each city's municipality."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wilcokg.extract import Lexicon
from wilcokg.reference import Entity, Reference
from wilcokg.vocab import DCTERMS, SCHEMA, entity, slugify

_SPATIAL = DCTERMS("spatial").value
_CONTAINED_IN = SCHEMA("containedInPlace").value


@dataclass(frozen=True, slots=True)
class Gazetteer:
    reference: Reference
    lexicon: Lexicon
    serving: dict[str, frozenset[str]]
    """Entity IRI → the places it serves (`dcterms:spatial`)."""
    within: dict[str, frozenset[str]]
    """Place IRI → every place it is part of (`schema:containedInPlace`, transitively)."""

    def serves(self, entity_iri: str, city_iri: str) -> bool:
        """Whether the entity serves the city itself or an area the city is part of."""
        return bool(self.serving.get(entity_iri, frozenset()) & {city_iri, *self.within.get(city_iri, ())})

    def municipality(self, city: Entity) -> Entity:
        """The city's municipal authority: curated where the reference has it, else minted by the same IRI rule."""
        iri = entity("org", f"{slugify(city.label)}-municipality").value
        return self.reference.entities.get(iri) or Entity(iri, "org", f"{city.label} municipality")


def gazetteer(reference: Reference) -> Gazetteer:
    serving: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    for quad in reference.quads:
        if quad.predicate.value == _SPATIAL:
            serving[quad.subject.value].add(quad.object.value)
        elif quad.predicate.value == _CONTAINED_IN:
            parents[quad.subject.value].add(quad.object.value)

    def closure(iri: str) -> frozenset[str]:
        seen: set[str] = set()
        todo = list(parents.get(iri, ()))
        while todo:
            place = todo.pop()
            if place not in seen:
                seen.add(place)
                todo.extend(parents.get(place, ()))
        return frozenset(seen)

    return Gazetteer(
        reference,
        Lexicon(reference.labels),
        {iri: frozenset(places) for iri, places in serving.items()},
        {iri: closure(iri) for iri in parents},
    )
