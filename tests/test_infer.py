"""infer() against owlrl, the reference OWL 2 RL implementation, on the real build."""

from __future__ import annotations

import owlrl
import pytest
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from conftest import repository_inputs
from wilcokg.build import BuildReport, Dataset, assemble
from wilcokg.infer import Term, aliases_of_ours, infer, informative
from wilcokg.quad_order import concatenate_graphs
from wilcokg.vocab import BASE, INFERRED_GRAPH, OWL, PREFIXES, RDF_TYPE, RDFS, REFERENCE_GRAPH, WILCO, XSD

EX = "http://example.org/"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return assemble(repository_inputs(), BuildReport())


@pytest.fixture(scope="module")
def inferred(dataset: Dataset) -> list[Quad]:
    return infer(dataset.quads)


def _to_rdflib(term: Term) -> rdflib.term.Node:
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language, normalize=False)
    return rdflib.Literal(term.value, datatype=term.datatype.value, normalize=False)


def _from_rdflib(node: rdflib.term.Node) -> Term:
    if isinstance(node, rdflib.URIRef):
        return NamedNode(str(node))
    if isinstance(node, rdflib.BNode):
        return BlankNode(str(node))
    assert isinstance(node, rdflib.Literal)
    if node.language:
        return Literal(str(node), language=node.language)
    return Literal(str(node), datatype=NamedNode(str(node.datatype or XSD("string").value)))


def owlrl_entailments(quads: tuple[Quad, ...]) -> set[Triple]:
    """What owlrl entails from the union of the graphs, through the same filter as infer()."""
    asserted = {quad.triple for quad in quads}
    graph = rdflib.Graph()
    for triple in asserted:
        graph.add((_to_rdflib(triple.subject), _to_rdflib(triple.predicate), _to_rdflib(triple.object)))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    closure = [(_from_rdflib(s), _from_rdflib(p), _from_rdflib(o)) for s, p, o in graph]
    aliases = aliases_of_ours(closure)
    entailed = set()
    for subject, predicate, object_ in closure:
        if isinstance(predicate, NamedNode) and informative(subject, predicate, object_, aliases):
            entailed.add(Triple(subject, predicate, object_))
    return entailed - asserted


def test_reasonable_and_owlrl_agree_exactly_on_the_real_build(dataset: Dataset, inferred: list[Quad]) -> None:
    ours = {quad.triple for quad in inferred}
    assert len(ours) == len(inferred)
    assert ours == owlrl_entailments(dataset.quads)


