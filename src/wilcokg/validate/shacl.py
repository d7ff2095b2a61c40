"""Shapes and results: the shapes parsed once per process, the SHACL engine run on a graph, its
results read as `Violation`s that compare across processes."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyshacl
import pyshacl_turbo
from pyoxigraph import RdfFormat, Triple, parse
from pyshacl.errors import ReportableRuntimeError
from pyshacl_turbo import ReportableRuntimeError as TurboReportableRuntimeError
from rdflib import RDF, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from wilcokg.collector import cycle_collection_paused
from wilcokg.errors import InputError, os_reason
from wilcokg.validate.rdf_bridge import rdflib_graph
from wilcokg.validate.rdf_files import read_rdf
from wilcokg.validate.report import Violation


@functools.cache
def _shapes_graph(path: str, stamp: tuple[int, int]) -> Graph:
    """The shapes, parsed once per process and file version (`stamp`: modification time and size)."""
    del stamp
    return rdflib_graph((quad.triple for quad in read_rdf([Path(path)])), Graph())


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


REFERENCE_ENGINE = functools.partial(pyshacl.validate, inference="none", advanced=True, inplace=True)
"""pySHACL, the reference every result of ours is tested against. advanced: the shapes use SPARQL
targets; inplace: the graph is ours, pySHACL need not copy it."""
_ENGINE = functools.partial(pyshacl_turbo.validate, inference="none", advanced=True)
"""pyshacl-turbo, a SHACL engine in Rust with pySHACL's interface: the build's engine. It gives the
same results as pySHACL on every defect the tests plant and validates a shard in about half the time."""


def run_shacl(
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


def engine_graph(triples: Iterable[Triple]) -> Graph:
    return rdflib_graph(triples, Graph())


def run_serialized(
    shapes_path: str, ntriples: bytes, owned: frozenset[str] | None
) -> list[Violation] | tuple[str, int, str]:
    """A worker process's task: the shard arrives as N-Triples, cheaper to send than Python objects.

    An InputError comes back as its parts: the exception itself cannot be unpickled.
    """
    try:
        with cycle_collection_paused():
            return run_shacl(engine_graph(parse(ntriples, format=RdfFormat.N_TRIPLES)), shapes_path, owned)
    except InputError as error:
        return error.source, error.line, error.message
