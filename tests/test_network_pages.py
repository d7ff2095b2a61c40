"""The pictures of who does what, over HTTP: the whole book's on the home page, a city's on its page.

Each role line has its role's colour and leads to the sentence that states the role, which the reader
marks with that id; each name leads to its entity's page. What the pictures should hold is asked of
/sparql in words of its own. A city whose innovations have no actor in a role gets no picture.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from conftest import ROOT
from in_process import in_process_app, serving
from picture_svg import COLOUR_ROLES, Picture, assert_readable, read_picture
from wilcokg.pictures.model import Role
from wilcokg.pictures.svg import DEFAULT_TITLE

pytestmark = pytest.mark.anyio

ID = "https://w3id.org/wilcokg/id/"
PICTURE = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" class="network-picture".*?</svg>', re.S)
EVIDENCE = re.compile(r"/chapter/([a-z0-9-]+)#(e\d+-\d+)")
PREFIXES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
"""
# Who does what in the innovations of the cities ?city stands for, and which roles a sentence states.
ROLES = (
    PREFIXES
    + """
SELECT DISTINCT ?innovation ?actor ?notation ?stated WHERE {
  ?innovation a wilco:SocialInnovation ; dcterms:spatial ?city ; wilco:qualifiedActor ?node .
  ?city a schema:City .
  ?node prov:agent ?actor ; prov:hadRole/skos:notation ?notation .
  BIND(EXISTS { ?annotation oa:hasBody ?node ; oa:motivatedBy oa:describing } AS ?stated)
}"""
)

Edge = tuple[str, str, Role]


@pytest.fixture(scope="module")
async def client(dist: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(in_process_app(dist, queries=ROOT / "queries")) as session:
        yield session


async def picture_on(client: httpx.AsyncClient, path: str) -> tuple[str, Picture]:
    response = await client.get(path)
    assert response.status_code == 200
    pictures = PICTURE.findall(response.text)
    assert len(pictures) == 1, f"{path} shows {len(pictures)} pictures of who does what"
    return pictures[0], read_picture(pictures[0])


async def roles_in(client: httpx.AsyncClient, city: str | None = None) -> tuple[set[Edge], set[Edge]]:
    """Every (innovation page, actor page, role) in the innovations of `city` or of every city, and those
    a sentence states."""
    query = ROLES if city is None else ROLES.replace("?city", f"<{ID}city/{city}>")
    response = await client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    every, stated = set(), set()
    for row in response.json()["results"]["bindings"]:
        edge = (_page(row["innovation"]["value"]), _page(row["actor"]["value"]), Role(row["notation"]["value"]))
        every.add(edge)
        if row["stated"]["value"] == "true":
            stated.add(edge)
    return every, stated


def _page(iri: str) -> str:
    return "/" + iri.removeprefix("https://w3id.org/wilcokg/")


def drawn_roles(picture: Picture) -> tuple[set[Edge], set[Edge]]:
    """The role lines as (innovation's link, actor's link, role of the line's colour), and those that link."""
    every, linked = set(), set()
    for line in picture.lines:
        if not line.role_line:
            continue
        innovation, actor = picture.ends(line)
        assert innovation.href and actor.href
        edge = (innovation.href, actor.href, COLOUR_ROLES[line.colour])
        every.add(edge)
        if line.href:
            linked.add(edge)
    return every, linked


async def assert_evidence_is_marked_in_the_reader(client: httpx.AsyncClient, picture: Picture) -> int:
    """Every role line's link leads to a chapter in the reader that marks the sentence with that id."""
    anchors: dict[str, set[str]] = defaultdict(set)
    for line in picture.lines:
        if line.role_line and line.href:
            found = EVIDENCE.fullmatch(line.href)
            assert found, f"{line.href} is not a sentence in the reader"
            anchors[found[1]].add(found[2])
    for chapter, ids in anchors.items():
        response = await client.get(f"/chapter/{chapter}")
        assert response.status_code == 200
        marked = set(re.findall(r'<span class="stated [a-z]+" id="(e\d+-\d+)"', response.text))
        assert ids <= marked, f"/chapter/{chapter} marks no sentence {sorted(ids - marked)}"
    return sum(len(ids) for ids in anchors.values())


async def assert_names_lead_to_their_pages(client: httpx.AsyncClient, picture: Picture) -> int:
    names = {label.href: label.text for label in picture.labels if label.node}
    assert all(names), "every name links to its page"
    for href in names:
        response = await client.get(href, headers={"Accept": "text/html"}, follow_redirects=True)
        assert response.status_code == 200, href
        assert f"<code>https://w3id.org/wilcokg{href}</code>" in response.text
    return len(names)


async def test_the_home_page_draws_who_does_what_in_every_city(client):
    svg, picture = await picture_on(client, "/")
    assert f">{DEFAULT_TITLE}</title>" in svg
    assert_readable(picture)
    expected, stated = await roles_in(client)
    drawn, linked = drawn_roles(picture)
    assert drawn == expected, "one line per innovation, actor and role, in the role's colour"
    assert linked == stated, "a line links exactly when a sentence states its role"
    assert len({role for _, _, role in drawn}) >= 4
    cities = {label.text for label in picture.labels if label.href and label.href.startswith("/id/city/")}
    assert cities == {"Lille", "Nantes", "Stockholm", "Zagreb"}
    assert len(picture.legend) == 7


async def test_the_home_page_s_lines_lead_to_marked_sentences_and_names_to_pages(client):
    _, picture = await picture_on(client, "/")
    assert await assert_evidence_is_marked_in_the_reader(client, picture) >= 10
    assert await assert_names_lead_to_their_pages(client, picture) >= 30


async def test_a_city_s_page_draws_its_own_innovations_and_actors(client):
    svg, picture = await picture_on(client, "/page/city/lille")
    assert_readable(picture)
    expected, stated = await roles_in(client, "lille")
    drawn, linked = drawn_roles(picture)
    assert drawn == expected
    assert linked == stated
    assert {label.text for label in picture.labels if label.href == "/id/city/lille"} == {"Lille"}
    assert {label.href for label in picture.labels if label.href and label.href.startswith("/id/city/")} == {
        "/id/city/lille"
    }
    assert ">Who does what in Lille</title>" in svg
    assert len(picture.legend) == 7
    assert await assert_evidence_is_marked_in_the_reader(client, picture) >= 5
    assert await assert_names_lead_to_their_pages(client, picture) >= 10


async def test_a_city_without_roles_shows_no_picture(client):
    every, _ = await roles_in(client, "berlin")
    assert not every
    response = await client.get("/page/city/berlin")
    assert response.status_code == 200
    assert "<h1>Berlin</h1>" in response.text
    assert "network-picture" not in response.text and "who-does-what" not in response.text


@pytest.mark.parametrize("path", ["/page/org/jobbtorg", "/page/innovation/the-filur-project"])
async def test_only_a_city_s_page_has_a_picture(client, path):
    response = await client.get(path)
    assert response.status_code == 200
    assert "network-picture" not in response.text


async def test_a_server_without_the_roles_query_shows_no_picture(dist: Path, tmp_path: Path):
    empty = tmp_path / "queries"
    empty.mkdir()
    async with serving(in_process_app(dist, queries=empty)) as session:
        for path in ("/", "/page/city/lille"):
            response = await session.get(path)
            assert response.status_code == 200
            assert "network-picture" not in response.text
