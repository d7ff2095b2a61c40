"""The triples of sorted quads as sorted N-Triples lines: the N-Triples dump, and what the other
triple dumps and the dataset's counts are made from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pyoxigraph import Quad, RdfFormat

from wilcokg.quad_order import graph_runs
from wilcokg.terms import serialized


@dataclass(frozen=True, slots=True)
class TripleLines:
    """The distinct triples of some quads as sorted N-Triples lines, each with a quad that states it."""

    lines: list[bytes]
    sources: list[int]


def triple_lines(quads: Sequence[Quad]) -> TripleLines:
    """The union of the triples of `quads`, which are sorted by `sort_key`.

    Each graph's quads are written as N-Quads and their graph cut off every line's end, where
    only it can match: a literal's newlines are escaped. Within a graph the lines are already
    sorted, so sorting them all merges one run per graph.
    """
    lines: list[bytes] = []
    for graph, start, end in graph_runs(quads):
        chunk = serialized(quads[start:end], RdfFormat.N_QUADS)
        if graph != "DEFAULT":
            chunk = chunk.replace(f" {graph} .\n".encode(), b" .\n")
        lines += chunk.splitlines(keepends=True)
    distinct = TripleLines([], [])
    for index in sorted(range(len(lines)), key=lines.__getitem__):
        line = lines[index]
        if not distinct.lines or distinct.lines[-1] != line:
            distinct.lines.append(line)
            distinct.sources.append(index)
    return distinct


def split_line(line: bytes) -> tuple[bytes, bytes, bytes]:
    """Subject, predicate and object of an N-Triples line (subjects and predicates hold no space)."""
    subject_end = line.index(b" ")
    predicate_end = line.index(b" ", subject_end + 1)
    return line[:subject_end], line[subject_end + 1 : predicate_end], line[predicate_end + 1 : -3]
