"""Role phrasings beyond the development chapters: each rule on sentences written for it, with the cases it
must leave alone (negation, plans, a place named in passing, a role of something else)."""

from __future__ import annotations

import pytest

from conftest import ONTOLOGY, REFERENCE
from wilcokg.reading import read_all
from wilcokg.reference import load_reference
from wilcokg.source.chapter import parse_chapter
from wilcokg.source.corpus import PlacedChapter, Placement

REFERENCE_DATA = load_reference(REFERENCE, ONTOLOGY)
FOCUS = "Le temps pour toit grew. "
"""A first sentence that puts the innovation in focus, so that `it` and `the project` refer to it."""


def _read(body: str) -> set[tuple[str, str, str]]:
    text = f"Nantes – Introduction\n\nBackground\n\n{FOCUS}{body}\n"
    chapter = parse_chapter(text, "fr-nantes/00-introduction.txt")
    placed = PlacedChapter(chapter, Placement("Nantes", "FR", None, "nantes", "fr"), "0" * 64, chapter.source)
    (reading,) = read_all([placed], REFERENCE_DATA)
    short = lambda iri: iri.rsplit("/", 1)[-1]  # noqa: E731
    return {(short(r.innovation), short(r.actor), r.role.value) for r in reading.relations}


def _actors(body: str, role: str) -> set[str]:
    return {actor for innovation, actor, found in _read(body) if found == role and innovation == "le-temps-pour-toit"}


def test_a_name_that_begins_like_an_anaphor_stays_a_name():
    assert _actors("The Centre Social runs the project.", "operator") == {"centre-social"}
