"""The dumps a named graph at a time: each graph's TriG block and its subjects' pieces of the triple dumps.

A chapter's graph is most of the dataset and depends on the chapter alone, so what the dumps write of
it is kept in the build cache under the chapter's key: after one chapter changed, a rebuild writes
the other chapters' parts of every dump from the cache and makes only the changed chapter's, the
shared graphs' and the inferred graph's.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pyoxigraph import Quad

from wilcokg.build_cache import BuildCache, computed
from wilcokg.publish.documents import trig_block
from wilcokg.publish.jsonld import Compactor
from wilcokg.publish.ntriples import graph_lines
from wilcokg.publish.subject_pieces import SubjectPieces, merged, subject_pieces
from wilcokg.quad_order import GraphRun, Graphs, concatenate_graphs, graph_runs_of
from wilcokg.vocab import INFERRED_GRAPH

_INFERRED = str(INFERRED_GRAPH)


@dataclass(frozen=True, slots=True)
class GraphSegment:
    """What the dumps write of one asserted graph."""

    trig: bytes
    pieces: SubjectPieces


@dataclass(frozen=True, slots=True)
class AssertedParts:
    """The parts of the dumps that the asserted graphs make: the triple dumps' subject pieces, and the
    TriG blocks of every graph but the inferred one, which waits for inference (`trig`)."""

    blocks: dict[str, bytes]
    """TriG blocks by graph (N-Triples form)."""
    stated_inferred: Sequence[Quad]
    """The quads asserted in the inferred graph, if any."""
    subjects: SubjectPieces

    def trig(self, inferred: Sequence[Quad]) -> list[bytes]:
        """The TriG blocks in the order the TriG document has them (by graph name, as
        `concatenate_graphs` lays the graphs), the inferred graph's with the `inferred` quads."""
        blocks = dict(self.blocks)
        if inferred or self.stated_inferred:
            blocks[_INFERRED] = trig_block(concatenate_graphs([self.stated_inferred, inferred]))
        return [blocks[graph] for graph in sorted(blocks)]


def _segment(run: GraphRun, compact: Compactor) -> GraphSegment:
    return GraphSegment(trig_block(run.quads), subject_pieces(graph_lines(run.quads), compact))


def asserted_parts(
    asserted: Sequence[Quad] | Graphs, keys: Mapping[str, str] | None = None, cache: BuildCache | None = None
) -> AssertedParts:
    """The parts of the dumps of `asserted` quads, sorted by `sort_key`.

    `keys`: for a graph (N-Triples form) whose quads depend only on the inputs a cache key names, that
    key (a `Graphs` carries its own); its segment is taken from `cache` or made and kept there.
    """
    compact = Compactor()
    blocks: dict[str, bytes] = {}
    pieces: list[SubjectPieces] = []
    stated_inferred: Sequence[Quad] = ()
    for run in graph_runs_of(asserted, keys):
        if run.name == _INFERRED:
            # Its TriG block waits for inference; in the triple dumps it is a graph like the others.
            stated_inferred = run.quads
            pieces.append(subject_pieces(graph_lines(run.quads), compact))
            continue
        segment = computed(cache, "segment", run.key, functools.partial(_segment, run, compact))
        blocks[run.name] = segment.trig
        pieces.append(segment.pieces)
    return AssertedParts(blocks, stated_inferred, merged(pieces))
