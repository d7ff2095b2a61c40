"""Virtuoso as the scale-out store: publishing into it, the canned queries on it, and `wilcokg serve
--backend` in front of it. One Virtuoso per module, started from a throw-away database."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, Store, parse

from live_server import live_server
from local_virtuoso import Virtuoso
from ports import unused_port
from virtuoso_server import publish_to, published_virtuoso
from wilcokg.cli.commands import main
from wilcokg.remote.dump import GraphDump, read_graphs

pytestmark = [pytest.mark.virtuoso, pytest.mark.heavy]

QUERIES = sorted((Path(__file__).resolve().parent.parent / "queries").glob("*.rq"))
RESULTS_JSON = "application/sparql-results+json"
XSD = "http://www.w3.org/2001/XMLSchema#"
# Canned queries Virtuoso 7.2 answers wrongly, and how. Each is checked to still differ, so that the
# entry goes once a Virtuoso release answers right.
_CONCAT_BUG = (
    "CONCAT of long non-ASCII strings fails (SR066: incomplete RDF box) or garbles them (é read back as Ã©), "
    "depending on how the strings were loaded"
)
DIVERGENCES_THROUGH_BACKEND = {"chapters-mentioning-caf": _CONCAT_BUG}
# Sent to Virtuoso as they are, without the graph exclusions `serve --backend` adds (with which the
# path below is evaluated right).
DIVERGENCES_ON_PLAIN_VIRTUOSO = {
    **DIVERGENCES_THROUGH_BACKEND,
    "keyword-hierarchy": "the skos:broader+ path between two variables finds 2 of the 21 (keyword, broader) pairs",
}
# Virtuoso types aggregates and stored integers with whichever integer type it computed them in.
_INTEGER_TYPES = {XSD + name for name in ("int", "integer", "long", "short", "byte", "nonNegativeInteger")}


@pytest.fixture(scope="module")
def virtuoso(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with published_virtuoso(dist, tmp_path_factory.mktemp("virtuoso")) as running:
        yield running


@pytest.fixture(scope="module")
def graphs(dist: Path) -> list[GraphDump]:
    return read_graphs(dist / "wilco.trig")


@pytest.fixture(scope="module")
def embedded(dist: Path) -> Store:
    store = Store()
    store.bulk_load(path=dist / "wilco.trig", format=RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def backed(dist: Path, virtuoso: Virtuoso, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(dist, tmp_path_factory.mktemp("backed"), backend=virtuoso.sparql) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def local(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(dist, tmp_path_factory.mktemp("local")) as base_url:
        yield base_url


def _count(virtuoso: Virtuoso, iri: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    response = httpx.post(virtuoso.sparql, data={"query": query}, headers={"Accept": RESULTS_JSON})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _store_graphs(virtuoso: Virtuoso) -> set[str]:
    query = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    response = httpx.post(virtuoso.sparql, data={"query": query}, headers={"Accept": RESULTS_JSON})
    return {row["g"]["value"] for row in response.json()["results"]["bindings"]}


def test_published_graphs_hold_our_triple_counts(virtuoso: Virtuoso, graphs: list[GraphDump]) -> None:
    assert {graph.iri: _count(virtuoso, graph.iri) for graph in graphs} == {graph.iri: len(graph) for graph in graphs}


def test_republishing_in_batches_through_update_replaces_in_place(
    dist: Path, virtuoso: Virtuoso, graphs: list[GraphDump], tmp_path: Path
) -> None:
    # No graph store and small batches: every graph larger than 300 triples is staged and moved.
    code = publish_to(virtuoso, dist, tmp_path / "state.json", "--graph-store", virtuoso.base_url + "/no-such-path")
    assert code == 0
    assert publish_to(virtuoso, dist, tmp_path / "state.json", "--batch-triples", "300") == 0

    assert {graph.iri: _count(virtuoso, graph.iri) for graph in graphs} == {graph.iri: len(graph) for graph in graphs}
    assert not any(iri.startswith("urn:wilcokg:staging:") for iri in _store_graphs(virtuoso))


def _value(term: dict[str, str] | None) -> tuple[str, ...]:
    """A SPARQL JSON term as comparable values. Normalized: Virtuoso's SPARQL 1.0 "typed-literal" is a
    literal; its integer types (xsd:int, xsd:long...) are xsd:integer; a boolean is the integer 1 or 0,
    which is how Virtuoso (with no boolean type in SQL) returns computed booleans; a number is compared
    by value ("2.50" and "2.5" alike); a string and a language-tagged string are both text, because
    GROUP_CONCAT of strings of one language keeps it on Oxigraph and drops it on Virtuoso (as SPARQL 1.1
    says); and an unbound value is the empty text, because an empty GROUP_CONCAT is unbound on Oxigraph
    and "" on Virtuoso (as SPARQL 1.1 says)."""
    if term is None:
        return ("literal", "", "text")
    kind = "literal" if term["type"] == "typed-literal" else term["type"]
    if kind != "literal":
        return (kind, term["value"])
    datatype = term.get("datatype", XSD + "string")
    if "xml:lang" in term or datatype == XSD + "string":
        return (kind, term["value"], "text")
    if datatype in _INTEGER_TYPES:
        return (kind, str(int(term["value"])), XSD + "integer")
    if datatype == XSD + "boolean":
        return (kind, str(int(term["value"] in ("true", "1"))), XSD + "integer")
    if datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
        return (kind, repr(float(term["value"])), "number")
    return (kind, term["value"], datatype)


def _rows(document: dict[str, object]) -> list[tuple[tuple[str, ...], ...]]:
    variables = document["head"]["vars"]  # type: ignore[index]
    bindings = document["results"]["bindings"]  # type: ignore[index]
    return sorted(tuple(_value(row.get(name)) for name in variables) for row in bindings)


@pytest.mark.parametrize("query", QUERIES, ids=[query.stem for query in QUERIES])
def test_canned_query_answers_alike_on_virtuoso(query: Path, embedded: Store, virtuoso: Virtuoso) -> None:
    text = query.read_text(encoding="utf-8")
    ours = json.loads(
        embedded.query(text, use_default_graph_as_union=True).serialize(format=QueryResultsFormat.JSON) or b""
    )
    response = httpx.post(virtuoso.sparql, data={"query": text}, headers={"Accept": RESULTS_JSON}, timeout=60)

    assert _rows(ours), "a canned query that answers nothing compares nothing"
    _assert_alike(response, _rows(ours), DIVERGENCES_ON_PLAIN_VIRTUOSO.get(query.stem))


def _assert_alike(response: httpx.Response, ours: list[tuple[tuple[str, ...], ...]], divergence: str | None) -> None:
    if divergence is not None:
        assert response.status_code != 200 or _rows(response.json()) != ours, f"no longer true: {divergence}"
        return
    assert response.status_code == 200, response.text
    assert _rows(response.json()) == ours


@pytest.mark.parametrize("query", QUERIES, ids=[query.stem for query in QUERIES])
def test_canned_query_answers_alike_through_the_backed_server(query: Path, backed: str, local: str) -> None:
    text = query.read_text(encoding="utf-8")
    theirs, ours = (
        httpx.post(f"{base}/sparql", data={"query": text}, headers={"Accept": RESULTS_JSON}, timeout=60)
        for base in (backed, local)
    )
    assert ours.status_code == 200
    _assert_alike(theirs, _rows(ours.json()), DIVERGENCES_THROUGH_BACKEND.get(query.stem))


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/id/city/lille", "text/html"),
        ("/id/chapter/lille-introduction", "text/html"),
        ("/chapter/lille-introduction", "text/html"),
        ("/chapter/58-the-filur-project", "text/html"),
        ("/curation", "text/html"),
        ("/curation?status=all&format=json", "application/json"),
        ("/id/org/caf", "text/html"),
        ("/", "text/html"),
        ("/query", "text/html"),
        ("/.well-known/void", "text/turtle"),
    ],
)
def test_pages_are_the_same_with_a_backend(path: str, accept: str, backed: str, local: str) -> None:
    answers = [httpx.get(base + path, headers={"Accept": accept}, follow_redirects=True) for base in (backed, local)]
    assert [answer.status_code for answer in answers] == [200, 200]
    assert answers[0].headers["etag"] == answers[1].headers["etag"]
    assert answers[0].text.replace(backed, local) == answers[1].text


_CHAPTER_PARTS = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
SELECT ?chapter ?part WHERE {
  ?chapter a <http://purl.org/ontology/bibo/Chapter> .
  { ?part a wilco:Section ; dcterms:isPartOf ?chapter }
  UNION { ?part a wilco:Paragraph ; dcterms:isPartOf ?chapter }
  UNION { ?part a wilco:Paragraph ; dcterms:isPartOf ?section . ?section dcterms:isPartOf ?chapter }
}"""


