"""Describe the dataset: its provenance (inside the dumps) and VoID + DCAT (`void.ttl`, beside them)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple

from wilcokg.describe.catalog import NAMESPACES, CatalogDataset, Coverage, catalogue
from wilcokg.dist_layout import REVIEWED, WITH_ENTAILMENTS, Written, unpacked
from wilcokg.publish.ntriples import split_line
from wilcokg.quad_order import sort_key
from wilcokg.reference import SourceFile
from wilcokg.terms import serialized
from wilcokg.vocab import (
    BASE,
    DATASET,
    DCAT,
    DCTERMS,
    INFERRED_GRAPH,
    METADATA_GRAPH,
    OWL,
    PREFIXES,
    PROV,
    RDF_TYPE,
    RDFS,
    SKOS,
    VOID,
    WILCO,
    XSD,
    entity,
    slugify,
)

ENTAILED_DATASET = entity("dataset", "wilcokg-with-entailments")
INFERRED_SUBSET = NamedNode(ENTAILED_DATASET.value + "/inferred")
REVIEWED_DATASET = entity("dataset", "wilcokg-reviewed")
_STATUS_MEANINGS = {
    "curated": "stated by the curated reference data",
    "extracted": "read from the chapters' text and not reviewed yet",
    "accepted": "read from the chapters' text and accepted by a curator (wilco:decidedBy names the decision)",
}


@dataclass(frozen=True, slots=True)
class LinkTarget:
    name: str
    title: str
    namespace: str
    homepage: str


LINK_TARGETS = (
    LinkTarget("wikidata", "Wikidata", "http://www.wikidata.org/entity/", "https://www.wikidata.org/"),
    LinkTarget("geonames", "GeoNames", "https://sws.geonames.org/", "https://www.geonames.org/"),
    LinkTarget("eurovoc", "EuroVoc", "http://eurovoc.europa.eu/", "http://eurovoc.europa.eu/"),
    LinkTarget(
        "unesco",
        "UNESCO Thesaurus",
        "http://vocabularies.unesco.org/thesaurus/",
        "http://vocabularies.unesco.org/thesaurus",
    ),
    LinkTarget(
        "eu-authority",
        "EU Publications Office authority tables",
        "http://publications.europa.eu/resource/authority/",
        "http://publications.europa.eu/",
    ),
)
LINK_PREDICATES = frozenset(
    OWL("sameAs").value if name == "sameAs" else SKOS(name).value
    for name in ("sameAs", "exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
)


def dataset_version(sources: Iterable[SourceFile]) -> str:
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: s.name):
        digest.update(f"{source.name}\0{source.sha256}\n".encode())
    return digest.hexdigest()[:16]


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD("integer"))


def provenance(version: str, chapter_sources: Iterable[NamedNode], reference_files: Iterable[SourceFile]) -> list[Quad]:
    """The build activity that generated the dataset and the source files it used (no clock time)."""
    activity = entity("build", version)
    quads = [
        Quad(DATASET, RDF_TYPE, VOID("Dataset"), METADATA_GRAPH),
        Quad(DATASET, RDF_TYPE, DCAT("Dataset"), METADATA_GRAPH),
        Quad(DATASET, RDF_TYPE, PROV("Entity"), METADATA_GRAPH),
        Quad(DATASET, OWL("versionInfo"), Literal(version), METADATA_GRAPH),
        Quad(DATASET, PROV("wasGeneratedBy"), activity, METADATA_GRAPH),
        Quad(activity, RDF_TYPE, PROV("Activity"), METADATA_GRAPH),
        Quad(activity, RDFS("label"), Literal(f"wilcokg build {version}"), METADATA_GRAPH),
    ]
    for source in chapter_sources:
        quads.append(Quad(activity, PROV("used"), source, METADATA_GRAPH))
    for file in reference_files:
        node = entity("source", slugify(file.name))
        quads += [
            Quad(activity, PROV("used"), node, METADATA_GRAPH),
            Quad(node, RDF_TYPE, PROV("Entity"), METADATA_GRAPH),
            Quad(
                node,
                DCTERMS("identifier"),
                Literal(file.name),
                METADATA_GRAPH,
            ),
            Quad(node, WILCO("sha256"), Literal(file.sha256), METADATA_GRAPH),
        ]
    return quads


@dataclass(frozen=True, slots=True)
class TripleCounts:
    """What void.ttl says of the triples: how many, of how many subjects and properties, per class and link target."""

    triples: int
    subjects: int
    properties: int
    classes: Counter[str]
    links: dict[str, Counter[str]]
    statuses: Counter[str]
    """How many nodes have each `wilco:status` value."""
    status_classes: dict[str, Counter[str]]
    """The same nodes by class."""
    reviewed: int
    """Triples of the reviewed-only dump."""


def count_triples(lines: Sequence[bytes], reviewed: int) -> TripleCounts:
    """Counts read from the sorted N-Triples lines, where each subject's triples are together."""
    type_predicate = f"<{RDF_TYPE.value}>".encode()
    status_predicate = f"<{WILCO('status').value}>".encode()
    link_predicates = {f"<{iri}>".encode(): iri for iri in LINK_PREDICATES}
    subjects = 0
    previous = b""
    properties: set[bytes] = set()
    classes: Counter[str] = Counter()
    links: dict[str, Counter[str]] = {target.name: Counter() for target in LINK_TARGETS}
    statuses: Counter[str] = Counter()
    status_classes: dict[str, Counter[str]] = {}
    subject_classes: list[str] = []
    subject_status = ""

    def count_status() -> None:
        if subject_status:
            statuses[subject_status] += 1
            status_classes.setdefault(subject_status, Counter()).update(subject_classes)

    for line in lines:
        subject, predicate, obj = split_line(line)
        if subject != previous:
            count_status()
            subjects += 1
            previous = subject
            subject_classes, subject_status = [], ""
        properties.add(predicate)
        if predicate == status_predicate:
            subject_status = obj.split(b'"')[1].decode()
        if not obj.startswith(b"<"):
            continue
        if predicate == type_predicate:
            classes[obj[1:-1].decode()] += 1
            subject_classes.append(obj[1:-1].decode())
        elif predicate in link_predicates:
            iri = obj[1:-1].decode()
            for target in LINK_TARGETS:
                if iri.startswith(target.namespace):
                    links[target.name][link_predicates[predicate]] += 1
    count_status()
    return TripleCounts(len(lines), subjects, len(properties), classes, links, statuses, status_classes, reviewed)


