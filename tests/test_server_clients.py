"""Real SPARQL clients (SPARQLWrapper, rdflib) against a live server."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from xml.dom.minidom import Document

import pyoxigraph
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from live_server import live_server
from synthetic import served_dist, trig

SAMPLE_TRIG = """
@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/wilco/> .
@prefix graph: <https://example.org/wilco/graph/> .
@prefix initiative: <https://example.org/wilco/initiative/> .

graph:initiatives {
    initiative:repair-cafe a schema:Project ;
        schema:name "Repair café" ;
        schema:location ex:gent .
    initiative:kitchen a schema:Project ;
        schema:name "Community kitchen"@en ;
        schema:location ex:leuven .
}
graph:places {
    ex:gent a schema:City ; schema:name "Gent" ; schema:population 263000 .
    ex:leuven a schema:City ; schema:name "Leuven" .
}
graph:chapters {
    ex:chapter-3 a schema:Chapter ;
        schema:name "Local welfare\\tand \\"care\\"" ;
        schema:about initiative:repair-cafe , initiative:kitchen .
}
"""

SCHEMA = Namespace("https://schema.org/")
EX = Namespace("https://example.org/wilco/")
PROJECT_NAMES = ["Community kitchen", "Repair café"]
PROJECT_QUERY = """
PREFIX schema: <https://schema.org/>
SELECT ?name WHERE { ?project a schema:Project ; schema:name ?name } ORDER BY ?name
"""


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    dist = served_dist(tmp_path_factory.mktemp("clients-dist"), trig(SAMPLE_TRIG))
    with live_server(dist, tmp_path_factory.mktemp("clients-server")) as base_url:
        yield f"{base_url}/sparql"


def _as_bytes(converted: object) -> bytes:
    if isinstance(converted, Document):
        return converted.toxml("utf-8")
    if isinstance(converted, str):
        return converted.encode()
    assert isinstance(converted, bytes), type(converted)
    return converted


def _names_from_json(converted: object) -> list[str]:
    assert isinstance(converted, dict)
    return [binding["name"]["value"] for binding in converted["results"]["bindings"]]


def _names_from_csv(converted: object) -> list[str]:
    rows = list(csv.reader(io.StringIO(_as_bytes(converted).decode())))
    assert rows[0] == ["name"]
    return [row[0] for row in rows[1:]]


def _names_parsed_as(results_format: pyoxigraph.QueryResultsFormat) -> Callable[[object], list[str]]:
    def names(converted: object) -> list[str]:
        solutions = pyoxigraph.parse_query_results(_as_bytes(converted), format=results_format)
        assert isinstance(solutions, pyoxigraph.QuerySolutions)
        return [solution["name"].value for solution in solutions]

    return names


READERS: dict[str, Callable[[object], list[str]]] = {
    JSON: _names_from_json,
    XML: _names_parsed_as(pyoxigraph.QueryResultsFormat.XML),
    CSV: _names_from_csv,
    TSV: _names_parsed_as(pyoxigraph.QueryResultsFormat.TSV),
}


@pytest.mark.parametrize("return_format", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize(("method", "request_method"), [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)])
def test_sparqlwrapper_select(endpoint: str, method: str, request_method: str, return_format: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    client.setReturnFormat(return_format)
    client.setQuery(PROJECT_QUERY)
    assert READERS[return_format](client.queryAndConvert()) == PROJECT_NAMES


@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_ask(endpoint: str, method: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setMethod(method)
    client.setReturnFormat(JSON)
    client.setQuery("ASK { <https://example.org/wilco/gent> a <https://schema.org/City> }")
    converted = client.queryAndConvert()
    assert isinstance(converted, dict)
    assert converted["boolean"] is True


def test_sparqlwrapper_construct_as_turtle_parsed_by_rdflib(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(TURTLE)
    client.setQuery(
        """
        PREFIX schema: <https://schema.org/>
        CONSTRUCT { ?chapter schema:about ?project . ?project schema:name ?name }
        WHERE { ?chapter schema:about ?project . ?project schema:name ?name }
        """
    )
    graph = Graph().parse(data=_as_bytes(client.queryAndConvert()), format="turtle")
    assert len(graph) == 4
    assert (EX["chapter-3"], SCHEMA.about, URIRef("https://example.org/wilco/initiative/kitchen")) in graph
    assert Literal("Repair café") in set(graph.objects(None, SCHEMA.name))


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_rdflib_sparqlstore(endpoint: str, method: str) -> None:
    store = SPARQLStore(endpoint, method=method)
    rows = list(store.query(PROJECT_QUERY))
    assert [str(row[0]) for row in rows] == PROJECT_NAMES
    graph = Graph(store=store)
    cities = set(graph.subjects(RDF.type, SCHEMA.City))
    assert cities == {EX.gent, EX.leuven}
    assert graph.value(EX.gent, SCHEMA.population) == Literal(263000)


def test_rdflib_sparqlstore_sees_literals_with_escapes(endpoint: str) -> None:
    store = SPARQLStore(endpoint)
    rows = list(store.query("SELECT ?name { <https://example.org/wilco/chapter-3> <https://schema.org/name> ?name }"))
    assert [str(row[0]) for row in rows] == ['Local welfare\tand "care"']
