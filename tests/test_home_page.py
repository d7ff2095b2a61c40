"""The home page for people: counts that match the graph, the cities' map, innovations by city and policy
field, the chapters in book order; /chapters; the class table's links to local lists of instances."""

from __future__ import annotations

import re

import httpx
import pytest

from conftest import BOOK_ORDER

pytestmark = pytest.mark.anyio

# What each count on the home page should be, asked of /sparql in words of its own.
COUNT_QUERIES = {
    "cities": """SELECT (COUNT(DISTINCT ?city) AS ?n) WHERE { ?city a <http://schema.org/City> .
        FILTER(STRSTARTS(STR(?city), "https://w3id.org/wilcokg/id/city/")) }""",
    "social innovations": """SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {
        ?i a <https://w3id.org/wilcokg/ontology#SocialInnovation> }""",
    "organisations": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a <http://www.w3.org/ns/org#Organization> }",
    "chapters": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <http://purl.org/ontology/bibo/Chapter> }",
    "roles with the sentence that states them": """PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT (COUNT(DISTINCT ?role) AS ?n) WHERE {
          ?innovation <https://w3id.org/wilcokg/ontology#qualifiedActor> ?role .
          ?annotation oa:hasBody ?role ; oa:motivatedBy oa:describing }""",
}


@pytest.fixture(scope="module")
async def home(async_client: httpx.AsyncClient) -> str:
    response = await async_client.get("/")
    assert response.status_code == 200
    return response.text


async def _count(async_client: httpx.AsyncClient, query: str) -> int:
    response = await async_client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


async def test_the_home_page_counts_what_the_graph_holds(async_client, home):
    counts = re.search(r'<ul class="counts"[^>]*>(.*?)</ul>', home, re.S)
    assert counts is not None
    shown = {label: int(number) for number, label in re.findall(r"<strong>(\d+)</strong> ([^<]+)<", counts[1])}
    expected = {label: await _count(async_client, query) for label, query in COUNT_QUERIES.items()}
    assert shown == expected
    assert expected["roles with the sentence that states them"] > 10


async def test_the_home_page_starts_with_cities_innovations_and_chapters(home):
    headings = re.findall(r"<h2>([^<]+)</h2>", home)
    assert headings[:3] == ["Cities", "Social innovations by city and policy field", "Chapters, in book order"]
    assert headings.index("What the graph holds, by class") > headings.index("Chapters, in book order")
    thumbnail = re.search(r'<figure class="map-thumbnail">(.*?)</figure>', home, re.S)
    assert thumbnail is not None
    assert '<svg class="map"' in thumbnail[1] and 'aria-label="The WILCO cities on a map of Europe"' in thumbnail[1]
    assert '<a href="/map">' in thumbnail[1]


async def test_innovations_are_listed_by_city_and_policy_field(home):
    table = re.search(r'<table class="innovations">(.*?)</table>', home, re.S)
    assert table is not None
    stockholm = table[1][table[1].index('href="/id/city/stockholm"') :]
    assert re.match(
        r'href="/id/city/stockholm">Stockholm</a></th>\s*<td>Labour market</td>\s*'
        r'<td><a href="/id/innovation/the-filur-project">The Filur Project</a></td>',
        stockholm,
    )


async def test_the_chapters_are_in_book_order_on_the_home_page_and_on_chapters(async_client, home):
    listing = await async_client.get("/chapters")
    assert listing.status_code == 200
    for html in (home, listing.text):
        book = html[html.index('<div class="book">') :]
        assert tuple(re.findall(r'<li><a href="/chapter/([^"]+)">', book)) == BOOK_ORDER
    for chapter in BOOK_ORDER:
        assert (await async_client.get(f"/chapter/{chapter}")).status_code == 200


async def test_the_navigation_leads_to_the_chapters(home):
    nav = re.search(r"<nav>(.*?)</nav>", home, re.S)
    assert nav is not None and '<a href="/chapters">Chapters</a>' in nav[1]


async def test_the_class_table_links_to_local_lists_of_instances(async_client, home):
    table = home[home.index("What the graph holds, by class") :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<tr><td><a href="(/instances/[^"]+)"[^>]*>([^<]+)</a></td><td class="number">(\d+)</td>', table)
    assert len(rows) >= 10
    assert "w3.org" not in re.sub(r'title="[^"]*"', "", table), "no row links to a vocabulary's specification"
    for href, label, count in rows:
        response = await async_client.get(href)
        assert response.status_code == 200, href
        assert f"<h1>{label}</h1>" in response.text
        assert re.search(rf"<p class=\"lead\">{count} entit(y|ies) ", response.text), href


async def test_a_long_list_of_instances_is_paged(async_client):
    first = await async_client.get("/instances/org:Organization")
    total = int(re.search(r'<p class="lead">(\d+) entities', first.text)[1])  # type: ignore[index]
    assert total > 50
    assert len(re.findall(r"<li><a href=", first.text[first.text.index('<ul class="instances">') :])) == 50
    assert 'rel="next" href="/instances/org:Organization?page=2"' in first.text
    second = await async_client.get("/instances/org:Organization?page=2")
    assert second.status_code == 200 and 'rel="prev"' in second.text and 'rel="next"' not in second.text
    assert len(re.findall(r"<li><a href=", second.text[second.text.index('<ul class="instances">') :])) == total - 50


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/instances/org:Organization?page=0", 404),
        ("/instances/org:Organization?page=99", 404),
        ("/instances/org:Organization?page=two", 400),
        ("/instances/nowhere:Thing", 404),
        ("/instances/org:Nothing", 404),
        ("/instances/org:a%3E%20%3Fx", 404),
    ],
)
async def test_instances_of_nothing_are_not_found(async_client, path, status):
    assert (await async_client.get(path)).status_code == status
