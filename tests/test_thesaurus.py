"""The thesaurus as a SKOS tool reads it: skosify and qSKOS-style quality checks on the built graph."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import rdflib
import skosify
from rdflib.namespace import RDFS, SKOS

KEYWORDS = rdflib.URIRef("https://w3id.org/wilcokg/id/scheme/keywords")
KEYWORD = "https://w3id.org/wilcokg/id/keyword/"
WILCO_THEMES = {
    "labour-market",
    "housing-policy",
    "child-care",
    "local-welfare",
    "governance",
    "civil-society",
    "social-economy",
    "social-cohesion",
}
LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)


@pytest.fixture(scope="module")
def asserted(dist: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(dist / "wilco.nt", format="nt")


def thesaurus(graph: rdflib.Graph, scheme: rdflib.URIRef) -> rdflib.Graph:
    """A scheme and its concepts with what is said of them in SKOS. rdfs:label is left out: it is the
    plain display name shapes/wilco.ttl asks of every reference entity, not a SKOS label."""
    found = rdflib.Graph()
    for subject in {scheme, *graph.subjects(SKOS.inScheme, scheme)}:
        for predicate, value in graph.predicate_objects(subject):
            if predicate != RDFS.label:
                found.add((subject, predicate, value))
    return found


def concepts(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    return set(graph.subjects(SKOS.inScheme, KEYWORDS))


@pytest.mark.parametrize("scheme", ["keywords", "policy-fields", "chapter-kinds"])
def test_skosify_finds_nothing_to_fix(asserted: rdflib.Graph, scheme: str, caplog: pytest.LogCaptureFixture) -> None:
    vocabulary = thesaurus(asserted, rdflib.URIRef(f"https://w3id.org/wilcokg/id/scheme/{scheme}"))
    assert len(vocabulary) > 10
    with caplog.at_level(logging.WARNING):
        # A default language makes skosify report every SKOS label or note that has no language tag.
        skosify.skosify(vocabulary, default_language="en")

    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING] == []


def test_every_label_is_language_tagged_and_every_keyword_is_named_in_english_and_french(
    asserted: rdflib.Graph,
) -> None:
    keywords = concepts(asserted)
    assert len(keywords) == 85
    untagged = [(c, p, o) for c in keywords for p in LABELS for o in asserted.objects(c, p) if not o.language]
    assert untagged == []
    for concept in keywords:
        assert {o.language for o in asserted.objects(concept, SKOS.prefLabel)} >= {"en", "fr"}, concept


def _ancestors(graph: rdflib.Graph, concept: rdflib.URIRef) -> list[rdflib.URIRef]:
    found: list[rdflib.URIRef] = []
    frontier = list(graph.objects(concept, SKOS.broader))
    while frontier:
        node = frontier.pop()
        if node not in found:
            found.append(node)
            frontier.extend(graph.objects(node, SKOS.broader))
    return found


def test_every_keyword_sits_under_one_of_the_wilco_themes(asserted: rdflib.Graph) -> None:
    tops = set(asserted.objects(KEYWORDS, SKOS.hasTopConcept))
    assert {str(top).removeprefix(KEYWORD) for top in tops} == WILCO_THEMES
    assert set(asserted.subjects(SKOS.topConceptOf, KEYWORDS)) == tops
    for concept in concepts(asserted) - tops:
        assert not set(asserted.objects(concept, SKOS.topConceptOf)), concept
        assert tops & set(_ancestors(asserted, concept)), f"{concept} reaches no top concept"
    for top in tops:
        assert not set(asserted.objects(top, SKOS.broader)), top


def test_no_keyword_is_an_orphan_and_related_never_shortcuts_the_hierarchy(asserted: rdflib.Graph) -> None:
    keywords = concepts(asserted)
    for concept in keywords:
        links = {
            *asserted.objects(concept, SKOS.broader),
            *asserted.objects(concept, SKOS.narrower),
            *asserted.objects(concept, SKOS.related),
            *asserted.subjects(SKOS.broader, concept),
            *asserted.subjects(SKOS.related, concept),
        }
        assert links & keywords, f"{concept} is an orphan"
    related = {(a, b) for a, b in asserted.subject_objects(SKOS.related) if a in keywords}
    assert {(b, a) for a, b in related} == related
    for a, b in related:
        assert b not in _ancestors(asserted, a) and a not in _ancestors(asserted, b), (a, b)


def test_no_mapping_repeats_one_a_broader_keyword_makes(asserted: rdflib.Graph) -> None:
    for concept in concepts(asserted):
        inherited = {
            m for ancestor in _ancestors(asserted, concept) for m in asserted.objects(ancestor, SKOS.broadMatch)
        }
        inherited |= {
            m for ancestor in _ancestors(asserted, concept) for m in asserted.objects(ancestor, SKOS.exactMatch)
        }
        assert not inherited & set(asserted.objects(concept, SKOS.broadMatch)), concept


def test_the_catalogue_keywords_are_the_top_concepts(dist: Path, asserted: rdflib.Graph) -> None:
    void = rdflib.Graph().parse(dist / "void.ttl", format="turtle")
    keywords = set(void.objects(rdflib.URIRef("https://w3id.org/wilcokg/id/dataset/wilcokg"), rdflib.DCAT.keyword))
    tops = set(asserted.objects(KEYWORDS, SKOS.hasTopConcept))
    assert keywords == {label for top in tops for label in asserted.objects(top, SKOS.prefLabel)}
    assert {label.language for label in keywords} == {"en", "fr"}
