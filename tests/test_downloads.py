"""Every dump reaches a standard client intact over HTTP: httpx fetches it, rdflib reads it."""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

import httpx
import pytest
import rdflib

pytestmark = pytest.mark.heavy

RDFLIB_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig"}
DUMPS = [f"wilco{suffix}{gz}" for suffix in RDFLIB_FORMATS for gz in ("", ".gz")]


def _rdflib_format(name: str) -> str:
    return RDFLIB_FORMATS[Path(name.removesuffix(".gz")).suffix]


def _statements(graph: rdflib.Graph | rdflib.Dataset) -> int:
    return len(set(graph.quads())) if isinstance(graph, rdflib.Dataset) else len(graph)


def _expected_statements(dist: Path, name: str) -> int:
    return _statements_in(dist, name.removesuffix(".gz"))


@functools.cache
def _statements_in(dist: Path, inner: str) -> int:
    """How many statements rdflib reads in the file ``inner`` of ``dist``: each dump is read once, for all
    the tests that compare a download with it."""
    graph = rdflib.Dataset() if inner.endswith(".trig") else rdflib.Graph()
    return _statements(graph.parse(dist / inner, format=_rdflib_format(inner)))


@pytest.mark.parametrize("name", DUMPS)
def test_each_download_is_served_as_what_it_is_and_parses(base_url: str, dist: Path, name: str) -> None:
    response = httpx.get(f"{base_url}/downloads/{name}")

    assert response.status_code == 200
    assert response.content == (dist / name).read_bytes()
    body = response.content
    if name.endswith(".gz"):
        # The file is the gzip: no Content-Encoding, which would have clients unpack it on the way.
        assert response.headers["content-type"] == "application/gzip"
        assert "content-encoding" not in response.headers
        body = gzip.decompress(body)
    graph = rdflib.Dataset() if name.removesuffix(".gz").endswith(".trig") else rdflib.Graph()
    graph.parse(data=body, format=_rdflib_format(name))
    assert _statements(graph) == _expected_statements(dist, name) > 8000


@pytest.mark.parametrize("name", [name for name in DUMPS if not name.endswith(".gz")])
def test_rdflib_reads_each_dump_straight_from_its_url(base_url: str, dist: Path, name: str) -> None:
    # rdflib picks its parser from the Content-Type: the served type must be the dump's own.
    graph = rdflib.Dataset() if name.endswith(".trig") else rdflib.Graph()
    graph.parse(f"{base_url}/downloads/{name}")

    assert _statements(graph) == _expected_statements(dist, name)


@pytest.mark.parametrize("name", ["wilco.nt.gz", "wilco.ttl"])
def test_head_gives_the_headers_of_a_get_and_no_body(base_url: str, dist: Path, name: str) -> None:
    head = httpx.head(f"{base_url}/downloads/{name}", headers={"Accept-Encoding": "identity"})
    get = httpx.get(f"{base_url}/downloads/{name}", headers={"Accept-Encoding": "identity"})

    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == (dist / name).stat().st_size
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["accept-ranges"] == "bytes"


@pytest.mark.parametrize("name", ["wilco.nt.gz", "wilco.trig"])
def test_a_ranged_request_gets_exactly_those_bytes(base_url: str, dist: Path, name: str) -> None:
    data = (dist / name).read_bytes()
    size = len(data)
    # Accept-Encoding: gzip as every client sends: a range is never re-encoded on the way.
    response = httpx.get(f"{base_url}/downloads/{name}", headers={"Range": "bytes=100-1099", "Accept-Encoding": "gzip"})

    assert response.status_code == 206
    assert response.headers["content-range"] == f"bytes 100-1099/{size}"
    assert "content-encoding" not in response.headers
    assert response.content == data[100:1100]
    resumed = httpx.get(f"{base_url}/downloads/{name}", headers={"Range": f"bytes={size - 10}-"})
    assert resumed.status_code == 206 and resumed.content == data[-10:]
