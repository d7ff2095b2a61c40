"""What a network picture is drawn from: the rows of `queries/actor-roles.rq`, with labels and cities."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from wilcokg.reading.model import Role

__all__ = ["Node", "Role", "RoleRow", "Status"]


class Status(StrEnum):
    """Who stands behind a role: the values of `wilco:status`."""

    CURATED = "curated"
    EXTRACTED = "extracted"
    ACCEPTED = "accepted"

    @property
    def reviewed(self) -> bool:
        """A curator stated or accepted the role; an extracted one is reading's claim alone."""
        return self is not Status.EXTRACTED


@dataclass(frozen=True, slots=True)
class Node:
    """A city, an innovation or an actor: its IRI, the name to show and, optionally, its page."""

    iri: str
    label: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class RoleRow:
    """One actor in one role in one innovation, and where the chapter says so."""

    innovation: Node
    city: Node
    actor: Node
    role: Role
    status: Status
    evidence: str | None = None
    """The address of the stating sentence in the chapter reader; none for a role no chapter states."""
