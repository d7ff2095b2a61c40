"""SHACL validation of the knowledge graph against `shapes/wilco.ttl`, sharded so that it runs in parallel.

Every subject has one owner (`unit`): the chapter whose IRI it lies under (`id/chapter/{id}/…`), or
for the shared part (reference data, ontology, dataset description) its namespace. A shard holds the
subjects of some owners with all their triples, whichever named graph holds them, plus the
`rdf:type` of every node those triples point at and the class hierarchy. The shapes read only a
focus node's own triples, the types of the nodes it points at, the class hierarchy and nodes of its
own chapter (see the header of the shapes file), so a focus node sees in its shard what it sees in
the whole graph, and the shards' results together are the whole-graph results. A shard also types
some nodes it does not own; the engine validates those as well, and their results are dropped (the
owner's shard reports them). Because an owner's results depend on its shard alone, a build cache
can keep them by the shard's content (`validate_dataset(cache=…)`).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pyshacl
import pyshacl_turbo
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
)
from pyoxigraph import Literal as OxLiteral
from pyshacl.errors import ReportableRuntimeError
from pyshacl_turbo import ReportableRuntimeError as TurboReportableRuntimeError
from rdflib import RDF, BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib import Variable as RdfVariable
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.query import Result
from rdflib.term import Identifier, Node

from wilcokg.build_cache import BuildCache, digest
from wilcokg.errors import InputError, os_reason
from wilcokg.terms import serialized, value
from wilcokg.validation_report import CHAPTER_NODE, ValidationReport, Violation, locate
from wilcokg.vocab import RDF_TYPE, RDFS

RDF_FORMATS = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".trig": RdfFormat.TRIG,
    ".nq": RdfFormat.N_QUADS,
    ".jsonld": RdfFormat.JSON_LD,
}
# Measured on two cores: a second process saves nothing at 8 k triples (starting it costs what it
# saves), a quarter to a third from 65 k to 270 k, and between nothing and a sixth at 1 M.
TRIPLES_PER_PROCESS = 50_000
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SUBCLASS_OF = RDFS("subClassOf")


def read_rdf(paths: Iterable[Path]) -> list[Quad]:
    """The quads of RDF files in any format pyoxigraph reads, chosen by extension."""
    quads: list[Quad] = []
    for path in paths:
        rdf_format = RDF_FORMATS.get(path.suffix)
        if rdf_format is None:
            expected = ", ".join(RDF_FORMATS)
            raise InputError(str(path), 1, f"unknown RDF file extension {path.suffix!r}: expected {expected}")
        try:
            quads.extend(parse(path=str(path), format=rdf_format))
        except SyntaxError as error:
            raise InputError(str(path), error.lineno or 1, f"invalid RDF: {error.msg}") from None
        except OSError as error:
            raise InputError(str(path), 1, f"cannot read the file ({os_reason(error)})") from None
    return quads


# ---------------------------------------------------------------- pyoxigraph ⇄ rdflib


def _to_rdflib(term: NamedNode | BlankNode | OxLiteral | Triple, cache: dict[Any, Identifier]) -> Identifier:
    converted = cache.get(term)
    if converted is None:
        if isinstance(term, NamedNode):
            converted = URIRef(term.value)
        elif isinstance(term, BlankNode):
            converted = BNode(term.value)
        elif isinstance(term, Triple):
            raise TypeError(f"rdflib holds no triple terms: {term!r}")
        elif term.language:
            converted = RdfLiteral(term.value, lang=term.language)
        elif term.datatype.value == _XSD_STRING:
            # rdflib writes a plain string without a datatype, as it parses one from Turtle.
            converted = RdfLiteral(term.value)
        else:
            converted = RdfLiteral(term.value, datatype=URIRef(term.datatype.value))
        cache[term] = converted
    return converted


def _to_oxigraph(node: Node) -> NamedNode | BlankNode | OxLiteral:
    if isinstance(node, URIRef):
        return NamedNode(str(node))
    if isinstance(node, BNode):
        return BlankNode(str(node))
    if isinstance(node, RdfLiteral):
        if node.language:
            return OxLiteral(str(node), language=node.language)
        return OxLiteral(str(node), datatype=NamedNode(str(node.datatype or _XSD_STRING)))
    raise TypeError(f"cannot bind {node!r} in a SPARQL query")


def _rdflib_graph(triples: Iterable[Triple], graph: Graph) -> Graph:
    cache: dict[Any, Identifier] = {}
    graph.addN(
        (_to_rdflib(t.subject, cache), _to_rdflib(t.predicate, cache), _to_rdflib(t.object, cache), graph)
        for t in triples
    )
    return graph


class _DataGraph(Graph):
    """An rdflib graph whose SPARQL queries run on an oxigraph copy of the same triples.

    pyshacl reads triples through rdflib, which is fast, and runs SPARQL constraints and targets
    through `Graph.query`, which in rdflib parses the query text again on every call: tens of
    milliseconds for each focus node of each SPARQL constraint.
    """

    def __init__(self, triples: Iterable[Triple]) -> None:
        super().__init__()
        kept = list(triples)
        self.oxigraph = Store()
        self.oxigraph.bulk_extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in kept)
        _rdflib_graph(kept, self)

    def query(  # type: ignore[override]
        self,
        query_object: str,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Mapping[str, Any] | None = None,
        initBindings: Mapping[str, Node] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        del processor, result, use_store_provided, kwargs
        if not isinstance(query_object, str):
            raise TypeError("only SPARQL text can be run on the oxigraph copy")
        substitutions: dict[Variable, NamedNode | BlankNode | OxLiteral | Triple] = {
            Variable(str(k)): _to_oxigraph(v) for k, v in (initBindings or {}).items()
        }
        prefixes = {prefix: str(namespace) for prefix, namespace in (initNs or {}).items()}
        answer = self.oxigraph.query(query_object, prefixes=prefixes, substitutions=substitutions)
        if isinstance(answer, QueryBoolean):
            boolean = Result("ASK")
            boolean.askAnswer = bool(answer)
            return boolean
        if not isinstance(answer, QuerySolutions):
            raise TypeError("pyshacl asked for a CONSTRUCT query, which shapes/ does not use")
        cache: dict[Any, Identifier] = {}
        solutions = Result("SELECT")
        solutions.vars = [RdfVariable(v.value) for v in answer.variables]
        solutions.bindings = [
            {var: _to_rdflib(value, cache) for var, value in zip(solutions.vars, row, strict=True) if value}
            for row in answer
        ]
        return solutions


# ---------------------------------------------------------------- shapes and results


@functools.cache
def _shapes_graph(path: str, stamp: tuple[int, int]) -> Graph:
    """The shapes, parsed once per process and file version (`stamp`: modification time and size)."""
    del stamp
    return _rdflib_graph((quad.triple for quad in read_rdf([Path(path)])), Graph())


def load_shapes(path: Path) -> Graph:
    try:
        status = path.stat()
    except OSError as error:
        raise InputError(str(path), 1, f"cannot read the shapes ({os_reason(error)})") from None
    return _shapes_graph(str(path.resolve()), (status.st_mtime_ns, status.st_size))


def _term_text(node: Node) -> str:
    """An IRI as is, anything else as in N-Triples."""
    return str(node) if isinstance(node, URIRef) else node.n3()


_PATH_OPERATORS = {
    SH.zeroOrMorePath: "*",
    SH.oneOrMorePath: "+",
    SH.zeroOrOnePath: "?",
}


def _path_text(graph: Graph, path: Node) -> str:
    """A result path as SPARQL property-path text, so that blank-node paths compare across processes."""
    if isinstance(path, URIRef):
        return str(path)
    if (inverse := graph.value(path, SH.inversePath)) is not None:
        return f"^({_path_text(graph, inverse)})"
    if (alternatives := graph.value(path, SH.alternativePath)) is not None:
        return "(" + "|".join(_path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
    for operator, symbol in _PATH_OPERATORS.items():
        if (inner := graph.value(path, operator)) is not None:
            return f"({_path_text(graph, inner)}){symbol}"
    return "(" + "/".join(_path_text(graph, p) for p in Collection(graph, path)) + ")"


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """A named shape's IRI; an anonymous one described by where it sits, the same in every process."""
    if isinstance(shape, URIRef):
        return str(shape)
    parent = next(shapes.subjects(SH.property, shape), None)
    path = shapes.value(shape, SH.path)
    where = _shape_name(shapes, parent) if parent is not None else "[]"
    return f"{where} / {_path_text(shapes, path)}" if path is not None else f"{where} / []"


