"""What reading a chapter yields: the entities it names, their mentions, and who does what in each innovation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from wilcokg.reading.mentions import Candidate, Mention


class Role(StrEnum):
    """An actor's part in an innovation; the values are the roles scheme's `skos:notation`s."""

    INITIATOR = "initiator"
    FUNDER = "funder"
    OPERATOR = "operator"
    PARTNER = "partner"
    SUPPORTER = "supporter"


@dataclass(frozen=True, slots=True)
class ReadEntity:
    """An innovation, organisation, person or place the chapter names."""

    iri: str
    category: str
    """`innovation`, `org`, `person`, or a place: `city`, `country`, `place`."""
    label: str
    names: tuple[str, ...]
    """Every name the text gives it, as written (acronyms and translations included), sorted."""
    known: bool
    """In the curated reference data; otherwise discovered by reading."""
    cue: str
    """The rule that typed it: `reference`, `word:office`, `after:organisation-noun`, `title`…"""
    parent: str | None = None
    """The organisation it is part of (`the city's Department for …`), where the text says so."""


@dataclass(frozen=True, slots=True)
class Relation:
    """One actor in one role in one innovation, with the sentence that states it."""

    innovation: str
    actor: str
    role: Role
    start: int
    end: int
    """The evidence sentence's offsets in the chapter's source text."""
    rule: str


@dataclass(frozen=True, slots=True)
class Attribute:
    """A fact about an innovation other than an actor: its start year, where the text states it."""

    innovation: str
    name: str
    value: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True, slots=True)
class Reading:
    chapter: str
    entities: tuple[ReadEntity, ...]
    mentions: tuple[Mention, ...]
    """Mentions of discovered entities and of the known entities that only reading found (`the municipality`)."""
    relations: tuple[Relation, ...]
    attributes: tuple[Attribute, ...]
    candidates: tuple[Candidate, ...]
    own_innovation: str | None = None
    """The innovation an innovation chapter's title names, curated or discovered."""
