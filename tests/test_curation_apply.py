"""Decisions applied to built quads: what each kind of decision leaves in the graph and what it takes out,
that the result still conforms to the shapes, and that a decision that no longer fits is reported."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse

from conftest import FIXTURES, SHAPES, repository_inputs
from wilcokg.build import BuildReport, assemble
from wilcokg.curation.apply import Curated, apply_decisions
from wilcokg.curation.decisions import HEADER, parse_decisions
from wilcokg.curation.facts import CURATION_GRAPH
from wilcokg.curation.reviewed import unreviewed_lines
from wilcokg.reading.triples import DISCOVERED_GRAPH
from wilcokg.validate import validate_dataset
from wilcokg.vocab import BASE, OA, OWL, RDFS, SKOS, WILCO, entity

SOURCE = entity("source", "curation-decisions-txt")
STATUS = WILCO("status")
DECIDED_BY = WILCO("decidedBy")


def node(path: str) -> NamedNode:
    return NamedNode(BASE + "id/" + path)


def no_decisions_yet(folder: Path) -> Path:
    """A decisions file with its header only: the build names it in its provenance, as decisions do."""
    path = folder / "curation" / "decisions.txt"
    path.parent.mkdir()
    path.write_text(HEADER, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Quad, ...]:
    """The repository's chapters, built before any decision."""
    decisions = no_decisions_yet(tmp_path_factory.mktemp("sample"))
    return assemble(repository_inputs(decisions=decisions), BuildReport()).quads


@pytest.fixture(scope="module")
def dutch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Quad, ...]:
    """Two Dutch chapters: innovations and organisations nobody curated, with roles and a start year."""
    reports = tmp_path_factory.mktemp("dutch") / "reports"
    for city in ("nl-amsterdam", "nl-nijmegen"):
        shutil.copytree(FIXTURES / "chapters" / city, reports / city)
    return assemble(repository_inputs(reports, no_decisions_yet(reports.parent)), BuildReport()).quads


def decide(quads: tuple[Quad, ...], *lines: str) -> Curated:
    decisions, problems = parse_decisions("\n".join(lines) + "\n", "curation/decisions.txt")
    assert problems == []
    return apply_decisions(quads, decisions, SOURCE)


def about(quads: tuple[Quad, ...] | list[Quad], iri: NamedNode) -> list[Quad]:
    """Every quad that names `iri`, or a node beneath it, as subject or object."""
    prefix = iri.value + "/"
    return [
        q
        for q in quads
        if any(t == iri or (isinstance(t, NamedNode) and t.value.startswith(prefix)) for t in (q.subject, q.object))
    ]


def values(quads: tuple[Quad, ...], subject: NamedNode, predicate: NamedNode) -> set[str]:
    return {q.object.value for q in quads if q.subject == subject and q.predicate == predicate}


def conforms(quads: tuple[Quad, ...]) -> None:
    report = validate_dataset(quads, SHAPES, processes=1)
    assert report.conforms, report.render()


def test_no_decision_leaves_the_quads_as_they_are(sample: tuple[Quad, ...]) -> None:
    assert apply_decisions(sample, [], SOURCE) == Curated(sample, (), ())


def test_an_accepted_entity_keeps_its_iri_and_names_its_decision(sample: tuple[Quad, ...]) -> None:
    fund = node("org/european-social-fund")
    curated = decide(sample, "accept org/european-social-fund  # a fund of the EU")
    quads = curated.quads
    assert values(quads, fund, STATUS) == {"accepted"}
    decision = node("decision/accept-org-european-social-fund")
    assert Quad(fund, DECIDED_BY, decision, CURATION_GRAPH) in quads
    assert values(quads, decision, RDFS("label")) == {"accept org/european-social-fund"}
    assert values(quads, decision, RDFS("comment")) == {"a fund of the EU"}
    assert values(quads, decision, WILCO("line")) == {"1"}
    assert values(quads, decision, WILCO("decisionTarget")) == {fund.value}
    # Everything else the graph said about it is still there: its mentions, its role, its names.
    assert len(about(quads, fund)) == len(about(sample, fund)) + 1
    assert [d.line for d in curated.applied] == [1] and curated.unapplied == ()
    conforms(quads)


def test_a_rejected_entity_leaves_with_its_mentions_and_roles(sample: tuple[Quad, ...]) -> None:
    person = node("person/patrick-bouchain")
    role = node("innovation/ilot-stephenson/actor/patrick-bouchain/partner")
    mentions = {q.subject for q in sample if q.predicate == OA("hasBody") and q.object == person}
    evidence = {q.subject for q in sample if q.predicate == OA("hasBody") and q.object == role}
    assert mentions and evidence
    quads = decide(sample, "reject person/patrick-bouchain").quads
    assert about(quads, person) == [] and about(quads, role) == []
    gone = {*mentions, *evidence}
    assert not [q for q in quads if q.subject in gone or q.subject.value.rsplit("/", 1)[0] in {g.value for g in gone}]
    assert not [q for q in quads if q.predicate == WILCO("partner") and q.object == person]
    # The rejection is recorded, without a link to what is no longer there.
    assert values(quads, node("decision/reject-person-patrick-bouchain"), WILCO("decisionAction")) == {"reject"}
    conforms(quads)


