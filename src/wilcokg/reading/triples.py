"""A reading as RDF: discovered entities in `graph/discovered`, roles and their evidence in the chapter's graph.

An actor's role in an innovation is a qualified node (`wilco:ActorRole`, after PROV-O's qualified
influences): `prov:agent` the actor, `prov:hadRole` a concept of the roles scheme, `wilco:status`
"extracted" (or "curated" when the reference holds the same node), plus the direct property
(`?innovation wilco:funder ?actor`) for easy querying. Its evidence is a Web Annotation whose body is
the node and whose selectors index the stating sentence in the chapter's source text. A value the text
states (a start year) is a `wilco:StatedValue` node that says which triple it stands for (`rdf:subject`,
`rdf:predicate`, `rdf:object`) and has its status and evidence the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from wilcokg.reading.model import Attribute, ReadEntity, Reading, Relation
from wilcokg.terms import value
from wilcokg.vocab import (
    DCTERMS,
    FOAF,
    OA,
    ORG,
    PROV,
    RDF,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SKOS,
    WILCO,
    XSD,
    entity,
    graph,
)

DISCOVERED_GRAPH = graph("discovered")
EXTRACTED = "extracted"
CURATED = "curated"

_CLASSES = {
    "innovation": (WILCO("SocialInnovation"),),
    "org": (ORG("Organization"),),
    "person": (FOAF("Person"),),
    "place": (SCHEMA("Place"),),
}


def role_iri(innovation: str, actor: str, role: str) -> NamedNode:
    """`…/id/innovation/{innovation}/actor/{actor}/{role}`: only the last segment of each IRI is kept."""
    innovation_slug = innovation.rstrip("/").rsplit("/", 1)[-1]
    actor_slug = actor.rstrip("/").rsplit("/", 1)[-1]
    return entity("innovation", innovation_slug, "actor", actor_slug, role)


def role_node(relation: Relation) -> NamedNode:
    return role_iri(relation.innovation, relation.actor, relation.role.value)


def annotation_key(body: str) -> str:
    """How an annotation's IRI names its body: the body's path under `id/`, `/` made `-` (`org-caf`)."""
    return body.split("/id/", 1)[1].replace("/", "-")


@dataclass(frozen=True, slots=True)
class _Out:
    graph_name: NamedNode
    quads: list[Quad]

    def add(self, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> None:
        self.quads.append(Quad(subject, predicate, obj, self.graph_name))


def discovered_quads(
    reading: Reading, chapter: NamedNode, city: NamedNode, policy_field: NamedNode | None
) -> list[Quad]:
    """Each discovered entity: its class, every name the text gives it, its status and where it was read;
    an innovation chapter's own innovation also takes the policy field its `Categories:` line states."""
    out = _Out(DISCOVERED_GRAPH, [])
    for found in reading.entities:
        if found.known:
            continue
        node = NamedNode(found.iri)
        for cls in _CLASSES[found.category]:
            out.add(node, RDF_TYPE, cls)
        _names(out, node, found)
        out.add(node, WILCO("status"), Literal(EXTRACTED))
        out.add(node, WILCO("discoveredIn"), chapter)
        out.add(node, WILCO("discoveryCue"), Literal(found.cue))
        if found.parent:
            out.add(node, ORG("subOrganizationOf"), NamedNode(found.parent))
        if found.category == "innovation":
            out.add(node, DCTERMS("spatial"), city)
            if policy_field is not None and found.iri == reading.own_innovation:
                out.add(node, WILCO("policyField"), policy_field)
    return out.quads


def _names(out: _Out, node: NamedNode, found: ReadEntity) -> None:
    out.add(node, RDFS("label"), Literal(found.label))
    out.add(node, SKOS("prefLabel"), Literal(found.label, language="en"))
    if found.category == "person":
        out.add(node, FOAF("name"), Literal(found.label))
    for name in found.names:
        if name != found.label:
            out.add(node, SKOS("altLabel"), Literal(name))


