"""Uploading the built dataset into an external SPARQL 1.1 store, one named graph at a time.

What `wilcokg publish` does with a store; writing dist/ itself is the build's `publish` package.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wilcokg.dist_layout import dump_digest
from wilcokg.remote.dump import GraphDump
from wilcokg.remote.http import StoreError
from wilcokg.remote.state import PublishState
from wilcokg.remote.store import StoreTarget

# Called with (graph IRI, triples just sent).
Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class Mismatch:
    iri: str
    ours: int
    theirs: int


@dataclass(slots=True)
class UploadReport:
    graphs: list[str]
    replaced: list[str] = field(default_factory=list)
    # Replaced by an earlier, interrupted run and so skipped by this one.
    resumed: list[str] = field(default_factory=list)
    failed: str | None = None
    error: str | None = None
    mismatches: list[Mismatch] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def not_replaced(self) -> list[str]:
        done = {*self.replaced, *self.resumed}
        return [iri for iri in self.graphs if iri not in done]

    @property
    def ok(self) -> bool:
        return self.error is None and not self.mismatches


def upload(
    dist: Path,
    graphs: list[GraphDump],
    target: StoreTarget,
    state_path: Path,
    *,
    batch_triples: int,
    progress: Progress = lambda iri, sent: None,
) -> UploadReport:
    """Replace each of ``graphs`` (read from ``dist``'s TriG) in the store, then compare triple counts.

    Graphs an interrupted run already replaced (same store, same dataset version) are skipped. The
    first graph that cannot be replaced stops the run: the report says what was and was not replaced,
    and the state file keeps it for the next run.
    """
    state = PublishState.load(state_path, target.store, dump_digest(dist))
    report = UploadReport([graph.iri for graph in graphs], notes=target.notes)
    for graph in graphs:
        if graph.iri in state.replaced:
            report.resumed.append(graph.iri)
            progress(graph.iri, len(graph))
            continue
        try:
            target.replace(graph, batch_triples, functools.partial(progress, graph.iri))
        except StoreError as error:
            report.failed, report.error = graph.iri, str(error)
            return report
        state.mark_replaced(graph.iri)
        report.replaced.append(graph.iri)
    try:
        report.mismatches = _mismatches(target, graphs)
    except StoreError as error:
        report.error = f"counting the store's triples failed: {error}"
        return report
    # A graph whose count is off is replaced again by the next run; a clean run leaves no state behind.
    state.forget([mismatch.iri for mismatch in report.mismatches])
    if not report.mismatches:
        state.finish()
    return report


def _mismatches(target: StoreTarget, graphs: list[GraphDump]) -> list[Mismatch]:
    counted = ((graph, target.count(graph.iri)) for graph in graphs)
    return [Mismatch(graph.iri, len(graph), theirs) for graph, theirs in counted if theirs != len(graph)]
