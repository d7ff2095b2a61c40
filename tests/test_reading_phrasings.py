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


@pytest.mark.parametrize(
    ("body", "role", "actors"),
    [
        ("The Family Allowance Office is a partner of the project.", "partner", {"caf-loire-atlantique"}),
        ("The Family Allowance Office is one of the partners.", "partner", {"caf-loire-atlantique"}),
        (
            "Partners of the project are the Family Allowance Office and the City of Nantes.",
            "partner",
            {"caf-loire-atlantique", "nantes-municipality"},
        ),
        ("The City of Nantes is a strong supporter of the project.", "supporter", {"nantes-municipality"}),
        ("Its main funder is the Family Allowance Office.", "funder", {"caf-loire-atlantique"}),
        ("The scheme’s founders were the City of Nantes and others.", "initiator", {"nantes-municipality"}),
        ("The Family Allowance Office is the lead organisation.", "operator", {"caf-loire-atlantique"}),
    ],
)
def test_a_role_noun_with_a_copula_names_the_role(body, role, actors):
    assert _actors(body, role) == actors


@pytest.mark.parametrize(
    "body",
    [
        "The Family Allowance Office is a partner of the City of Nantes.",
        "The Family Allowance Office is not a partner.",
        "The City of Nantes could become a funder.",
        "The partners of the City of Nantes are many.",
    ],
)
def test_a_role_noun_of_another_organisation_or_denied_names_no_role(body):
    assert _read(body) == set()


@pytest.mark.parametrize(
    ("body", "actors"),
    [
        ("The project cooperates closely with the Family Allowance Office.", {"caf-loire-atlantique"}),
        (
            "The project involves the Family Allowance Office and the City of Nantes.",
            {"caf-loire-atlantique", "nantes-municipality"},
        ),
        ("The Family Allowance Office is also involved.", {"caf-loire-atlantique"}),
        ("The Family Allowance Office refers families to the project.", {"caf-loire-atlantique"}),
    ],
)
def test_the_innovation_as_subject_of_a_verb_of_cooperation_has_partners(body, actors):
    assert _actors(body, "partner") == actors


def test_organisations_that_cooperate_with_each_other_are_no_partners_of_the_innovation():
    assert _read("The City of Nantes works with the Family Allowance Office.") == set()


@pytest.mark.parametrize(
    ("body", "role", "actors"),
    [
        ("It opened thanks to a grant by the Family Allowance Office.", "funder", {"caf-loire-atlantique"}),
        ("The project relies on a subsidy of the City of Nantes.", "funder", {"nantes-municipality"}),
        ("The City of Nantes gave a grant to the project.", "funder", {"nantes-municipality"}),
        ("The City of Nantes awarded 20,000 euros to the project.", "funder", {"nantes-municipality"}),
        ("The scheme is largely funded through the City of Nantes.", "funder", {"nantes-municipality"}),
        ("The City of Nantes has given its full support to the project.", "supporter", {"nantes-municipality"}),
        ("The City of Nantes stands firmly behind the project.", "supporter", {"nantes-municipality"}),
        ("Day-to-day management lies with the Family Allowance Office.", "operator", {"caf-loire-atlantique"}),
        ("The project is in the hands of the Family Allowance Office.", "operator", {"caf-loire-atlantique"}),
    ],
)
def test_nominal_and_giving_phrasings_name_their_role(body, role, actors):
    assert _actors(body, role) == actors


@pytest.mark.parametrize(
    "body",
    [
        "The City of Nantes gave its support to the project.",
        "The project is funded through a lottery in the City of Nantes.",
        "The City of Nantes would award a grant to the project.",
        "The project might be funded through the Family Allowance Office.",
    ],
)
def test_giving_support_is_no_funding_and_places_plans_are_no_funders(body):
    assert not {found for found in _read(body) if found[2] == "funder"}


def _read_innovation_chapter(title: str, body: str) -> set[tuple[str, str, str]]:
    text = f"{title}\n\n{body}\n"
    chapter = parse_chapter(text, "fr-lille/98-innovation.txt")
    placed = PlacedChapter(chapter, Placement("Lille", "FR", None, "lille", "fr"), "0" * 64, chapter.source)
    (reading,) = read_all([placed], REFERENCE_DATA)
    short = lambda iri: iri.rsplit("/", 1)[-1]  # noqa: E731
    return {(short(r.innovation), short(r.actor), r.role.value) for r in reading.relations}


def test_an_acronym_of_the_title_names_the_chapters_innovation():
    found = _read_innovation_chapter(
        "98. Coopérative de l’habitat associatif – Associative housing cooperative",
        "CODHA was founded in 1994 by the Association Pro Habitat. The Regional Housing Fund finances CODHA.",
    )
    assert found == {
        ("cooperative-de-l-habitat-associatif", "association-pro-habitat", "initiator"),
        ("cooperative-de-l-habitat-associatif", "regional-housing-fund", "funder"),
    }


def test_an_acronym_that_does_not_spell_the_title_stays_its_own_name():
    found = _read_innovation_chapter(
        "98. Coopérative de l’habitat associatif – Associative housing cooperative",
        "The Regional Housing Fund finances the ARPH, which runs the cooperative’s courses.",
    )
    assert ("cooperative-de-l-habitat-associatif", "arph", "operator") not in found


@pytest.mark.parametrize(
    ("body", "actor"),
    [
        ("The scheme received funding from the Agence de développement social.", "agence-de-developpement-social"),
        ("The Centre communal d’action sociale runs the project.", "centre-communal-d-action-sociale"),
        (
            "The Fondazione di Comunità per la coesione sociale supports it.",
            "fondazione-di-comunita-per-la-coesione-sociale",
        ),
        ("The Agence de santé finances the project.", "agence-de-sante"),
        ("The Agence runs the project.", "agence"),
    ],
)
def test_a_romance_name_goes_on_in_lower_case_up_to_an_english_word_or_a_trigger(body, actor):
    assert {found[1] for found in _read(body)} == {actor}


def test_a_romance_head_with_an_english_verb_after_it_takes_no_tail():
    text = f"Nantes – Introduction\n\nBackground\n\n{FOCUS}The Agence offers courses to young people.\n"
    chapter = parse_chapter(text, "fr-nantes/00-introduction.txt")
    placed = PlacedChapter(chapter, Placement("Nantes", "FR", None, "nantes", "fr"), "0" * 64, chapter.source)
    (reading,) = read_all([placed], REFERENCE_DATA)
    assert "Agence" in {e.label for e in reading.entities}


def test_an_innovation_can_be_the_object_of_a_relative_clause():
    assert _actors("The project, which the City of Nantes finances, grew.", "funder") == {"nantes-municipality"}


@pytest.mark.parametrize(
    "body",
    [
        "The project, which the City of Nantes does not finance, grew.",
        "The project, which the City of Nantes would finance, grew.",
        "The project, which the City of Nantes visited, grew.",
    ],
)
def test_a_denied_hypothetical_or_roleless_relative_clause_states_no_role(body):
    assert _read(body) == set()