def test_inferred_quads_are_new_sorted_and_in_their_own_graph(dataset: Dataset, inferred: list[Quad]) -> None:
    asserted = {quad.triple for quad in dataset.quads}
    assert inferred
    assert {quad.graph_name for quad in inferred} == {INFERRED_GRAPH}
    assert not asserted & {quad.triple for quad in inferred}
    assert inferred == sorted(inferred, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    assert not any(isinstance(term, BlankNode) for quad in inferred for term in (quad.subject, quad.object))
    assert infer(dataset.quads) == inferred


def test_no_fact_is_copied_onto_external_aliases(inferred: list[Quad]) -> None:
    wikidata_lille = NamedNode(PREFIXES["wd"] + "Q648")
    about_alias = [q for q in inferred if wikidata_lille in (q.subject, q.object) and q.predicate != OWL("sameAs")]
    assert about_alias == []


def test_every_entailment_is_about_one_of_our_iris(inferred: list[Quad]) -> None:
    assert [q for q in inferred if not q.subject.value.startswith(BASE)] == []


def test_known_entailments_of_the_real_build(inferred: list[Quad]) -> None:
    triples = {quad.triple for quad in inferred}
    lille = NamedNode("https://w3id.org/wilcokg/id/city/lille")
    innovation = NamedNode("https://w3id.org/wilcokg/id/innovation/parler-bambins")
    # cax-sco: SocialInnovation ⊑ prov:Entity
    assert Triple(innovation, RDF_TYPE, NamedNode("http://www.w3.org/ns/prov#Entity")) in triples
    # eq-sym on the Wikidata link is a statement about Wikidata's IRI: not published
    assert Triple(NamedNode(PREFIXES["wd"] + "Q648"), OWL("sameAs"), lille) not in triples
    # scm-dom1, which reasonable lacks and infer() adds
    assert Triple(WILCO("actor"), RDFS("domain"), NamedNode("http://www.w3.org/ns/prov#Entity")) in triples


def test_reinferring_a_dump_with_its_inferred_graph_gives_the_same_graph(
    dataset: Dataset, inferred: list[Quad]
) -> None:
    assert infer(concatenate_graphs([dataset.quads, inferred])) == inferred


def test_literals_keep_their_exact_lexical_form() -> None:
    # rdflib would normalise "050" to "50"; the inferred triple must carry the asserted literal.
    x, p, q = NamedNode(EX + "x"), NamedNode(EX + "p"), NamedNode(EX + "q")
    padded = Literal("050", datatype=XSD("integer"))
    quads = [
        Quad(p, RDFS("subPropertyOf"), q, REFERENCE_GRAPH),
        Quad(x, p, padded, REFERENCE_GRAPH),
    ]
    assert Quad(x, q, padded, INFERRED_GRAPH) in infer(quads)


# The classes and the properties of the small schemas below.
A, B, C = (NamedNode(EX + name) for name in "ABC")
P, Q, R = (NamedNode(EX + name) for name in "pqr")


@pytest.mark.parametrize(
    ("asserted", "entailed"),
    [
        pytest.param(
            [
                Triple(A, RDFS("subClassOf"), B),
                Triple(B, RDFS("subClassOf"), C),
                Triple(P, RDFS("subPropertyOf"), Q),
                Triple(Q, RDFS("subPropertyOf"), R),
                Triple(Q, RDFS("range"), A),
            ],
            {
                Triple(A, RDFS("subClassOf"), C),
                Triple(P, RDFS("subPropertyOf"), R),
                Triple(Q, RDFS("range"), B),
                Triple(Q, RDFS("range"), C),
                Triple(P, RDFS("range"), A),
                Triple(P, RDFS("range"), B),
                Triple(P, RDFS("range"), C),
            },
            id="schema-rules-reasonable-lacks",
        ),
        pytest.param(
            [
                Triple(A, RDFS("subClassOf"), B),
                Triple(B, RDFS("subClassOf"), A),
                Triple(P, OWL("equivalentProperty"), Q),
            ],
            {
                Triple(A, OWL("equivalentClass"), B),
                Triple(B, OWL("equivalentClass"), A),
                Triple(P, RDFS("subPropertyOf"), Q),
                Triple(Q, RDFS("subPropertyOf"), P),
                Triple(Q, OWL("equivalentProperty"), P),
            },
            id="equivalence-and-mutual-subsumption",
        ),
    ],
)
def test_small_schemas_entail_exactly_what_owlrl_entails(asserted: list[Triple], entailed: set[Triple]) -> None:
    quads = [Quad(t.subject, t.predicate, t.object, REFERENCE_GRAPH) for t in asserted]
    assert {quad.triple for quad in infer(quads)} == owlrl_entailments(tuple(quads)) == entailed


@pytest.mark.parametrize(
    ("subject", "predicate", "object_"),
    [
        (Literal("Lille"), RDF_TYPE, XSD("string")),
        (BlankNode("b0"), RDF_TYPE, WILCO("Section")),
        (NamedNode(EX + "x"), OWL("sameAs"), BlankNode("b0")),
        (OWL("Nothing"), RDFS("subClassOf"), WILCO("Section")),
        (NamedNode(EX + "x"), RDF_TYPE, OWL("Thing")),
        (NamedNode(EX + "x"), RDF_TYPE, RDFS("Resource")),
        (WILCO("Section"), RDFS("subClassOf"), OWL("Thing")),
        (WILCO("actor"), RDFS("domain"), OWL("Thing")),
        (NamedNode(EX + "x"), OWL("sameAs"), NamedNode(EX + "x")),
        (WILCO("Section"), RDFS("subClassOf"), WILCO("Section")),
        (WILCO("Section"), OWL("equivalentClass"), WILCO("Section")),
        (WILCO("actor"), RDFS("subPropertyOf"), WILCO("actor")),
        (WILCO("actor"), OWL("equivalentProperty"), WILCO("actor")),
    ],
)
def test_filter_drops_uninformative_triples(subject: Term, predicate: NamedNode, object_: Term) -> None:
    assert not informative(subject, predicate, object_)


@pytest.mark.parametrize(
    ("subject", "predicate", "object_"),
    [
        (NamedNode(EX + "x"), RDF_TYPE, WILCO("Section")),
        (NamedNode(EX + "x"), OWL("sameAs"), NamedNode(EX + "y")),
        (NamedNode(EX + "x"), NamedNode(EX + "p"), NamedNode(EX + "x")),
        (NamedNode(EX + "x"), WILCO("line"), Literal("3", datatype=XSD("integer"))),
        (WILCO("actor"), RDFS("domain"), NamedNode("http://www.w3.org/ns/prov#Entity")),
    ],
)
def test_filter_keeps_informative_triples(subject: Term, predicate: NamedNode, object_: Term) -> None:
    assert informative(subject, predicate, object_)
