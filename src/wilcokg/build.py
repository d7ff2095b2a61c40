"""The build pipeline: parse → extract → map → validate → infer → publish (design.md §1)."""

from __future__ import annotations

import functools
import operator
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from wilcokg.build_cache import BuildCache, computed, digest
from wilcokg.collector import cycle_collection_paused
from wilcokg.curation import apply_decisions, read_decisions, reviewed_dump, unreviewed_lines
from wilcokg.describe.catalog import Coverage
from wilcokg.describe.coverage import places, top_concept_labels
from wilcokg.describe.ontology_page import ontology_html
from wilcokg.describe.source_date import source_date
from wilcokg.describe.void import TripleCounts, dataset_version, describe, provenance
from wilcokg.dist_layout import (
    CANDIDATES,
    CHECKSUMS,
    DUMPS,
    JSONLD,
    NTRIPLES,
    ONTOLOGY_PAGE,
    REVIEWED,
    SEARCH_INDEX,
    TRIG,
    TURTLE,
    VOID,
    sha256sums,
    unpacked,
)
from wilcokg.errors import InputError
from wilcokg.infer import Reasoning, inference_started, reason_here
from wilcokg.mapping import ChapterGraph, map_chapter
from wilcokg.offload import IN_PLACE, Offload, offloading
from wilcokg.processes import available_cores, pool_context
from wilcokg.publish.candidates import candidates_csv
from wilcokg.publish.documents import trig_document, turtle_document
from wilcokg.publish.jsonld import jsonld_document
from wilcokg.publish.segments import asserted_parts
from wilcokg.publish.staging import Staging, write_atomically
from wilcokg.quad_order import GraphRun, Graphs, concatenate_graphs, graph_runs, graph_runs_of, sort_key
from wilcokg.reading import Gazetteer, Reading, gazetteer, read_placed
from wilcokg.reading.mentions import Candidate
from wilcokg.reading.triples import one_name_each
from wilcokg.reference import Reference, SourceFile, load_reference, source_file
from wilcokg.search_index import ChapterSource, search_rows
from wilcokg.source.corpus import PlacedChapter, load_corpus
from wilcokg.terms import serialized, value
from wilcokg.validate import check
from wilcokg.vocab import REFERENCE_GRAPH, chapter_graph, entity, slugify
from wilcokg.wording import counted

Progress = Callable[[str, int], Callable[[], None]]
"""Starts a stage of `total` steps and returns the function that advances it by one."""


def no_progress(stage: str, total: int) -> Callable[[], None]:
    del stage, total
    return lambda: None


class BuildFailed(Exception):
    """The build stopped on bad input; `dist/` was left as it was."""

    def __init__(self, problems: list[InputError]) -> None:
        super().__init__(f"{counted(len(problems), 'problem')} in the input")
        self.problems = problems


STAGES = ("parse", "extract", "map", "curate", "validate", "infer", "publish")
"""The stages in pipeline order, as `BuildReport.seconds` names them: the order they are reported in,
whatever order their parts ran in (the reasoner starts before validation)."""


@dataclass
class BuildReport:
    version: str = ""
    chapters: int = 0
    mentions: int = 0
    candidates: int = 0
    skipped: list[str] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    triples_per_graph: dict[str, int] = field(default_factory=dict)
    entities_per_class: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    cache_hits: int = 0
    cache_misses: int = 0
    decisions_applied: int = 0
    decisions_unapplied: list[InputError] = field(default_factory=list)
    """Curation decisions whose target is gone or no longer fits: reported, not applied."""

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything asserted (by graph), the inferred quads (sorted), and what the build found."""

    graphs: Graphs
    entailments: Callable[[], Sequence[Quad]]
    """The inferred quads (sorted), once inference is done: the reasoner may still be at work."""
    version: str
    candidates: tuple[Candidate, ...]
    modified: datetime
    """When the inputs last changed, as the dataset description states it (see source_date)."""
    sources: tuple[ChapterSource, ...] = ()
    """Each chapter's source text, sorted by chapter id: the chapter reader shows it as published."""

    @property
    def quads(self) -> tuple[Quad, ...]:
        """Every asserted quad, sorted by `sort_key`."""
        return self.graphs.quads()

    @property
    def inferred(self) -> Sequence[Quad]:
        return self.entailments()


@dataclass(frozen=True, slots=True)
class Inputs:
    reports: Path
    reference: Path
    ontology: Path
    shapes: Path = Path("shapes/wilco.ttl")
    decisions: Path | None = None
    """The curation decisions file; None, or a file that does not exist yet, decides nothing."""


