"""The SPARQL 1.1 Service Description of the endpoint."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pyoxigraph import BlankNode, NamedNode, Triple

from wilcokg.server.sparql.formats import RESULT_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SIMPLE_ENTAILMENT = NamedNode("http://www.w3.org/ns/entailment/Simple")

PREFIXES = {
    "sd": SD,
    "formats": "http://www.w3.org/ns/formats/",
    "ent": "http://www.w3.org/ns/entailment/",
}


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def service_description(endpoint: str, named_graphs: Sequence[str], *, federated: bool) -> list[Triple]:
    return list(_statements(NamedNode(endpoint), named_graphs, federated=federated))


def _statements(endpoint: NamedNode, named_graphs: Sequence[str], *, federated: bool) -> Iterator[Triple]:
    service = BlankNode()
    yield Triple(service, _RDF_TYPE, _sd("Service"))
    yield Triple(service, _sd("endpoint"), endpoint)
    yield Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query"))
    yield Triple(service, _sd("defaultEntailmentRegime"), _SIMPLE_ENTAILMENT)
    yield Triple(service, _sd("feature"), _sd("UnionDefaultGraph"))
    if federated:
        yield Triple(service, _sd("feature"), _sd("BasicFederatedQuery"))
    for result_format in RESULT_FORMATS:
        yield Triple(service, _sd("resultFormat"), NamedNode(result_format.format_iri))

    dataset = BlankNode()
    default_graph = BlankNode()
    yield Triple(service, _sd("defaultDataset"), dataset)
    yield Triple(dataset, _RDF_TYPE, _sd("Dataset"))
    yield Triple(dataset, _sd("defaultGraph"), default_graph)
    yield Triple(default_graph, _RDF_TYPE, _sd("Graph"))
    for name in named_graphs:
        named_graph = BlankNode()
        yield Triple(dataset, _sd("namedGraph"), named_graph)
        yield Triple(named_graph, _RDF_TYPE, _sd("NamedGraph"))
        yield Triple(named_graph, _sd("name"), NamedNode(name))
