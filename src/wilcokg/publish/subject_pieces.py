"""The triple dumps a subject at a time, so that a rebuild writes again only the subjects that changed.

The N-Triples, Turtle and JSON-LD dumps hold the distinct triples of every asserted graph, sorted,
and each writes a subject's triples together: as lines, as one Turtle block, as one JSON-LD node. A
dump is therefore its header and its subjects' pieces in subject order. The pieces of a subject that
one graph alone describes depend on that graph alone: a chapter's are made once and kept in the
build cache with it, and `merged` joins every graph's pieces, making new ones only for the subjects
that several graphs describe.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from pyoxigraph import RdfFormat, parse

from wilcokg.describe.tally import EMPTY, Tally
from wilcokg.publish.documents import without_header
from wilcokg.publish.jsonld import Compactor, jsonld_node
from wilcokg.terms import serialized, subject_of
from wilcokg.vocab import PREFIXES

_BLOCK_START = re.compile(rb"^(?!\t)", re.MULTILINE)
"""Where a subject's Turtle block starts: every other line of it goes on with a tab (literals escape their newlines)."""


@dataclass(frozen=True, slots=True)
class SubjectPieces:
    """Subjects in order (N-Triples form), and what each dump writes of each of them."""

    subjects: tuple[bytes, ...]
    ntriples: tuple[bytes, ...]
    """The subject's sorted, distinct N-Triples lines."""
    turtle: tuple[bytes, ...]
    """Its Turtle block, prefixes as in `PREFIXES`, without the document's prefix lines."""
    jsonld: tuple[bytes, ...]
    """Its JSON-LD node."""
    tally: Tally
    """What void.ttl counts of these subjects' triples."""


def _turtle_blocks(lines: Sequence[bytes]) -> list[bytes]:
    turtle = without_header(serialized(parse(b"".join(lines), format=RdfFormat.N_TRIPLES), RdfFormat.TURTLE, PREFIXES))
    starts = [match.start() for match in _BLOCK_START.finditer(turtle) if match.start() < len(turtle)]
    return [turtle[start:end] for start, end in zip(starts, [*starts[1:], len(turtle)], strict=True)]


def subject_pieces(lines: Sequence[bytes], compact: Compactor | None = None) -> SubjectPieces:
    """The pieces of sorted, distinct N-Triples `lines`."""
    subjects: list[bytes] = []
    groups: list[list[bytes]] = []
    for line in lines:
        subject = subject_of(line)
        if not subjects or subjects[-1] != subject:
            subjects.append(subject)
            groups.append([])
        groups[-1].append(line)
    turtle = _turtle_blocks(lines) if lines else []
    if len(turtle) != len(subjects):
        raise AssertionError(f"{len(turtle)} Turtle blocks for {len(subjects)} subjects")
    compact = compact or Compactor()
    return SubjectPieces(
        tuple(subjects),
        tuple(map(b"".join, groups)),
        tuple(turtle),
        tuple(jsonld_node(subject, group, compact) for subject, group in zip(subjects, groups, strict=True)),
        Tally.of(lines),
    )


def merged(sources: Sequence[SubjectPieces]) -> SubjectPieces:
    """The pieces of the union of the sources' triples, in subject order.

    A subject one source describes keeps that source's pieces; the lines of a subject several
    describe are merged, and its pieces made anew. The sources are merged a stretch at a time: each
    source's subjects are sorted, and most of a chapter's lie together (its mentions' IRIs share the
    chapter's), so a stretch of one source up to the next source's first subject is found by
    bisection and taken whole.
    """
    heads = [(source.subjects[0], number, 0) for number, source in enumerate(sources) if source.subjects]
    heapq.heapify(heads)
    layout: list[tuple[int, int, int] | bytes] = []
    """Stretches (source number, start, end) and shared subjects, in subject order."""
    shared: dict[bytes, list[tuple[int, int]]] = {}
    while heads:
        subject, number, start = heapq.heappop(heads)
        subjects = sources[number].subjects
        if heads and heads[0][0] == subject:
            places = [(number, start)]
            while heads and heads[0][0] == subject:
                _, other, at = heapq.heappop(heads)
                places.append((other, at))
            shared[subject] = places
            layout.append(subject)
            for other, at in places:
                if at + 1 < len(sources[other].subjects):
                    heapq.heappush(heads, (sources[other].subjects[at + 1], other, at + 1))
            continue
        end = bisect_left(subjects, heads[0][0], lo=start + 1) if heads else len(subjects)
        layout.append((number, start, end))
        if end < len(subjects):
            heapq.heappush(heads, (subjects[end], number, end))
    lines = sorted(
        {line for places in shared.values() for number, at in places for line in _lines(sources[number].ntriples[at])}
    )
    remade = subject_pieces(lines)
    remade_at = dict(zip(remade.subjects, range(len(remade.subjects)), strict=True))
    columns: tuple[list[bytes], list[bytes], list[bytes], list[bytes]] = ([], [], [], [])
    for part in layout:
        if isinstance(part, bytes):
            source, start, end = remade, remade_at[part], remade_at[part] + 1
        else:
            number, start, end = part
            source = sources[number]
        for column, values in zip(
            columns, (source.subjects, source.ntriples, source.turtle, source.jsonld), strict=True
        ):
            column += values[start:end]
    replaced: dict[int, list[int]] = {}
    for places in shared.values():
        for number, at in places:
            replaced.setdefault(number, []).append(at)
    tally = EMPTY
    for number, source in enumerate(sources):
        # The shared subjects' pieces in this source, which the remade pieces replace: sorted, as it has them.
        gone = b"".join(source.ntriples[at] for at in sorted(replaced.get(number, ())))
        tally = tally.plus(source.tally).less(Tally.of(_lines(gone)))
    subjects, ntriples, turtle, jsonld = map(tuple, columns)
    return SubjectPieces(subjects, ntriples, turtle, jsonld, tally.plus(remade.tally))


def _lines(ntriples: bytes) -> list[bytes]:
    return ntriples.splitlines(keepends=True)
