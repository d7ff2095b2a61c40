"""Read-only queries for the site's pages, answered by the same query workers as /sparql."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

from wilcokg.server.engine.jobs import BoundTerm, QueryDataset, QueryFailure, QueryJob, QueryReply
from wilcokg.server.engine.writers import readable_turtle


class Executes(Protocol):
    async def execute(self, job: QueryJob) -> QueryReply: ...


class QueryEngine(Executes, Protocol):
    """What answers a server's queries for as long as it runs: worker processes, a remote backend, or
    whatever a caller of `create_app` supplies."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class GraphReadError(Exception):
    """A page's query failed: a bug in the page or a store that is not what the page expects."""


@dataclass(frozen=True, slots=True)
class Term:
    """One value of a SPARQL JSON result: `kind` is uri, literal or bnode."""

    kind: str
    value: str
    language: str | None = None
    datatype: str | None = None

    @property
    def is_iri(self) -> bool:
        return self.kind == "uri"


Row = dict[str, Term]


def _term(binding: dict[str, str]) -> Term:
    return Term(binding["type"], binding["value"], binding.get("xml:lang"), binding.get("datatype"))


class GraphReader:
    """Runs the page queries; keyword arguments bind the query's variables of those names."""

    def __init__(self, executor: Executes, max_rows: int = 10_000) -> None:
        self._executor = executor
        self._max_rows = max_rows

    async def _run(self, query: str, result_format: str, bindings: dict[str, BoundTerm]) -> bytes:
        job = QueryJob(query, QueryDataset(), result_format, self._max_rows, tuple(bindings.items()))
        reply = await self._executor.execute(job)
        if isinstance(reply, QueryFailure):
            raise GraphReadError(reply.message)
        return reply.body

    async def select(self, query: str, **bindings: BoundTerm) -> list[Row]:
        document = json.loads(await self._run(query, "json", bindings))
        return [{name: _term(binding) for name, binding in row.items()} for row in document["results"]["bindings"]]

    async def ask(self, query: str, **bindings: BoundTerm) -> bool:
        return bool(json.loads(await self._run(query, "json", bindings))["boolean"])

    async def graph(self, query: str, result_format: str, **bindings: BoundTerm) -> bytes:
        """A CONSTRUCT or DESCRIBE result written in one of the graph formats (turtle, jsonld, ntriples)."""
        if result_format == "turtle":
            # The pages' Turtle is for people to read: written here, where the prefixes are known.
            return readable_turtle(await self._run(query, "ntriples", bindings))
        return await self._run(query, result_format, bindings)
