"""What the chapter reader shows of a chapter: its text as blocks, and the entities, subjects and
neighbouring chapters beside it. The page renders it; the page's schema.org description reads it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from wilcokg.server.linked_data.roles import Statement


@dataclass(frozen=True, slots=True)
class Block:
    tag: str
    anchor: str
    html: Markup


@dataclass(frozen=True, slots=True)
class Reference:
    href: str
    label: str
    evidence: tuple[str, ...] = ()
    """The reader anchors of this chapter's mentions of it."""
    kind: str = ""


@dataclass(frozen=True, slots=True)
class ChapterView:
    identifier: str
    iri: str
    title: str
    city: Reference | None
    blocks: tuple[Block, ...]
    mentioned: tuple[tuple[str, tuple[Reference, ...]], ...]
    subjects: tuple[Reference, ...]
    siblings: tuple[tuple[Reference, bool], ...]
    statements: tuple[Statement, ...] = ()
