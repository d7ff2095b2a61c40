"""What reading needs to know of the reference data beyond labels: where entities are, and each city's municipality."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wilcokg.reading.mentions import Lexicon
from wilcokg.reference import Entity, Reference
from wilcokg.terms import value
from wilcokg.vocab import DCTERMS, ORG, RDF_TYPE, SCHEMA, WILCO, entity, slugify

_SPATIAL = DCTERMS("spatial").value
_CONTAINED_IN = SCHEMA("containedInPlace").value
_SUB_ORGANIZATION_OF = ORG("subOrganizationOf").value
_TYPE = RDF_TYPE.value
_ACTOR_ROLE = WILCO("ActorRole").value


@dataclass(frozen=True, slots=True)
class Gazetteer:
    reference: Reference
    lexicon: Lexicon
    serving: dict[str, frozenset[str]]
    """Entity IRI → the places it serves (`dcterms:spatial`)."""
    within: dict[str, frozenset[str]]
    """Place IRI → every place it is part of (`schema:containedInPlace`, transitively)."""
    branches: dict[str, frozenset[str]]
    """Organisation IRI → its parent's other branches (`org:subOrganizationOf` the same parent)."""
    curated_roles: frozenset[str]
    """The qualified actor roles the reference holds: reading adds evidence to them, not another status."""

    def serves(self, entity_iri: str, city_iri: str) -> bool:
        """Whether the entity serves the city itself or an area the city is part of."""
        return bool(self.serving.get(entity_iri, frozenset()) & {city_iri, *self.within.get(city_iri, ())})

    def local_branch(self, entity_iri: str, city_iri: str) -> str:
        """`CAF` names the Nord fund; in a Nantes chapter it is the branch of the same national fund that
        serves Nantes. An entity that serves elsewhere gives way to a sibling branch serving the city."""
        if entity_iri not in self.serving or self.serves(entity_iri, city_iri):
            return entity_iri
        local = sorted(b for b in self.branches.get(entity_iri, ()) if self.serves(b, city_iri))
        return local[0] if len(local) == 1 else entity_iri

    def municipality(self, city: Entity) -> Entity:
        """The city's municipal authority: curated where the reference has it, else minted by the same IRI rule."""
        iri = entity("org", f"{slugify(city.label)}-municipality").value
        return self.reference.entities.get(iri) or Entity(iri, "org", f"{city.label} municipality")


def gazetteer(reference: Reference) -> Gazetteer:
    serving: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    roles: set[str] = set()
    children: dict[str, set[str]] = defaultdict(set)
    for quad in reference.quads:
        if value(quad.predicate) == _TYPE and value(quad.object) == _ACTOR_ROLE:
            roles.add(value(quad.subject))
        elif value(quad.predicate) == _SPATIAL:
            serving[value(quad.subject)].add(value(quad.object))
        elif value(quad.predicate) == _CONTAINED_IN:
            parents[value(quad.subject)].add(value(quad.object))
        elif value(quad.predicate) == _SUB_ORGANIZATION_OF:
            children[value(quad.object)].add(value(quad.subject))

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
        {child: frozenset(family - {child}) for family in children.values() for child in family},
        frozenset(roles),
    )
