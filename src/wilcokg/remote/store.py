"""A SPARQL 1.1 store as a publishing target: replace one named graph, count the triples of one.

A graph is replaced through the Graph Store HTTP Protocol when a graph store URL is given and works
(``PUT ?graph=`` replaces the graph in one request), else through SPARQL 1.1 Update (``DROP SILENT
GRAPH`` and ``INSERT DATA`` in one request). A graph larger than one batch is loaded into a staging
graph first and then moved over the target with ``MOVE``, so readers see the old or the new graph,
never a part of it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat

from wilcokg.remote.dump import GraphDump
from wilcokg.remote.http import Retries, StoreError, send

_COUNT_IN_GRAPH = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?graph { ?s ?p ?o } }"

NTRIPLES = RdfFormat.N_TRIPLES.media_type
RESULTS_JSON = QueryResultsFormat.JSON.media_type
# Answers meaning "no graph store here", after which SPARQL Update is used instead.
_NO_GRAPH_STORE = frozenset({404, 405, 406, 415, 501})


@dataclass(slots=True)
class StoreTarget:
    store: str
    client: httpx.Client
    graph_store: str | None = None
    # Where the count queries go when the store takes queries and updates at different URLs (GraphDB).
    query_endpoint: str | None = None
    retries: Retries = field(default_factory=Retries)
    notes: list[str] = field(default_factory=list)

    def replace(self, graph: GraphDump, batch_triples: int, sent: Callable[[int], None]) -> None:
        """Make the store's graph ``graph.iri`` hold exactly ``graph``'s triples; ``sent`` counts progress."""
        batches = list(graph.batches(batch_triples))
        if self.graph_store is not None:
            try:
                self._replace_by_graph_store(graph.iri, batches, sent)
                return
            except StoreError as error:
                if error.status not in _NO_GRAPH_STORE:
                    raise
                self.notes.append(
                    f"graph store {self.graph_store} answered {error}; using SPARQL Update on {self.store}"
                )
                self.graph_store = None
        self._replace_by_update(graph.iri, batches, sent)

    def count(self, iri: str) -> int:
        # The protocol has no bindings: the graph goes in as a term pyoxigraph validated and wrote.
        query = _COUNT_IN_GRAPH.replace("?graph", str(NamedNode(iri)))
        endpoint = self.query_endpoint or self.store
        response = self._send("POST", endpoint, data={"query": query}, headers={"Accept": RESULTS_JSON})
        try:
            bindings = json.loads(response.content)["results"]["bindings"]
            return int(bindings[0]["n"]["value"]) if bindings else 0
        except (ValueError, KeyError, IndexError) as error:
            raise StoreError(f"{endpoint} answered the count of <{iri}> with {response.text[:200]!r}") from error

    def _replace_by_graph_store(self, iri: str, batches: list[bytes], sent: Callable[[int], None]) -> None:
        assert self.graph_store is not None
        target = iri if len(batches) == 1 else staging_graph(iri)
        for number, batch in enumerate(batches):
            # PUT replaces whatever the graph held; POST adds to it.
            method = "PUT" if number == 0 else "POST"
            self._send(method, self.graph_store, params={"graph": target}, content=batch, headers=_NT_BODY)
            sent(_lines(batch))
        if target != iri:
            self._update(f"MOVE GRAPH <{target}> TO GRAPH <{iri}>")

    def _replace_by_update(self, iri: str, batches: list[bytes], sent: Callable[[int], None]) -> None:
        if len(batches) == 1:
            self._update(f"DROP SILENT GRAPH <{iri}> ;\n{_insert(iri, batches[0])}")
            sent(_lines(batches[0]))
            return
        staging = staging_graph(iri)
        for number, batch in enumerate(batches):
            drop = f"DROP SILENT GRAPH <{staging}> ;\n" if number == 0 else ""
            self._update(drop + _insert(staging, batch))
            sent(_lines(batch))
        self._update(f"MOVE GRAPH <{staging}> TO GRAPH <{iri}>")

    def _update(self, update: str) -> None:
        self._send("POST", self.store, data={"update": update})

    def _send(
        self,
        method: str,
        url: str,
        *,
        params: dict[str, str] | None = None,
        data: dict[str, str] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        def build() -> httpx.Request:
            return self.client.build_request(method, url, params=params, data=data, content=content, headers=headers)

        return send(self.client, build, self.retries)


def staging_graph(iri: str) -> str:
    """Where a graph is assembled before it replaces ``iri``: fixed, so that a rerun clears a leftover."""
    return f"urn:wilcokg:staging:{hashlib.sha256(iri.encode()).hexdigest()[:32]}"


_NT_BODY = {"Content-Type": NTRIPLES}


def _insert(iri: str, ntriples: bytes) -> str:
    # N-Triples lines are valid SPARQL triple patterns, escapes included.
    return f"INSERT DATA {{ GRAPH <{iri}> {{\n{ntriples.decode()}}} }}"


def _lines(ntriples: bytes) -> int:
    return ntriples.count(b"\n")