def _partition(owner: NamedNode, cls: str) -> NamedNode:
    return NamedNode(f"{owner.value}/class/{hashlib.sha1(cls.encode()).hexdigest()[:10]}")


def _status_subset(
    add: Callable[[NamedNode, NamedNode, NamedNode | Literal], None], status: str, nodes: int, by_class: Counter[str]
) -> None:
    """The nodes of one review status (`wilco:status`), counted, and counted by class."""
    subset = NamedNode(f"{DATASET.value}/status/{status}")
    add(DATASET, VOID("subset"), subset)
    add(subset, RDF_TYPE, VOID("Dataset"))
    add(subset, DCTERMS("title"), Literal(f"Facts with status {status}", language="en"))
    meaning = _STATUS_MEANINGS.get(status, "")
    add(subset, DCTERMS("description"), Literal(f'Nodes whose wilco:status is "{status}": {meaning}.', language="en"))
    add(subset, VOID("entities"), _integer(nodes))
    for cls, count in sorted(by_class.items()):
        partition = _partition(subset, cls)
        add(subset, VOID("classPartition"), partition)
        add(partition, VOID("class"), NamedNode(cls))
        add(partition, VOID("entities"), _integer(count))


def describe(version: str, counts: TripleCounts, inferred: int, files: dict[str, Written], coverage: Coverage) -> bytes:
    """VoID + DCAT-AP for `void.ttl`: counts, class partitions, linksets, and the catalogue of the dumps.

    Two datasets, so that each dump holds exactly the triples of the dataset it distributes: the
    asserted graph (the triple dumps) and the asserted graph with the inferred graph beside it (the
    TriG), whose subsets are the asserted graph and the inferred graph, each with its own count.
    """
    out: list[Triple] = []

    def add(subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> None:
        out.append(Triple(subject, predicate, obj))

    def dumps_of(*names: str) -> dict[str, Written]:
        return {n: w for n, w in files.items() if unpacked(n) in names}

    asserted_files = {n: w for n, w in files.items() if n not in dumps_of(WITH_ENTAILMENTS, REVIEWED)}
    datasets = (
        CatalogDataset(
            DATASET,
            "WILCO knowledge graph",
            "Cities, actors, policy fields, social innovations and keywords of the WILCO e-book chapters "
            "(EU FP7, 2010-2014), with text evidence for every link.",
            asserted_files,
        ),
        CatalogDataset(
            ENTAILED_DATASET,
            "WILCO knowledge graph with its OWL 2 RL entailments",
            "The WILCO knowledge graph in its named graphs, one per chapter and one each for the reference "
            "data, the ontology and the provenance, beside the graph of their OWL 2 RL entailments.",
            dumps_of(WITH_ENTAILMENTS),
        ),
        CatalogDataset(
            REVIEWED_DATASET,
            "WILCO knowledge graph, reviewed facts only",
            "The WILCO knowledge graph without what reading found in the text and no curator has reviewed: "
            "curated and accepted facts, the chapters and their mentions of them.",
            dumps_of(REVIEWED),
        ),
    )
    for dataset in datasets:
        add(dataset.node, RDF_TYPE, VOID("Dataset"))
        add(dataset.node, VOID("uriSpace"), Literal(BASE + "id/"))
        for name in sorted(dataset.files):
            add(dataset.node, VOID("dataDump"), NamedNode(BASE + "downloads/" + name))
    add(DATASET, VOID("triples"), _integer(counts.triples))
    add(DATASET, VOID("distinctSubjects"), _integer(counts.subjects))
    add(DATASET, VOID("properties"), _integer(counts.properties))
    add(ENTAILED_DATASET, VOID("triples"), _integer(counts.triples + inferred))
    add(ENTAILED_DATASET, VOID("subset"), DATASET)
    add(ENTAILED_DATASET, VOID("subset"), INFERRED_SUBSET)
    add(INFERRED_SUBSET, RDF_TYPE, VOID("Dataset"))
    add(INFERRED_SUBSET, DCTERMS("title"), Literal("OWL 2 RL entailments", language="en"))
    add(
        INFERRED_SUBSET,
        DCTERMS("description"),
        Literal(
            f"The named graph <{INFERRED_GRAPH.value}>: what OWL 2 RL entails from the asserted graphs and "
            "they do not state, about the knowledge graph's own IRIs only.",
            language="en",
        ),
    )
    add(INFERRED_SUBSET, VOID("triples"), _integer(inferred))
    add(DATASET, VOID("subset"), REVIEWED_DATASET)
    add(REVIEWED_DATASET, VOID("triples"), _integer(counts.reviewed))
    for status, nodes in sorted(counts.statuses.items()):
        _status_subset(add, status, nodes, counts.status_classes[status])
    for prefix in ("skos", "dcterms", "foaf", "org", "prov", "schema", "oa", "bibo", "owl", "wilco"):
        add(DATASET, VOID("vocabulary"), NamedNode(PREFIXES[prefix]))
    for cls, count in sorted(counts.classes.items()):
        partition = _partition(DATASET, cls)
        add(DATASET, VOID("classPartition"), partition)
        add(partition, VOID("class"), NamedNode(cls))
        add(partition, VOID("entities"), _integer(count))
    for target in LINK_TARGETS:
        if not counts.links[target.name]:
            continue
        linkset = NamedNode(f"{DATASET.value}/linkset/{target.name}")
        target_node = NamedNode(target.homepage)
        add(DATASET, VOID("subset"), linkset)
        add(linkset, RDF_TYPE, VOID("Linkset"))
        add(linkset, DCTERMS("title"), Literal(f"Links to {target.title}", language="en"))
        add(linkset, VOID("subjectsTarget"), DATASET)
        add(linkset, VOID("objectsTarget"), target_node)
        add(target_node, RDF_TYPE, VOID("Dataset"))
        add(target_node, DCTERMS("title"), Literal(target.title))
        add(target_node, VOID("uriSpace"), Literal(target.namespace))
        for predicate in sorted(counts.links[target.name]):
            add(linkset, VOID("linkPredicate"), NamedNode(predicate))
        add(linkset, VOID("triples"), _integer(sum(counts.links[target.name].values())))
    out += catalogue(datasets, version, coverage)
    prefixes = {**PREFIXES, **NAMESPACES}
    return serialized(sorted(set(out), key=sort_key), RdfFormat.TURTLE, prefixes)
