"""Defects a curator or a parser bug could introduce, each caught by the shapes where it belongs.

Every defect is applied to a copy of the built dataset as quad edits. The sharded validation must
report it on the expected focus node with the expected rule and constraint component, and for every
mutant (and the clean graph) it must report exactly what one whole-graph pyshacl run reports.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from conftest import ROOT, repository_inputs
from wilcokg.build import BuildReport, assemble
from wilcokg.build_cache import BuildCache
from wilcokg.validate import unit, validate_dataset, validate_whole_graph
from wilcokg.validate.report import CHAPTER_NODE, SH, SHAPES, ValidationReport
from wilcokg.validate.sharding import summarise
from wilcokg.vocab import BASE, DCTERMS, FOAF, OA, ORG, OWL, RDF, RDF_TYPE, RDFS, SCHEMA, SKOS, WILCO, XSD

pytestmark = pytest.mark.heavy

SHAPES_FILE = ROOT / "shapes" / "wilco.ttl"
Quads = list[Quad]
Expected = tuple[NamedNode, str, str]
"""Focus node, rule (the SPARQL constraint or else the source shape, local name in wsh:) and the
constraint component (local name in sh:)."""


def node(path: str) -> NamedNode:
    return NamedNode(BASE + "id/" + path)


LILLE_INTRODUCTION = node("chapter/lille-introduction")
LILLE_CONCLUSIONS = node("chapter/lille-conclusions")
PARAGRAPH = node("chapter/lille-introduction/paragraph/1")
SECTION = node("chapter/lille-introduction/section/2")
MENTION = node("chapter/lille-introduction/mention/1073-1089-org-mel")
POSITION = NamedNode(MENTION.value + "/position")
QUOTE = NamedNode(MENTION.value + "/quote")
TARGET = NamedNode(MENTION.value + "/target")
CAF = node("org/caf")
LILLE = node("city/lille")
CHILD_CARE = node("keyword/child-care")
READ_ROLE = node("innovation/the-filur-project/actor/stockholm-municipality/operator")
EVIDENCE = node(
    "chapter/58-the-filur-project/evidence/2632-2762-innovation-the-filur-project-actor-stockholm-municipality-operator"
)
DISCOVERED = node("org/european-social-fund")
STATED = node("innovation/potes-en-ciel/start-year/1999")
FUNDING_ROLE = node("innovation/the-filur-project/actor/european-social-fund/funder")
DECISION = node("decision/accept-org-european-social-fund")
FILUR_GRAPH = NamedNode(BASE + "graph/chapter/58-the-filur-project")
PROV_AGENT = NamedNode("http://www.w3.org/ns/prov#agent")
PROV_ROLE = NamedNode("http://www.w3.org/ns/prov#hadRole")


def without(quads: Quads, subject: NamedNode, predicate: NamedNode | None = None) -> Quads:
    return [q for q in quads if not (q.subject == subject and predicate in (None, q.predicate))]


def with_added(quads: Quads, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal | BlankNode) -> Quads:
    """Adds the triple in the graph that already holds the subject's triples (the ownership rule)."""
    graph = next(q.graph_name for q in quads if q.subject == subject)
    return [*quads, Quad(subject, predicate, obj, graph)]


def replaced(quads: Quads, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal | BlankNode) -> Quads:
    return with_added(without(quads, subject, predicate), subject, predicate, obj)


def decision(action: str) -> Quads:
    """A decision as the build records one, with `action` as its action."""
    graph = NamedNode(BASE + "graph/curation")
    return [
        Quad(DECISION, RDF_TYPE, WILCO("CurationDecision"), graph),
        Quad(DECISION, RDFS("label"), Literal(f"{action} org/european-social-fund"), graph),
        Quad(DECISION, WILCO("decisionAction"), Literal(action), graph),
        Quad(DECISION, WILCO("decisionTarget"), Literal(DISCOVERED.value, datatype=XSD("anyURI")), graph),
        Quad(DECISION, DCTERMS("source"), node("source/curation-decisions-txt"), graph),
        Quad(DECISION, WILCO("line"), integer(10), graph),
    ]


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD("integer"))


