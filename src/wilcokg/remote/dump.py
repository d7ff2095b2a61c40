"""The named graphs of ``dist/wilco.trig``, cut into N-Triples batches for sending to a store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Triple, parse

from wilcokg.terms import serialized
from wilcokg.wording import counted


class DumpError(Exception):
    """The dump cannot be published as it is."""


@dataclass(frozen=True, slots=True)
class GraphDump:
    iri: str
    triples: tuple[Triple, ...]

    def __len__(self) -> int:
        return len(self.triples)

    def batches(self, size: int) -> Iterator[bytes]:
        """The graph as N-Triples documents of about ``size`` triples each (at least one document).

        Each document is parsed on its own, so a blank node mentioned in two documents would become two
        blank nodes: triples that share blank nodes travel together, even if that overfills a batch.
        """
        batch: list[Triple] = []
        for group in _blank_node_groups(self.triples):
            if batch and len(batch) + len(group) > size:
                yield _ntriples(batch)
                batch = []
            batch.extend(group)
        if batch or not self.triples:
            yield _ntriples(batch)


def read_graphs(trig: Path) -> list[GraphDump]:
    """Every named graph of the TriG file, sorted by IRI."""
    if not trig.is_file():
        raise DumpError(f"{trig} does not exist; run 'wilcokg build' first")
    graphs: dict[str, list[Triple]] = defaultdict(list)
    outside = 0
    try:
        for quad in parse(path=trig, format=RdfFormat.TRIG):
            if isinstance(quad.graph_name, NamedNode):
                graphs[quad.graph_name.value].append(quad.triple)
            else:
                outside += 1
    except (SyntaxError, OSError) as error:
        raise DumpError(f"{trig}: {error}") from error
    if outside:
        raise DumpError(
            f"{trig} has {counted(outside, 'triple')} outside named graphs; only named graphs are published"
        )
    return [GraphDump(iri, tuple(graphs[iri])) for iri in sorted(graphs)]


def _ntriples(triples: list[Triple]) -> bytes:
    return serialized(triples, RdfFormat.N_TRIPLES)


def _blank_node_groups(triples: tuple[Triple, ...]) -> list[list[Triple]]:
    """The triples in their original order, those linked through shared blank nodes gathered together."""
    parent: dict[BlankNode, BlankNode] = {}

    def root(node: BlankNode) -> BlankNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for triple in triples:
        nodes = [term for term in (triple.subject, triple.object) if isinstance(term, BlankNode)]
        for other in nodes[1:]:
            parent[root(other)] = root(nodes[0])
    groups: dict[BlankNode | int, list[Triple]] = {}
    for position, triple in enumerate(triples):
        blank = next((term for term in (triple.subject, triple.object) if isinstance(term, BlankNode)), None)
        groups.setdefault(position if blank is None else root(blank), []).append(triple)
    return list(groups.values())
