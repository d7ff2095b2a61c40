"""The triple dumps a subject at a time, so that a rebuild writes again only the subjects that changed.

The N-Triples, Turtle and JSON-LD dumps hold the distinct triples of every asserted graph, sorted,
and each writes a subject's triples together: as lines, as one Turtle block, as one JSON-LD node. A
dump is therefore its header and its subjects' pieces in subject order. The pieces of a subject that
one graph alone describes depend on that graph alone: a chapter's are made once and kept in the
build cache with it, and `merged` joins every graph's pieces, making new ones only for the subjects
that several graphs describe.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pyoxigraph import RdfFormat, parse

from wilcokg.describe.tally import EMPTY, Tally
from wilcokg.publish.documents import without_header
from wilcokg.publish.jsonld import Compactor, jsonld_node
from wilcokg.publish.ntriples import subject_of
from wilcokg.terms import serialized
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
    describe are merged, and its pieces made anew.
    """
    places: dict[bytes, list[tuple[SubjectPieces, int]]] = {}
    for source in sources:
        for index, subject in enumerate(source.subjects):
            places.setdefault(subject, []).append((source, index))
    shared = sorted(subject for subject, found in places.items() if len(found) > 1)
    lines = sorted(
        {line for subject in shared for source, index in places[subject] for line in _lines(source.ntriples[index])}
    )
    remade = subject_pieces(lines)
    remade_at = {subject: (remade, index) for index, subject in enumerate(remade.subjects)}
    order = [remade_at.get(subject) or places[subject][0] for subject in sorted(places)]
    tally = EMPTY
    for source in sources:
        # The shared subjects' pieces in this source, which the remade pieces replace: sorted, as it has them.
        replaced = sorted(index for index, subject in enumerate(source.subjects) if len(places[subject]) > 1)
        tally = tally.plus(source.tally).less(Tally.of(_lines(b"".join(source.ntriples[i] for i in replaced))))
    return SubjectPieces(
        tuple(source.subjects[index] for source, index in order),
        tuple(source.ntriples[index] for source, index in order),
        tuple(source.turtle[index] for source, index in order),
        tuple(source.jsonld[index] for source, index in order),
        tally.plus(remade.tally),
    )


def _lines(ntriples: bytes) -> list[bytes]:
    return ntriples.splitlines(keepends=True)
