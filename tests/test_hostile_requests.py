"""Requests crafted to rewrite the site's queries: every route that takes a path or a parameter answers
them with a 4xx (or, where the value is only text to look for, a plain answer), never a 500, and no
query ever calls out. A listening socket stands in for the outside world: it must see no connection.

Each case runs against the embedded store and against a remote SPARQL backend."""

from __future__ import annotations

import dataclasses
import json
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from in_process import serving
from toy_store import toy_backend
from wilcokg.server.app import create_app
from wilcokg.server.config import ServeConfig

pytestmark = pytest.mark.anyio

ENTITY_ACCEPTS = [None, "text/html", "text/turtle", "application/ld+json", "application/n-triples", "*/*"]
PARAMETERLESS_PAGES = (
    "/",
    "/map",
    "/chapters",
    "/ontology",
    "/query",
    "/downloads/",
    "/void",
    "/catalog",
    "/sitemap.xml",
    "/robots.txt",
)


@pytest.fixture(scope="module")
def outside() -> Iterator[socket.socket]:
    """A port on this machine that a query calling out would connect to."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        listener.setblocking(False)
        yield listener


@pytest.fixture(autouse=True)
def no_call_out(outside: socket.socket) -> Iterator[None]:
    yield
    with pytest.raises(BlockingIOError):
        connection, _ = outside.accept()
        connection.close()


@pytest.fixture(scope="module", params=["embedded", "backend"])
async def client(
    request: pytest.FixtureRequest, dist: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[httpx.AsyncClient]:
    config = ServeConfig(dist=dist, store=tmp_path_factory.mktemp("hostile") / "store", workers=1)
    if request.param == "embedded":
        async with serving(create_app(config)) as session:
            yield session
        return
    with toy_backend(dist / "wilco.trig") as backend:
        async with serving(create_app(dataclasses.replace(config, backend=backend.sparql))) as session:
            yield session


def _escapes(outside: socket.socket) -> list[str]:
    """Entity paths that would close the IRI they are pasted into and call ``outside`` from the query.

    They start from an entity that exists, so that a query joining on it has rows to call out for.
    """
    service = f"SERVICE <http://127.0.0.1:{outside.getsockname()[1]}/>"
    return [
        f"city/lille> ?p ?o }} {service} {{ ?a ?b ?c }} }} #",
        f"city/lille> ?p ?o . {service} {{ ?a ?b ?c }} }} #",
        f'city/lille" . {service} {{ ?a ?b ?c }} }} #',
        "city/lille>\n?p ?o }",
        "city/lille{",
        "city/lille\x00",
    ]


async def test_entity_iris_that_are_not_iris_are_not_found(client: httpx.AsyncClient, outside: socket.socket) -> None:
    for path in _escapes(outside):
        for accept in ENTITY_ACCEPTS:
            response = await client.get("/id/" + quote(path), headers={"Accept": accept} if accept else {})
            assert response.status_code == 404, (path, accept, response.text)


async def test_entity_pages_and_data_of_hostile_paths_are_not_found(
    client: httpx.AsyncClient, outside: socket.socket
) -> None:
    for path in _escapes(outside):
        for target in (f"/page/{quote(path)}", *(f"/data/{quote(path)}.{ext}" for ext in ("ttl", "jsonld", "nt"))):
            response = await client.get(target)
            assert response.status_code == 404, (target, response.text)
            assert "Traceback" not in response.text


async def test_the_reader_takes_only_chapter_names(client: httpx.AsyncClient, outside: socket.socket) -> None:
    for path in _escapes(outside):
        chapter = "lille-introduction" + path.removeprefix("city/lille")
        response = await client.get("/chapter/" + quote(chapter, safe=""))
        assert response.status_code == 404, (chapter, response.text)


async def test_a_valid_iri_nobody_mentions_is_not_found(client: httpx.AsyncClient) -> None:
    for target in ("/id/city/lille%23elsewhere", "/page/city/atlantis", "/data/city/atlantis.ttl"):
        assert (await client.get(target, headers={"Accept": "text/html"})).status_code == 404, target


async def test_the_entity_routes_still_answer_for_real_entities(client: httpx.AsyncClient) -> None:
    assert (await client.get("/id/city/lille", headers={"Accept": "text/turtle"})).status_code == 303
    page = await client.get("/page/city/lille")
    assert page.status_code == 200 and "Lille" in page.text
    data = await client.get("/data/city/lille.nt")
    assert data.status_code == 200 and "<https://w3id.org/wilcokg/id/city/lille>" in data.text
    chapter = await client.get("/chapter/lille-introduction")
    assert chapter.status_code == 200


async def test_pages_without_parameters_ignore_hostile_query_strings(
    client: httpx.AsyncClient, outside: socket.socket
) -> None:
    hostile = quote(_escapes(outside)[0])
    for target in PARAMETERLESS_PAGES:
        response = await client.get(f"{target}?id={hostile}&q={hostile}", headers={"Accept": "*/*"})
        assert response.status_code == 200, target


async def test_search_treats_hostile_text_as_words(client: httpx.AsyncClient, outside: socket.socket) -> None:
    for text in [*_escapes(outside), '"', "NEAR(a b)", "*", "\x00"]:
        for output in ("html", "json"):
            response = await client.get("/search", params={"q": text, "format": output})
            assert response.status_code == 200, (text, response.text)


async def test_search_refuses_paging_it_cannot_do(client: httpx.AsyncClient, outside: socket.socket) -> None:
    huge = str(2**63)
    for name, value in [*(("limit", text) for text in _escapes(outside)), ("limit", "²"), ("offset", "9" * 5000)]:
        response = await client.get("/search", params={"q": "lille", name: value})
        assert response.status_code == 400, (name, value, response.text)
    for parameters in ({"offset": huge}, {"page": huge}, {"page": str(2**63 // 50 + 2)}):
        response = await client.get("/search", params={"q": "lille", **parameters})
        assert response.status_code == 400, (parameters, response.text)
    last_offset = await client.get("/search", params={"q": "lille", "offset": str(2**63 - 1), "format": "json"})
    assert last_offset.status_code == 200 and last_offset.json()["results"] == []


async def test_the_curation_page_refuses_filters_it_does_not_take(
    client: httpx.AsyncClient, outside: socket.socket
) -> None:
    for text in _escapes(outside):
        for name in ("chapter", "type", "status", "format", text):
            response = await client.get("/curation", params={name: text})
            assert response.status_code == 400, (name, text, response.text)
    listed = await client.get("/curation", params={"chapter": "58-the-filur-project", "format": "json"})
    assert listed.status_code == 200 and listed.json()["items"]


async def test_downloads_outside_the_published_files_are_not_found(client: httpx.AsyncClient) -> None:
    for name in ("..%2Fpyproject.toml", "wilco.trig%00.txt", "SHA256SUMS%2F..%2F..%2Fetc%2Fpasswd"):
        assert (await client.get(f"/downloads/{name}")).status_code == 404, name


async def test_reconciliation_refuses_what_it_cannot_read(client: httpx.AsyncClient, outside: socket.socket) -> None:
    hostile = _escapes(outside)[0]
    as_json = {"Content-Type": "application/json"}
    bad_requests = [
        ("GET", "/reconcile", {"params": {"queries": "{not json"}}),
        ("GET", "/reconcile", {"params": {"queries": "1" * 5000}}),
        ("POST", "/reconcile", {"content": b"[" * 100_000, "headers": as_json}),
        ("GET", "/reconcile", {"params": {"queries": json.dumps({"q0": {"query": "Lille", "limit": float("nan")}})}}),
        ("GET", "/reconcile", {"params": {"queries": '{"q0": {"query": "Lille", "limit": Infinity}}'}}),
        ("GET", "/reconcile", {"params": {"queries": json.dumps({"q0": {"query": hostile, "type": [1]}})}}),
        ("POST", "/reconcile", {"content": b"\xff\xfe{", "headers": as_json}),
        ("GET", "/reconcile", {"params": {"extend": json.dumps({"ids": [hostile], "properties": [{"id": hostile}]})}}),
        ("GET", "/reconcile/properties", {"params": {"type": hostile}}),
    ]
    for method, target, options in bad_requests:
        response = await client.request(method, target, **options)
        assert response.status_code == 400, (target, options, response.text)


async def test_reconciliation_answers_hostile_names_and_ids_as_any_other(
    client: httpx.AsyncClient, outside: socket.socket
) -> None:
    hostile = _escapes(outside)[0]
    extend = {"ids": [hostile], "properties": [{"id": "city", "settings": {"limit": "Infinity"}}]}
    answers = [
        await client.get("/reconcile", params={"queries": json.dumps({"q0": {"query": hostile}})}),
        await client.get("/reconcile", params={"extend": json.dumps(extend)}),
        await client.get("/reconcile/suggest/entity", params={"prefix": hostile, "type": hostile, "limit": "²"}),
        await client.get("/reconcile/suggest/type", params={"prefix": hostile, "limit": "9" * 5000}),
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200]
    # The name is only text to compare with the labels: it comes close to Lille's, and that is all.
    assert {candidate["match"] for candidate in answers[0].json()["q0"]["result"]} <= {False}
    assert answers[1].json()["rows"] == {hostile: {"city": []}}
    assert (await client.get("/reconcile/preview", params={"id": hostile})).status_code == 404
    assert (await client.get("/reconcile/suggest/" + quote(hostile, safe=""))).status_code == 404