def _reader_anchor(part: str) -> str:
    """The reader's id of a part: `s2` for `…/section/2`, `p7` for `…/paragraph/7`."""
    kind, number = part.rsplit("/", 2)[1:]
    return kind[0] + number


def test_the_reader_with_a_backend_shows_every_heading_and_paragraph(embedded: Store, backed: str) -> None:
    parts: dict[str, set[str]] = {}
    for row in embedded.query(_CHAPTER_PARTS, use_default_graph_as_union=True):
        chapter, part = (term.value for term in row)
        parts.setdefault(chapter.rsplit("/", 1)[1], set()).add(_reader_anchor(part))
    assert len(parts) > 5 and all(len(found) > 1 for found in parts.values())

    for chapter, expected in sorted(parts.items()):
        page = httpx.get(f"{backed}/chapter/{chapter}", timeout=30)
        assert page.status_code == 200
        assert set(re.findall(r'<(?:h2|p) id="([sp]\d+)">', page.text)) == expected, chapter


@pytest.mark.parametrize("media_type", ["text/turtle", "application/n-triples"])
def test_entity_data_is_the_same_with_a_backend(media_type: str, backed: str, local: str) -> None:
    answers = [
        httpx.get(f"{base}/id/city/lille", headers={"Accept": media_type}, follow_redirects=True)
        for base in (backed, local)
    ]
    graphs = [{str(quad.triple) for quad in parse(answer.content, format=RdfFormat.TURTLE)} for answer in answers]
    assert graphs[0] == graphs[1]
    assert len(graphs[0]) > 5


