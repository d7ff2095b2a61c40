"""Sharding: the graph cut into pieces that validate apart, in parallel, with the same results as the whole.

Every subject has one owner (`unit`): the chapter whose IRI it lies under (`id/chapter/{id}/…`), or
for the shared part (reference data, ontology, dataset description) its namespace. A shard holds the
subjects of some owners with all their triples, whichever named graph holds them, plus the
`rdf:type` of every node those triples point at and the class hierarchy. The shapes read only a
focus node's own triples, the types of the nodes it points at, the class hierarchy and nodes of its
own chapter (see the header of the shapes file), so a focus node sees in its shard what it sees in
the whole graph, and the shards' results together are the whole-graph results. A shard also types
some nodes it does not own; the engine validates those as well, and their results are dropped (the
owner's shard reports them). Because an owner's results depend on its shard alone, a build cache
can keep them by the shard's content (`validate_dataset(cache=…)`): the owner's triples graph by
graph and the types of the nodes they point at, read from each graph's summary (`GraphSummary`),
which the cache keeps for a chapter's graph too.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Triple

from wilcokg.build_cache import BuildCache, computed, digest
from wilcokg.collector import cycle_collection_paused
from wilcokg.errors import InputError
from wilcokg.processes import available_cores, pool_context
from wilcokg.quad_order import GraphRun
from wilcokg.terms import serialized, value
from wilcokg.validate.report import CHAPTER_NODE, Violation
from wilcokg.validate.shacl import engine_graph, run_serialized, run_shacl
from wilcokg.vocab import RDF_TYPE, RDFS

# Measured on two cores: a second process saves nothing at 8 k triples (starting it costs what it
# saves), a quarter to a third from 65 k to 270 k, and between nothing and a sixth at 1 M.
TRIPLES_PER_PROCESS = 50_000
_SUBCLASS_OF = RDFS("subClassOf")


def unit(iri: str) -> str:
    """The piece of the graph a subject is validated and cached with: its chapter's id, or for a
    shared subject its namespace (`…/id/org/`, `…/ontology#`).

    Shared subjects need only their own triples and their objects' types (see the header), so any
    split of them is sound; split by namespace, a change to the dataset's description (every build)
    leaves the organisations', places' and people's results cached.
    """
    found = CHAPTER_NODE.match(iri)
    if found:
        return found[1]
    return iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]


class Partition:
    """The triples of each owner, and what every shard needs besides: types and the class hierarchy."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.triples: dict[str, set[Triple]] = defaultdict(set)
        self.types: dict[Any, list[Triple]] = defaultdict(list)
        self.hierarchy: list[Triple] = []
        self.has_blank_nodes = False
        # Quads sorted by graph come a subject at a time: the owner is looked up once per run of one.
        subject: object = None
        owned: set[Triple] = set()
        for triple in triples:
            if triple.subject != subject:
                subject = triple.subject
                owned = self.triples[unit(value(triple.subject))]
                if isinstance(subject, BlankNode):
                    self.has_blank_nodes = True
            owned.add(triple)
            predicate = triple.predicate
            if predicate == RDF_TYPE:
                self.types[subject].append(triple)
            elif predicate == _SUBCLASS_OF:
                self.hierarchy.append(triple)
            if isinstance(triple.object, BlankNode):
                self.has_blank_nodes = True

    def groups(self, count: int, owners: Iterable[str] | None = None) -> list[list[str]]:
        """Owners (all by default) dealt into `count` groups of about equal size, largest first (deterministic)."""
        names = list(self.triples if owners is None else owners)
        groups: list[list[str]] = [[] for _ in range(max(1, min(count, len(names))))]
        loads = [0] * len(groups)
        for name in sorted(names, key=lambda n: (-len(self.triples[n]), n)):
            lightest = loads.index(min(loads))
            groups[lightest].append(name)
            loads[lightest] += len(self.triples[name])
        return groups

    def shard(self, owners: Sequence[str]) -> tuple[list[Triple], frozenset[str]]:
        own = set().union(*(self.triples[name] for name in owners))
        context = {t for o in {t.object for t in own} for t in self.types.get(o, ())}
        subjects = frozenset(value(t.subject) for t in own)
        return [*own, *context.difference(own), *set(self.hierarchy).difference(own)], subjects


