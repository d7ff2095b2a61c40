"""What crawlers and portals find without reading a page: robots.txt, the sitemap, Link headers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import httpx
import pytest
import rdflib

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def links(response: httpx.Response) -> dict[str, dict[str, str]]:
    """The Link header by target: each target's parameters (rel, type)."""
    found: dict[str, dict[str, str]] = {}
    for target, parameters in re.findall(r"<([^>]*)>((?:\s*;\s*[a-z]+=\"[^\"]*\")*)", response.headers.get("link", "")):
        found[target] = dict(re.findall(r'([a-z]+)="([^"]*)"', parameters))
    return found


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_off_endless_answers(client: httpx.Client) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert f"Sitemap: {client.base_url}/sitemap.xml".replace("//sitemap", "/sitemap") in lines
    assert {"Disallow: /sparql", "Disallow: /search", "User-agent: *"} <= set(lines)


def test_sitemap_lists_every_entity_page_and_chapter_reader_and_each_answers(client: httpx.Client) -> None:
    response = client.get("/sitemap.xml")

    assert response.status_code == 200 and response.headers["content-type"].startswith("application/xml")
    locations = [loc.text or "" for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    paths = {httpx.URL(location).path for location in locations}
    assert {"/page/city/lille", "/page/keyword/child-care", "/page/chapter/lille-introduction"} <= paths
    assert "/chapter/lille-introduction" in paths
    assert len([p for p in paths if p.startswith("/chapter/")]) == 9
    assert not [p for p in paths if "/section/" in p]
    assert all(location.startswith(str(client.base_url).rstrip("/")) for location in locations)
    assert [path for path in sorted(paths) if client.get(path).status_code != 200] == []


@pytest.mark.parametrize(
    ("page", "entity"),
    [("/page/city/lille", "city/lille"), ("/chapter/lille-introduction", "chapter/lille-introduction")],
)
def test_pages_link_to_their_rdf_and_to_the_dataset_description(client: httpx.Client, page: str, entity: str) -> None:
    found = links(client.get(page))

    assert found[f"/data/{entity}.ttl"] == {"rel": "alternate", "type": "text/turtle"}
    assert found[f"/data/{entity}.jsonld"] == {"rel": "alternate", "type": "application/ld+json"}
    assert found[f"/data/{entity}.nt"] == {"rel": "alternate", "type": "application/n-triples"}
    graph = rdflib.Graph().parse(data=client.get(f"/data/{entity}.ttl").text, format="turtle")
    assert (rdflib.URIRef(f"https://w3id.org/wilcokg/id/{entity}"), None, None) in graph
    assert found["/void"]["rel"] == "describedby" and client.get("/void").status_code == 200


def test_every_html_page_links_to_the_dataset_description(client: httpx.Client) -> None:
    for path in ("/", "/downloads/", "/map"):
        assert links(client.get(path)) == {"/void": {"rel": "describedby", "type": "text/turtle"}}, path
    assert "link" not in client.get("/sparql", params={"query": "ASK {}"}).headers
