"""The result formats the endpoint speaks, and content negotiation over them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

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


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str
    subtype: str
    quality: float
    position: int

    def specificity(self, media_type: str) -> int | None:
        """How precisely this range matches the media type (2 exact, 1 subtype wildcard, 0 */*)."""
        type_, _, subtype = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != type_:
            return None
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == subtype else None


def parse_accept(header: str) -> tuple[MediaRange, ...]:
    ranges = []
    for position, item in enumerate(header.split(",")):
        media_range, *parameters = (part.strip() for part in item.split(";"))
        type_, slash, subtype = media_range.lower().partition("/")
        if not slash or not type_ or not subtype:
            continue
        ranges.append(MediaRange(type_, subtype, _quality(parameters), position))
    return tuple(ranges)


def _quality(parameters: Iterable[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


Offer = TypeVar("Offer")


def negotiate(
    accept: str | None, offers: Sequence[Offer], media_types: Callable[[Offer], Iterable[str]]
) -> Offer | None:
    """The offer the client likes best, ties going to the earlier offer; None if none is acceptable.

    ``media_types(offer)`` gives the offer's own media type first: it is what the response will be
    labelled with, so only it may match wildcards; the aliases after it count when named exactly.
    Each media type takes the quality of the most specific range that matches it (RFC 9110 §12.5.1),
    so ``*/*, text/csv;q=0`` excludes CSV.
    """
    if not offers:
        return None
    if accept is None or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    best: Offer | None = None
    best_rank: tuple[float, int] = (0.0, 0)
    for offer in offers:
        own, *aliases = media_types(offer)
        rank = max([_rank(ranges, own, wildcards=True), *(_rank(ranges, alias, wildcards=False) for alias in aliases)])
        if rank[0] > 0 and rank > best_rank:
            best, best_rank = offer, rank
    return best


def _rank(ranges: Sequence[MediaRange], media_type: str, *, wildcards: bool) -> tuple[float, int]:
    """Quality of the most specific matching range, then the client's listing order as tie-break."""
    matches = [
        (specificity, media_range)
        for media_range in ranges
        if (specificity := media_range.specificity(media_type)) is not None and (wildcards or specificity == 2)
    ]
    if not matches:
        return (0.0, 0)
    specificity, media_range = max(matches, key=lambda match: (match[0], -match[1].position))
    return (media_range.quality, -media_range.position if specificity else -len(ranges))
