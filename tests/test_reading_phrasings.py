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


@pytest.mark.parametrize(
    ("body", "role", "actors"),
    [
        ("It was the City of Nantes that launched the project in 2010.", "initiator", {"nantes-municipality"}),
        ("The Family Allowance Office set the project up in 2010.", "initiator", {"caf-loire-atlantique"}),
        ("The idea for the project came from the Family Allowance Office.", "initiator", {"caf-loire-atlantique"}),
        ("The project originated with the Family Allowance Office.", "initiator", {"caf-loire-atlantique"}),
        ("The project began as an initiative of the Family Allowance Office.", "initiator", {"caf-loire-atlantique"}),
        ("The Family Allowance Office has been running the project since 2012.", "operator", {"caf-loire-atlantique"}),
        ("The Family Allowance Office took over the project in 2014.", "operator", {"caf-loire-atlantique"}),
        ("The City of Nantes is currently funding the scheme.", "funder", {"nantes-municipality"}),
        ("The City of Nantes fully supports the project.", "supporter", {"nantes-municipality"}),
        (
            "The Family Allowance Office as well as the City of Nantes fund the project.",
            "funder",
            {"caf-loire-atlantique", "nantes-municipality"},
        ),
    ],
)
def test_clefts_adverbs_progressives_and_particles_keep_their_agent(body, role, actors):
    assert _actors(body, role) == actors


@pytest.mark.parametrize(
    "body",
    [
        "The project started in the City of Nantes.",
        "The costs of running the project are met by families.",
        "The City of Nantes is not funding the project.",
        "The Family Allowance Office was set up by the state, which later set the project up.",
    ],
)
def test_places_gerunds_denials_and_passives_give_no_such_agent(body):
    assert not {found for found in _read(body) if found[1] in ("nantes-municipality", "caf-loire-atlantique")}
