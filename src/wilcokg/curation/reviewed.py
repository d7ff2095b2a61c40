"""Reviewed knowledge only: what the graph says once every fact nobody reviewed is taken out.

Taking out an extracted entity or statement is what rejecting it does (`removal`): its mentions,
evidence and direct triples go, and so does whatever needs it, such as a role whose actor is still
extracted. A triple also stated by a fact that stays (an actor link the reference data states too)
stays.

It is worked out a named graph at a time. What one pass over a graph finds (its facts and the IRIs
it names) depends on the graph alone, and which of its triples go depends on that and on which of
those IRIs go: the build cache keeps both for a chapter's graph, under the chapter's key, so that a
rebuild reads again only the graphs that changed.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Triple

from wilcokg.build_cache import BuildCache, computed, digest
from wilcokg.curation.apply import Edit, removal, with_parents
from wilcokg.curation.facts import Facts
from wilcokg.quad_order import graph_runs, holds
from wilcokg.reading.triples import EXTRACTED
from wilcokg.terms import serialized


@dataclass(frozen=True, slots=True)
class GraphFacts:
    facts: Facts
    """What one pass over the graph finds (`Facts.collected`)."""
    named: frozenset[str]
    """The IRIs the graph's triples name, with their parents: a removal of any other IRI leaves the graph alone."""


def graph_facts(quads: Sequence[Quad]) -> GraphFacts:
    named = {term.value for quad in quads for term in (quad.subject, quad.object) if isinstance(term, NamedNode)}
    return GraphFacts(Facts.collected(quads), frozenset(with_parents(named)))


def _lines(triples: Iterable[Triple]) -> frozenset[bytes]:
    return frozenset(serialized(triples, RdfFormat.N_TRIPLES).splitlines(keepends=True))


def _dropped_lines(quads: Sequence[Quad], edit: Edit) -> frozenset[bytes]:
    return _lines(quad.triple for quad in quads if edit.drops(quad))


def unreviewed_lines(
    quads: Sequence[Quad], keys: Mapping[str, str] | None = None, cache: BuildCache | None = None
) -> set[bytes]:
    """The N-Triples lines of the triples that rest only on extracted facts, of quads sorted by `sort_key`.

    `keys`: the graphs (N-Triples form) that a chapter's key names; what they give is taken from
    `cache`, or made and kept there.
    """
    keys = keys or {}
    runs = [(graph, quads[start:end]) for graph, start, end in graph_runs(quads)]
    parts = [
        computed(cache, "graph-facts", keys.get(graph), functools.partial(graph_facts, run)) for graph, run in runs
    ]
    facts = Facts.joined([part.facts for part in parts])
    edit = removal(facts, {node for node, status in facts.status.items() if status == EXTRACTED})
    dropped_in: dict[str, list[Quad]] = defaultdict(list)
    for quad in edit.dropped:
        dropped_in[str(quad.graph_name)].append(quad)
    unreviewed: set[bytes] = set()
    for (graph, run), part in zip(runs, parts, strict=True):
        key = keys.get(graph)
        gone = "\n".join(sorted(edit.removed & part.named))
        dropped = "\n".join(sorted(map(str, dropped_in.get(graph, ()))))
        unreviewed |= computed(
            cache,
            "unreviewed",
            digest(key, gone, dropped) if key else None,
            functools.partial(_dropped_lines, run, edit),
        )
    # A single quad taken out (a role's direct triple) may be stated in another graph by a fact that
    # stays, and then its triple stays; any other triple goes from every graph that has it.
    by_subject: dict[NamedNode | BlankNode | Triple, set[Triple]] = defaultdict(set)
    for quad in edit.dropped:
        by_subject[quad.subject].add(quad.triple)
    dropped_subjects = set(by_subject)
    stays = [
        triple
        for (_, run), part in zip(runs, parts, strict=True)
        # Two sets: the intersection walks the smaller one.
        for subject in part.facts.subjects & dropped_subjects
        for triple in by_subject[subject]
        if not edit.drops(quad := Quad(triple.subject, triple.predicate, triple.object, run[0].graph_name))
        and holds(run, quad)
    ]
    return unreviewed - _lines(stays)


def reviewed_lines(
    lines: Sequence[bytes],
    quads: Sequence[Quad],
    keys: Mapping[str, str] | None = None,
    cache: BuildCache | None = None,
) -> list[bytes]:
    """The sorted N-Triples `lines` of `quads` without those of the unreviewed triples (see `unreviewed_lines`)."""
    left_out = unreviewed_lines(quads, keys, cache)
    return [line for line in lines if line not in left_out]
