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
can keep them by the shard's content (`validate_dataset(cache=…)`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, Quad, RdfFormat, Triple

from wilcokg.build_cache import BuildCache, digest
from wilcokg.errors import InputError
from wilcokg.processes import available_cores, pool_context
from wilcokg.terms import serialized, value
from wilcokg.validate.report import CHAPTER_NODE, Violation
from wilcokg.validate.shacl import cycle_collection_paused, engine_graph, run_serialized, run_shacl
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

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.triples: dict[str, set[Triple]] = defaultdict(set)
        self.types: dict[Any, list[Triple]] = defaultdict(list)
        self.hierarchy: list[Triple] = []
        self.has_blank_nodes = False
        # Quads sorted by graph come a subject at a time: the owner is looked up once per run of one.
        subject: object = None
        owned: set[Triple] = set()
        for quad in quads:
            triple = quad.triple
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

    def _own_and_context(self, owners: Sequence[str]) -> tuple[set[Triple], set[Triple]]:
        own = set().union(*(self.triples[name] for name in owners))
        return own, {t for o in {t.object for t in own} for t in self.types.get(o, ())}

    def shard(self, owners: Sequence[str]) -> tuple[list[Triple], frozenset[str]]:
        own, context = self._own_and_context(owners)
        subjects = frozenset(value(t.subject) for t in own)
        return [*own, *context.difference(own), *set(self.hierarchy).difference(own)], subjects

    def key_lines(self, owner: str) -> bytes:
        """The sorted N-Triples of one owner's shard less the class hierarchy, which every shard shares."""
        own, context = self._own_and_context([owner])
        return b"".join(sorted(serialized(own | context, RdfFormat.N_TRIPLES).splitlines(keepends=True)))

    def hierarchy_lines(self) -> bytes:
        return b"".join(sorted(serialized(self.hierarchy, RdfFormat.N_TRIPLES).splitlines(keepends=True)))


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


def cached_run(
    partition: Partition, shapes_path: Path, count: int, processes: int, cache: BuildCache
) -> list[Violation]:
    """Each owner's results from the cache when its shard is unchanged; the other owners validated.

    An owner's results depend on its shard alone (see the module's header), so its shard's
    N-Triples, sorted, the engine and the shapes are the whole key. What all shards share (the
    shapes, the engine's version, the class hierarchy) is hashed once, not once per owner.
    """
    shared = digest(shapes_path.read_bytes(), version("pyshacl-turbo"), partition.hierarchy_lines())
    keys = {name: digest(shared, partition.key_lines(name)) for name in partition.triples}
    results: dict[str, list[Violation]] = {}
    for name, key in keys.items():
        if (cached := cache.get("shacl", key)) is not None:
            results[name] = cached
    missing = [name for name in keys if name not in results]
    if missing:
        fresh: dict[str, list[Violation]] = {name: [] for name in missing}
        plan = [partition.shard(group) for group in partition.groups(count, missing)]
        for violation in run_shards(plan, str(shapes_path.resolve()), processes):
            fresh.setdefault(unit(violation.focus), []).append(violation)
        for name, violations in fresh.items():
            cache.put("shacl", keys[name], violations)
        results.update(fresh)
    return [violation for name in sorted(results) for violation in results[name]]
