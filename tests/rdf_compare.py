"""Compare what pyoxigraph and rdflib read, term by term (the graphs have no blank nodes)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib


def rdflib_term(term: ox.NamedNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == str(rdflib.XSD.string):
        return rdflib.Literal(term.value)  # RDF 1.1 simple literal: rdflib leaves the datatype out
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def as_keys(triples: Iterable[tuple[rdflib.term.Node, ...]]) -> set[tuple[str, ...]]:
    """Terms as N-Triples strings, so that equal literals compare equal whatever their Python value."""
    return {tuple(term.n3() for term in triple) for triple in triples}


def oxigraph_keys(quads: Iterable[ox.Quad], with_graph: bool = False) -> set[tuple[str, ...]]:
    keys = set()
    for quad in quads:
        terms = [quad.subject, quad.predicate, quad.object] + ([quad.graph_name] if with_graph else [])
        keys.add(tuple(rdflib_term(t).n3() for t in terms))
    return keys
