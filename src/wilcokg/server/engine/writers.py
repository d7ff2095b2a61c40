"""Serialization of query results with pyoxigraph's writers, keyed by result format name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, RdfFormat, Triple, parse

from wilcokg.terms import serialized
from wilcokg.vocab import PREFIXES

# A local name that Turtle takes as it is: no escapes, no final dot.
_PLAIN_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*")

SOLUTION_WRITERS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}

GRAPH_WRITERS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
}


def write_graph(triples: Sequence[Triple], format_name: str, prefixes: dict[str, str] | None = None) -> bytes:
    rdf_format = GRAPH_WRITERS[format_name]
    # Dataset formats only take quads: the triples go to the default graph.
    statements = [Quad(*triple) for triple in triples] if rdf_format.supports_datasets else triples
    return serialized(statements, rdf_format, prefixes)


def readable_turtle(ntriples: bytes) -> bytes:
    """N-Triples rewritten as Turtle for people: `@prefix` lines for the namespaces the triples use."""
    triples = list(parse(ntriples, format=RdfFormat.N_TRIPLES))
    return write_graph(triples, "turtle", prefixes=_used_prefixes(triples))


def _used_prefixes(triples: Iterable[Triple]) -> dict[str, str]:
    """The prefixes of the namespaces the triples use, leaving out any that would need escapes in a name:
    `gn:2998324\\/` says less to a reader than the IRI written in full."""
    iris = set()
    for triple in triples:
        for term in triple:
            if isinstance(term, NamedNode):
                iris.add(term.value)
            elif isinstance(term, Literal):
                iris.add(term.datatype.value)
    used = {}
    for prefix, namespace in PREFIXES.items():
        local_names = [iri[len(namespace) :] for iri in iris if iri.startswith(namespace) and len(iri) > len(namespace)]
        if local_names and all(_PLAIN_NAME.fullmatch(name) for name in local_names):
            used[prefix] = namespace
    return used
