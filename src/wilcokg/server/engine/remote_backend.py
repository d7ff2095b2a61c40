"""Query jobs answered by an external SPARQL 1.1 endpoint instead of the embedded store.

The backend's answer is parsed and written again by the same writers the query workers use, so a
page or a client sees the same formats, row cap and truncation notice whichever store answers. For
that the backend is asked for what every store writes and pyoxigraph reads back: SPARQL JSON results
for SELECT and ASK, N-Triples or Turtle for CONSTRUCT and DESCRIBE (CSV, for one, cannot be read back).

A query without a dataset of its own sees the union of the dataset's graphs, as on the embedded store.
The backend's default graph is taken to be the union of its graphs (Virtuoso's is, unless its ini sets
``[SPARQL] DefaultGraph``; Fuseki needs ``tdb2:unionDefaultGraph true``; GraphDB's is). Graphs the
backend holds beyond the dataset's (Virtuoso's system graphs, found at start) are kept out of sight:
Virtuoso is told to exclude them, any other store is given the dataset's graphs as the protocol dataset.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

from wilcokg.server.engine.executor import QueryTimeout
from wilcokg.server.engine.jobs import FailureKind, QueryFailure, QueryJob, QueryReply
from wilcokg.server.engine.query_text import substitute
from wilcokg.server.engine.worker import serialize_results
from wilcokg.server.engine.writers import GRAPH_WRITERS
from wilcokg.wording import counted

RESULTS_JSON = QueryResultsFormat.JSON.media_type
_GRAPH_ACCEPT = f"{RdfFormat.N_TRIPLES.media_type}, {RdfFormat.TURTLE.media_type};q=0.9"
_SOLUTIONS_ACCEPT = f"{RESULTS_JSON}, application/json;q=0.9"
# Virtuoso answers a query that hit its `timeout` parameter with the rows found so far and this state.
_VIRTUOSO_PARTIAL = "S1TAT"

_log = logging.getLogger(__name__)


class BackendUnavailable(RuntimeError):
    pass


def check_backend(endpoint: str) -> None:
    """Fail early, with one line, when the backend does not answer at all."""
    try:
        response = httpx.post(endpoint, data={"query": "ASK {}"}, headers={"Accept": RESULTS_JSON}, timeout=10)
        # Not raise_for_status(): its message runs over two lines.
        problem = None if response.is_success else f"HTTP {response.status_code} {response.reason_phrase}"
    except httpx.HTTPError as error:
        problem = str(error)
    if problem is not None:
        raise BackendUnavailable(f"the SPARQL backend {endpoint} does not answer a test query: {problem}")


class RemoteExecutor:
    """Sends each job to ``endpoint`` by HTTP POST, at most ``workers`` at a time, within ``timeout`` seconds.

    The limit covers waiting for a connection too, as the embedded executor's covers queueing. A query
    cut off here is abandoned, not killed: stopping it is the backend's job, so Virtuoso is passed the
    limit as its `timeout` parameter.
    """

    def __init__(self, endpoint: str, graphs: tuple[str, ...], *, workers: int, timeout: float, base_iri: str) -> None:
        self._endpoint = endpoint
        self._graphs = graphs
        self._timeout = timeout
        self._base_iri = base_iri
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout), limits=httpx.Limits(max_connections=workers), follow_redirects=True
        )
        self._virtuoso = False
        self._foreign_graphs: tuple[str, ...] = ()

    async def start(self) -> None:
        # GROUP BY, not DISTINCT: Virtuoso answers this in milliseconds and the DISTINCT form in seconds.
        query = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        try:
            response = await self._client.post(
                self._endpoint, data={"query": query}, headers={"Accept": RESULTS_JSON}, timeout=None
            )
            response.raise_for_status()
            rows = json.loads(response.content)["results"]["bindings"]
        except (httpx.HTTPError, ValueError, KeyError) as error:
            raise BackendUnavailable(f"the SPARQL backend {self._endpoint} cannot list its graphs: {error}") from error
        self._virtuoso = response.headers.get("server", "").startswith("Virtuoso")
        backend_graphs = {row["g"]["value"] for row in rows if "g" in row}
        self._foreign_graphs = tuple(sorted(backend_graphs - set(self._graphs)))
        _log.info(
            "answering queries with %s%s; hiding its %s",
            self._endpoint,
            " (Virtuoso)" if self._virtuoso else "",
            counted(len(self._foreign_graphs), "other graph"),
        )

    async def stop(self) -> None:
        await self._client.aclose()

    async def execute(self, job: QueryJob) -> QueryReply:
        graph_job = job.result_format in GRAPH_WRITERS
        headers = {"Accept": _GRAPH_ACCEPT if graph_job else _SOLUTIONS_ACCEPT}
        try:
            async with asyncio.timeout(self._timeout):
                response = await self._client.post(self._endpoint, data=self._parameters(job), headers=headers)
        except (TimeoutError, httpx.TimeoutException) as error:
            raise QueryTimeout(self._timeout) from error
        except httpx.TransportError as error:
            return QueryFailure(FailureKind.EVALUATION, f"The SPARQL backend cannot be reached: {error}")
        if response.headers.get("x-sql-state") == _VIRTUOSO_PARTIAL:
            raise QueryTimeout(self._timeout)
        if response.status_code == 400:
            # Virtuoso appends the query it was sent, pragmas and all: the client has its own.
            message = response.text.split("\n\nSPARQL query:")[0].strip()
            return QueryFailure(FailureKind.SYNTAX, f"SPARQL syntax error: {message}")
        if not response.is_success:
            message = response.text.strip() or response.reason_phrase
            return QueryFailure(
                FailureKind.EVALUATION, f"The SPARQL backend answered {response.status_code}: {message}"
            )
        try:
            # Parsing and writing a large answer takes a while: off the event loop, as the workers do it.
            return await asyncio.to_thread(_rewrite, response, job)
        except (SyntaxError, ValueError) as error:
            return QueryFailure(FailureKind.EVALUATION, f"The SPARQL backend's answer is unreadable: {error}")

    def _parameters(self, job: QueryJob) -> dict[str, str | list[str]]:
        # The query is resolved against the site's base IRI, as the embedded store resolves it; a BASE of
        # the query's own comes later and wins. Same line, so the backend's line numbers stay right.
        query = f"BASE <{self._base_iri}> {substitute(job.query, job.bindings)}"
        default_graphs, named_graphs = job.dataset.default_graphs, job.dataset.named_graphs
        if job.dataset.union_default_graph and self._foreign_graphs:
            if self._virtuoso:
                query = _virtuoso_exclusions(self._foreign_graphs) + query
            else:
                default_graphs = named_graphs = self._graphs
        parameters: dict[str, str | list[str]] = {"query": query}
        if default_graphs:
            parameters["default-graph-uri"] = list(default_graphs)
        if named_graphs:
            parameters["named-graph-uri"] = list(named_graphs)
        if self._virtuoso:
            parameters["timeout"] = str(int(self._timeout * 1000))
        return parameters


def _virtuoso_exclusions(graphs: tuple[str, ...]) -> str:
    """Virtuoso's pragmas that keep ``graphs`` out of the default graph and out of ``GRAPH ?g``."""
    return "".join(
        f"define input:default-graph-exclude <{iri}> define input:named-graph-exclude <{iri}> " for iri in graphs
    )


def _rewrite(response: httpx.Response, job: QueryJob) -> QueryReply:
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type in (RESULTS_JSON, "application/json"):
        results = parse_query_results(_readable_json(response.content), format=QueryResultsFormat.JSON)
        return serialize_results(results, job)
    rdf_format = RdfFormat.from_media_type(media_type)
    if rdf_format is None:
        raise ValueError(f"unexpected media type {media_type!r}")
    return serialize_results((quad.triple for quad in parse(response.content, format=rdf_format)), job)


def _readable_json(body: bytes) -> bytes:
    """SPARQL JSON results that pyoxigraph accepts: Virtuoso labels blank nodes ``nodeID://b123``, which
    is no blank node label, so every label is replaced by a fresh one (consistently within the answer)."""
    document: dict[str, Any] = json.loads(body)
    labels: dict[str, str] = {}
    for row in document.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = labels.setdefault(term["value"], f"b{len(labels)}")
    return json.dumps(document).encode()