def relation_quads(
    reading: Reading, chapter: NamedNode, text: str, graph_name: NamedNode, curated: Collection[str]
) -> list[Quad]:
    """Each role with its evidence, and each stated attribute, in the chapter's graph."""
    out = _Out(graph_name, [])
    for relation in reading.relations:
        node = role_node(relation)
        innovation, actor = NamedNode(relation.innovation), NamedNode(relation.actor)
        if node.value not in curated:
            out.add(innovation, WILCO("qualifiedActor"), node)
            out.add(innovation, WILCO(relation.role.value), actor)
            out.add(innovation, WILCO("actor"), actor)
            out.add(node, RDF_TYPE, WILCO("ActorRole"))
            out.add(node, PROV("agent"), actor)
            out.add(node, PROV("hadRole"), entity("role", relation.role.value))
            out.add(node, WILCO("status"), Literal(EXTRACTED))
        _evidence(out, chapter, text, node, relation.start, relation.end, relation.rule)
    for attribute in reading.attributes:
        _attribute(out, chapter, text, attribute)
    return out.quads


def _evidence(out: _Out, chapter: NamedNode, text: str, body: NamedNode, start: int, end: int, rule: str) -> None:
    node = NamedNode(f"{chapter.value}/evidence/{start}-{end}-{annotation_key(body.value)}")
    target = NamedNode(node.value + "/target")
    position = NamedNode(node.value + "/position")
    quote = NamedNode(node.value + "/quote")
    out.add(node, RDF_TYPE, OA("Annotation"))
    out.add(node, OA("motivatedBy"), OA("describing"))
    out.add(node, OA("hasBody"), body)
    out.add(node, OA("hasTarget"), target)
    out.add(node, WILCO("extractionRule"), Literal(rule))
    out.add(target, RDF_TYPE, OA("SpecificResource"))
    out.add(target, OA("hasSource"), chapter)
    out.add(target, OA("hasSelector"), position)
    out.add(target, OA("hasSelector"), quote)
    out.add(position, RDF_TYPE, OA("TextPositionSelector"))
    out.add(position, OA("start"), Literal(str(start), datatype=XSD("integer")))
    out.add(position, OA("end"), Literal(str(end), datatype=XSD("integer")))
    out.add(quote, RDF_TYPE, OA("TextQuoteSelector"))
    out.add(quote, OA("exact"), Literal(text[start:end]))


def _attribute(out: _Out, chapter: NamedNode, text: str, attribute: Attribute) -> None:
    innovation = NamedNode(attribute.innovation)
    predicate, stated = WILCO(attribute.name), Literal(attribute.value, datatype=XSD("gYear"))
    out.add(innovation, predicate, stated)
    statement = NamedNode(f"{attribute.innovation}/{_kebab(attribute.name)}/{attribute.value}")
    out.add(statement, RDF_TYPE, WILCO("StatedValue"))
    out.add(statement, RDF("subject"), innovation)
    out.add(statement, RDF("predicate"), predicate)
    out.add(statement, RDF("object"), stated)
    out.add(statement, WILCO("status"), Literal(EXTRACTED))
    _evidence(out, chapter, text, statement, attribute.start, attribute.end, attribute.rule)


def _kebab(name: str) -> str:
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name)


def one_name_each(quads: Iterable[Quad]) -> list[Quad]:
    """Discovered entities read in several chapters under different names: the first label (in code point
    order) stays the label, the others become alternative labels; one place per innovation likewise."""
    kept: list[Quad] = []
    labels: dict[NamedNode, list[Quad]] = defaultdict(list)
    spatial: dict[NamedNode, list[Quad]] = defaultdict(list)
    for quad in quads:
        if quad.graph_name != DISCOVERED_GRAPH or not isinstance(quad.subject, NamedNode):
            kept.append(quad)
        elif quad.predicate in (RDFS("label"), SKOS("prefLabel")):
            labels[quad.subject].append(quad)
        elif quad.predicate == DCTERMS("spatial"):
            spatial[quad.subject].append(quad)
        else:
            kept.append(quad)
    for subject, found in labels.items():
        names = sorted({value(q.object) for q in found})
        kept.append(Quad(subject, RDFS("label"), Literal(names[0]), DISCOVERED_GRAPH))
        kept.append(Quad(subject, SKOS("prefLabel"), Literal(names[0], language="en"), DISCOVERED_GRAPH))
        kept.extend(Quad(subject, SKOS("altLabel"), Literal(name), DISCOVERED_GRAPH) for name in names[1:])
    kept.extend(min(found, key=lambda q: value(q.object)) for found in spatial.values())
    return kept
