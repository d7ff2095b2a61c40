"""A few sentences read the way the build reads a chapter: for the reading tests, which ask what the
rules find in one short passage of a city's introduction."""

from __future__ import annotations

from conftest import ONTOLOGY, REFERENCE
from wilcokg.reading import read_all
from wilcokg.reading.model import Reading
from wilcokg.reference import load_reference
from wilcokg.source.chapter import parse_chapter
from wilcokg.source.corpus import PlacedChapter, Placement

REFERENCE_DATA = load_reference(REFERENCE, ONTOLOGY)


def read_introduction(city: str, folder: str, body: str) -> Reading:
    """`body` as the one paragraph of `city`'s introduction, filed in the reports folder `folder` (`fr-nantes`)."""
    text = f"{city} – Introduction\n\nBackground\n\n{body}\n"
    chapter = parse_chapter(text, f"{folder}/00-introduction.txt")
    code, slug = folder.split("-", 1)
    placed = PlacedChapter(chapter, Placement(city, code.upper(), None, slug, code), "0" * 64, chapter.source)
    (reading,) = read_all([placed], REFERENCE_DATA)
    return reading
