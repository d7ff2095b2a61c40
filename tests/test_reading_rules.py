"""The reading rules one by one: sentences, names and their cues, discovery, roles, and the gold scorer."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, Store

from conftest import FIXTURES, repository_inputs
from one_chapter import read_introduction
from wilcokg.build import build
from wilcokg.reading.model import Role
from wilcokg.reading.names import category_by_context, category_by_words, is_acronym, spot_names
from wilcokg.reading.roles import RULES
from wilcokg.reading.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, 0, len(text))]


def test_sentences_end_at_stops_but_not_at_abbreviations_or_lower_case():
    text = "It was set up in 2007 (utl. 2007: 117). Jobbtorg grew. It helps e.g. young people. Done!"
    assert _sentences(text) == [
        "It was set up in 2007 (utl. 2007: 117).",
        "Jobbtorg grew.",
        "It helps e.g. young people.",
        "Done!",
    ]


def _names(text: str) -> list[str]:
    return [name.text for name in spot_names(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The City of Lille and the Family Allowance Office (CAF) recognise it.",
            ["City of Lille", "Family Allowance Office", "CAF"],
        ),
        ("It was run by the Ministry of Health and Social Care.", ["Ministry of Health and Social Care"]),
        ("It was founded by Lille Municipality and Lille Metropolis.", ["Lille Municipality", "Lille Metropolis"]),
        ("The Hogeschool van Amsterdam runs the stores.", ["Hogeschool van Amsterdam"]),
        ("It ties the City of Stockholm’s labour market administration.", ["City of Stockholm"]),
    ],
)
def test_names_are_capitalised_runs_joined_by_small_words(text, names):
    assert _names(text) == names


def test_a_capital_opening_the_sentence_is_flagged_for_discovery_to_weigh():
    text = "Founded by Lille Metropolis."
    assert [(n.text, n.opens_sentence) for n in spot_names(text, 0, len(text))] == [
        ("Founded", True),
        ("Lille Metropolis", False),
    ]


def test_an_article_at_the_start_of_a_title_is_kept_aside():
    text = "A Future for Everybody was launched in 2009."
    (name,) = spot_names(text, 0, len(text))
    assert (name.text, name.article) == ("Future for Everybody", "A")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Family Allowance Office", ("org", "word:office")),
        ("Department for Social Development", ("org", "word:department")),
        ("Hogeschool van Amsterdam", ("org", "word:hogeschool")),
        ("The Filur Project", ("innovation", "word:project")),
        ("Lille Metropolis Local Housing Plan", None),
        ("Een Toekomst voor Iedereen", None),
    ],
)
def test_a_cue_word_counts_only_as_the_head_of_a_name(name, expected):
    assert category_by_words(name) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("launched by the housing corporation Portaal together", "Portaal", ("org", "after:organisation-noun")),
        ("founded in 2006 by ten people in Fives", "Fives", ("place", "after:place-preposition")),
        ("the mayor Martine Aubry opened it", "Martine Aubry", ("person", "after:title")),
        ("students of the Hogeschool", "Hogeschool", None),
    ],
)
def test_the_words_before_a_name_can_say_what_it_names(text, name, expected):
    found = next(n for n in spot_names(text, 0, len(text)) if n.text == name)
    assert category_by_context(text, found, 0) == expected


@pytest.mark.parametrize(("word", "expected"), [("CAF", True), ("HvA", True), ("DMO", True), ("Lille", False)])
def test_acronyms(word, expected):
    assert is_acronym(word) is expected


def _rules_matching(text: str) -> set[str]:
    return {rule.name for rule in RULES if rule.pattern.search(text)}


@pytest.mark.parametrize(
    ("clause", "rule"),
    [
        ("was launched in 2009 by the housing corporation Portaal", "passive-initiator"),
        ("is paid for jointly by the European Social Fund", "passive-funder"),
        ("is supported by the welfare organisation Tandem Welfare", "passive-supporter"),
        ("The Hogeschool van Amsterdam runs the stores", "active-operator"),
        ("The City of Lille and the CAF recognise its usefulness", "active-supporter"),
        ("the municipality has run work corporations", "active-operator"),
        ("The project’s partners include the Swedish Public Employment Service", "partners-include"),
        ("it received a grant from the province of Gelderland", "grant-from"),
        ("Most participants come through Jobbtorg", "come-through"),
        ("others are referred by local offices", "referred-by"),
        ("in 2005 Barcelona Activa designed Treball als Barris", "active-initiator"),
        ("a small team, headed for many years by project leader Maria Macher", "passive-operator"),
        ("headed for many years by project leader Maria Macher", "led-by-role-noun"),
        ("under its director, Giordana Ferri", "led-by-role-noun"),
        ("the project had a prominent backer in Heinz Buschkowsky", "backer-in"),
        ("Fondazione Cariplo and the Lombardy Region were the fund’s first investors", "were-investors"),
        ("the offices in other districts have become partners", "became-partner"),
        ("the Jugendamt, which co-operates closely with the project", "active-partner"),
        ("is run by X, funded by Y and supported by Z", "passive-supporter"),
    ],
)
def test_each_role_rule_fires_on_its_phrasing(clause, rule):
    assert rule in _rules_matching(clause)


def test_every_rule_has_a_unique_name_and_every_role_has_rules():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert {rule.role for rule in RULES} == set(Role)


def _read(city: str, folder: str, body: str) -> set[tuple[str, str, str]]:
    reading = read_introduction(city, folder, body)
    short = lambda iri: iri.rsplit("/", 1)[-1]  # noqa: E731
    return {(short(r.innovation), short(r.actor), r.role.value) for r in reading.relations}


def test_a_bracketed_aside_between_agent_and_verb_is_skipped():
    found = _read(
        "Zagreb",
        "hr-zagreb",
        "The Ministry of Health and Social Care (whose responsibilities have since passed to the Ministry of "
        "Social Politics and Youth) ran the project “Social mentoring” for five years.",
    )
    assert found == {("social-mentoring", "croatian-ministry-of-health-and-social-care", "operator")}


def test_the_municipality_and_the_city_as_actors_are_the_citys_municipality():
    found = _read("Nantes", "fr-nantes", "Le temps pour toit is backed by the city.")
    assert found == {("le-temps-pour-toit", "nantes-municipality", "supporter")}


def test_pronouns_refer_to_the_innovation_named_last_in_the_paragraph():
    found = _read(
        "Nantes",
        "fr-nantes",
        "Le temps pour toit pairs older people with students. It is funded by the Family Allowance Office.",
    )
    assert found == {("le-temps-pour-toit", "caf-loire-atlantique", "funder")}


def test_a_relative_clause_takes_its_antecedent_as_agent():
    found = _read(
        "Lille",
        "fr-lille",
        "Parler Bambins relies on three bodies, GRAAL, APU Wazemmes and PACT MN, which volunteered to carry "
        "the programme.",
    )
    assert {actor for _, actor, role in found if role == "operator"} == {"graal", "apu-wazemmes", "pact-mn"}


def test_respectively_pairs_innovations_and_agents_in_order():
    found = _read(
        "Lille",
        "fr-lille",
        "Support for housing self-renovation and Parler Bambins were both started by public bodies – Lille "
        "Metropolis and the Lille city council respectively.",
    )
    assert found == {
        ("support-for-housing-self-renovation", "mel", "initiator"),
        ("parler-bambins", "lille-municipality", "initiator"),
    }


def test_a_reduced_relative_clause_is_a_passive():
    found = _read(
        "Nantes",
        "fr-nantes",
        "The city studied a joint assessment of family needs, carried out by the City of Nantes with the "
        "General Council of Loire-Atlantique and the CAF.",
    )
    assert {(actor, role) for _, actor, role in found} == {
        ("nantes-municipality", "operator"),
        ("loire-atlantique-general-council", "operator"),
        ("caf-loire-atlantique", "operator"),
    }


def test_a_standing_role_belongs_to_the_innovation_in_focus():
    found = _read("Nantes", "fr-nantes", "Le temps pour toit grew. The CAF acts as the expert partner.")
    assert found == {("le-temps-pour-toit", "caf-loire-atlantique", "partner")}


def test_a_branch_names_its_parent_organisation():
    reading = read_introduction(
        "Stockholm",
        "se-stockholm",
        "The Vantor Agency, a regional branch of the Swedish Public Employment Service, opened.",
    )
    (agency,) = [e for e in reading.entities if e.label == "Vantor Agency"]
    assert agency.parent == "https://w3id.org/wilcokg/id/org/arbetsformedlingen"


def test_an_innovation_chapter_is_about_its_discovered_innovation_and_takes_its_policy_field(tmp_path):
    reports = tmp_path / "reports" / "nl-amsterdam"
    reports.mkdir(parents=True)
    (reports / "37-boot.txt").write_text(
        (FIXTURES / "chapters/nl-amsterdam/37-boot.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    build(repository_inputs(reports.parent), tmp_path / "dist")
    store = Store()
    store.bulk_load(path=str(tmp_path / "dist" / "wilco.trig"), format=RdfFormat.TRIG)
    about = store.query(
        "SELECT ?innovation ?field WHERE { ?chapter <http://schema.org/about> ?innovation . "
        "?innovation <https://w3id.org/wilcokg/ontology#policyField> ?field }",
        use_default_graph_as_union=True,
    )
    assert [(row["innovation"].value.rsplit("/", 1)[-1], row["field"].value.rsplit("/", 1)[-1]) for row in about] == [
        ("buurtwinkels-voor-onderzoek-onderwijs-en-talentontwikkeling", "housing")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Le temps pour toit grew. The Family Allowance Office declined to finance the project.",
        "Le temps pour toit grew. The Family Allowance Office does not support the project.",
        "Le temps pour toit grew. The Family Allowance Office has never funded it.",
        "Le temps pour toit grew. It received no grant from the Family Allowance Office.",
        "Le temps pour toit grew. It was set up not together with the Family Allowance Office.",
    ],
)
def test_a_negated_role_yields_no_relation(body):
    assert _read("Nantes", "fr-nantes", body) == set()


def test_the_same_role_unnegated_yields_the_relation():
    found = _read("Nantes", "fr-nantes", "Le temps pour toit grew. The Family Allowance Office finances the project.")
    assert found == {("le-temps-pour-toit", "caf-loire-atlantique", "funder")}


def test_a_list_of_agents_ends_where_another_trigger_begins():
    found = _read(
        "Nantes",
        "fr-nantes",
        "Le temps pour toit grew. The project is run by the Family Allowance Office, funded by the City of Nantes "
        "and supported by the General Council of Loire-Atlantique.",
    )
    assert found == {
        ("le-temps-pour-toit", "caf-loire-atlantique", "operator"),
        ("le-temps-pour-toit", "nantes-municipality", "funder"),
        ("le-temps-pour-toit", "loire-atlantique-general-council", "supporter"),
    }


def test_the_city_in_passing_names_no_organisation():
    reading = read_introduction("Nantes", "fr-nantes", "Many families live in the city. Le temps pour toit grew.")
    assert "https://w3id.org/wilcokg/id/org/nantes-municipality" not in {e.iri for e in reading.entities}


@pytest.mark.parametrize(
    ("clause", "rule"),
    [
        ("the scheme was devised by a tenants' group", "passive-initiator"),
        ("the café is bankrolled by a local bank", "passive-funder"),
        ("the course is hosted by the town library", "passive-operator"),
        ("the plan was praised by the regional minister", "passive-supporter"),
        ("a charity pioneered the approach", "active-initiator"),
        ("the region covers the running costs of the service", "active-funder"),
        ("the region provides most of the funding", "active-funder"),
        ("the housing office is in charge of the scheme", "active-operator"),
        ("the college implements the programme", "active-operator"),
        ("the church participates in the scheme", "active-partner"),
        ("a trade union teamed up with the project", "active-partner"),
        ("the bishop advocated for the project", "active-supporter"),
        ("it opened jointly with a sports club", "in-partnership-with"),
        ("Alongside the school, the club trains tutors", "in-partnership-with"),
        ("the project is a partnership between a bank and a university", "partnership-between"),
        ("its member organisations include two charities", "partnership-between"),
        ("It started on the initiative of a parents' group", "on-the-initiative-of"),
        ("the café was the brainchild of two teachers", "on-the-initiative-of"),
        ("Under the leadership of a youth charity, the centre grew", "under-the-lead-of"),
        ("the team is based at the Town Hall", "under-the-lead-of"),
        ("Thanks to the region’s generous funding, it grew", "possessive-funding"),
        ("the shop was the bakery’s own initiative", "possessive-initiative"),
        ("With the mayor’s backing, the plan passed", "possessive-support"),
        ("Funding for the shop comes mainly from a lottery fund", "grant-from"),
        ("it runs with financial support from the region", "grant-from"),
        ("Under the auspices of the bishop, it opened", "with-support-of"),
        ("the scheme enjoys the political support of the council", "with-support-of"),
    ],
)
def test_the_broader_lexicon_covers_many_phrasings_of_each_role(clause, rule):
    assert rule in _rules_matching(clause)


@pytest.mark.parametrize(
    ("clause", "rule"),
    [
        ("with the financial support of the region", "with-support-of"),
        ("the team is based in rented rooms", "under-the-lead-of"),
        ("the course was provided by volunteers", "passive-operator"),
    ],
)
def test_the_broader_lexicon_keeps_apart_what_it_must_not_read(clause, rule):
    assert rule not in _rules_matching(clause)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Le temps pour toit grew. Funding for the scheme comes mainly from the General Council of "
            "Loire-Atlantique.",
            {("le-temps-pour-toit", "loire-atlantique-general-council", "funder")},
        ),
        (
            "Le temps pour toit grew. The project works jointly with the Family Allowance Office and the City of "
            "Nantes.",
            {
                ("le-temps-pour-toit", "caf-loire-atlantique", "partner"),
                ("le-temps-pour-toit", "nantes-municipality", "partner"),
            },
        ),
        (
            "Le temps pour toit grew. Under the auspices of the City of Nantes, the project opened.",
            {("le-temps-pour-toit", "nantes-municipality", "supporter")},
        ),
        (
            "Le temps pour toit grew. It was set up on the initiative of the Family Allowance Office.",
            {("le-temps-pour-toit", "caf-loire-atlantique", "initiator")},
        ),
        (
            "Le temps pour toit grew. The Family Allowance Office is in charge of the project.",
            {("le-temps-pour-toit", "caf-loire-atlantique", "operator")},
        ),
        (
            "Le temps pour toit grew. The City of Nantes’s generous grant keeps the project alive.",
            {("le-temps-pour-toit", "nantes-municipality", "funder")},
        ),
    ],
)
def test_broader_phrasings_yield_their_relations(body, expected):
    assert _read("Nantes", "fr-nantes", body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Le temps pour toit grew. The project would be funded by the City of Nantes.",
        "Le temps pour toit grew. It could be run by the Family Allowance Office.",
        "Le temps pour toit grew. The City of Nantes was asked to run the project.",
        "Le temps pour toit grew. The project hopes to be supported by the City of Nantes.",
        "Le temps pour toit grew. The project might receive a grant from the City of Nantes.",
    ],
)
def test_a_hypothetical_role_yields_no_relation(body):
    assert _read("Nantes", "fr-nantes", body) == set()