@dataclass(frozen=True, slots=True)
class MappedChapter:
    """What extraction and mapping made of one chapter: all a later build needs to skip both."""

    identifier: str
    run: GraphRun
    """The chapter's graph."""
    shared: tuple[Quad, ...]
    """The shared entities it introduces (see `ChapterGraph`)."""
    source: NamedNode
    mentions: int
    candidates: tuple[Candidate, ...]

    @classmethod
    def of(cls, graph: ChapterGraph, mentions: int, candidates: tuple[Candidate, ...]) -> MappedChapter:
        run = GraphRun(chapter_graph(graph.identifier), graph.quads)
        return cls(graph.identifier, run, graph.shared, graph.source, mentions, candidates)

    def __reduce__(self) -> tuple[Callable[..., MappedChapter], tuple[object, ...]]:
        # In the build cache the quads are N-Quads: pyoxigraph reads them back three times faster
        # than pickle rebuilds a million quad objects (5 s against 17 s at 2.3 M), and a rebuild
        # parses an unchanged chapter's graph only if a stage needs its quads (see GraphRun).
        shared = serialized(self.shared, RdfFormat.N_QUADS)
        fields = (self.run.packed(), len(self.run), shared, self.source.value, self.mentions, self.candidates)
        return _restore_mapped, (self.identifier, *fields)


def _restore_mapped(
    identifier: str,
    packed: bytes,
    size: int,
    shared: bytes,
    source: str,
    mentions: int,
    candidates: tuple[Candidate, ...],
) -> MappedChapter:
    run = GraphRun.stored(chapter_graph(identifier), packed, size)
    shared_quads = tuple(parse(shared, format=RdfFormat.N_QUADS))
    return MappedChapter(identifier, run, shared_quads, NamedNode(source), mentions, candidates)


def _chapter_key(placed: PlacedChapter, reference: Reference) -> str:
    # A chapter's graph depends on its text, where it was placed, and the reference data (ontology included).
    return digest(
        placed.name, placed.sha256, repr(placed.placement), *(f"{f.name} {f.sha256}" for f in reference.files)
    )


_PARALLEL_READING = 120
"""From this many chapters on, reading runs in worker processes: below it their start-up costs more than it saves."""
_WORKER_CONTEXT: Gazetteer | None = None


def _start_reader(reference: Path, ontology: Path) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = gazetteer(load_reference(reference, ontology))


def _read_in_worker(placed: PlacedChapter) -> Reading:
    assert _WORKER_CONTEXT is not None, "worker started without its gazetteer"
    return read_placed(placed, _WORKER_CONTEXT)


def _extract(chapters: list[PlacedChapter], context: Gazetteer, inputs: Inputs, progress: Progress) -> list[Reading]:
    """Read each chapter, in worker processes (one per core) when there are many."""
    advance = progress("extract", len(chapters))
    processes = available_cores()
    if len(chapters) < _PARALLEL_READING or processes < 2:
        readings = []
        for placed in chapters:
            readings.append(read_placed(placed, context))
            advance()
        return readings
    with ProcessPoolExecutor(
        max_workers=processes,
        mp_context=pool_context(),
        initializer=_start_reader,
        initargs=(inputs.reference, inputs.ontology),
    ) as pool:
        readings = []
        for reading in pool.map(_read_in_worker, chapters, chunksize=8):
            readings.append(reading)
            advance()
        return readings


def _map(
    chapters: list[PlacedChapter],
    readings: list[Reading],
    context: Gazetteer,
    report: BuildReport,
    progress: Progress,
) -> dict[str, MappedChapter]:
    advance = progress("map", len(chapters))
    mapped: dict[str, MappedChapter] = {}
    for placed, reading in zip(chapters, readings, strict=True):
        try:
            graph = map_chapter(placed, reading, context.reference, context.curated_roles)
            mapped[placed.name] = MappedChapter.of(graph, len(reading.mentions), reading.candidates)
        except InputError as error:
            report.problems.append(error)
            report.skipped.append(placed.chapter.source)
        advance()
    return mapped


def _mapped_chapters(
    chapters: list[PlacedChapter],
    inputs: Inputs,
    reference: Reference,
    cache: BuildCache | None,
    report: BuildReport,
    progress: Progress,
) -> list[tuple[str, MappedChapter]]:
    """Every chapter that maps, in corpus order, with its cache key (empty without a cache): from the
    cache when its inputs are unchanged."""
    keys = {placed.name: _chapter_key(placed, reference) for placed in chapters} if cache else {}
    known: dict[str, MappedChapter] = {}
    if cache:
        advance = progress("cached", len(keys))
        for name, key in keys.items():
            if (entry := cache.get("chapter", key)) is not None:
                known[name] = entry
            advance()
    todo = [placed for placed in chapters if placed.name not in known]
    context = gazetteer(reference)
    with report.stage("extract"):
        readings = _extract(todo, context, inputs, progress) if todo else []
    with report.stage("map"):
        fresh = _map(todo, readings, context, report, progress)
    if cache:
        for name, entry in fresh.items():
            cache.put("chapter", keys[name], entry)
    ordered = [(keys.get(placed.name, ""), known.get(placed.name) or fresh.get(placed.name)) for placed in chapters]
    return [(key, entry) for key, entry in ordered if entry is not None]


