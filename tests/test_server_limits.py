"""Limits and refusals of the endpoint: time, size, rows, federation, updates, and HTTP hygiene."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from live_server import live_server
from synthetic import numbered_items, served_dist

TIMEOUT = 2.0
MAX_ROWS = 100
MAX_QUERY_BYTES = 2000
ALLOWED_SERVICE_HOST = "allowed.example"
GRAPH_COUNT = 3
TRIPLE_COUNT = 3000
VOID_MODIFIED = datetime(2025, 5, 1, 10, tzinfo=UTC)
VOID_MODIFIED_HTTP = "Thu, 01 May 2025 10:00:00 GMT"

# Four independent patterns over 3000 triples: 8·10¹³ combinations to count, far beyond the limit.
RUNAWAY_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
POINT_LOOKUP = "SELECT ?o WHERE { <http://example.org/item/7> <http://example.org/p/0> ?o }"
EVERYTHING = "SELECT * WHERE { ?s ?p ?o }"


def _point_lookup(item: int) -> str:
    return POINT_LOOKUP.replace("item/7", f"item/{item}")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    quads = numbered_items(TRIPLE_COUNT, properties=10, graphs=GRAPH_COUNT)
    return served_dist(tmp_path_factory.mktemp("limits-dist"), quads, modified=VOID_MODIFIED)


@pytest.fixture(scope="module")
def endpoint(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(
        dist,
        tmp_path_factory.mktemp("limits-server"),
        timeout=TIMEOUT,
        max_rows=MAX_ROWS,
        max_query_bytes=MAX_QUERY_BYTES,
        allow_service=(ALLOWED_SERVICE_HOST,),
        workers=2,
    ) as base_url:
        yield f"{base_url}/sparql"


def _get(client: httpx.Client, url: str, query: str, results: dict[str, httpx.Response], key: str) -> None:
    """GET ``query`` and keep the response under ``key``: the order of ``results`` is the order of answers."""
    results[key] = client.get(url, params={"query": query})


def test_runaway_query_is_cancelled_while_other_clients_are_served(endpoint: str) -> None:
    results: dict[str, httpx.Response] = {}
    with httpx.Client(timeout=TIMEOUT + 10) as first_client, httpx.Client(timeout=TIMEOUT + 10) as second_client:
        runaway = threading.Thread(target=_get, args=(first_client, endpoint, RUNAWAY_QUERY, results, "runaway"))
        runaway.start()
        time.sleep(0.5)  # the runaway query now occupies one of the two workers
        _get(second_client, endpoint, POINT_LOOKUP, results, "lookup")
        runaway.join(timeout=TIMEOUT + 10)

        # The killed worker has been replaced: both workers answer again, side by side (queries of their
        # own, which the result cache cannot answer).
        again = [
            threading.Thread(
                target=_get, args=(client, endpoint, _point_lookup(8 + number), results, f"again-{number}")
            )
            for number, client in enumerate((first_client, second_client))
        ]
        for thread in again:
            thread.start()
        for thread in again:
            thread.join(timeout=TIMEOUT + 10)

    cancelled, lookup = results["runaway"], results["lookup"]
    assert cancelled.status_code == 503
    assert cancelled.headers["content-type"].startswith("text/plain")
    assert "time limit" in cancelled.text
    assert lookup.status_code == 200
    assert [binding["o"]["value"] for binding in lookup.json()["results"]["bindings"]] == ["70"]
    assert list(results)[:2] == ["lookup", "runaway"], "the lookup is answered while the runaway query runs"
    assert [results[f"again-{number}"].status_code for number in range(2)] == [200, 200]


def test_query_over_size_cap_is_413(endpoint: str) -> None:
    oversized = "ASK {}\n#" + "x" * MAX_QUERY_BYTES
    assert httpx.get(endpoint, params={"query": oversized}).status_code == 413
    direct = httpx.post(endpoint, content=oversized.encode(), headers={"Content-Type": "application/sparql-query"})
    assert direct.status_code == 413
    huge_body = httpx.post(endpoint, data={"query": "ASK {}", "pad": "x" * (10 * MAX_QUERY_BYTES)})
    assert huge_body.status_code == 413
    assert httpx.get(endpoint, params={"query": "ASK {}\n#" + "x" * (MAX_QUERY_BYTES // 2)}).status_code == 200


def test_select_rows_over_cap_are_truncated_with_notice(endpoint: str) -> None:
    response = httpx.get(endpoint, params={"query": EVERYTHING}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["x-wilcokg-truncated"] == f"max_rows={MAX_ROWS}"
    body = response.json()
    assert body["wilcokg"] == {"truncated": True, "max_rows": MAX_ROWS}
    assert len(body["results"]["bindings"]) == MAX_ROWS

    as_csv = httpx.get(endpoint, params={"query": EVERYTHING, "format": "csv"})
    assert as_csv.headers["x-wilcokg-truncated"] == f"max_rows={MAX_ROWS}"
    assert len(as_csv.text.strip().splitlines()) == MAX_ROWS + 1


def test_construct_triples_over_cap_are_truncated_with_notice(endpoint: str) -> None:
    response = httpx.get(endpoint, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "ntriples"})
    assert response.status_code == 200
    assert response.headers["x-wilcokg-truncated"] == f"max_rows={MAX_ROWS}"
    assert len(response.text.strip().splitlines()) == MAX_ROWS


def test_results_within_cap_carry_no_notice(endpoint: str) -> None:
    response = httpx.get(endpoint, params={"query": f"SELECT * {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"})
    assert response.status_code == 200, response.text
    assert "x-wilcokg-truncated" not in response.headers
    assert "wilcokg" not in response.json()
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://elsewhere.example/sparql> { ?s ?p ?o } }",
        "PREFIX far: <http://elsewhere.example/> SELECT * WHERE { SERVICE SILENT far:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { BIND(<http://elsewhere.example/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        f"SELECT * WHERE {{ SERVICE <http://{ALLOWED_SERVICE_HOST}.evil.example/> {{ ?s ?p ?o }} }}",
    ],
    ids=["iri", "prefixed-name", "variable", "lookalike-host"],
)
def test_service_to_unlisted_host_is_refused(endpoint: str, query: str) -> None:
    response = httpx.get(endpoint, params={"query": query})
    assert response.status_code == 403
    assert "SERVICE" in response.text


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"params": {"query": "LOAD <http://example.org/data.ttl>"}},
        {"data": {"update": "LOAD <http://example.org/data.ttl>"}},
        {"content": b"LOAD <http://example.org/data.ttl>", "headers": {"Content-Type": "application/sparql-update"}},
        {"content": b"LOAD <http://example.org/data.ttl>", "headers": {"Content-Type": "application/sparql-query"}},
    ],
    ids=["get-query", "form-update", "direct-update", "direct-query"],
)
def test_load_is_refused(endpoint: str, request_kwargs: dict[str, Any]) -> None:
    method = "GET" if "params" in request_kwargs else "POST"
    response = httpx.request(method, endpoint, **request_kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text


def test_syntax_error_is_400_with_parser_message(endpoint: str) -> None:
    response = httpx.get(endpoint, params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "syntax error" in response.text
    assert re.search(r"error at 3:\d+", response.text), response.text


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", b"ASK {}"),
        (None, b"ASK {}"),
        ("application/json", b'{"query": "ASK {}"}'),
        ("application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16")),
        ("application/sparql-query", 'ASK { FILTER("café" != "") }'.encode("latin-1")),
        ("application/x-www-form-urlencoded", b"query=ASK%20%7B%20FILTER(%22caf%E9%22)%20%7D"),
    ],
    ids=["text-plain", "missing", "json", "utf16-charset", "latin1-body", "latin1-percent-encoded"],
)
def test_wrong_content_type_or_encoding_is_415(endpoint: str, content_type: str | None, body: bytes) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    assert httpx.post(endpoint, content=body, headers=headers).status_code == 415


@pytest.mark.parametrize(
    ("query", "params", "accept", "status"),
    [
        ("SELECT * { ?s ?p ?o } LIMIT 1", {}, "text/turtle", 406),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", {}, "application/sparql-results+json", 406),
        ("ASK {}", {}, "application/sparql-results+json;q=0, text/html", 406),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", {"format": "csv"}, None, 406),
        ("SELECT * { ?s ?p ?o } LIMIT 1", {"format": "yaml"}, None, 400),
        ("SELECT * { ?s ?p ?o } LIMIT 1", {"format": ["csv", "json"]}, None, 400),
    ],
    ids=["select-as-turtle", "construct-as-json", "ask-json-excluded", "construct-format-csv", "unknown", "conflict"],
)
def test_unacceptable_formats(
    endpoint: str, query: str, params: dict[str, str | list[str]], accept: str | None, status: int
) -> None:
    headers = {} if accept is None else {"Accept": accept}
    response = httpx.get(endpoint, params={"query": query, **params}, headers=headers)
    assert response.status_code == status, response.text


def test_duplicate_query_parameters_are_400(endpoint: str) -> None:
    assert httpx.get(endpoint, params={"query": ["ASK {}", "ASK {}"]}).status_code == 400
    assert httpx.post(endpoint, params={"query": "ASK {}"}, data={"query": "ASK {}"}).status_code == 400


def test_cors_preflight_and_exposed_headers(endpoint: str) -> None:
    preflight = httpx.options(
        endpoint,
        headers={
            "Origin": "https://somewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()

    simple = httpx.get(endpoint, params={"query": "ASK {}"}, headers={"Origin": "https://somewhere.example"})
    assert simple.headers["access-control-allow-origin"] == "*"
    exposed = simple.headers["access-control-expose-headers"].lower()
    assert "etag" in exposed
    assert "x-wilcokg-truncated" in exposed
    assert "x-wilcokg-cache" in exposed


def test_etag_and_last_modified_revalidate_with_304(endpoint: str) -> None:
    params = {"query": POINT_LOOKUP}
    first = httpx.get(endpoint, params=params)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["last-modified"] == VOID_MODIFIED_HTTP

    by_etag = httpx.get(endpoint, params=params, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304
    assert by_etag.headers["etag"] == etag
    assert by_etag.content == b""
    assert httpx.get(endpoint, params=params, headers={"If-None-Match": '"other"'}).status_code == 200

    by_date = httpx.get(endpoint, params=params, headers={"If-Modified-Since": VOID_MODIFIED_HTTP})
    assert by_date.status_code == 304
    earlier = httpx.get(endpoint, params=params, headers={"If-Modified-Since": "Wed, 30 Apr 2025 10:00:00 GMT"})
    assert earlier.status_code == 200

    assert "etag" not in httpx.get(endpoint, params={"query": "ASK {"}).headers


def test_gzip_when_accepted(endpoint: str) -> None:
    query = {"query": EVERYTHING}
    compressed = httpx.get(endpoint, params=query, headers={"Accept-Encoding": "gzip"})
    assert compressed.status_code == 200
    assert compressed.headers["content-encoding"] == "gzip"
    assert len(compressed.json()["results"]["bindings"]) == MAX_ROWS
    plain = httpx.get(endpoint, params=query, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
