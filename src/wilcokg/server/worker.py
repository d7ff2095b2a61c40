"""The query worker: a child process that answers jobs against a read-only store.

Queries run in their own processes because pyoxigraph cannot cancel one: a runaway query is
stopped by killing its worker.
"""

from __future__ import annotations

import signal
from collections.abc import Iterable
from itertools import islice
from multiprocessing.connection import Connection

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolution,
    QuerySolutions,
    Store,
    Triple,
    Variable,
    parse_query_results,
)

from wilcokg.server.jobs import FailureKind, QueryDataset, QueryFailure, QueryJob, QueryOutcome, QueryReply
from wilcokg.server.writers import GRAPH_WRITERS, SOLUTION_WRITERS, write_graph


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
        results = store.query(job.query, base_iri=base_iri, **_dataset_options(job.dataset))
        return serialize_results(results, job)
    except SyntaxError as error:
        return QueryFailure(FailureKind.SYNTAX, f"SPARQL syntax error: {error}")
    except Exception as error:  # an evaluation error ends this query, not the worker
        return QueryFailure(FailureKind.EVALUATION, f"{type(error).__name__}: {error}")


def _dataset_options(dataset: QueryDataset) -> dict[str, object]:
    options: dict[str, object] = {"use_default_graph_as_union": dataset.union_default_graph}
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
        return QueryOutcome(results.serialize(format=writer), truncated=False)
    return _solutions(results, writer, job)


def _unfit(job: QueryJob, produced: str) -> QueryFailure:
    return QueryFailure(FailureKind.UNACCEPTABLE, f"The query produces {produced}, not {job.result_format}.")


def _solutions(results: QuerySolutions, writer: QueryResultsFormat, job: QueryJob) -> QueryOutcome:
    variables = results.variables
    rows = list(islice(results, job.max_rows + 1))
    truncated = len(rows) > job.max_rows
    # pyoxigraph can only write a whole solution iterator, so the kept rows go through TSV (whose
    # cells are N-Triples terms) to become an iterator again.
    kept = parse_query_results(_as_tsv(variables, rows[: job.max_rows]), format=QueryResultsFormat.TSV)
    body = kept.serialize(format=writer) or b""
    if truncated and writer == QueryResultsFormat.JSON:
        body = _with_truncation_notice(body, job.max_rows)
    return QueryOutcome(body, truncated)


def _as_tsv(variables: list[Variable], rows: list[QuerySolution]) -> bytes:
    lines = ["\t".join(str(variable) for variable in variables)]
    lines.extend("\t".join("" if term is None else str(term) for term in row) for row in rows)
    return ("\n".join(lines) + "\n").encode()


def _with_truncation_notice(body: bytes, max_rows: int) -> bytes:
    notice = b'{"wilcokg":{"truncated":true,"max_rows":%d},' % max_rows
    return notice + body.removeprefix(b"{")
