"""Validating a dataset: sharded, as the build does, or in one piece with pySHACL, the reference."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pyoxigraph import Quad
from rdflib import Graph

from wilcokg.build_cache import BuildCache
from wilcokg.collector import cycle_collection_paused
from wilcokg.quad_order import Graphs, graph_runs_of
from wilcokg.validate.rdf_bridge import DataGraph, rdflib_graph
from wilcokg.validate.report import ValidationReport, Violation, locate
from wilcokg.validate.shacl import REFERENCE_ENGINE, load_shapes, run_shacl
from wilcokg.validate.sharding import Partition, cached_run, graph_summaries, processes_for, run_shards


def _report(
    violations: Iterable[Violation], quads: Iterable[Quad], reports: Path | None, reference: Sequence[Path]
) -> ValidationReport:
    unique = sorted({v.key: v for v in violations}.values(), key=lambda v: tuple(map(str, v.key)))
    return ValidationReport(locate(unique, quads, reports, reference))


def validate_dataset(
    quads: Iterable[Quad] | Graphs,
    shapes_path: Path,
    *,
    shards: int | None = None,
    processes: int | None = None,
    reports: Path | None = None,
    reference: Sequence[Path] = (),
    cache: BuildCache | None = None,
    graph_keys: Mapping[str, str] | None = None,
) -> ValidationReport:
    """Validate the union of all named graphs, one shard of owners at a time.

    `processes`: worker processes, each validating one shard at a time (default: one per core, as
    many as the size pays for; 1 validates in this process); `shards`: how many shards (default:
    one per process). `reports`, `reference`: where the report finds chapter files and the
    statements of other entities (see `locate`). `cache`: where owners' results of earlier builds
    are found and this build's are kept; `graph_keys`: the graphs (N-Triples form) that a chapter's
    key names (a `Graphs` carries its own), whose summaries the cache keeps too (see
    `sharding.GraphSummary`).
    """
    shapes = str(shapes_path.resolve())
    load_shapes(shapes_path)
    # Read once: data with a blank node goes on to be validated whole below.
    given = quads if isinstance(quads, Graphs) else tuple(quads)
    if cache is not None:
        # By graph, whatever order the quads come in: a graph's summary is kept under its chapter's key,
        # so it must be made of all the graph's quads.
        runs = graph_runs_of(given, graph_keys)
        summaries = graph_summaries(runs, cache)
        if not any(summary.blank_nodes for summary in summaries):
            violations = cached_run(runs, summaries, shapes_path, shards, processes, cache)
            # Located only if there are any: most graphs of a rebuild are never read.
            every_quad = itertools.chain.from_iterable(run.quads for run in runs)
            return _report(violations, every_quad, reports, reference)
    quads = given.quads() if isinstance(given, Graphs) else given
    if processes is None:
        processes = processes_for(len(quads))
    count = shards or processes
    partition = Partition(quad.triple for quad in quads) if count > 1 else None
    if partition is None or partition.has_blank_nodes:
        # One piece, which owns everything; data with a blank node too, which has no IRI to own it by.
        violations = run_shards([(list({quad.triple for quad in quads}), None)], shapes, processes)
    else:
        violations = run_shards([partition.shard(group) for group in partition.groups(count)], shapes, processes)
    return _report(violations, quads, reports, reference)


def validate_whole_graph(quads: Iterable[Quad], shapes_path: Path, *, sparql: str = "oxigraph") -> ValidationReport:
    """One pyshacl call on the union of all named graphs: the reference the shards must agree with.

    `sparql="rdflib"` leaves SPARQL to rdflib, as plain pyshacl does (slow, but the reference for
    the oxigraph shortcut).
    """
    quads = tuple(quads)
    triples = {quad.triple for quad in quads}
    data = DataGraph(triples) if sparql == "oxigraph" else rdflib_graph(triples, Graph())
    with cycle_collection_paused():
        violations = run_shacl(data, str(shapes_path.resolve()), None, REFERENCE_ENGINE)
    return _report(violations, quads, None, ())


def check(
    quads: Iterable[Quad] | Graphs,
    shapes_path: Path,
    *,
    reports: Path | None = None,
    reference: Sequence[Path] = (),
    cache: BuildCache | None = None,
    graph_keys: Mapping[str, str] | None = None,
) -> ValidationReport:
    """The build's gate before publishing: every violation, located in the chapter and reference files.

    `reports`: the folder the chapter files are named in; `reference`: the curated `*.ttl` files;
    `cache`, `graph_keys`: see `validate_dataset`.
    """
    return validate_dataset(
        quads, shapes_path, reports=reports, reference=reference, cache=cache, graph_keys=graph_keys
    )
