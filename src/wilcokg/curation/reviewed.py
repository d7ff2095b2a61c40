"""Reviewed knowledge only: what the graph says once every fact nobody reviewed is taken out.

Taking out an extracted entity or statement is what rejecting it does (`removal`): its mentions,
evidence and direct triples go, and so does whatever needs it, such as a role whose actor is still
extracted. A triple also stated by a fact that stays (an actor link the reference data states too)
stays.

It is worked out a named graph at a time. What one pass over a graph finds (its facts and the IRIs
it names) depends on the graph alone; which of its triples go depends on that and on which of
those IRIs go; and whether it states a triple taken out of another graph depends on its quads and
that triple. The build cache keeps all three under the graph's key, so that a rebuild reads again
only the graphs that changed.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Triple

from wilcokg.build_cache import BuildCache, computed, digest
from wilcokg.curation.apply import Edit, removal, with_parents
from wilcokg.curation.facts import Facts
from wilcokg.quad_order import GraphRun, Graphs, graph_runs_of, holds
from wilcokg.reading.triples import EXTRACTED
from wilcokg.terms import serialized, subject_of


@dataclass(frozen=True, slots=True)
class GraphFacts:
    facts: Facts
    """What one pass over the graph finds (`Facts.collected`), but its subjects, which `subjects` holds:
    a removal needs none of them, and the build cache reads strings back faster than terms."""
    subjects: frozenset[str]
    """The IRIs of the graph's subjects."""
    named: frozenset[str]
    """The IRIs the graph's triples name, with their parents: a removal of any other IRI leaves the graph alone."""


def graph_facts(quads: Sequence[Quad]) -> GraphFacts:
    named = {term.value for quad in quads for term in (quad.subject, quad.object) if isinstance(term, NamedNode)}
    facts = Facts.collected(quads)
    subjects = frozenset(subject.value for subject in facts.subjects)
    return GraphFacts(replace(facts, subjects=set()), subjects, frozenset(with_parents(named)))


def _lines(triples: Iterable[Triple]) -> frozenset[bytes]:
    return frozenset(serialized(triples, RdfFormat.N_TRIPLES).splitlines(keepends=True))


def _facts_of(run: GraphRun) -> GraphFacts:
    return graph_facts(run.quads)


def _dropped_lines(run: GraphRun, edit: Edit) -> frozenset[bytes]:
    return _lines(quad.triple for quad in run.quads if edit.drops(quad))


def _held_lines(run: GraphRun, asked: Sequence[Triple]) -> frozenset[bytes]:
    return _lines(
        triple for triple in asked if holds(run.quads, Quad(triple.subject, triple.predicate, triple.object, run.graph))
    )


def unreviewed_lines(
    quads: Sequence[Quad] | Graphs, keys: Mapping[str, str] | None = None, cache: BuildCache | None = None
) -> set[bytes]:
    """The N-Triples lines of the triples that rest only on extracted facts, of quads sorted by `sort_key`.

    `keys`: the graphs (N-Triples form) that a chapter's key names (a `Graphs` carries its own); what
    they give is taken from `cache`, or made and kept there.
    """
    runs = graph_runs_of(quads, keys)
    parts = [computed(cache, "graph-facts", run.key, functools.partial(_facts_of, run)) for run in runs]
    facts = Facts.joined([part.facts for part in parts])
    edit = removal(facts, {node for node, status in facts.status.items() if status == EXTRACTED})
    dropped_in: dict[str, list[Quad]] = defaultdict(list)
    for quad in edit.dropped:
        dropped_in[str(quad.graph_name)].append(quad)
    unreviewed: set[bytes] = set()
    for run, part in zip(runs, parts, strict=True):
        gone = "\n".join(sorted(edit.removed & part.named))
        dropped = "\n".join(sorted(map(str, dropped_in.get(run.name, ()))))
        unreviewed |= computed(
            cache,
            "unreviewed",
            digest(run.key, gone, dropped) if run.key else None,
            functools.partial(_dropped_lines, run, edit),
        )
    # A single quad taken out (a role's direct triple) may be stated in another graph by a fact that
    # stays, and then its triple stays; any other triple goes from every graph that has it.
    by_subject: dict[NamedNode | BlankNode | Triple, set[Triple]] = defaultdict(set)
    for quad in edit.dropped:
        by_subject[quad.subject].add(quad.triple)
    dropped_subjects = {subject.value: subject for subject in by_subject if isinstance(subject, NamedNode)}
    for run, part in zip(runs, parts, strict=True):
        asked = [
            triple
            # A set and a key view: the intersection walks the smaller one.
            for subject in part.subjects & dropped_subjects.keys()
            for triple in by_subject[dropped_subjects[subject]]
            if not edit.drops(Quad(triple.subject, triple.predicate, triple.object, run.graph))
        ]
        if asked:
            # Whether the graph states them depends on its quads alone: kept under its key and the question.
            key = digest(run.key, *sorted(map(str, asked))) if run.key else None
            unreviewed -= computed(cache, "still-stated", key, functools.partial(_held_lines, run, asked))
    return unreviewed


def reviewed_dump(subjects: Sequence[bytes], pieces: Sequence[bytes], left_out: Iterable[bytes]) -> bytes:
    """The N-Triples dump without the lines `left_out` (the unreviewed triples, see `unreviewed_lines`).

    The dump comes as each subject's sorted lines (`pieces`, of the `subjects` in N-Triples form): a
    subject none of whose triples goes keeps its piece whole, and only the others are cut in lines.
    """
    going: dict[bytes, set[bytes]] = defaultdict(set)
    for line in left_out:
        going[subject_of(line)].add(line)
    kept = [
        piece
        if (gone := going.get(subject)) is None
        else b"".join(line for line in piece.splitlines(keepends=True) if line not in gone)
        for subject, piece in zip(subjects, pieces, strict=True)
    ]
    return b"".join(kept)