def processes_for(triples: int) -> int:
    return max(1, min(available_cores(), triples // TRIPLES_PER_PROCESS))


def run_shards(
    shards: Sequence[tuple[list[Triple], frozenset[str] | None]], shapes_path: str, processes: int
) -> list[Violation]:
    if processes <= 1 or len(shards) == 1:
        with cycle_collection_paused():
            return [v for triples, owned in shards for v in run_shacl(engine_graph(triples), shapes_path, owned)]
    with ProcessPoolExecutor(max_workers=min(processes, len(shards)), mp_context=pool_context()) as pool:
        futures = [
            pool.submit(run_serialized, shapes_path, serialized(triples, RdfFormat.N_TRIPLES), owned)
            for triples, owned in shards
        ]
        outcomes = [future.result() for future in futures]
    violations: list[Violation] = []
    for outcome in outcomes:
        if isinstance(outcome, tuple):
            raise InputError(*outcome)
        violations.extend(outcome)
    return violations


@dataclass(frozen=True, slots=True)
class GraphSummary:
    """What cached validation needs to know of one named graph, read in one pass over its quads.

    A chapter's summary depends on its graph alone, so the build cache keeps it under the chapter's
    key: a rebuild reads the summaries of the unchanged chapters, not their quads.
    """

    owners: dict[str, str]
    """Each owner with subjects here, and a digest of their triples here (N-Triples, in the quads' order)."""
    references: dict[str, frozenset[str]]
    """The IRIs that each owner's triples here point at and that another owner holds: the nodes
    whose types its shard needs (the types of its own nodes are among its own triples)."""
    types: dict[str, tuple[str, ...]]
    """The classes of each subject typed here."""
    hierarchy: frozenset[tuple[str, str]]
    """`rdfs:subClassOf` pairs stated here."""
    blank_nodes: bool


def summarise(quads: Iterable[Quad]) -> GraphSummary:
    owned: dict[str, list[Triple]] = defaultdict(list)
    references: dict[str, set[str]] = defaultdict(set)
    types: dict[str, list[str]] = defaultdict(list)
    hierarchy: set[tuple[str, str]] = set()
    blank_nodes = False
    owner_of: dict[str, str] = {}
    subject: object = None
    owner, iri = "", ""
    triples: list[Triple] = []
    pointed: set[str] = set()
    for quad in quads:
        triple = quad.triple
        if triple.subject != subject:
            subject = triple.subject
            blank_nodes = blank_nodes or isinstance(subject, BlankNode)
            iri = value(triple.subject)
            owner = unit(iri)
            triples, pointed = owned[owner], references[owner]
        triples.append(triple)
        target = triple.object
        if isinstance(target, NamedNode):
            target_iri = target.value
            if (target_owner := owner_of.get(target_iri)) is None:
                target_owner = owner_of[target_iri] = unit(target_iri)
            if target_owner != owner:
                pointed.add(target_iri)
            if triple.predicate == RDF_TYPE:
                types[iri].append(target_iri)
            elif triple.predicate == _SUBCLASS_OF:
                hierarchy.add((iri, target_iri))
        elif isinstance(target, BlankNode):
            blank_nodes = True
    return GraphSummary(
        {name: hashlib.sha256(serialized(own, RdfFormat.N_TRIPLES)).hexdigest() for name, own in owned.items()},
        {name: frozenset(pointed) for name, pointed in references.items() if pointed},
        {node: tuple(classes) for node, classes in types.items()},
        frozenset(hierarchy),
        blank_nodes,
    )


class Summaries:
    """Every graph's summary, joined: each owner's digests in graph order, and every node's types."""

    def __init__(self, summaries: Iterable[GraphSummary]) -> None:
        self.owners: dict[str, list[str]] = defaultdict(list)
        self.references: dict[str, set[str]] = defaultdict(set)
        self.types: dict[str, tuple[str, ...]] = {}
        self.hierarchy: set[tuple[str, str]] = set()
        for summary in summaries:
            for name, own in summary.owners.items():
                self.owners[name].append(own)
            for name, pointed in summary.references.items():
                self.references[name].update(pointed)
            # Most nodes are typed in one graph: their types are taken whole, and only the others joined.
            typed_before = {node: self.types[node] for node in summary.types.keys() & self.types.keys()}
            self.types.update(summary.types)
            for node, classes in typed_before.items():
                self.types[node] = tuple(sorted({*classes, *summary.types[node]}))
            self.hierarchy |= summary.hierarchy

    def context(self, owner: str) -> list[Triple]:
        """The types of the nodes of other owners that the owner's triples point at."""
        return [
            Triple(NamedNode(node), RDF_TYPE, NamedNode(cls))
            for node in sorted(self.references.get(owner, ()))
            for cls in sorted(self.types.get(node, ()))
        ]

    def hierarchy_triples(self) -> list[Triple]:
        return [Triple(NamedNode(sub), _SUBCLASS_OF, NamedNode(sup)) for sub, sup in sorted(self.hierarchy)]

    def key(self, shared: str, owner: str) -> str:
        """The key of the owner's results: its triples, graph by graph, and the types of what they point at."""
        context = "".join(f"{t.subject} {t.object}\n" for t in self.context(owner))
        return digest(shared, *self.owners[owner], context)


def _summary_of(run: GraphRun) -> GraphSummary:
    return summarise(run.quads)


def graph_summaries(runs: Iterable[GraphRun], cache: BuildCache) -> list[GraphSummary]:
    """Each graph's summary: a run its chapter's key names, from the cache."""
    return [computed(cache, "shacl-graph", run.key, functools.partial(_summary_of, run)) for run in runs]


def _triples_of(quads: Iterable[Quad], owners: set[str]) -> Iterator[Triple]:
    subject: object = None
    wanted = False
    for quad in quads:
        triple = quad.triple
        if triple.subject != subject:
            subject = triple.subject
            wanted = unit(value(triple.subject)) in owners
        if wanted:
            yield triple


def cached_run(
    graphs: Sequence[GraphRun],
    graph_summaries: Sequence[GraphSummary],
    shapes_path: Path,
    shards: int | None,
    processes: int | None,
    cache: BuildCache,
) -> list[Violation]:
    """Each owner's results from the cache when its shard is unchanged; the other owners validated.

    An owner's results depend on its shard alone (see the module's header): its triples, the types
    of the nodes they point at, the class hierarchy, the shapes and the engine make the key. What all
    shards share is hashed once, not once per owner. Only the graphs that hold an owner to validate
    are read again, and worker processes (by default) are as many as those owners' triples pay for.
    """
    summaries = Summaries(graph_summaries)
    hierarchy = summaries.hierarchy_triples()
    shared = digest(shapes_path.read_bytes(), version("pyshacl-turbo"), serialized(hierarchy, RdfFormat.N_TRIPLES))
    keys = {name: summaries.key(shared, name) for name in summaries.owners}
    results: dict[str, list[Violation]] = {}
    for name, key in keys.items():
        if (cached := cache.get("shacl", key)) is not None:
            results[name] = cached
    missing = {name for name in keys if name not in results}
    if missing:
        own = (
            triple
            for run, summary in zip(graphs, graph_summaries, strict=True)
            if not missing.isdisjoint(summary.owners)
            for triple in _triples_of(run.quads, missing)
        )
        context = (triple for name in sorted(missing) for triple in summaries.context(name))
        partition = Partition([*own, *context, *hierarchy])
        fresh: dict[str, list[Violation]] = {name: [] for name in missing}
        if processes is None:
            processes = processes_for(sum(len(partition.triples[name]) for name in missing))
        plan = [partition.shard(group) for group in partition.groups(shards or processes, sorted(missing))]
        for violation in run_shards(plan, str(shapes_path.resolve()), processes):
            fresh.setdefault(unit(violation.focus), []).append(violation)
        for name, violations in fresh.items():
            cache.put("shacl", keys[name], violations)
        results.update(fresh)
    return [violation for name in sorted(results) for violation in results[name]]