def test_a_rejected_role_takes_its_evidence_and_direct_triples_but_not_the_curated_link(
    sample: tuple[Quad, ...],
) -> None:
    filur, municipality = node("innovation/the-filur-project"), node("org/stockholm-municipality")
    role = node("innovation/the-filur-project/actor/stockholm-municipality/operator")
    quads = decide(sample, "reject innovation/the-filur-project/actor/stockholm-municipality/operator").quads
    assert about(quads, role) == []
    assert not [
        q for q in quads if q.subject == filur and q.predicate == WILCO("operator") and q.object == municipality
    ]
    # The reference data links the municipality to the project as its funder: that link stays.
    assert {
        q.graph_name.value for q in quads if (q.subject, q.predicate, q.object) == (filur, WILCO("actor"), municipality)
    } == {BASE + "graph/reference"}
    conforms(quads)


def test_a_rejected_start_year_leaves_the_other(sample: tuple[Quad, ...]) -> None:
    potes = node("innovation/potes-en-ciel")
    assert values(sample, potes, WILCO("startYear")) == {"1999", "2006"}
    quads = decide(sample, "reject innovation/potes-en-ciel/start-year/1999").quads
    assert values(quads, potes, WILCO("startYear")) == {"2006"}
    assert about(quads, node("innovation/potes-en-ciel/start-year/1999")) == []
    conforms(quads)


def test_a_merge_into_a_curated_entity_moves_names_mentions_and_roles(sample: tuple[Quad, ...]) -> None:
    old, into = node("org/labour-market-administration-of-city-of-sundbyberg"), node("org/sundbyberg-municipality")
    old_names = values(sample, old, RDFS("label")) | values(sample, old, SKOS("altLabel"))
    mentions = [q for q in sample if q.predicate == OA("hasBody") and q.object == old]
    curated_role = node("innovation/the-filur-project/actor/sundbyberg-municipality/partner")
    assert values(sample, curated_role, STATUS) == {"curated"} and mentions
    quads = decide(
        sample, "merge org/labour-market-administration-of-city-of-sundbyberg into org/sundbyberg-municipality"
    ).quads
    decision = node("decision/merge-org-labour-market-administration-of-city-of-sundbyberg")
    # The old IRI is an alias and nothing else.
    assert {(q.predicate, q.object) for q in quads if q.subject == old} == {
        (OWL("sameAs"), into),
        (DECIDED_BY, decision),
    }
    assert [q for q in quads if q.object == old] == []
    assert old_names <= values(quads, into, SKOS("altLabel"))
    assert Quad(into, DECIDED_BY, decision, CURATION_GRAPH) in quads
    # Its mentions name the entity it was merged into, by IRI too.
    moved = [
        q
        for q in quads
        if q.predicate == OA("hasBody") and q.object == into and "-org-sundbyberg-municipality" in q.subject.value
    ]
    assert len(moved) >= len(mentions)
    # Its role was the curated one: that node keeps its status and gains the evidence.
    assert values(quads, curated_role, STATUS) == {"curated"}
    assert (
        about(quads, node("innovation/the-filur-project/actor/labour-market-administration-of-city-of-sundbyberg"))
        == []
    )
    assert any(q.predicate == OA("hasBody") and q.object == curated_role for q in quads)
    conforms(quads)


def test_a_renamed_entity_keeps_its_old_name_as_an_alternative(sample: tuple[Quad, ...]) -> None:
    council = node("org/general-council")
    quads = decide(sample, 'rename org/general-council to "General Council of Loire-Atlantique"').quads
    assert values(quads, council, RDFS("label")) == {"General Council of Loire-Atlantique"}
    assert {q.object for q in quads if q.subject == council and q.predicate == SKOS("prefLabel")} == {
        Literal("General Council of Loire-Atlantique", language="en")
    }
    assert "General Council" in values(quads, council, SKOS("altLabel"))
    assert values(quads, council, STATUS) == {"extracted"}
    conforms(quads)


