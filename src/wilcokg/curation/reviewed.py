"""Reviewed knowledge only: what the graph says once every fact nobody reviewed is taken out.

Taking out an extracted entity or statement is what rejecting it does (`removal`): its mentions,
evidence and direct triples go, and so does whatever needs it, such as a role whose actor is still
extracted. A triple also stated by a fact that stays (an actor link the reference data states too)
stays.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import Quad, RdfFormat, Triple

from wilcokg.curation.apply import removal
from wilcokg.curation.facts import Facts
from wilcokg.reading.triples import EXTRACTED
from wilcokg.terms import serialized


def unreviewed_triples(quads: Sequence[Quad]) -> set[Triple]:
    """The triples that rest only on extracted facts."""
    facts = Facts.of(quads)
    extracted = {node for node, status in facts.status.items() if status == EXTRACTED}
    edit = removal(facts, extracted)
    kept: list[Quad] = []
    dropped: set[Triple] = set()
    for quad in quads:
        if edit.drops(quad):
            dropped.add(quad.triple)
        else:
            kept.append(quad)
    subjects = {triple.subject for triple in dropped}
    return dropped.difference(quad.triple for quad in kept if quad.subject in subjects)


def reviewed_lines(lines: Sequence[bytes], quads: Sequence[Quad]) -> list[bytes]:
    """The sorted N-Triples `lines` of `quads` without those of the unreviewed triples."""
    unreviewed = serialized(unreviewed_triples(quads), RdfFormat.N_TRIPLES)
    left_out = set(unreviewed.splitlines(keepends=True))
    return [line for line in lines if line not in left_out]
