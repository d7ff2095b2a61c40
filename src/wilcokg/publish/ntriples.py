"""N-Triples lines: what the triple dumps, their pieces and the dataset's counts are made from."""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import Quad, RdfFormat

from wilcokg.terms import serialized


def graph_lines(quads: Sequence[Quad]) -> list[bytes]:
    """The triples of one graph's quads, sorted by `sort_key`, as sorted N-Triples lines.

    The quads are written as N-Quads and their graph cut off every line's end, where only it can
    match: a literal's newlines are escaped. The lines keep the quads' order, which is theirs sorted.
    """
    if not quads:
        return []
    written = serialized(quads, RdfFormat.N_QUADS)
    graph = str(quads[0].graph_name)
    if graph != "DEFAULT":
        written = written.replace(f" {graph} .\n".encode(), b" .\n")
    return written.splitlines(keepends=True)


def split_line(line: bytes) -> tuple[bytes, bytes, bytes]:
    """Subject, predicate and object of an N-Triples line (subjects and predicates hold no space)."""
    subject_end = line.index(b" ")
    predicate_end = line.index(b" ", subject_end + 1)
    return line[:subject_end], line[subject_end + 1 : predicate_end], line[predicate_end + 1 : -3]
