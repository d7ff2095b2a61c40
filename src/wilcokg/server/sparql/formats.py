"""The result formats the endpoint speaks, and the names a client may ask for them by.

Each format's media types and format IRI are those of the pyoxigraph writer that produces it; this
table adds only what pyoxigraph does not know: the order of preference and the values of the
``format`` parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pyoxigraph import QueryResultsFormat, RdfFormat

from wilcokg.server.engine.query_text import QueryForm
from wilcokg.server.engine.writers import GRAPH_WRITERS, SOLUTION_WRITERS
from wilcokg.server.media_types import media_types

# pyoxigraph's IRI for JSON-LD (…/ns/formats/data/JSON-LD) is not the one the W3C's list of format
# IRIs registers: the service description keeps the registered one.
_FORMAT_IRIS: dict[RdfFormat | QueryResultsFormat, str] = {RdfFormat.JSON_LD: "http://www.w3.org/ns/formats/JSON-LD"}


class ResultKind(Enum):
    SOLUTIONS = "solutions"
    GRAPH = "graph"


FORM_KINDS: dict[QueryForm, ResultKind] = {
    QueryForm.SELECT: ResultKind.SOLUTIONS,
    QueryForm.ASK: ResultKind.SOLUTIONS,
    QueryForm.CONSTRUCT: ResultKind.GRAPH,
    QueryForm.DESCRIBE: ResultKind.GRAPH,
}


@dataclass(frozen=True, slots=True)
class ResultFormat:
    """A format by the name its writer has in the query jobs."""

    name: str
    # Further values of the ``format`` parameter that mean this format, as other endpoints and
    # clients (SPARQLWrapper among them) spell it.
    other_names: tuple[str, ...] = ()

    @property
    def syntax(self) -> RdfFormat | QueryResultsFormat:
        return GRAPH_WRITERS.get(self.name) or SOLUTION_WRITERS[self.name]

    @property
    def kind(self) -> ResultKind:
        return ResultKind.GRAPH if self.name in GRAPH_WRITERS else ResultKind.SOLUTIONS

    @property
    def media_type(self) -> str:
        return self.media_types[0]

    @property
    def format_iri(self) -> str:
        return _FORMAT_IRIS.get(self.syntax, self.syntax.iri)

    @property
    def media_types(self) -> tuple[str, ...]:
        return media_types(self.syntax)

    @property
    def parameter_values(self) -> tuple[str, ...]:
        return (self.name, *self.other_names, *self.media_types)


# Order is the server's preference: the first format of a kind answers `Accept: */*`.
RESULT_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("json"),
    ResultFormat("xml"),
    ResultFormat("csv"),
    ResultFormat("tsv"),
    ResultFormat("turtle", other_names=("ttl",)),
    ResultFormat("ntriples", other_names=("nt", "n-triples")),
    ResultFormat("jsonld", other_names=("json-ld", "json")),
    ResultFormat("rdfxml", other_names=("rdf+xml", "rdf", "xml")),
    ResultFormat("trig"),
    ResultFormat("nquads", other_names=("nq", "n-quads")),
)

GRAPH_FORMATS = tuple(result_format for result_format in RESULT_FORMATS if result_format.kind is ResultKind.GRAPH)


def formats_for(form: QueryForm) -> tuple[ResultFormat, ...]:
    kind = FORM_KINDS[form]
    return tuple(result_format for result_format in RESULT_FORMATS if result_format.kind is kind)


def formats_named(value: str) -> tuple[ResultFormat, ...]:
    """The formats a ``format`` parameter value may mean; "json" and "xml" name one of each kind."""
    wanted = value.strip().lower()
    return tuple(result_format for result_format in RESULT_FORMATS if wanted in result_format.parameter_values)
