"""The one order of quads every stage keeps: by graph, subject, predicate and object in N-Triples form.

Mapping sorts each chapter's quads in it and inference what it entails; the build and curation merge
those sorted runs (`concatenate_graphs`) rather than sort a million quads again, and publishing
writes the dumps in it, which is what makes them byte-identical from the same inputs. A neutral
module, so that no stage imports the last one for it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence

from pyoxigraph import NamedNode, Quad, Triple


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


def graph_quads(quads: Sequence[Quad], graph: NamedNode) -> Sequence[Quad]:
    """The run of one graph in quads sorted by `sort_key`: a slice, found by bisection, not a scan."""
    key = f"<{graph.value}>"
    start = bisect_left(quads, key, key=_graph_key)
    return quads[start : bisect_right(quads, key, lo=start, key=_graph_key)]


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
