"""The query worker: a child process that answers jobs against a read-only store.

Queries run in their own processes because pyoxigraph cannot cancel one: a runaway query is
stopped by killing its worker.
"""

from __future__ import annotations

import signal
from collections.abc import Iterable
from itertools import islice
from multiprocessing.connection import Connection
from typing import TypedDict

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    Store,
    Triple,
    Variable,
)

from wilcokg.server.engine.jobs import FailureKind, QueryDataset, QueryFailure, QueryJob, QueryOutcome, QueryReply
from wilcokg.server.engine.query_text import limit_solutions
from wilcokg.server.engine.solution_rows import first_rows
from wilcokg.server.engine.writers import GRAPH_WRITERS, SOLUTION_WRITERS, write_graph


def serve(connection: Connection, store_path: str, base_iri: str) -> None:
    # Ctrl-C reaches the whole process group; the parent decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    store = Store.read_only(store_path)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(answer(store, job, base_iri))


def answer(store: Store, job: QueryJob, base_iri: str) -> QueryReply:
    try:
        return serialize_results(_evaluate(store, job, base_iri), job)
    except SyntaxError as error:
        return QueryFailure(FailureKind.SYNTAX, f"SPARQL syntax error: {error}")
    except Exception as error:  # an evaluation error ends this query, not the worker
        return QueryFailure(FailureKind.EVALUATION, f"{type(error).__name__}: {error}")


class _QueryOptions(TypedDict, total=False):
    """The keyword arguments of `Store.query` a job sets."""

    use_default_graph_as_union: bool
    default_graph: list[NamedNode | BlankNode | DefaultGraph]
    named_graphs: list[NamedNode | BlankNode]
    substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple]


def _evaluate(store: Store, job: QueryJob, base_iri: str) -> QuerySolutions | QueryBoolean | Iterable[Triple]:
    options = _dataset_options(job.dataset)
    options["substitutions"] = {Variable(name): term for name, term in job.bindings}
    # One solution beyond the cap tells that the answer was cut.
    limited = limit_solutions(job.query, job.max_rows + 1)
    try:
        return store.query(limited, base_iri=base_iri, **options)
    except SyntaxError:
        if limited == job.query:
            raise
        # Errors must point into the text the client sent. Should the added LIMIT ever break a query that
        # parses, that query runs as sent: its answer is cut to the cap all the same, only later.
        return store.query(job.query, base_iri=base_iri, **options)


def _dataset_options(dataset: QueryDataset) -> _QueryOptions:
    options: _QueryOptions = {"use_default_graph_as_union": dataset.union_default_graph}
    if dataset.default_graphs is not None:
        options["default_graph"] = [NamedNode(iri) for iri in dataset.default_graphs]
    if dataset.named_graphs is not None:
        options["named_graphs"] = [NamedNode(iri) for iri in dataset.named_graphs]
    return options


def serialize_results(results: QuerySolutions | QueryBoolean | Iterable[Triple], job: QueryJob) -> QueryReply:
    """The results written in the job's format, at most ``job.max_rows`` rows or triples of them."""
    if not isinstance(results, QuerySolutions | QueryBoolean):
        if job.result_format not in GRAPH_WRITERS:
            return _unfit(job, "a graph")
        triples = list(islice(results, job.max_rows + 1))
        return QueryOutcome(write_graph(triples[: job.max_rows], job.result_format), len(triples) > job.max_rows)
    writer = SOLUTION_WRITERS.get(job.result_format)
    if writer is None:
        return _unfit(job, "a result table or boolean")
    if isinstance(results, QueryBoolean):
        return QueryOutcome(results.serialize(format=writer) or b"", truncated=False)
    return _solutions(results, writer, job)


def _unfit(job: QueryJob, produced: str) -> QueryFailure:
    return QueryFailure(FailureKind.UNACCEPTABLE, f"The query produces {produced}, not {job.result_format}.")


def _solutions(results: QuerySolutions, writer: QueryResultsFormat, job: QueryJob) -> QueryOutcome:
    body = results.serialize(format=writer) or b""
    cut = first_rows(body, writer, job.max_rows)
    if cut is None:
        return QueryOutcome(body, truncated=False)
    if writer == QueryResultsFormat.JSON:
        cut = _with_truncation_notice(cut, job.max_rows)
    return QueryOutcome(cut, truncated=True)


def _with_truncation_notice(body: bytes, max_rows: int) -> bytes:
    notice = b'{"wilcokg":{"truncated":true,"max_rows":%d},' % max_rows
    return notice + body.removeprefix(b"{")