def renamed(quads: Quads, old: NamedNode, new: NamedNode) -> Quads:
    """The node itself gets a new IRI, wherever it is subject or object."""
    return [
        Quad(new if q.subject == old else q.subject, q.predicate, new if q.object == old else q.object, q.graph_name)
        for q in quads
    ]


@dataclass(frozen=True)
class Defect:
    mutate: Callable[[Quads], Quads]
    expected: tuple[Expected, ...]


DEFECTS: dict[str, Defect] = {
    "chapter without title": Defect(
        lambda q: without(q, LILLE_INTRODUCTION, DCTERMS("title")),
        ((LILLE_INTRODUCTION, "Chapter-title", "MinCountConstraintComponent"),),
    ),
    "title with the wrong language tag": Defect(
        lambda q: replaced(q, LILLE_INTRODUCTION, DCTERMS("title"), Literal("Lille – Introduction", language="fr")),
        ((LILLE_INTRODUCTION, "Chapter-title", "LanguageInConstraintComponent"),),
    ),
    "chapter with two cities": Defect(
        lambda q: with_added(q, LILLE_INTRODUCTION, DCTERMS("spatial"), node("city/nantes")),
        ((LILLE_INTRODUCTION, "Chapter-city", "MaxCountConstraintComponent"),),
    ),
    "chapter pointing at a city that does not exist": Defect(
        lambda q: replaced(q, LILLE_INTRODUCTION, DCTERMS("spatial"), node("city/atlantis")),
        (
            (LILLE_INTRODUCTION, "Chapter-city", "ClassConstraintComponent"),
            (LILLE_INTRODUCTION, "Described-objects", "SPARQLConstraintComponent"),
        ),
    ),
    "chapter IRI off the pattern": Defect(
        lambda q: renamed(q, LILLE_CONCLUSIONS, node("chapter/Lille_Conclusions")),
        ((node("chapter/Lille_Conclusions"), "Chapter", "PatternConstraintComponent"),),
    ),
    "innovation chapter without its number": Defect(
        lambda q: without(q, node("chapter/11-potes-en-ciel"), NamedNode("http://purl.org/ontology/bibo/number")),
        ((node("chapter/11-potes-en-ciel"), "Chapter-numberedInnovation", "SPARQLConstraintComponent"),),
    ),
    "paragraph without text": Defect(
        lambda q: without(q, PARAGRAPH, SCHEMA("text")),
        ((PARAGRAPH, "Paragraph-text", "MinCountConstraintComponent"),),
    ),
    "offset written as a string": Defect(
        lambda q: replaced(q, PARAGRAPH, WILCO("startOffset"), Literal("236")),
        ((PARAGRAPH, "Part-startOffset", "DatatypeConstraintComponent"),),
    ),
    "section at position 0": Defect(
        lambda q: replaced(q, SECTION, SCHEMA("position"), integer(0)),
        (
            (SECTION, "Section-position", "MinInclusiveConstraintComponent"),
            (SECTION, "Section-positionInIri", "SPARQLConstraintComponent"),
        ),
    ),
    "section position not an integer": Defect(
        lambda q: replaced(q, SECTION, SCHEMA("position"), Literal("2.5", datatype=XSD("decimal"))),
        ((SECTION, "Section-position", "DatatypeConstraintComponent"),),
    ),
    "mention offsets past the text": Defect(
        lambda q: replaced(replaced(q, POSITION, OA("start"), integer(99_000)), POSITION, OA("end"), integer(99_016)),
        ((POSITION, "MentionOutsideText-end", "SPARQLConstraintComponent"),),
    ),
    "mention starting after its end": Defect(
        lambda q: replaced(replaced(q, POSITION, OA("start"), integer(1089)), POSITION, OA("end"), integer(1073)),
        (
            (POSITION, "PositionSelector-start", "LessThanConstraintComponent"),
            (POSITION, "QuoteMismatch-end", "SPARQLConstraintComponent"),
        ),
    ),
    "quote that does not fit its span": Defect(
        lambda q: replaced(q, QUOTE, OA("exact"), Literal("MEL")),
        ((POSITION, "QuoteMismatch-end", "SPARQLConstraintComponent"),),
    ),
    "mention whose body is a literal": Defect(
        lambda q: replaced(q, MENTION, OA("hasBody"), Literal("MEL")),
        ((MENTION, "Mention-body", "NodeKindConstraintComponent"),),
    ),
    "mention whose body is a blank node": Defect(
        lambda q: replaced(q, MENTION, OA("hasBody"), BlankNode("mel")),
        ((MENTION, "Mention-body", "NodeKindConstraintComponent"),),
    ),
    "mention sourced from another chapter": Defect(
        lambda q: replaced(q, TARGET, OA("hasSource"), LILLE_CONCLUSIONS),
        ((TARGET, "ForeignSource-source", "SPARQLConstraintComponent"),),
    ),
    "organisation without a type": Defect(
        lambda q: [x for x in q if not (x.subject == CAF and x.predicate == RDF_TYPE)],
        (
            (CAF, "OrganisationIri", "ClassConstraintComponent"),
            (node("innovation/potes-en-ciel"), "Innovation-actor", "OrConstraintComponent"),
        ),
    ),
    "public organisation not typed org:Organization": Defect(
        lambda q: [x for x in q if x != Quad(CAF, RDF_TYPE, ORG("Organization"), x.graph_name)],
        ((CAF, "PublicOrganisation-type", "HasValueConstraintComponent"),),
    ),
    "chapter contributor that is not a person": Defect(
        lambda q: with_added(q, LILLE_INTRODUCTION, DCTERMS("contributor"), CAF),
        ((LILLE_INTRODUCTION, "Chapter-contributor", "ClassConstraintComponent"),),
    ),
    "chapter editor that is not a person": Defect(
        lambda q: with_added(q, LILLE_INTRODUCTION, NamedNode("http://purl.org/ontology/bibo/editor"), CAF),
        ((LILLE_INTRODUCTION, "Chapter-editor", "ClassConstraintComponent"),),
    ),
    "person without a name": Defect(
        lambda q: without(q, node("person/laurent-fraisse"), FOAF("name")),
        ((node("person/laurent-fraisse"), "Person-name", "MinCountConstraintComponent"),),
    ),
    "city without a country": Defect(
        lambda q: [x for x in q if not (x.subject == LILLE and x.object == node("country/fr"))],
        ((LILLE, "City-country", "QualifiedMinCountConstraintComponent"),),
    ),
    "innovation in a fourth policy field": Defect(
        lambda q: replaced(q, node("innovation/parler-bambins"), WILCO("policyField"), node("keyword/housing-policy")),
        ((node("innovation/parler-bambins"), "Innovation-policyField", "InConstraintComponent"),),
    ),
    "two English preferred labels": Defect(
        lambda q: with_added(q, CHILD_CARE, SKOS("prefLabel"), Literal("Childcare services", language="en")),
        ((CHILD_CARE, "Entity-prefLabel", "UniqueLangConstraintComponent"),),
    ),
    "label both preferred and alternative": Defect(
        lambda q: with_added(q, CHILD_CARE, SKOS("altLabel"), Literal("Child care", language="en")),
        ((CHILD_CARE, "Labels-prefNotAlt", "DisjointConstraintComponent"),),
    ),
    "broader cycle": Defect(
        lambda q: with_added(q, node("keyword/activation"), SKOS("broader"), node("keyword/activation-policies")),
        ((node("keyword/activation"), "Concept-noBroaderCycle", "SPARQLConstraintComponent"),),
    ),
    "keyword outside any scheme": Defect(
        lambda q: without(q, node("keyword/case-management"), SKOS("inScheme")),
        ((node("keyword/case-management"), "Concept-scheme", "MinCountConstraintComponent"),),
    ),
    "exact match inside one scheme": Defect(
        lambda q: with_added(q, CHILD_CARE, SKOS("exactMatch"), node("keyword/child-education")),
        ((CHILD_CARE, "Concept-mappingLeavesScheme", "SPARQLConstraintComponent"),),
    ),
    "fourth concept in the policy-field scheme": Defect(
        lambda q: [
            *q,
            *(
                Quad(node("policy-field/education"), p, o, q[0].graph_name)
                for p, o in (
                    (RDF_TYPE, SKOS("Concept")),
                    (SKOS("inScheme"), node("scheme/policy-fields")),
                    (SKOS("prefLabel"), Literal("Education", language="en")),
                    (NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Education")),
                )
            ),
        ],
        ((node("policy-field/education"), "PolicyField", "InConstraintComponent"),),
    ),
    "actor role without its agent": Defect(
        lambda q: without(q, READ_ROLE, PROV_AGENT),
        ((READ_ROLE, "ActorRole-agent", "MinCountConstraintComponent"),),
    ),
    "actor role with a role outside the roles scheme": Defect(
        lambda q: replaced(q, READ_ROLE, PROV_ROLE, node("role/mentor")),
        (
            (READ_ROLE, "ActorRole-role", "InConstraintComponent"),
            (READ_ROLE, "Described-objects", "SPARQLConstraintComponent"),
        ),
    ),
    "actor role with an unknown status": Defect(
        lambda q: replaced(q, READ_ROLE, WILCO("status"), Literal("guessed")),
        ((READ_ROLE, "Status", "InConstraintComponent"),),
    ),
    "evidence that names no rule": Defect(
        lambda q: without(q, EVIDENCE, WILCO("extractionRule")),
        ((EVIDENCE, "Evidence-rule", "MinCountConstraintComponent"),),
    ),
    "evidence supporting a literal": Defect(
        lambda q: [
            *without(q, EVIDENCE, OA("hasBody")),
            Quad(EVIDENCE, OA("hasBody"), Literal("the municipality owns it"), FILUR_GRAPH),
        ],
        ((EVIDENCE, "Evidence-body", "OrConstraintComponent"),),
    ),
    "discovered entity without a status": Defect(
        lambda q: without(q, DISCOVERED, WILCO("status")),
        ((DISCOVERED, "Status", "MinCountConstraintComponent"),),
    ),
    "stated value without a status": Defect(
        lambda q: without(q, STATED, WILCO("status")),
        ((STATED, "Status", "MinCountConstraintComponent"),),
    ),
    "stated value stating a property the reading does not read": Defect(
        lambda q: replaced(q, STATED, RDF("predicate"), WILCO("chapterNumber")),
        ((STATED, "StatedValue-predicate", "InConstraintComponent"),),
    ),
    "accepted fact that names no decision": Defect(
        lambda q: replaced(q, FUNDING_ROLE, WILCO("status"), Literal("accepted")),
        ((FUNDING_ROLE, "Accepted-decision", "MinCountConstraintComponent"),),
    ),
    "decided by something that is no decision": Defect(
        lambda q: with_added(q, CAF, WILCO("decidedBy"), LILLE),
        ((CAF, "DecidedBy-decision", "ClassConstraintComponent"),),
    ),
    "decision with an action the file cannot state": Defect(
        lambda q: [*q, *decision("approve")],
        ((DECISION, "CurationDecision-action", "InConstraintComponent"),),
    ),
    "decision that names no line": Defect(
        lambda q: without([*q, *decision("accept")], DECISION, WILCO("line")),
        ((DECISION, "CurationDecision-line", "MinCountConstraintComponent"),),
    ),
    "merged IRI that is still an entity of its own": Defect(
        lambda q: with_added(q, DISCOVERED, OWL("sameAs"), node("org/stockholm-municipality")),
        (
            (DISCOVERED, "MergedAlias-untyped", "MaxCountConstraintComponent"),
            (DISCOVERED, "MergedAlias-decision", "MinCountConstraintComponent"),
        ),
    ),
}


Outcome = Callable[[str], tuple[ValidationReport, ValidationReport]]


@pytest.fixture(scope="module")
def dataset() -> Quads:
    return list(assemble(repository_inputs(), BuildReport()).quads)


@pytest.fixture(scope="module")
def outcome(dataset: Quads) -> Outcome:
    """The sharded (three shards, in this process) and whole-graph reports of a mutant, computed once.

    A mutant is validated with the chapters its defect touches and every graph shared between chapters,
    not with the chapters it leaves as they are: their nodes cannot be in its report, and the whole-graph
    reference would spend most of its time on them again for each of the forty mutants."""
    computed: dict[str, tuple[ValidationReport, ValidationReport]] = {}
    original = set(dataset)

    def validated(name: str) -> tuple[ValidationReport, ValidationReport]:
        if name not in computed:
            quads = dataset if name == "clean" else _touched(DEFECTS[name].mutate(list(dataset)), original)
            sharded = validate_dataset(quads, SHAPES_FILE, shards=3, processes=1)
            computed[name] = sharded, validate_whole_graph(quads, SHAPES_FILE)
        return computed[name]

    return validated


def _touched(mutant: Quads, original: set[Quad]) -> Quads:
    """The mutant's quads less those of the chapters it did not change (every quad outside a chapter stays)."""
    changed = original.symmetric_difference(mutant)
    units = {unit(q.subject.value) for q in changed if CHAPTER_NODE.match(q.subject.value)}
    return [q for q in mutant if not CHAPTER_NODE.match(q.subject.value) or unit(q.subject.value) in units]


def found(report: ValidationReport) -> set[Expected]:
    return {
        (
            NamedNode(v.focus),
            (v.constraint or v.source_shape).removeprefix(SHAPES),
            v.component.removeprefix(SH),
        )
        for v in report.violations
    }


@pytest.mark.parametrize("name", DEFECTS)
def test_defect_is_reported_on_its_node_by_its_rule(name: str, outcome: Outcome) -> None:
    sharded, _ = outcome(name)
    assert not sharded.conforms
    for expected in DEFECTS[name].expected:
        assert expected in found(sharded), sharded.render()


@pytest.mark.parametrize("name", ["clean", *DEFECTS])
def test_sharded_equals_whole_graph(name: str, outcome: Outcome) -> None:
    sharded, whole = outcome(name)
    assert sharded.keys == whole.keys
    assert sharded.conforms == (name == "clean")


def test_every_defect_at_once_in_worker_processes_and_with_rdflib_sparql(dataset: Quads) -> None:
    """The parallel path, and the oxigraph SPARQL shortcut against plain pyshacl over rdflib.

    Plain pyshacl re-parses each SPARQL query per focus node, so this runs on the chapters the defects
    touch and the shared graphs only.
    """
    touched = {
        unit(chapter.value)
        for chapter in (
            LILLE_INTRODUCTION,
            LILLE_CONCLUSIONS,
            node("chapter/11-potes-en-ciel"),
            node("chapter/58-the-filur-project"),
        )
    }
    quads = [q for q in dataset if not CHAPTER_NODE.match(q.subject.value) or unit(q.subject.value) in touched]
    for defect in DEFECTS.values():
        quads = defect.mutate(quads)
    quads = [q for q in quads if not isinstance(q.object, BlankNode)]  # keep it shardable
    parallel = validate_dataset(quads, SHAPES_FILE, shards=3, processes=2)
    plain = validate_whole_graph(quads, SHAPES_FILE, sparql="rdflib")
    assert parallel.keys == plain.keys
    assert len({v.constraint or v.source_shape for v in parallel.violations}) > len(DEFECTS)


def test_cached_validation_revalidates_only_the_changed_owner(dataset: Quads, tmp_path: Path) -> None:
    """A build cache filled by the clean graph answers every owner the defect leaves alone; the
    mutant's report is still exactly the whole-graph one, read back from the cache a second time."""
    first = BuildCache(tmp_path)
    assert validate_dataset(dataset, SHAPES_FILE, processes=1, cache=first).conforms
    owners = first.misses
    assert first.hits == 0 and owners > 10

    name = "chapter without title"
    mutant = DEFECTS[name].mutate(list(dataset))
    second = BuildCache(tmp_path)
    report = validate_dataset(mutant, SHAPES_FILE, processes=1, cache=second)
    assert report.keys == validate_whole_graph(mutant, SHAPES_FILE).keys
    assert (second.hits, second.misses) == (owners - 1, 1)

    third = BuildCache(tmp_path)
    assert validate_dataset(mutant, SHAPES_FILE, processes=1, cache=third).keys == report.keys
    assert (third.hits, third.misses) == (owners, 0)


def test_a_cached_chapter_is_validated_again_when_a_node_it_points_at_changes_type(
    dataset: Quads, tmp_path: Path
) -> None:
    """The chapters' graphs are unchanged (their summaries come from the cache under their keys), but the
    person two of them name as creator loses its type in the reference graph: both chapters' results
    depend on that type, so both are validated again, with the person's own owner, and the report is the
    whole-graph one."""
    chapters = {str(quad.graph_name) for quad in dataset if "/graph/chapter/" in str(quad.graph_name)}
    keys = {graph: hashlib.sha256(graph.encode()).hexdigest() for graph in chapters}
    first = BuildCache(tmp_path)
    assert validate_dataset(dataset, SHAPES_FILE, processes=1, cache=first, graph_keys=keys).conforms
    assert len(list((tmp_path / "shacl-graph").iterdir())) == len(keys) == 9

    person = node("person/laurent-fraisse")
    mutant = [quad for quad in dataset if (quad.subject, quad.predicate) != (person, RDF_TYPE)]
    second = BuildCache(tmp_path)
    report = validate_dataset(mutant, SHAPES_FILE, processes=1, cache=second, graph_keys=keys)
    assert report.keys == validate_whole_graph(mutant, SHAPES_FILE).keys
    assert {v.focus for v in report.violations} == {
        LILLE_INTRODUCTION.value,
        node("chapter/nantes-introduction").value,
        person.value,
    }
    # Only the three owners above are validated again; every chapter's summary comes from the cache (the
    # shared graphs have no chapter key: theirs are made each time, and never kept).
    assert (second.hits, second.misses) == (first.misses - 3, 3)


def test_graph_summaries_kept_from_quads_in_any_order_are_those_of_whole_graphs(dataset: Quads, tmp_path: Path) -> None:
    """A chapter's summary is kept under its key: made from quads in any order, it covers the whole graph."""
    chapters = {str(quad.graph_name) for quad in dataset if "/graph/chapter/" in str(quad.graph_name)}
    keys = {graph: hashlib.sha256(graph.encode()).hexdigest() for graph in chapters}
    shuffled = list(dataset)
    random.Random(3).shuffle(shuffled)
    assert validate_dataset(shuffled, SHAPES_FILE, processes=1, cache=BuildCache(tmp_path), graph_keys=keys).conforms
    for graph, key in keys.items():
        kept = BuildCache(tmp_path).get("shacl-graph", key)
        whole = summarise([quad for quad in dataset if str(quad.graph_name) == graph])
        assert kept is not None
        # The digests follow the quads' order; what they are digests of, and everything else, is the graph's.
        assert set(kept.owners) == set(whole.owners)
        assert (kept.references, kept.hierarchy) == (whole.references, whole.hierarchy)
        assert {node: set(classes) for node, classes in kept.types.items()} == {
            node: set(classes) for node, classes in whole.types.items()
        }


def test_quads_given_once_with_a_blank_node_are_validated_whole_with_a_cache(dataset: Quads, tmp_path: Path) -> None:
    """Data with a blank node is validated in one piece even with a cache: quads that can be read only
    once (a generator) must still all reach that piece."""
    mutant = DEFECTS["chapter without title"].mutate(list(dataset))
    mutant.append(Quad(BlankNode("note"), RDFS("comment"), Literal("a note"), mutant[0].graph_name))
    report = validate_dataset(iter(mutant), SHAPES_FILE, processes=1, cache=BuildCache(tmp_path))
    assert report.keys
    assert report.keys == validate_whole_graph(mutant, SHAPES_FILE).keys