def test_merging_innovations_moves_their_roles_and_stated_values(dutch: tuple[Quad, ...]) -> None:
    old, into = node("innovation/future-for-everybody"), node("innovation/work-corporations")
    assert values(dutch, node("innovation/future-for-everybody/start-year/2009"), STATUS) == {"extracted"}
    curated = decide(dutch, "merge innovation/future-for-everybody into innovation/work-corporations")
    quads = curated.quads
    assert [q for q in quads if q.object == old] == []
    assert {q.predicate for q in quads if q.subject == old} == {OWL("sameAs"), DECIDED_BY}
    assert values(quads, into, WILCO("startYear")) == {"2009"}
    assert values(quads, node("innovation/work-corporations/start-year/2009"), STATUS) == {"extracted"}
    assert values(quads, node("innovation/work-corporations/actor/portaal/initiator"), STATUS) == {"extracted"}
    assert node("org/portaal").value in values(quads, into, WILCO("initiator"))
    assert not [q for q in quads if q.subject.value.startswith(old.value + "/")]
    evidence = [q for q in quads if "/evidence/" in q.subject.value and q.predicate == OA("hasBody")]
    assert all(q.subject.value.endswith(q.object.value.split("/id/", 1)[1].replace("/", "-")) for q in evidence)
    conforms(quads)


def test_decisions_about_statements_follow_a_merge(dutch: tuple[Quad, ...]) -> None:
    curated = decide(
        dutch,
        "merge org/portaal into org/tandem-welfare",
        "accept innovation/future-for-everybody/actor/portaal/initiator",
    )
    role = node("innovation/future-for-everybody/actor/tandem-welfare/initiator")
    assert values(curated.quads, role, STATUS) == {"accepted"}
    assert curated.unapplied == ()
    conforms(curated.quads)


def test_a_chain_of_merges_ends_at_the_entity_that_stays(dutch: tuple[Quad, ...]) -> None:
    quads = decide(
        dutch, "merge org/portaal into org/tandem-welfare", "merge org/tandem-welfare into org/province-of-gelderland"
    ).quads
    into = node("org/province-of-gelderland")
    assert {q.object for q in quads if q.predicate == OWL("sameAs") and q.graph_name == CURATION_GRAPH} == {into}
    assert {"Portaal", "Tandem Welfare"} <= values(quads, into, SKOS("altLabel"))
    conforms(quads)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("accept org/nobody", "no discovered entity has this IRI (any more)"),
        ("reject org/caf", "it is curated in the reference data, not discovered: change data/reference instead"),
        ("accept innovation/the-filur-project/actor/stockholm-municipality/funder", "it is curated, not extracted"),
        ("reject innovation/the-filur-project/actor/nobody/funder", "no actor role or stated value has this IRI"),
        ("merge org/general-council into place/fives", "a merge joins entities of one kind"),
        ("merge org/general-council into org/nobody", "nothing in the graph has the IRI it is merged into"),
        ('rename org/caf to "CAF"', "it is curated in the reference data"),
    ],
)
def test_a_decision_that_does_not_fit_is_reported_and_not_applied(
    sample: tuple[Quad, ...], line: str, reason: str
) -> None:
    curated = decide(sample, "# a comment first", line)
    assert curated.applied == ()
    assert len(curated.unapplied) == 1
    assert str(curated.unapplied[0]).startswith(f"curation/decisions.txt:2: {line}: {reason}")
    assert curated.quads == sample


def unreviewed_triples(quads: Sequence[Quad]) -> set[Triple]:
    return {quad.triple for quad in parse(b"".join(unreviewed_lines(quads)), format=RdfFormat.N_TRIPLES)}


def test_reviewed_knowledge_leaves_out_what_nobody_accepted(sample: tuple[Quad, ...]) -> None:
    fund, role = (
        node("org/european-social-fund"),
        node("innovation/the-filur-project/actor/european-social-fund/funder"),
    )
    quads = decide(sample, "accept innovation/the-filur-project/actor/european-social-fund/funder").quads
    left_out = unreviewed_triples(quads)
    subjects = {t.subject for t in left_out}
    # The role was accepted, but its actor was not: neither is reviewed knowledge yet.
    assert fund in subjects and role in subjects
    assert node("place/fives") in subjects
    assert not {t.subject for t in left_out if t.subject.value.startswith(BASE + "id/org/caf")}
    kept = {q.triple for q in quads} - left_out
    assert not [
        t for t in kept if isinstance(t.object, Literal) and t.predicate == STATUS and t.object.value == "extracted"
    ]
    accepted = decide(
        sample,
        "accept org/european-social-fund",
        "accept innovation/the-filur-project/actor/european-social-fund/funder",
    )
    assert not {fund, role} & {t.subject for t in unreviewed_triples(accepted.quads)}


def test_applying_is_deterministic(dutch: tuple[Quad, ...]) -> None:
    lines = (
        "merge org/portaal into org/tandem-welfare",
        "reject innovation/neighbourhood-fathers-project",
        'rename org/tandem-welfare to "Tandem"',
    )
    assert decide(dutch, *lines).quads == decide(dutch, *lines).quads
    assert not [
        q for q in decide(dutch, *lines).quads if q.graph_name == DISCOVERED_GRAPH and q.subject == node("org/portaal")
    ]