def _violations(results: Graph, shapes: Graph, owned: frozenset[str] | None) -> Iterator[Violation]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        if focus is None or (owned is not None and str(focus) not in owned):
            continue
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        constraint = results.value(result, SH.sourceConstraint)
        yield Violation(
            focus=_term_text(focus),
            path=_path_text(results, path) if path is not None else None,
            value=value.n3() if value is not None else None,
            source_shape=_shape_name(shapes, results.value(result, SH.sourceShape)),
            component=str(results.value(result, SH.sourceConstraintComponent)),
            constraint=str(constraint) if isinstance(constraint, URIRef) else None,
            message=min((str(m) for m in results.objects(result, SH.resultMessage)), default=""),
            severity=str(results.value(result, SH.resultSeverity)),
        )


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """pyshacl over rdflib makes millions of small objects and few reference cycles: the collector's
    full passes over them took a third of the time of four shards of 1 M triples (measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_REFERENCE_ENGINE = functools.partial(pyshacl.validate, inference="none", advanced=True, inplace=True)
"""pySHACL, the reference every result of ours is tested against. advanced: the shapes use SPARQL
targets; inplace: the graph is ours, pySHACL need not copy it."""
_ENGINE = functools.partial(pyshacl_turbo.validate, inference="none", advanced=True)
"""pyshacl-turbo, a SHACL engine in Rust with pySHACL's interface: the build's engine. It gives the
same results as pySHACL on every defect the tests plant and validates a shard in about half the time."""


def _run_shacl(
    data: Graph, shapes_path: str, owned: frozenset[str] | None, engine: Callable[..., Any] = _ENGINE
) -> list[Violation]:
    shapes = load_shapes(Path(shapes_path))
    try:
        _, results, _ = engine(data, shacl_graph=shapes)
    except (ReportableRuntimeError, TurboReportableRuntimeError) as error:
        results = error
    if not isinstance(results, Graph):
        raise InputError(shapes_path, 1, f"the SHACL engine cannot apply these shapes: {results}")
    return list(_violations(results, shapes, owned))


def _engine_graph(triples: Iterable[Triple]) -> Graph:
    return _rdflib_graph(triples, Graph())


def _run_serialized(
    shapes_path: str, ntriples: bytes, owned: frozenset[str] | None
) -> list[Violation] | tuple[str, int, str]:
    """A worker process's task: the shard arrives as N-Triples, cheaper to send than Python objects.

    An InputError comes back as its parts: the exception itself cannot be unpickled.
    """
    try:
        with _cycle_collection_paused():
            return _run_shacl(_engine_graph(parse(ntriples, format=RdfFormat.N_TRIPLES)), shapes_path, owned)
    except InputError as error:
        return error.source, error.line, error.message


# ---------------------------------------------------------------- sharding


def unit(iri: str) -> str:
    """The piece of the graph a subject is validated and cached with: its chapter's id, or for a
    shared subject its namespace (`…/id/org/`, `…/ontology#`).

    Shared subjects need only their own triples and their objects' types (see the header), so any
    split of them is sound; split by namespace, a change to the dataset's description (every build)
    leaves the organisations', places' and people's results cached.
    """
    found = CHAPTER_NODE.match(iri)
    if found:
        return found[1]
    return iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]


class _Partition:
    """The triples of each owner, and what every shard needs besides: types and the class hierarchy."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.triples: dict[str, set[Triple]] = defaultdict(set)
        self.types: dict[Any, list[Triple]] = defaultdict(list)
        self.hierarchy: list[Triple] = []
        self.has_blank_nodes = False
        for quad in quads:
            triple = quad.triple
            self.triples[unit(value(triple.subject))].add(triple)
            if triple.predicate == RDF_TYPE:
                self.types[triple.subject].append(triple)
            elif triple.predicate == _SUBCLASS_OF:
                self.hierarchy.append(triple)
            if isinstance(triple.subject, BlankNode) or isinstance(triple.object, BlankNode):
                self.has_blank_nodes = True

    def groups(self, count: int, owners: Iterable[str] | None = None) -> list[list[str]]:
        """Owners (all by default) dealt into `count` groups of about equal size, largest first (deterministic)."""
        names = list(self.triples if owners is None else owners)
        groups: list[list[str]] = [[] for _ in range(max(1, min(count, len(names))))]
        loads = [0] * len(groups)
        for name in sorted(names, key=lambda n: (-len(self.triples[n]), n)):
            lightest = loads.index(min(loads))
            groups[lightest].append(name)
            loads[lightest] += len(self.triples[name])
        return groups

    def shard(self, owners: Sequence[str]) -> tuple[list[Triple], frozenset[str]]:
        own = set().union(*(self.triples[name] for name in owners))
        context = {t for o in {t.object for t in own} for t in self.types.get(o, ())}
        subjects = frozenset(value(t.subject) for t in own)
        return [*own, *context.difference(own), *set(self.hierarchy).difference(own)], subjects


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _processes_for(triples: int) -> int:
    return max(1, min(available_cores(), triples // TRIPLES_PER_PROCESS))


def pool_context() -> multiprocessing.context.BaseContext:
    # forkserver: workers fork from a clean process, never from one running threads (pyoxigraph's).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _run_shards(
    shards: Sequence[tuple[list[Triple], frozenset[str] | None]], shapes_path: str, processes: int
) -> list[Violation]:
    if processes <= 1 or len(shards) == 1:
        with _cycle_collection_paused():
            return [v for triples, owned in shards for v in _run_shacl(_engine_graph(triples), shapes_path, owned)]
    with ProcessPoolExecutor(max_workers=min(processes, len(shards)), mp_context=pool_context()) as pool:
        futures = [
            pool.submit(_run_serialized, shapes_path, serialized(triples, RdfFormat.N_TRIPLES), owned)
            for triples, owned in shards
        ]
        outcomes = [future.result() for future in futures]
    violations: list[Violation] = []
    for outcome in outcomes:
        if isinstance(outcome, tuple):
            raise InputError(*outcome)
        violations.extend(outcome)
    return violations


def _shard_key(triples: list[Triple], shapes_digest: str) -> str:
    lines = serialized(triples, RdfFormat.N_TRIPLES).splitlines(keepends=True)
    return digest(shapes_digest, version("pyshacl-turbo"), b"".join(sorted(lines)))


def _cached_run(
    partition: _Partition, shapes_path: Path, count: int, processes: int, cache: BuildCache
) -> list[Violation]:
    """Each owner's results from the cache when its shard is unchanged; the other owners validated.

    An owner's results depend on its shard alone (see the module's header), so its shard's
    N-Triples, sorted, and the shapes are the whole key.
    """
    shapes_digest = hashlib.sha256(shapes_path.read_bytes()).hexdigest()
    keys = {name: _shard_key(partition.shard([name])[0], shapes_digest) for name in partition.triples}
    results: dict[str, list[Violation]] = {}
    for name, key in keys.items():
        if (cached := cache.get("shacl", key)) is not None:
            results[name] = cached
    missing = [name for name in keys if name not in results]
    if missing:
        fresh: dict[str, list[Violation]] = {name: [] for name in missing}
        plan = [partition.shard(group) for group in partition.groups(count, missing)]
        for violation in _run_shards(plan, str(shapes_path.resolve()), processes):
            fresh.setdefault(unit(violation.focus), []).append(violation)
        for name, violations in fresh.items():
            cache.put("shacl", keys[name], violations)
        results.update(fresh)
    return [violation for name in sorted(results) for violation in results[name]]


def _report(
    violations: Iterable[Violation], quads: Sequence[Quad], reports: Path | None, reference: Sequence[Path]
) -> ValidationReport:
    unique = sorted({v.key: v for v in violations}.values(), key=lambda v: tuple(map(str, v.key)))
    return ValidationReport(locate(unique, quads, reports, reference))


def validate_dataset(
    quads: Iterable[Quad],
    shapes_path: Path,
    *,
    shards: int | None = None,
    processes: int | None = None,
    reports: Path | None = None,
    reference: Sequence[Path] = (),
    cache: BuildCache | None = None,
) -> ValidationReport:
    """Validate the union of all named graphs, one shard of owners at a time.

    `processes`: worker processes, each validating one shard at a time (default: one per core, as
    many as the size pays for; 1 validates in this process); `shards`: how many shards (default:
    one per process). `reports`, `reference`: where the report finds chapter files and the
    statements of other entities (see `locate`). `cache`: where owners' results of earlier builds
    are found and this build's are kept.
    """
    quads = tuple(quads)
    shapes = str(shapes_path.resolve())
    load_shapes(shapes_path)
    if processes is None:
        processes = _processes_for(len(quads))
    count = shards or processes
    partition = _Partition(quads) if count > 1 or cache else None
    if partition is None or partition.has_blank_nodes:
        # One piece, which owns everything; data with a blank node too, which has no IRI to own it by.
        violations = _run_shards([(list({quad.triple for quad in quads}), None)], shapes, processes)
    elif cache is None:
        violations = _run_shards([partition.shard(group) for group in partition.groups(count)], shapes, processes)
    else:
        violations = _cached_run(partition, shapes_path, count, processes, cache)
    return _report(violations, quads, reports, reference)


def validate_whole_graph(quads: Iterable[Quad], shapes_path: Path, *, sparql: str = "oxigraph") -> ValidationReport:
    """One pyshacl call on the union of all named graphs: the reference the shards must agree with.

    `sparql="rdflib"` leaves SPARQL to rdflib, as plain pyshacl does (slow, but the reference for
    the oxigraph shortcut).
    """
    quads = tuple(quads)
    triples = {quad.triple for quad in quads}
    data = _DataGraph(triples) if sparql == "oxigraph" else _rdflib_graph(triples, Graph())
    with _cycle_collection_paused():
        violations = _run_shacl(data, str(shapes_path.resolve()), None, _REFERENCE_ENGINE)
    return _report(violations, quads, None, ())


def check(
    quads: Iterable[Quad],
    shapes_path: Path,
    *,
    reports: Path | None = None,
    reference: Sequence[Path] = (),
    cache: BuildCache | None = None,
) -> ValidationReport:
    """The build's gate before publishing: every violation, located in the chapter and reference files.

    `reports`: the folder the chapter files are named in; `reference`: the curated `*.ttl` files;
    `cache`: see `validate_dataset`.
    """
    return validate_dataset(quads, shapes_path, reports=reports, reference=reference, cache=cache)
