"""The chapter reader's schema.org description: the chapter as published, where it is set and what it is about."""

from __future__ import annotations

from typing import Any

from wilcokg.server.explore.chapter_view import ChapterView, Reference
from wilcokg.server.linked_data.schema_org import SCHEMA_ORG


def _node(base_iri: str, reference: Reference) -> dict[str, str]:
    """A node the reader links to, by its IRI (its link on this site is the IRI's path)."""
    return {"@id": base_iri + reference.href.lstrip("/"), "name": reference.label}


def reader_schema_org(view: ChapterView, base_iri: str, url: str) -> dict[str, Any]:
    """The chapter reader's JSON-LD: the chapter as published, where it is set and what it is about."""
    data: dict[str, Any] = {"@context": SCHEMA_ORG, "@type": "Chapter", "@id": view.iri, "name": view.title, "url": url}
    if view.city:
        data["contentLocation"] = _node(base_iri, view.city)
    if view.subjects:
        data["about"] = [_node(base_iri, subject) for subject in view.subjects]
    return data
