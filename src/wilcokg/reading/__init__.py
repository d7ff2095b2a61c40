"""Reading: what a chapter's text says beyond its structure — who and what it names, and who does what.

`mentions` finds the curated entities and keywords a chapter names (the lexicon); `read_chapter`
then runs discovery (`discovery`) and relation extraction (`relations`) over one chapter's
sentences; `triples` maps the result to RDF; `gold` scores it against hand-made annotations.
"""

from __future__ import annotations

from collections.abc import Sequence

from wilcokg.errors import InputError
from wilcokg.reading.discovery import discover
from wilcokg.reading.gazetteer import Gazetteer, gazetteer
from wilcokg.reading.mentions import Mention, find_mentions, masked_text
from wilcokg.reading.model import Reading
from wilcokg.reading.places import chapter_city
from wilcokg.reading.relations import extract_relations
from wilcokg.reading.sentences import chapter_sentences
from wilcokg.reference import Entity, Reference
from wilcokg.source.corpus import PlacedChapter

__all__ = ["Gazetteer", "Reading", "gazetteer", "read_all", "read_chapter"]


def read_chapter(placed: PlacedChapter, city: Entity, known: list[Mention], context: Gazetteer) -> Reading:
    """Read one chapter set in `city`, given the lexicon's mentions of curated entities (`known`)."""
    chapter = placed.chapter
    text = masked_text(chapter)
    sentences = chapter_sentences(chapter, text)
    discovery = discover(chapter, text, city, sentences, context, known)
    relations, attributes = extract_relations(discovery, sentences, context)
    return Reading(
        chapter.identifier,
        discovery.entities(),
        tuple(discovery.all_mentions()),
        relations,
        attributes,
        tuple(discovery.candidates),
        discovery.own_innovation.iri if discovery.own_innovation else None,
    )


def city_entity(placed: PlacedChapter, reference: Reference) -> Entity:
    iri = chapter_city(reference, placed).value
    return reference.entities.get(iri) or Entity(iri, "city", placed.placement.city)


def read_placed(placed: PlacedChapter, context: Gazetteer) -> Reading:
    """Read one chapter where the corpus placed it. A city the reference data does not hold is the map
    stage's error to report (the build stops there); reading goes on without knowing the city."""
    try:
        city = city_entity(placed, context.reference)
    except InputError:
        city = Entity("", "city", placed.placement.city)
    return read_chapter(placed, city, find_mentions(placed.chapter, context.lexicon), context)


def read_all(chapters: Sequence[PlacedChapter], reference: Reference) -> list[Reading]:
    """Read each chapter with one gazetteer: what the benchmark and the tests call."""
    context = gazetteer(reference)
    return [read_placed(placed, context) for placed in chapters]