def test_backend_hides_the_stores_own_graphs(backed: str, virtuoso: Virtuoso, graphs: list[GraphDump]) -> None:
    assert _store_graphs(virtuoso) > {graph.iri for graph in graphs}, "Virtuoso keeps system graphs"
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = httpx.post(f"{backed}/sparql", data={"query": query}, headers={"Accept": RESULTS_JSON})
    assert {row["g"]["value"] for row in response.json()["results"]["bindings"]} == {graph.iri for graph in graphs}
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = httpx.post(f"{backed}/sparql", data={"query": count}, headers={"Accept": RESULTS_JSON})
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) == sum(len(graph) for graph in graphs)


def test_protocol_dataset_is_passed_through(backed: str, graphs: list[GraphDump]) -> None:
    smallest = min(graphs, key=len)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = httpx.get(
        f"{backed}/sparql", params={"query": count, "default-graph-uri": smallest.iri}, headers={"Accept": RESULTS_JSON}
    )
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) == len(smallest)


@pytest.mark.parametrize(
    ("query", "accept", "media_type"),
    [
        ("SELECT ?s WHERE { ?s a ?t } LIMIT 3", "text/csv", "text/csv"),
        ("SELECT ?s WHERE { ?s a ?t } LIMIT 3", "application/sparql-results+xml", "application/sparql-results+xml"),
        ("ASK { ?s ?p ?o }", "text/tab-separated-values", "text/tab-separated-values"),
        ("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3", "application/ld+json", "application/ld+json"),
        ("DESCRIBE <https://w3id.org/wilcokg/id/city/lille>", "text/turtle", "text/turtle"),
    ],
)
def test_result_formats_come_from_our_writers(query: str, accept: str, media_type: str, backed: str) -> None:
    response = httpx.get(f"{backed}/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.content.strip()


def test_syntax_errors_are_bad_requests_with_virtuosos_message(backed: str) -> None:
    response = httpx.get(f"{backed}/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error: Virtuoso 37000 Error SP030")
    assert "define input" not in response.text


def test_updates_are_refused_before_reaching_the_backend(backed: str, virtuoso: Virtuoso) -> None:
    response = httpx.post(f"{backed}/sparql", data={"update": "CLEAR ALL"})
    assert response.status_code == 403
    assert _count(virtuoso, "https://w3id.org/wilcokg/graph/reference") > 0


def test_row_cap_and_timeout_apply_to_backend_answers(dist: Path, virtuoso: Virtuoso, tmp_path: Path) -> None:
    # The cap is checked with a time limit a loaded machine cannot hit, the limit with a query no machine
    # finishes: each answer then depends on one limit only.
    (tmp_path / "capped").mkdir()
    (tmp_path / "timed").mkdir()
    with live_server(dist, tmp_path / "capped", backend=virtuoso.sparql, max_rows=4, timeout=60) as base_url:
        capped = httpx.get(f"{base_url}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=90)
    with live_server(dist, tmp_path / "timed", backend=virtuoso.sparql, max_rows=4, timeout=1) as base_url:
        runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        slow = httpx.get(f"{base_url}/sparql", params={"query": runaway}, timeout=30)

    assert capped.status_code == 200
    assert capped.headers["x-wilcokg-truncated"] == "max_rows=4"
    assert len(capped.json()["results"]["bindings"]) == 4
    assert capped.json()["wilcokg"] == {"truncated": True, "max_rows": 4}
    assert slow.status_code == 503
    assert slow.text == "Query cancelled: it did not finish within the 1 s time limit."


def test_serve_with_an_unreachable_backend_exits_2_with_one_line(
    dist: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unused_port() as port:
        backend = f"http://127.0.0.1:{port}/sparql"
        assert main(["serve", "--dist", str(dist), "--backend", backend]) == 2

    err = capsys.readouterr().err.strip()
    assert err.startswith(f"serve: the SPARQL backend {backend} does not answer a test query")
    assert len(err.splitlines()) == 1


def test_the_server_module_with_an_unreachable_backend_exits_2_with_one_line(dist: Path) -> None:
    with unused_port() as port:
        backend = f"http://127.0.0.1:{port}/sparql"
        command = [sys.executable, "-m", "wilcokg.server", "--dist", str(dist), "--backend", backend]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 2
    assert done.stderr.startswith(f"serve: the SPARQL backend {backend} does not answer a test query")
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_server_module_without_a_build_exits_2_with_one_line(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "wilcokg.server", "--dist", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 2
    expected = f"{tmp_path}/wilco.trig:1: no built dataset: run 'wilcokg build --out {tmp_path}' first"
    assert done.stderr.strip() == expected
