"""The one order of quads every stage keeps: by graph, subject, predicate and object in N-Triples form.

Mapping sorts each chapter's quads in it and inference what it entails; the build and curation merge
those sorted runs (`concatenate_graphs`) rather than sort a million quads again, and publishing
writes the dumps in it, which is what makes them byte-identical from the same inputs. A neutral
module, so that no stage imports the last one for it.
"""

from __future__ import annotations

import threading
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, RdfFormat, Triple, parse

from wilcokg.terms import serialized

GraphName = NamedNode | BlankNode | DefaultGraph


def sort_key(term_holder: Quad | Triple) -> str:
    """Graph (of a quad), subject, predicate and object in N-Triples form, joined by spaces.

    One string orders as the tuple of the four would: no term's form is the start of another's
    unless the longer one goes on with a character above the space (a literal's `@` or `^^`, a
    blank node's name), and one string compares much faster than a tuple of four.
    """
    if isinstance(term_holder, Quad):
        return f"{term_holder.graph_name} {term_holder.subject} {term_holder.predicate} {term_holder.object}"
    return f"{term_holder.subject} {term_holder.predicate} {term_holder.object}"


def _graph_key(quad: Quad) -> str:
    return str(quad.graph_name)


def graph_runs(quads: Sequence[Quad]) -> Iterator[tuple[str, int, int]]:
    """Each graph of quads sorted by `sort_key` (in N-Triples form) with the bounds of its run."""
    start = 0
    while start < len(quads):
        graph = _graph_key(quads[start])
        end = bisect_right(quads, graph, lo=start, key=_graph_key)
        yield graph, start, end
        start = end


def holds(run: Sequence[Quad], quad: Quad) -> bool:
    """Whether quads sorted by `sort_key` (a graph's run) have `quad`: by bisection, not a scan."""
    at = bisect_left(run, sort_key(quad), key=sort_key)
    return at < len(run) and run[at] == quad


def concatenate_graphs(runs: Iterable[Sequence[Quad]]) -> tuple[Quad, ...]:
    """The distinct quads of runs that are each sorted by `sort_key`, sorted.

    Graphs sort as their quads do, so the runs' graphs are laid end to end in graph order; only a
    graph that two runs share is merged and sorted again. A chapter's graph is its own, so a build
    sorts each chapter once, when it maps it, and never the million quads together.
    """
    pieces: dict[str, list[Sequence[Quad]]] = {}
    for run in runs:
        for graph, start, end in graph_runs(run):
            pieces.setdefault(graph, []).append(run[start:end])
    merged: list[Quad] = []
    for graph in sorted(pieces):
        parts = pieces[graph]
        merged += parts[0] if len(parts) == 1 else sorted({quad for part in parts for quad in part}, key=sort_key)
    return tuple(merged)


class GraphRun:
    """One named graph's quads, sorted by `sort_key`, and a build-cache key that names them: the key
    of the chapter that made them as they are, or a digest of the quads ("" when no key names them).

    A graph read back from the build cache keeps its quads packed (`packed`) and parses them only
    when a stage first asks for them: a rebuild's stages take an unchanged chapter's results from
    the cache, so most graphs are never parsed. Stages may ask from several threads.
    """

    __slots__ = ("_packed", "_quads", "_size", "graph", "key", "name")
    _parsing = threading.Lock()

    def __init__(self, graph: GraphName, quads: Sequence[Quad], key: str = "") -> None:
        self.graph = graph
        self.name = str(graph)
        """The graph in N-Triples form, as the cache keys name graphs."""
        self.key = key
        self._size = len(quads)
        self._quads: tuple[Quad, ...] | None = tuple(quads)
        self._packed = b""

    @classmethod
    def stored(cls, graph: GraphName, packed: bytes, size: int, key: str = "") -> GraphRun:
        """The run of `size` quads that `packed` returned, parsed when first asked for."""
        run = cls(graph, (), key)
        run._size, run._quads, run._packed = size, None, packed
        return run

    def keyed(self, key: str) -> GraphRun:
        """This run under the cache key `key`, parsed or not as this one is."""
        if self._quads is None:
            return GraphRun.stored(self.graph, self._packed, self._size, key)
        return GraphRun(self.graph, self._quads, key)

    @property
    def quads(self) -> tuple[Quad, ...]:
        if self._quads is None:
            with GraphRun._parsing:
                if self._quads is None:
                    nquads = zlib.decompress(self._packed)
                    # Written by `packed` from valid terms: the lenient parser skips checks that cannot fail.
                    self._quads = tuple(parse(nquads, format=RdfFormat.N_QUADS, lenient=True))
                    self._packed = b""
        return self._quads

    def packed(self) -> bytes:
        """The quads as the build cache keeps them: N-Quads, compressed (about 19 times smaller, and
        a rebuild reads them back for every unchanged chapter)."""
        # Read in the order opposite to the parse's writes: if another thread parses meanwhile, the
        # packed bytes read are still the quads'.
        packed, quads = self._packed, self._quads
        if quads is None:
            return packed
        return zlib.compress(serialized(quads, RdfFormat.N_QUADS), level=1)

    def __len__(self) -> int:
        return self._size


@dataclass(frozen=True, slots=True)
class Graphs:
    """A dataset's quads sorted by `sort_key`, as the runs of its named graphs in name order."""

    runs: tuple[GraphRun, ...]

    def quads(self) -> tuple[Quad, ...]:
        """Every quad, in order: this parses every graph not parsed yet."""
        return tuple(quad for run in self.runs for quad in run.quads)

    def run(self, graph: NamedNode) -> Sequence[Quad]:
        """The quads of `graph`; none if the dataset has no such graph."""
        name = str(graph)
        return next((run.quads for run in self.runs if run.name == name), ())


def graph_runs_of(quads: Sequence[Quad] | Graphs, keys: Mapping[str, str] | None = None) -> tuple[GraphRun, ...]:
    """The runs of `quads`' graphs: a `Graphs`' own, or those of a sequence of quads, keyed by `keys`
    (graphs in N-Triples form) and grouped by graph in the order they first come."""
    if isinstance(quads, Graphs):
        return quads.runs
    grouped: dict[str, list[Quad]] = {}
    for quad in quads:
        grouped.setdefault(str(quad.graph_name), []).append(quad)
    keys = keys or {}
    return tuple(GraphRun(run[0].graph_name, run, keys.get(graph, "")) for graph, run in grouped.items())
