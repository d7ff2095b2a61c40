"""Describe the dataset: its provenance (inside the dumps) and VoID + DCAT (`void.ttl`, beside them)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple

from wilcokg.describe.catalog import NAMESPACES, CatalogDataset, Coverage, catalogue
from wilcokg.describe.tally import LINK_TARGETS, Tally
from wilcokg.dist_layout import REVIEWED, WITH_ENTAILMENTS, Written, unpacked
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
    """What void.ttl says of the triples: the asserted triples' tally, and the triples of the reviewed-only dump."""

    tally: Tally
    reviewed: int


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
    add(DATASET, VOID("triples"), _integer(counts.tally.triples))
    add(DATASET, VOID("distinctSubjects"), _integer(counts.tally.subjects))
    add(DATASET, VOID("properties"), _integer(len(counts.tally.properties)))
    add(ENTAILED_DATASET, VOID("triples"), _integer(counts.tally.triples + inferred))
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
    for status, nodes in sorted(counts.tally.statuses.items()):
        _status_subset(add, status, nodes, counts.tally.status_classes[status])
    for prefix in ("skos", "dcterms", "foaf", "org", "prov", "schema", "oa", "bibo", "owl", "wilco"):
        add(DATASET, VOID("vocabulary"), NamedNode(PREFIXES[prefix]))
    for cls, count in sorted(counts.tally.classes.items()):
        partition = _partition(DATASET, cls)
        add(DATASET, VOID("classPartition"), partition)
        add(partition, VOID("class"), NamedNode(cls))
        add(partition, VOID("entities"), _integer(count))
    for target in LINK_TARGETS:
        if not counts.tally.links[target.name]:
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
        for predicate in sorted(counts.tally.links[target.name]):
            add(linkset, VOID("linkPredicate"), NamedNode(predicate))
        add(linkset, VOID("triples"), _integer(sum(counts.tally.links[target.name].values())))
    out += catalogue(datasets, version, coverage)
    prefixes = {**PREFIXES, **NAMESPACES}
    return serialized(sorted(set(out), key=sort_key), RdfFormat.TURTLE, prefixes)
