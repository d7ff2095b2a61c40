"""Typed access to pyoxigraph terms: the value of a node that must be an IRI, a blank node or a literal.

pyoxigraph types a quad's subject as `NamedNode | BlankNode | Triple` and its object as any term; the
graph this project builds holds no RDF 1.2 triple terms, so one check here replaces a cast at every use.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Triple

Term = NamedNode | BlankNode | Literal | Triple | DefaultGraph


def value(term: Term) -> str:
    """The IRI, blank node id or lexical form of `term`; a triple term or the default graph is a TypeError."""
    if isinstance(term, NamedNode | BlankNode | Literal):
        return term.value
    raise TypeError(f"expected an IRI, a blank node or a literal, not {term!r}")
