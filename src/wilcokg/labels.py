"""Which label names a thing: English first, then untagged, then any other language, ties broken by
text; and the properties a page reads a name from."""

from __future__ import annotations

from collections.abc import Iterable

from wilcokg.vocab import DCTERMS, FOAF, RDFS, SKOS

LABEL_PROPERTIES = (RDFS("label"), SKOS("prefLabel"), FOAF("name"), DCTERMS("title"))


def language_rank(language: str | None) -> int:
    """0 for English, 1 for no language tag, 2 for any other: lower is preferred."""
    return 0 if language == "en" else 1 if not language else 2


def preferred_labels(labelled: Iterable[tuple[str, str, str | None]]) -> dict[str, str]:
    """One label per IRI, from (IRI, text, language) triples, in the order the IRIs first come."""
    ranked: dict[str, tuple[int, str]] = {}
    for iri, text, language in labelled:
        rank = (language_rank(language), text)
        ranked[iri] = min(ranked.get(iri, rank), rank)
    return {iri: text for iri, (_, text) in ranked.items()}
