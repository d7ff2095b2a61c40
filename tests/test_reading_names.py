"""Names in other languages' naming: head words, people, appositions, places and role context."""

from __future__ import annotations

import pytest

from one_chapter import read_introduction
from wilcokg.reading.heads import organisation_head
from wilcokg.reading.names import (
    abbreviates,
    category_by_apposition,
    category_by_context,
    category_by_personal_act,
    category_by_words,
    is_person_name,
    spot_names,
    words_of,
)


@pytest.mark.parametrize(
    ("name", "cue"),
    [
        ("Fondazione Cariplo", "word:fondazione"),
        ("Servei d’Ocupació de Catalunya", "word:servei"),
        ("Ajuntament de Barcelona", "word:ajuntament"),
        ("Jobcenter Neukölln", "word:jobcenter"),
        ("Diakonisches Werk Neukölln-Oberspree", "word:werk"),
        ("Stichting Portaal", "word:stichting"),
        ("Jugendamt Neukölln", "suffix:-amt"),
        ("Caritasverband für die Stadt Münster", "suffix:-verband"),
        ("Handwerkskammer Münster", "suffix:-kammer"),
        ("Fundacja Rozwoju", "word:fundacja"),
        ("Berg Fidel", None),
        ("Neukölln Werk Oberspree", None),
        ("Samt", None),
    ],
)
def test_organisation_head_words_by_language(name, cue):
    assert organisation_head(words_of(name)) == cue


def test_a_foreign_head_word_types_a_name_after_the_english_ones():
    assert category_by_words("Fondazione Cariplo") == ("org", "word:fondazione")
    assert category_by_words("Fondazione Housing Project") == ("innovation", "word:project")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("It was financed by the Servei d’Ocupació de Catalunya.", ["Servei d’Ocupació de Catalunya"]),
        ("It is managed by Cassa Depositi e Prestiti.", ["Cassa Depositi e Prestiti"]),
        ("He met the housing company Wohn + Stadtbau.", ["Wohn + Stadtbau"]),
        ("They live in Coerde, Kinderhaus and Berg Fidel.", ["Coerde", "Kinderhaus", "Berg Fidel"]),
        ("It was run by the Ministry of Health and Social Care.", ["Ministry of Health and Social Care"]),
    ],
)
def test_names_join_romance_small_words_and_marks_but_not_a_lists_and(text, names):
    assert [n.text for n in spot_names(text, 0, len(text))] == names


def _typed(text: str, name: str) -> tuple[str, str] | None:
    found = next(n for n in spot_names(text, 0, len(text)) if n.text == name)
    return category_by_context(text, found, 0) or category_by_apposition(text, found, 0, len(text))


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("a team headed by project leader Maria Macher, who", "Maria Macher", ("person", "after:role-noun")),
        ("under its director, Giordana Ferri, with a board", "Giordana Ferri", ("person", "after:role-noun")),
        (
            "a backer in Heinz Buschkowsky, the district mayor, who",
            "Heinz Buschkowsky",
            ("person", "apposition:role-noun"),
        ),
        ("Jordi Hereu, mayor of Barcelona from 2006, presented it", "Jordi Hereu", ("person", "apposition:role-noun")),
        ("Anna Berg, who heads the office, said", "Anna Berg", ("person", "apposition:role-noun")),
        (
            "run by Barcelona Activa, the local development agency of",
            "Barcelona Activa",
            ("org", "apposition:organisation-noun"),
        ),
        (
            "the Lombard association of municipalities, ANCI Lombardia, took",
            "ANCI Lombardia",
            ("org", "apposition:organisation-noun"),
        ),
        (
            "It began in the Schillerpromenade neighbourhood in 2004",
            "Schillerpromenade",
            ("place", "before:place-noun"),
        ),
        ("districts on the edge, such as Coerde, Kinderhaus and Berg Fidel", "Berg Fidel", ("place", "list-of-places")),
        ("Barcelona Activa, which was created in 1986", "Barcelona Activa", None),
        ("the mayor said that Lille Metropolis, the city, agreed", "Lille Metropolis", None),
    ],
)
def test_people_organisations_and_places_by_their_apposition(text, name, expected):
    assert _typed(text, name) == expected


def _entities(body: str) -> dict[str, tuple[str, str]]:
    reading = read_introduction("Münster", "de-muenster", body)
    return {e.label: (e.category, e.cue) for e in reading.entities if not e.known}


