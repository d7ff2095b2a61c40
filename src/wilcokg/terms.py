"""Typed access to pyoxigraph terms, query results and serializations.

pyoxigraph types a quad's subject as `NamedNode | BlankNode | Triple`, its object as any term, a query's
result as solutions, a boolean or triples, and a serialization as bytes or None (None when written to a
file); the graph this project builds holds no RDF 1.2 triple terms, and each query here knows its form,
so one check here replaces a cast at every use.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    serialize,
)

Term = NamedNode | BlankNode | Literal | Triple | DefaultGraph
Object = NamedNode | BlankNode | Literal | Triple
"""What pyoxigraph types a quad's object as."""


def value(term: Term) -> str:
    """The IRI, blank node id or lexical form of `term`; a triple term or the default graph is a TypeError."""
    if isinstance(term, NamedNode | BlankNode | Literal):
        return term.value
    raise TypeError(f"expected an IRI, a blank node or a literal, not {term!r}")


def solutions(result: QuerySolutions | QueryBoolean | QueryTriples) -> QuerySolutions:
    """A SELECT query's result; an ASK or CONSTRUCT result is a TypeError."""
    if isinstance(result, QuerySolutions):
        return result
    raise TypeError(f"expected the solutions of a SELECT query, not {type(result).__name__}")


def serialized(
    statements: Iterable[Triple] | Iterable[Quad], rdf_format: RdfFormat, prefixes: dict[str, str] | None = None
) -> bytes:
    """`statements` written in `rdf_format`, in memory."""
    data = serialize(statements, format=rdf_format, prefixes=prefixes)
    if data is None:
        raise TypeError("pyoxigraph wrote to a file when asked for bytes")
    return data


def subject_of(line: bytes) -> bytes:
    """The subject of an N-Triples line (N-Triples writes no space inside a subject)."""
    return line[: line.index(b" ")]
