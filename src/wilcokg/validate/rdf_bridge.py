"""pyoxigraph ⇄ rdflib: the build holds pyoxigraph terms, pySHACL reads rdflib graphs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, QueryBoolean, QuerySolutions, Store, Triple, Variable
from pyoxigraph import Literal as OxLiteral
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib import Variable as RdfVariable
from rdflib.query import Result
from rdflib.term import Identifier, Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _to_rdflib(term: NamedNode | BlankNode | OxLiteral | Triple, cache: dict[Any, Identifier]) -> Identifier:
    converted = cache.get(term)
    if converted is None:
        if isinstance(term, NamedNode):
            converted = URIRef(term.value)
        elif isinstance(term, BlankNode):
            converted = BNode(term.value)
        elif isinstance(term, Triple):
            raise TypeError(f"rdflib holds no triple terms: {term!r}")
        elif term.language:
            converted = RdfLiteral(term.value, lang=term.language)
        elif term.datatype.value == _XSD_STRING:
            # rdflib writes a plain string without a datatype, as it parses one from Turtle.
            converted = RdfLiteral(term.value)
        else:
            converted = RdfLiteral(term.value, datatype=URIRef(term.datatype.value))
        cache[term] = converted
    return converted


def _to_oxigraph(node: Node) -> NamedNode | BlankNode | OxLiteral:
    if isinstance(node, URIRef):
        return NamedNode(str(node))
    if isinstance(node, BNode):
        return BlankNode(str(node))
    if isinstance(node, RdfLiteral):
        if node.language:
            return OxLiteral(str(node), language=node.language)
        return OxLiteral(str(node), datatype=NamedNode(str(node.datatype or _XSD_STRING)))
    raise TypeError(f"cannot bind {node!r} in a SPARQL query")


def rdflib_graph(triples: Iterable[Triple], graph: Graph) -> Graph:
    cache: dict[Any, Identifier] = {}
    graph.addN(
        (_to_rdflib(t.subject, cache), _to_rdflib(t.predicate, cache), _to_rdflib(t.object, cache), graph)
        for t in triples
    )
    return graph


class DataGraph(Graph):
    """An rdflib graph whose SPARQL queries run on an oxigraph copy of the same triples.

    pyshacl reads triples through rdflib, which is fast, and runs SPARQL constraints and targets
    through `Graph.query`, which in rdflib parses the query text again on every call: tens of
    milliseconds for each focus node of each SPARQL constraint.
    """

    def __init__(self, triples: Iterable[Triple]) -> None:
        super().__init__()
        kept = list(triples)
        self.oxigraph = Store()
        self.oxigraph.bulk_extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in kept)
        rdflib_graph(kept, self)

    def query(  # type: ignore[override]
        self,
        query_object: str,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Mapping[str, Any] | None = None,
        initBindings: Mapping[str, Node] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        del processor, result, use_store_provided, kwargs
        if not isinstance(query_object, str):
            raise TypeError("only SPARQL text can be run on the oxigraph copy")
        substitutions: dict[Variable, NamedNode | BlankNode | OxLiteral | Triple] = {
            Variable(str(k)): _to_oxigraph(v) for k, v in (initBindings or {}).items()
        }
        prefixes = {prefix: str(namespace) for prefix, namespace in (initNs or {}).items()}
        answer = self.oxigraph.query(query_object, prefixes=prefixes, substitutions=substitutions)
        if isinstance(answer, QueryBoolean):
            boolean = Result("ASK")
            boolean.askAnswer = bool(answer)
            return boolean
        if not isinstance(answer, QuerySolutions):
            raise TypeError("pyshacl asked for a CONSTRUCT query, which shapes/ does not use")
        cache: dict[Any, Identifier] = {}
        solutions = Result("SELECT")
        solutions.vars = [RdfVariable(v.value) for v in answer.variables]
        solutions.bindings = [
            {var: _to_rdflib(value, cache) for var, value in zip(solutions.vars, row, strict=True) if value}
            for row in answer
        ]
        return solutions