def test_the_agent_of_a_role_is_an_organisation_even_without_a_head_word():
    found = _entities(
        "The Kita-Navigator was financed by the Federal Office, Polaris Real Estate and Oberhaus Trinijove. "
        "The service grew in co-operation with Rosso Blu."
    )
    assert found["Polaris Real Estate"] == ("org", "role-agent:passive-funder")
    assert found["Oberhaus Trinijove"] == ("org", "role-agent:passive-funder")
    assert found["Rosso Blu"] == ("org", "role-agent:in-partnership-with")


def test_a_name_introduced_with_an_acronym_is_an_organisation_unless_it_names_a_law():
    found = _entities("Grüne Brücke Oberspree (GBO) met. The Work and Social Assistance Act (WWB) changed it.")
    assert found["Grüne Brücke Oberspree"] == ("org", "acronym-introduced")
    assert "Work and Social Assistance Act" not in found


def test_the_subject_of_a_role_verb_on_the_project_is_an_organisation_but_not_of_other_verbs():
    found = _entities("Barcelona Activa runs the project. Roquetes Nord gained much from it.")
    assert found["Barcelona Activa"] == ("org", "role-agent:active-operator")
    assert "Roquetes Nord" not in found


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("the scheme was opened by Mayor Tomas Lindqvist in May", "Tomas Lindqvist", ("person", "after:title")),
        ("Deputy Mayor Ilse Brandt backed it", "Ilse Brandt", ("person", "after:title")),
        ("a talk by Prof. Marek Nowicki on housing", "Marek Nowicki", ("person", "after:title")),
        ("a talk by Ms Carla Deventer on housing", "Carla Deventer", ("person", "after:title")),
        ("the course run by social worker Lena Sommer grew", "Lena Sommer", ("person", "after:role-noun")),
        ("its coordinator, Aino Virtanen, said", "Aino Virtanen", ("person", "after:role-noun")),
        ("Joost Brouwer, director of the housing office, said", "Joost Brouwer", ("person", "apposition:role-noun")),
        ("Hanna Ek, the founder, said", "Hanna Ek", ("person", "apposition:role-noun")),
        ("the office of the Youth Welfare Office grew", "Youth Welfare Office", None),
    ],
)
def test_people_by_their_title_or_function(text, name, expected):
    assert _typed(text, name) == expected


def test_titles_stay_out_of_a_persons_name():
    text = "Mayor Tomas Lindqvist opened the café."
    assert [n.text for n in spot_names(text, 0, len(text))] == ["Tomas Lindqvist"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Anna Kovač", True), ("Łucja Żak", True), ("Youth Welfare Office", False), ("Anna", False), ("AB Cd", False)],
)
def test_a_persons_name_is_two_or_three_capitalised_words_in_any_alphabet(name, expected):
    assert is_person_name(name) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Anna Kovač founded the association in 2003; she still chairs it.",
            "Anna Kovač",
            ("person", "role-agent:pronoun"),
        ),
        ("Tomas Berg set up the café. His aim was to help.", "Tomas Berg", ("person", "role-agent:pronoun")),
        ("Grüne Hilfe founded the association in 2003; it still runs it.", "Grüne Hilfe", None),
        ("Anna Kovač visited the association; she liked it.", "Anna Kovač", None),
    ],
)
def test_a_person_acts_in_a_role_and_is_called_he_or_she(text, name, expected):
    found = next(n for n in spot_names(text, 0, len(text)) if n.text == name)
    assert category_by_personal_act(text, found) == expected


def test_a_person_who_founded_a_project_is_a_person_and_its_initiator():
    reading = read_introduction(
        "Münster",
        "de-muenster",
        "The Lotsen Project grew. Anna Kovač founded the project in 2003, and she still chairs its board.",
    )
    people = {e.iri: e.label for e in reading.entities if e.category == "person"}
    assert list(people.values()) == ["Anna Kovač"]
    assert {(people.get(r.actor), r.role.value) for r in reading.relations} == {("Anna Kovač", "initiator")}


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("CODHA", "Coopérative de l’habitat associatif", True),
        ("BOOT", "Buurtwinkels voor Onderzoek, Onderwijs en Talentontwikkeling", True),
        ("FHS", "Fondazione Housing Sociale", True),
        ("CIS", "Centrum Integracji Społecznej Loco-Motywa", True),
        ("CAF", "Coopérative de l’habitat associatif", False),
        ("ESF", "Fondazione Housing Sociale", False),
        ("EU", "European Union", False),
        ("MCPS", "Centrum Integracji Społecznej Loco-Motywa", False),
    ],
)
def test_an_acronym_spells_prefixes_of_the_words_of_its_long_form(short, long, expected):
    assert abbreviates(short, long) is expected
