"""The W3C SPARQL 1.1 Protocol and Service Description tests, replayed against a live server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pyoxigraph
import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from synthetic import served_dist

W3C = Path(__file__).parent / "fixtures" / "w3c"
PROTOCOL_MANIFEST = W3C / "sparql11-protocol" / "manifest.ttl"
SD_MANIFEST = W3C / "sparql11-service-description" / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

MANIFEST_ENDPOINT_PATH = "/sparql/"
ENDPOINT_PATH = "/sparql"
UPDATE_MEDIA_TYPE = "application/sparql-update"
RDF_MEDIA_TYPES = {
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "application/trig",
    "application/n-quads",
}


@dataclass(frozen=True, slots=True)
class ProtocolRequest:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    expected_status_classes: frozenset[int]
    expected_format: str | None
    expected_boolean: bool | None

    @property
    def is_update(self) -> bool:
        content_type = dict(self.headers).get("content-type", "")
        body = (self.body or b"").decode("utf-8", "replace")
        return content_type.startswith(UPDATE_MEDIA_TYPE) or "update=" in body or "update=" in self.path


@dataclass(frozen=True, slots=True)
class ProtocolTest:
    name: str
    title: str
    requests: tuple[ProtocolRequest, ...]


def _entries(graph: Graph) -> list[Node]:
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return list(Collection(graph, graph.value(manifest, MF.entries)))


def _local_name(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1]


def _status_class(node: Node) -> int:
    # hts:StatusCode2xx and its siblings name a class of statuses by their first digit.
    return int(_local_name(node).removeprefix("StatusCode")[0])


def _request(graph: Graph, node: Node) -> ProtocolRequest:
    headers = tuple(
        (str(graph.value(header, HT.fieldName)).lower(), str(graph.value(header, HT.fieldValue)))
        for header in Collection(graph, graph.value(node, HT.headers) or RDF.nil)
    )
    body_node = graph.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    expected_format = graph.value(response, MF.expectedFormat)
    expected_boolean = graph.value(response, MF.expectedBoolean)
    return ProtocolRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)).replace(MANIFEST_ENDPOINT_PATH, ENDPOINT_PATH, 1),
        headers=headers,
        body=body,
        expected_status_classes=frozenset(map(_status_class, graph.objects(response, MF.expectedStatus))),
        expected_format=None if expected_format is None else str(expected_format),
        expected_boolean=None if expected_boolean is None else bool(expected_boolean.toPython()),
    )


def load_protocol_tests(manifest: Path) -> list[ProtocolTest]:
    graph = Graph().parse(manifest, format="turtle")
    return [
        ProtocolTest(
            name=_local_name(entry),
            title=str(graph.value(entry, MF.name)),
            requests=tuple(
                _request(graph, node)
                for node in Collection(graph, graph.value(graph.value(entry, MF.action), HT.requests))
            ),
        )
        for entry in _entries(graph)
    ]


def graph_data(manifest: Path) -> dict[str, str]:
    """Data file name → graph name, for every ``ut:graphData`` of the manifest."""
    graph = Graph().parse(manifest, format="turtle")
    return {
        Path(urlsplit(str(graph.value(data, UT.graph))).path).name: str(graph.value(data, RDFS.label))
        for data in graph.objects(None, UT.graphData)
    }


PROTOCOL_TESTS = load_protocol_tests(PROTOCOL_MANIFEST)
SD_TESTS = [_local_name(entry) for entry in _entries(Graph().parse(SD_MANIFEST, format="turtle"))]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    quads = [
        pyoxigraph.Quad(triple.subject, triple.predicate, triple.object, pyoxigraph.NamedNode(graph_name))
        for file_name, graph_name in sorted(graph_data(PROTOCOL_MANIFEST).items())
        for triple in pyoxigraph.parse(path=PROTOCOL_MANIFEST.parent / file_name, format=pyoxigraph.RdfFormat.N_TRIPLES)
    ]
    return served_dist(tmp_path_factory.mktemp("w3c-dist"), quads)


@pytest.fixture(scope="module")
def tally(pytestconfig: pytest.Config) -> Iterator[dict[str, set[str]]]:
    passed: dict[str, set[str]] = {"protocol": set(), "service-description": set()}
    yield passed
    line = (
        f"W3C SPARQL 1.1 Protocol: {len(passed['protocol'])}/{len(PROTOCOL_TESTS)} passed; "
        f"Service Description: {len(passed['service-description'])}/{len(SD_TESTS)} passed"
    )
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\n{line}")


def _statements(response: httpx.Response) -> list[pyoxigraph.Triple | pyoxigraph.Quad]:
    media_type = response.headers["content-type"].split(";")[0].strip()
    return list(pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.from_media_type(media_type)))


def _check_format(response: httpx.Response, expected: ProtocolRequest) -> None:
    media_type = response.headers["content-type"].split(";")[0].strip()
    if expected.expected_format == "RDF":
        assert media_type in RDF_MEDIA_TYPES, media_type
        _statements(response)
        return
    results = pyoxigraph.parse_query_results(
        response.content, format=pyoxigraph.QueryResultsFormat.from_media_type(media_type)
    )
    if expected.expected_format == "boolean":
        assert isinstance(results, pyoxigraph.QueryBoolean), media_type
    if expected.expected_format == "tabular":
        assert isinstance(results, pyoxigraph.QuerySolutions), media_type
    if expected.expected_boolean is not None:
        assert bool(results) is expected.expected_boolean


@pytest.mark.parametrize("case", PROTOCOL_TESTS, ids=lambda case: case.name)
def test_w3c_protocol(case: ProtocolTest, base_url: str, tally: dict[str, set[str]]) -> None:
    update_refused = False
    with httpx.Client(base_url=base_url, timeout=10) as client:
        for expected in case.requests:
            response = client.request(
                expected.method, expected.path, headers=dict(expected.headers), content=expected.body
            )
            if expected.is_update:
                # A read-only endpoint passes the update tests by refusing every update with a 4xx.
                assert 400 <= response.status_code < 500, (response.status_code, response.text)
                update_refused = True
                continue
            assert response.status_code // 100 in expected.expected_status_classes, (
                response.status_code,
                response.text,
            )
            if expected.expected_format is not None and response.is_success and not update_refused:
                _check_format(response, expected)
    tally["protocol"].add(case.name)


def _description(base_url: str, accept: str | None) -> Graph:
    headers = {} if accept is None else {"Accept": accept}
    response = httpx.get(f"{base_url}{ENDPOINT_PATH}", headers=headers, timeout=10)
    assert response.status_code == 200, response.text
    as_ntriples = pyoxigraph.serialize(_statements(response), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=as_ntriples, format="nt")


def _service(graph: Graph) -> Node:
    services = list(graph.subjects(RDF.type, SD.Service))
    assert len(services) == 1
    return services[0]


def _returns_rdf(base_url: str, dist: Path) -> None:
    for accept in (None, "text/turtle", "application/rdf+xml", "application/ld+json", "application/n-triples"):
        assert len(_description(base_url, accept)) > 0


def _has_endpoint_triple(base_url: str, dist: Path) -> None:
    graph = _description(base_url, "text/turtle")
    assert (_service(graph), SD.endpoint, URIRef(f"{base_url}{ENDPOINT_PATH}")) in graph


def _conforms_to_schema(base_url: str, dist: Path) -> None:
    graph = _description(base_url, "text/turtle")
    service = _service(graph)
    assert set(graph.objects(service, SD.supportedLanguage)) <= {
        SD.SPARQL10Query,
        SD.SPARQL11Query,
        SD.SPARQL11Update,
    }
    assert SD.SPARQL11Query in set(graph.objects(service, SD.supportedLanguage))
    for predicate in (SD.endpoint, SD.resultFormat, SD.feature, SD.defaultEntailmentRegime):
        assert all(isinstance(value, URIRef) for value in graph.objects(service, predicate))
    assert SD.UnionDefaultGraph in set(graph.objects(service, SD.feature))
    dataset = graph.value(service, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in graph
    assert (graph.value(dataset, SD.defaultGraph), RDF.type, SD.Graph) in graph
    names = set()
    for named_graph in graph.objects(dataset, SD.namedGraph):
        assert (named_graph, RDF.type, SD.NamedGraph) in graph
        [name] = graph.objects(named_graph, SD.name)
        names.add(str(name))
    assert names == set(graph_data(PROTOCOL_MANIFEST).values())


SD_CHECKS: dict[str, Callable[[str, Path], None]] = {
    "returns-rdf": _returns_rdf,
    "has-endpoint-triple": _has_endpoint_triple,
    "conforms-to-schema": _conforms_to_schema,
}


@pytest.mark.parametrize("name", SD_TESTS)
def test_w3c_service_description(name: str, base_url: str, dist: Path, tally: dict[str, set[str]]) -> None:
    SD_CHECKS[name](base_url, dist)
    tally["service-description"].add(name)


def test_every_manifest_test_is_replayed() -> None:
    assert len(PROTOCOL_TESTS) == 34
    assert set(SD_TESTS) == set(SD_CHECKS)


# Behaviour beyond the W3C suite, on the same data.

DATA1 = "http://kasei.us/2009/09/sparql/data/data1.rdf"
DATA2 = "http://kasei.us/2009/09/sparql/data/data2.rdf"


def _ask(base_url: str, query: str, **params: str | list[str]) -> bool:
    response = httpx.get(
        f"{base_url}{ENDPOINT_PATH}",
        params={"query": query, **params},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


def test_default_graph_is_union_of_named_graphs(base_url: str) -> None:
    assert _ask(base_url, f"ASK {{ <{DATA1}> a ?t . <{DATA2}> a ?t }}")


def test_from_clause_replaces_union_default_graph(base_url: str) -> None:
    assert _ask(base_url, f"ASK FROM <{DATA1}> {{ <{DATA1}> a ?t }}")
    assert not _ask(base_url, f"ASK FROM <{DATA1}> {{ <{DATA2}> a ?t }}")


def test_protocol_dataset_replaces_union_default_graph(base_url: str) -> None:
    assert not _ask(base_url, f"ASK {{ <{DATA2}> a ?t }}", **{"default-graph-uri": DATA1})
    assert not _ask(base_url, f"ASK {{ <{DATA1}> a ?t }}", **{"named-graph-uri": DATA1})


@pytest.mark.parametrize(
    ("format_name", "media_type"),
    [
        ("turtle", "text/turtle"),
        ("ntriples", "application/n-triples"),
        ("jsonld", "application/ld+json"),
        ("rdfxml", "application/rdf+xml"),
        ("trig", "application/trig"),
        ("nquads", "application/n-quads"),
    ],
)
def test_construct_formats(base_url: str, format_name: str, media_type: str) -> None:
    query = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }"
    by_parameter = httpx.get(f"{base_url}{ENDPOINT_PATH}", params={"query": query, "format": format_name})
    by_accept = httpx.get(f"{base_url}{ENDPOINT_PATH}", params={"query": query}, headers={"Accept": media_type})
    for response in (by_parameter, by_accept):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == media_type
        assert len(_statements(response)) == 3


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
        ("application/*", "application/sparql-results+json"),
        ("*/*;q=0.1, application/sparql-results+json;q=0, text/csv;q=0.2", "text/csv"),
        ("text/html, */*;q=0.8", "application/sparql-results+json"),
    ],
)
def test_accept_negotiation_for_select(base_url: str, accept: str, media_type: str) -> None:
    response = httpx.get(
        f"{base_url}{ENDPOINT_PATH}", params={"query": "SELECT ?s { ?s a ?t }"}, headers={"Accept": accept}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type


def test_browser_without_query_is_sent_to_query_page(base_url: str) -> None:
    response = httpx.get(f"{base_url}{ENDPOINT_PATH}", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 303
    assert response.headers["location"] == "/query"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"params": {"query": "CLEAR ALL"}},
        {"params": {"query": "PREFIX ex: <http://example.org/> INSERT DATA { ex:s ex:p ex:o }"}},
        {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-query"}},
        {"data": {"update": "CLEAR ALL"}},
    ],
    ids=["get-query", "get-insert", "post-direct", "post-form"],
)
def test_update_sent_as_query_is_refused_as_read_only(base_url: str, request_kwargs: dict[str, Any]) -> None:
    method = "GET" if "params" in request_kwargs else "POST"
    response = httpx.request(method, f"{base_url}{ENDPOINT_PATH}", **request_kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text


def test_both_query_and_update_is_a_bad_request(base_url: str) -> None:
    response = httpx.post(f"{base_url}{ENDPOINT_PATH}", data={"query": "ASK {}", "update": "CLEAR ALL"})
    assert response.status_code == 400


def test_post_without_query_is_a_bad_request(base_url: str) -> None:
    response = httpx.post(f"{base_url}{ENDPOINT_PATH}", data={"format": "json"})
    assert response.status_code == 400


def test_plain_options_lists_methods(base_url: str) -> None:
    response = httpx.options(f"{base_url}{ENDPOINT_PATH}")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, POST, OPTIONS"
