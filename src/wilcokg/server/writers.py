"""Serialization of query results with pyoxigraph's writers, keyed by result format name."""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import Quad, QueryResultsFormat, RdfFormat, Triple, serialize

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
    return serialize(statements, format=rdf_format, prefixes=prefixes) or b""
