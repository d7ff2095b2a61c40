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
class DumpParts:
    """Every dump's parts in order: TriG blocks graph by graph, the triple dumps' subject by subject."""

    trig: list[bytes]
    subjects: SubjectPieces


def _segment(run: GraphRun, compact: Compactor) -> GraphSegment:
    return GraphSegment(trig_block(run.quads), subject_pieces(graph_lines(run.quads), compact))


def dump_parts(
    asserted: Sequence[Quad] | Graphs,
    inferred: Sequence[Quad],
    keys: Mapping[str, str] | None = None,
    cache: BuildCache | None = None,
) -> DumpParts:
    """The parts of the dumps of `asserted` and `inferred` quads, both sorted by `sort_key`.

    `keys`: for a graph (N-Triples form) whose quads depend only on the inputs a cache key names, that
    key (a `Graphs` carries its own); its segment is taken from `cache` or made and kept there. The
    inferred graph is in TriG only.
    """
    compact = Compactor()
    runs = {run.name: run for run in graph_runs_of(asserted, keys)}
    trig: list[bytes] = []
    pieces: list[SubjectPieces] = []
    # Graphs in the order the TriG document has them: sorted by name, as `concatenate_graphs` lays them.
    for graph in sorted({*runs, _INFERRED} if inferred else runs):
        if graph == _INFERRED:
            stated = runs[graph].quads if graph in runs else ()
            trig.append(trig_block(concatenate_graphs([stated, inferred])))
            if stated:
                pieces.append(subject_pieces(graph_lines(stated), compact))
            continue
        segment = computed(cache, "segment", runs[graph].key, functools.partial(_segment, runs[graph], compact))
        trig.append(segment.trig)
        pieces.append(segment.pieces)
    return DumpParts(trig, merged(pieces))
