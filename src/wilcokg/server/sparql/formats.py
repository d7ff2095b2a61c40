"""The result formats the endpoint speaks, and the names and media types a client may ask for them by."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from wilcokg.server.sparql.query_text import QueryForm

_FORMATS_NS = "http://www.w3.org/ns/formats/"


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
    name: str
    media_type: str
    kind: ResultKind
    format_iri: str
    other_media_types: tuple[str, ...] = ()
    # Further values of the ``format`` parameter that mean this format, as other endpoints and
    # clients (SPARQLWrapper among them) spell it.
    other_names: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.other_media_types)

    @property
    def parameter_values(self) -> tuple[str, ...]:
        return (self.name, *self.other_names, *self.media_types)


# Order is the server's preference: the first format of a kind answers `Accept: */*`.
RESULT_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat(
        name="json",
        media_type="application/sparql-results+json",
        kind=ResultKind.SOLUTIONS,
        format_iri=_FORMATS_NS + "SPARQL_Results_JSON",
        other_media_types=("application/json",),
    ),
    ResultFormat(
        name="xml",
        media_type="application/sparql-results+xml",
        kind=ResultKind.SOLUTIONS,
        format_iri=_FORMATS_NS + "SPARQL_Results_XML",
        other_media_types=("application/xml", "text/xml"),
    ),
    ResultFormat(
        name="csv",
        media_type="text/csv",
        kind=ResultKind.SOLUTIONS,
        format_iri=_FORMATS_NS + "SPARQL_Results_CSV",
    ),
    ResultFormat(
        name="tsv",
        media_type="text/tab-separated-values",
        kind=ResultKind.SOLUTIONS,
        format_iri=_FORMATS_NS + "SPARQL_Results_TSV",
    ),
    ResultFormat(
        name="turtle",
        media_type="text/turtle",
        kind=ResultKind.GRAPH,
        format_iri=_FORMATS_NS + "Turtle",
        other_media_types=("application/x-turtle",),
        other_names=("ttl",),
    ),
    ResultFormat(
        name="ntriples",
        media_type="application/n-triples",
        kind=ResultKind.GRAPH,
        format_iri=_FORMATS_NS + "N-Triples",
        other_names=("nt", "n-triples"),
    ),
    ResultFormat(
        name="jsonld",
        media_type="application/ld+json",
        kind=ResultKind.GRAPH,
        format_iri=_FORMATS_NS + "JSON-LD",
        other_names=("json-ld", "json"),
    ),
    ResultFormat(
        name="rdfxml",
        media_type="application/rdf+xml",
        kind=ResultKind.GRAPH,
        format_iri=_FORMATS_NS + "RDF_XML",
        other_names=("rdf+xml", "rdf", "xml"),
    ),
    ResultFormat(
        name="trig",
        media_type="application/trig",
        kind=ResultKind.GRAPH,
        format_iri=_FORMATS_NS + "TriG",
    ),
    ResultFormat(
        name="nquads",
        media_type="application/n-quads",
        kind=ResultKind.GRAPH,
        format_iri=_FORMATS_NS + "N-Quads",
        other_names=("nq", "n-quads"),
    ),
)

GRAPH_FORMATS = tuple(result_format for result_format in RESULT_FORMATS if result_format.kind is ResultKind.GRAPH)


def formats_for(form: QueryForm) -> tuple[ResultFormat, ...]:
    kind = FORM_KINDS[form]
    return tuple(result_format for result_format in RESULT_FORMATS if result_format.kind is kind)


def formats_named(value: str) -> tuple[ResultFormat, ...]:
    """The formats a ``format`` parameter value may mean; "json" and "xml" name one of each kind."""
    wanted = value.strip().lower()
    return tuple(result_format for result_format in RESULT_FORMATS if wanted in result_format.parameter_values)
