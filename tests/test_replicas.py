"""Two `wilcokg serve` replicas started from the same dist/, each with its own store directory, answer
byte for byte alike, validators included: a load balancer may send any request to either."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from live_server import live_server

QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?city ?label WHERE { ?city a <http://schema.org/City> ; rdfs:label ?label } ORDER BY ?city"""


@pytest.fixture(scope="module")
def replicas(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    with ExitStack() as stack:
        first = stack.enter_context(live_server(dist, tmp_path_factory.mktemp("replica-a")))
        second = stack.enter_context(live_server(dist, tmp_path_factory.mktemp("replica-b")))
        yield first, second


@pytest.mark.parametrize(
    ("path", "params", "accept"),
    [
        ("/sparql", {"query": QUERY}, "application/sparql-results+json"),
        ("/sparql", {"query": QUERY}, "text/csv"),
        ("/id/city/lille", {}, "text/html"),
        ("/id/city/lille", {}, "text/turtle"),
        ("/.well-known/void", {}, "text/turtle"),
        ("/downloads/wilco.nt", {}, "*/*"),
    ],
)
def test_replicas_answer_alike(replicas: tuple[str, str], path: str, params: dict[str, str], accept: str) -> None:
    answers = [
        httpx.get(base + path, params=params, headers={"Accept": accept}, follow_redirects=True) for base in replicas
    ]

    assert [answer.status_code for answer in answers] == [200, 200]
    assert answers[0].headers["etag"] == answers[1].headers["etag"]
    assert answers[0].headers["last-modified"] == answers[1].headers["last-modified"]
    first, second = (answer.text.replace(base, "ORIGIN") for answer, base in zip(answers, replicas, strict=True))
    assert first == second
    assert len(first) > 100


def test_a_validator_from_one_replica_is_honoured_by_the_other(replicas: tuple[str, str]) -> None:
    first, second = replicas
    etag = httpx.get(f"{first}/sparql", params={"query": QUERY}).headers["etag"]

    revalidated = httpx.get(f"{second}/sparql", params={"query": QUERY}, headers={"If-None-Match": etag})

    assert revalidated.status_code == 304
    assert revalidated.content == b""