def assemble(
    inputs: Inputs,
    report: BuildReport,
    keep_going: bool = False,
    progress: Progress = no_progress,
    cache: BuildCache | None = None,
    reasoning: Reasoning = reason_here,
) -> Dataset:
    """Parse, extract, map, validate and infer: the dataset, or BuildFailed with every problem found.

    `reasoning` starts the reasoner (see `inference_started`): by default it is done when this returns.
    """
    with report.stage("parse"):
        try:
            reference = load_reference(inputs.reference, inputs.ontology)
        except InputError as error:
            raise BuildFailed([error]) from None
        corpus = load_corpus(inputs.reports, cache)
        report.problems.extend(corpus.problems)
        report.skipped.extend(corpus.skipped)
        decisions = read_decisions(inputs.decisions) if inputs.decisions else None
        if decisions:
            report.problems.extend(decisions.problems)
        progress("parse", len(corpus.chapters) or 1)()
    if report.problems and not keep_going:
        raise BuildFailed(list(report.problems))
    # The decisions file is an input like the chapters: it is in the dataset's version and provenance.
    decided = [source_file(decisions.path)] if decisions and decisions.path.exists() else []
    chapters = list(corpus.chapters)
    keyed = _mapped_chapters(chapters, inputs, reference, cache, report, progress)
    results = [result for _, result in keyed]
    report.mentions = sum(result.mentions for result in results)
    with report.stage("map"):
        if report.problems and not keep_going:
            raise BuildFailed(report.problems)
        if not results:
            raise BuildFailed(report.problems or [InputError(str(inputs.reports), 1, "no chapter could be built")])
        mapped = {result.identifier for result in results}
        version = dataset_version(
            [
                *reference.files,
                *decided,
                *(SourceFile(p.name, p.sha256) for p in chapters if p.identifier in mapped),
            ]
        )
        sources = [result.source for result in results]
        shared = {*reference.quads, *provenance(version, sources, [*reference.files, *decided])}
        for result in results:
            shared.update(result.shared)
        shared = set(one_name_each(shared))
        asserted = _laid_out(sorted(shared, key=sort_key), [result.run.keyed(key) for key, result in keyed])
    if decisions and decided:
        with report.stage("curate"):
            source = entity("source", slugify(decided[0].name))
            curated = apply_decisions(asserted.quads(), decisions.decisions, source)
            asserted = _curated(curated.quads, asserted)
        report.decisions_applied = len(curated.applied)
        report.decisions_unapplied = list(curated.unapplied)
    if cache:
        asserted = _content_keyed(asserted)
    report.chapters = len(results)
    report.version = version
    kept = tuple(candidate for result in results for candidate in result.candidates)
    report.candidates = len(kept)
    with report.stage("infer"):
        inferred = inference_started(asserted, cache=cache, reasoning=reasoning)
    with report.stage("validate"):
        try:
            validation = check(
                asserted,
                inputs.shapes,
                reports=inputs.reports,
                reference=sorted(inputs.reference.glob("*.ttl")),
                cache=cache,
            )
        except InputError as error:
            raise BuildFailed([error]) from None
    if not validation.conforms:
        raise BuildFailed(validation.problems())
    texts = tuple(
        ChapterSource(p.identifier, p.chapter.text, p.chapter.footnotes)
        for p in sorted(chapters, key=lambda placed: placed.identifier)
        if p.identifier in mapped
    )
    modified = source_date([inputs.reports, inputs.reference, inputs.ontology])
    return Dataset(asserted, inferred, version, kept, modified, texts)


def _laid_out(shared: Sequence[Quad], chapters: Iterable[GraphRun]) -> Graphs:
    """The graphs of the shared quads (sorted) and the chapters' graphs, in name order.

    A chapter's graph is its own, so each is taken as mapping made it, under its chapter's key; a
    graph that two of them share is merged, and no key names the merged run.
    """
    runs = {run.name: run for run in graph_runs_of(shared)}
    for run in chapters:
        if len(run) == 0:
            continue
        other = runs.setdefault(run.name, run)
        if other is not run:
            runs[run.name] = GraphRun(run.graph, concatenate_graphs([other.quads, run.quads]))
    return Graphs(tuple(runs[name] for name in sorted(runs)))


def _content_keyed(graphs: Graphs) -> Graphs:
    """Every graph that no chapter's key names (a shared graph, a graph curation changed) keyed by
    its quads, so that the stages keep their results for it too: a rebuild after a chapter's text
    changed finds them for the reference, ontology and discovered graphs, which did not change."""
    return Graphs(
        tuple(
            run if run.key else run.keyed(digest(run.name, serialized(run.quads, RdfFormat.N_QUADS)))
            for run in graphs.runs
        )
    )


