"""From role rows to the picture's graph: cities, innovations and actors in three columns, and the edges.

A row per role and piece of evidence becomes one edge per innovation, actor and role; the edge
counts as reviewed when any of its rows was curated or accepted, and it keeps each distinct
evidence link once, in the rows' order. Nodes keep the order in which the rows first name them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from wilcokg.pictures.model import Node, Role, RoleRow
from wilcokg.pictures.ordering import Layers, Link


class Column(IntEnum):
    CITY = 0
    INNOVATION = 1
    ACTOR = 2


@dataclass(frozen=True, slots=True)
class Edge:
    """An innovation in its city (no role), or an actor in one role in an innovation."""

    source: Node
    target: Node
    role: Role | None
    reviewed: bool
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NetworkGraph:
    columns: tuple[tuple[Node, ...], ...]
    """The nodes of each `Column`."""
    gaps: tuple[tuple[Edge, ...], ...]
    """`gaps[k]` holds the edges from column k to column k + 1."""

    @property
    def layers(self) -> Layers:
        return tuple(tuple(node.iri for node in column) for column in self.columns)

    @property
    def links(self) -> tuple[tuple[Link, ...], ...]:
        return tuple(tuple((edge.source.iri, edge.target.iri) for edge in gap) for gap in self.gaps)


def network_graph(rows: Iterable[RoleRow]) -> NetworkGraph:
    columns: tuple[dict[str, Node], ...] = ({}, {}, {})
    located: dict[tuple[str, str], None] = {}
    reviewed: dict[tuple[str, str, Role], bool] = {}
    evidence: dict[tuple[str, str, Role], dict[str, None]] = {}
    for row in rows:
        for column, node in zip(Column, (row.city, row.innovation, row.actor), strict=True):
            columns[column].setdefault(node.iri, node)
        located[(row.city.iri, row.innovation.iri)] = None
        key = (row.innovation.iri, row.actor.iri, row.role)
        reviewed[key] = reviewed.get(key, False) or row.status.reviewed
        links = evidence.setdefault(key, {})
        if row.evidence:
            links[row.evidence] = None
    cities, innovations, actors = columns
    in_city = tuple(Edge(cities[city], innovations[innovation], None, True, ()) for city, innovation in located)
    roles = tuple(
        Edge(innovations[innovation], actors[actor], role, stated, tuple(evidence[(innovation, actor, role)]))
        for (innovation, actor, role), stated in reviewed.items()
    )
    return NetworkGraph(tuple(tuple(column.values()) for column in columns), (in_city, roles))
