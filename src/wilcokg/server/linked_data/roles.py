"""Who does what: an entity's roles in innovations, an innovation's actors by role, and the sentences
that state each role, as entity pages and the chapter reader show them.

A role is a PROV-O qualified node with a status: "curated" (a curator stated it), "extracted" (reading
found it, nobody has checked it) or "accepted" (a curator accepted what reading found). Its evidence is
the sentence an `oa:describing` annotation selects in a chapter's source text; the reader marks that
sentence with the id `e{start}-{end}`, so every role row links to the very place in the chapter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pyoxigraph import NamedNode

from wilcokg.search_index import chapter_id, sentence_anchor
from wilcokg.server.engine.graph_reader import GraphReader, Row
from wilcokg.server.linked_data.annotate import Stated
from wilcokg.server.linked_data.entity import Link, best_labels
from wilcokg.server.linked_data.evidence import source_texts
from wilcokg.server.page_queries import ACTOR_ROLES, CHAPTER_MENTIONS, CHAPTER_STATEMENTS, INNOVATION_ROLES
from wilcokg.vocab import local_name

ROLES = ("initiator", "funder", "operator", "partner", "supporter")
"""The roles scheme's notations, in the order an innovation page lists its actors."""

STATUSES = {
    "curated": "stated by a curator",
    "accepted": "read from the text and accepted by a curator",
    "extracted": "read from the text, not yet reviewed",
}
"""What each status means, for the pages' badges and the reader's legend, from most to least reviewed."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """Where a chapter states a role: the chapter, the reader's address of the sentence, and the sentence."""

    chapter: Link
    href: str
    quote: Markup


@dataclass(frozen=True, slots=True)
class Role:
    innovation: Link
    actor: Link
    role: str
    status: str
    sentences: tuple[Sentence, ...] = ()

    @property
    def status_note(self) -> str:
        return STATUSES.get(self.status, "")


@dataclass(frozen=True, slots=True)
class Roles:
    """An entity page's role section: its own roles as an actor, and its actors by role as an innovation."""

    played: tuple[Role, ...]
    actors_by_role: tuple[tuple[str, tuple[Role, ...]], ...]

    def __bool__(self) -> bool:
        return bool(self.played or self.actors_by_role)


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence of a chapter and the roles it states."""

    start: int
    end: int
    roles: tuple[Role, ...]

    @property
    def status(self) -> str:
        """The least reviewed status of its roles: the sentence is only as checked as its weakest claim."""
        return max((role.status for role in self.roles), key=_least_reviewed)

    @property
    def status_note(self) -> str:
        return STATUSES.get(self.status, "")

    @property
    def anchor(self) -> str:
        return self.stated().anchor

    def stated(self) -> Stated:
        claims = "; ".join(f"{r.actor.label}: {r.role} of {r.innovation.label} ({r.status})" for r in self.roles)
        return Stated(self.start, self.end, self.status, claims)


def _least_reviewed(status: str) -> int:
    order = list(STATUSES)
    return order.index(status) if status in order else len(order)


def _labels(rows: list[Row]) -> dict[str, str]:
    """The best label of each innovation and actor in `rows`, else the last part of its IRI."""
    return best_labels(rows, "innovation", "innovationLabel") | best_labels(rows, "actor", "actorLabel")


def _link(labels: dict[str, str], iri: str) -> Link:
    return Link(iri, labels.get(iri) or local_name(iri))


async def roles_of(reader: GraphReader, dist: Path, entity: NamedNode) -> Roles:
    """The roles ``entity`` plays in innovations and, if it is an innovation, its actors by role."""
    played = await _roles(reader, dist, await reader.select(ACTOR_ROLES, actor=entity))
    actors = await _roles(reader, dist, await reader.select(INNOVATION_ROLES, innovation=entity))
    by_role: dict[str, list[Role]] = defaultdict(list)
    for role in actors:
        by_role[role.role].append(role)
    return Roles(
        played=tuple(sorted(played, key=lambda r: (r.innovation.label.casefold(), _role_rank(r.role)))),
        actors_by_role=tuple(
            (name, tuple(sorted(by_role[name], key=lambda r: r.actor.label.casefold())))
            for name in sorted(by_role, key=_role_rank)
        ),
    )


def _role_rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)


async def _roles(reader: GraphReader, dist: Path, rows: list[Row]) -> list[Role]:
    """One role per qualified node, its sentences quoted from the chapters with the actor's and the
    innovation's names marked."""
    nodes: dict[tuple[str, str, str], Row] = {}
    sentences: dict[tuple[str, str, str], dict[tuple[str, int, int], str]] = {}
    for row in rows:
        key = (row["innovation"].value, row["actor"].value, row["notation"].value)
        nodes.setdefault(key, row)
        places = sentences.setdefault(key, {})  # a curated role no chapter states still gets its row
        if "chapter" in row:
            place = (row["chapter"].value, int(row["start"].value), int(row["end"].value))
            places[place] = row["title"].value
    chapters = {chapter for places in sentences.values() for chapter, _, _ in places}
    texts = await source_texts(dist, chapters)
    names = await chapter_mentions(reader, chapters)
    labels = _labels(rows)
    roles = []
    for key, row in nodes.items():
        innovation, actor, _ = key
        quoted = tuple(
            Sentence(
                Link(chapter, title),
                sentence_anchor(chapter, start, end),
                texts[chapter_id(chapter)].excerpt(
                    start, end, [(s, e) for who, s, e in names[chapter] if who in key[:2] and start <= s < e <= end]
                ),
            )
            for (chapter, start, end), title in sorted(sentences[key].items(), key=lambda item: (item[1], item[0]))
        )
        roles.append(Role(_link(labels, innovation), _link(labels, actor), key[2], row["status"].value, quoted))
    return roles


async def chapter_mentions(reader: GraphReader, chapters: Iterable[str]) -> dict[str, list[tuple[str, int, int]]]:
    """Each chapter's mentions: which entity, where."""
    names: dict[str, list[tuple[str, int, int]]] = {}
    for chapter in chapters:
        rows = await reader.select(CHAPTER_MENTIONS, chapter=NamedNode(chapter))
        spans = {(row["entity"].value, int(row["start"].value), int(row["end"].value)) for row in rows}
        names[chapter] = sorted(spans)
    return names


async def chapter_statements(reader: GraphReader, chapter: NamedNode) -> tuple[Statement, ...]:
    """The sentences of ``chapter`` that state roles, in text order."""
    rows = await reader.select(CHAPTER_STATEMENTS, chapter=chapter)
    labels = _labels(rows)
    claims: dict[tuple[int, int], dict[tuple[str, str, str], Role]] = defaultdict(dict)
    for row in rows:
        place = (int(row["start"].value), int(row["end"].value))
        innovation, actor, role = row["innovation"].value, row["actor"].value, row["notation"].value
        claims[place][(innovation, actor, role)] = Role(
            _link(labels, innovation), _link(labels, actor), role, row["status"].value
        )
    return tuple(
        Statement(start, end, tuple(roles[key] for key in sorted(roles)))
        for (start, end), roles in sorted(claims.items())
    )