def _curated(quads: Sequence[Quad], mapped: Graphs) -> Graphs:
    """The curated quads (sorted) by graph: a chapter's graph that curation left as mapping made it
    (the same quad objects) keeps its chapter's key."""
    keyed = {run.name: run for run in mapped.runs if run.key}
    runs = []
    for name, start, end in graph_runs(quads):
        run = GraphRun(quads[start].graph_name, quads[start:end])
        before = keyed.get(name)
        if before is not None and len(before) == len(run) and all(map(operator.is_, run.quads, before.quads)):
            run = run.keyed(before.key)
        runs.append(run)
    return Graphs(tuple(runs))


def _ontology_page(ontology: Path, cache: BuildCache | None) -> bytes:
    """pyLODE's page of the ontology: a second or more of every build, so kept while the ontology is unchanged."""
    key = digest(ontology.read_bytes(), version("pylode"))
    return computed(cache, "ontology-page", key, lambda: ontology_html(ontology).encode("utf-8"))


def dist_files(
    dataset: Dataset, ontology: Path, staging: Staging, cache: BuildCache | None = None, offload: Offload = IN_PLACE
) -> TripleCounts:
    """Write every file of `dist/` into `staging`; what void.ttl says of the triples.

    `offload`: where the search index is made beside the dumps.
    """
    rows = search_rows(dataset.graphs, dataset.sources, cache=cache)
    staging.add_made(SEARCH_INDEX, functools.partial(offload.search_index, rows, dataset.sources))
    parts = asserted_parts(dataset.graphs, cache=cache)
    subjects = parts.subjects
    ntriples = b"".join(subjects.ntriples)
    staging.add(NTRIPLES, ntriples, gzipped=True)
    staging.add(TURTLE, turtle_document(subjects.turtle), gzipped=True)
    staging.add(JSONLD, jsonld_document(subjects.jsonld), gzipped=True)
    del ntriples
    # The TriG needs the entailments, which the reasoner has had the time to find by now; written
    # before the reviewed-only dump, it is written and compressed while that one is worked out.
    staging.add(TRIG, trig_document(parts.trig(dataset.inferred)), gzipped=True)
    del parts
    left_out = unreviewed_lines(dataset.graphs, cache=cache)
    reviewed = reviewed_dump(subjects.subjects, subjects.ntriples, left_out)
    staging.add(REVIEWED, reviewed, gzipped=True)
    counts = TripleCounts(subjects.tally, reviewed.count(b"\n"))
    del subjects, reviewed
    staging.add(CANDIDATES, candidates_csv(dataset.candidates))
    staging.add(ONTOLOGY_PAGE, _ontology_page(ontology, cache))
    # void.ttl describes the dumps by size and checksum, so it waits for the gzips under way.
    dumps = {name: written for name, written in staging.written().items() if unpacked(name) in DUMPS}
    # Places and the thesaurus are reference data: their graph's run, not a million quads.
    reference = dataset.graphs.run(REFERENCE_GRAPH)
    coverage = Coverage(places(reference), top_concept_labels(reference), dataset.modified)
    staging.add(VOID, describe(dataset.version, counts, len(dataset.inferred), dumps, coverage))
    staging.add(CHECKSUMS, sha256sums(staging.written()))
    return counts


def _summarise(dataset: Dataset, counts: TripleCounts, report: BuildReport) -> None:
    graphs = Counter({value(run.graph): len(run) for run in dataset.graphs.runs})
    graphs.update(value(q.graph_name) for q in dataset.inferred)
    report.triples_per_graph = dict(sorted(graphs.items()))
    # The counts are of the distinct asserted triples: each typed entity once per class, as wanted here.
    report.entities_per_class = dict(sorted(counts.tally.classes.items()))


def build(
    inputs: Inputs,
    out: Path,
    keep_going: bool = False,
    progress: Progress = no_progress,
    cache: BuildCache | None = None,
) -> BuildReport:
    """Build `out/` from the inputs; on BuildFailed nothing under `out/` has changed.

    With a `cache`, what an earlier build computed from the same inputs is reused (see build_cache).
    """
    report = BuildReport()
    with cycle_collection_paused(), offloading() as offload:
        dataset = assemble(inputs, report, keep_going, progress, cache, offload.reasoning)
        with report.stage("publish"), write_atomically(out, cache) as staging:
            counts = dist_files(dataset, inputs.ontology, staging, cache, offload)
            files = staging.written()
    if cache:
        cache.prune()
        report.cache_hits, report.cache_misses = cache.hits, cache.misses
    report.files = {name: written.size for name, written in files.items()}
    _summarise(dataset, counts, report)
    return report
