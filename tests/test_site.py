"""The site over real HTTP: linked-data conneg, entity pages, downloads, dataset description, ontology."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib

from conftest import ONTOLOGY, REFERENCE, REPORTS, SHAPES
from in_process import in_process_client
from wilcokg.build import Inputs, build
from wilcokg.server.engine.graph_reader import Row, Term
from wilcokg.server.linked_data.entity import entity_view
from wilcokg.server.site.download_notes import human_size

HOSTILE_LABEL = "<script>alert('owned')</script> & Sons"
HOSTILE_ORG = f"""
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/wilcokg/id/org/hostile> a org:Organization ;
    rdfs:label "{HOSTILE_LABEL}" ; skos:prefLabel "{HOSTILE_LABEL}"@en ;
    <http://purl.org/dc/terms/spatial> <https://w3id.org/wilcokg/id/city/lille> .
"""


@pytest.fixture(scope="module")
def site_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's data plus one organisation whose label is an HTML injection attempt."""
    root = tmp_path_factory.mktemp("site")
    reference = root / "reference"
    shutil.copytree(REFERENCE, reference)
    (reference / "hostile.ttl").write_text(HOSTILE_ORG, encoding="utf-8")
    build(Inputs(REPORTS, reference, ONTOLOGY, SHAPES), root / "dist")
    return root / "dist"


@pytest.fixture(scope="module")
def client(site_dist: Path) -> Iterator[httpx.Client]:
    with in_process_client(site_dist) as session:
        yield session


@pytest.mark.parametrize(
    ("accept", "location"),
    [
        ("text/html,application/xhtml+xml,*/*;q=0.8", "/page/city/lille"),
        ("text/turtle", "/data/city/lille.ttl"),
        ("application/ld+json", "/data/city/lille.jsonld"),
        ("application/n-triples", "/data/city/lille.nt"),
    ],
)
def test_entity_iri_redirects_by_accept(client, accept, location):
    response = client.get("/id/city/lille", headers={"Accept": accept})
    assert response.status_code == 303
    assert response.headers["location"].endswith(location)
    assert "accept" in response.headers["vary"].lower()


def test_unacceptable_and_unknown_entities(client):
    assert client.get("/id/city/lille", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/id/city/atlantis", headers={"Accept": "text/html"}).status_code == 404
    assert client.get("/page/city/atlantis").status_code == 404


@pytest.mark.parametrize(("extension", "fmt"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_entity_data_parses_and_describes_the_entity(client, extension, fmt):
    response = client.get(f"/data/city/lille.{extension}")
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format=fmt)
    lille = rdflib.URIRef("https://w3id.org/wilcokg/id/city/lille")
    assert (lille, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q648")) in graph
    assert (lille, rdflib.RDF.type, rdflib.URIRef("http://schema.org/City")) in graph


def test_entity_turtle_declares_the_prefixes_it_uses(client):
    turtle = client.get("/data/city/lille.ttl").text
    lines = turtle.splitlines()
    assert "@prefix city: <https://w3id.org/wilcokg/id/city/> ." in lines
    assert "@prefix owl: <http://www.w3.org/2002/07/owl#> ." in lines
    assert any(line.startswith("city:lille ") for line in lines) and "owl:sameAs" in turtle
    assert "@prefix bibo:" not in turtle, "a prefix the description does not use"
    # GeoNames IRIs end in a slash, which a prefixed name could only write escaped.
    assert "<https://sws.geonames.org/2998324/>" in turtle and "\\/" not in turtle


def test_entity_page_shows_properties_links_and_evidence(client):
    response = client.get("/page/org/caf")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Family Allowance Office of Nord</h1>" in html
    assert 'href="/id/org/cnaf"' in html and "National Family Allowance Fund" in html
    assert re.search(r"<mark>(CAF|Family Allowance Office)</mark>", html)
    assert 'href="/id/chapter/lille-introduction"' in html
    for extension, media_type in (("ttl", "text/turtle"), ("jsonld", "application/ld+json")):
        assert f'<link rel="alternate" type="{media_type}" href="/data/org/caf.{extension}"' in html
    assert '<script type="application/ld+json">' in html


def _quotes(html: str) -> list[str]:
    return re.findall(r"<q>(.*?)</q>", html, re.S)


def test_evidence_is_one_entry_per_sentence_with_footnote_markers_raised(client):
    quotes = _quotes(client.get("/page/policy-field/housing").text)
    plan = [quote for quote in quotes if "Under its second Local" in quote]
    assert len(plan) == 1, "the sentence names housing twice: one entry, both names marked"
    assert plan[0].count("<mark>") == 2
    assert 'Plan<sup class="footnote">4</sup> (PLMH2, 2008-2012)' in plan[0]
    assert not any(re.search(r"[a-z][0-9]\b", re.sub(r"<[^>]+>.*?</sup>|<[^>]+>", "", q)) for q in quotes)


def test_evidence_is_cut_at_word_boundaries_with_an_ellipsis(client):
    sources = "\n".join(path.read_text(encoding="utf-8") for path in REPORTS.glob("*/*.txt"))
    quotes = _quotes(client.get("/page/policy-field/housing").text)
    cut = [quote for quote in quotes if quote.startswith("…") or quote.endswith("…")]
    assert cut, "the page has sentences long enough to be cut"
    for quote in quotes:
        text = html.unescape(re.sub(r"<[^>]+>", "", quote))
        words = text.strip("…")
        at = sources.find(words)
        assert at > 0, f"not a piece of the text: {text}"
        assert not text.startswith("…") or sources[at - 1].isspace(), f"cut inside a word: {text}"
        assert not text.endswith("…") or sources[at + len(words)].isspace(), f"cut inside a word: {text}"
        assert text.startswith("…") or not text[0].islower(), f"a cut without an ellipsis: {text}"


def test_city_page_links_out_to_wikidata_and_geonames(client):
    html = client.get("/page/city/lille").text
    assert 'href="http://www.wikidata.org/entity/Q648"' in html
    assert 'href="https://sws.geonames.org/2998324/"' in html
    assert 'href="/id/country/fr"' in html


def test_external_matches_are_named_not_numbered(client):
    html = client.get("/page/keyword/child-care").text
    link = '<a href="http://eurovoc.europa.eu/1133" rel="external" title="http://eurovoc.europa.eu/1133">'
    assert f"{link}EuroVoc: Child care</a>" in html
    assert ">UNESCO Thesaurus: close to Child care</a>" in html
    assert '<a href="http://eurovoc.europa.eu/1133">EuroVoc: Child care</a>' in html, "in the properties too"
    assert ">1133<" not in html
    assert ">Wikidata: Lille</a>" in client.get("/page/city/lille").text


def test_labels_are_html_escaped(client):
    for path in ("/page/org/hostile", "/page/city/lille"):
        html = client.get(path).text
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; Sons" in html
    embedded = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', client.get("/page/org/hostile").text, re.S
    )
    assert embedded and "<script" not in embedded.group(1)


def test_home_page_summarises_the_dataset(client):
    html = client.get("/").text
    assert re.search(r"bibo:Chapter</a></td><td class=\"number\">9<", html)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html and "Housing policy" in html
    assert 'class="network-picture"' in html and "Parler Bambins" in html
    assert 'href="/query"' in html and 'href="/downloads/wilco.ttl"' in html


def test_downloads_list_sizes_and_checksums(client, site_dist):
    html = client.get("/downloads/").text
    for name in ("wilco.ttl", "wilco.nt.gz", "void.ttl"):
        data = (site_dist / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() in html
        assert f'<td class="number" title="{len(data)} bytes">{human_size(len(data))}</td>' in html
    assert "<td>wilco.nt, gzip-compressed.</td>" in html
    assert "The asserted triples, one per line, for line-based tools (N-Triples)." in html
    rows = re.findall(r"<tr><td><a href=\"/downloads/[^\"]+\">[^<]+</a></td><td>([^<]*)</td>", html)
    assert len(rows) >= 13 and all(rows), "every file has a line saying what it holds"
    response = client.get("/downloads/wilco.nt")
    assert response.status_code == 200 and response.content == (site_dist / "wilco.nt").read_bytes()


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 bytes"), (1, "1 byte"), (957, "957 bytes"), (1581, "1.6 kB"), (72_269, "72 kB"), (1_561_962, "1.6 MB")],
)
def test_sizes_are_shown_in_decimal_units(size, shown):
    assert human_size(size) == shown


@pytest.mark.parametrize(
    "path", ["/downloads/../wilco.ttl", "/downloads/%2e%2e/%2e%2e/etc/passwd", "/downloads/nope.ttl"]
)
def test_downloads_never_leave_dist(client, path):
    assert client.get(path).status_code == 404


def test_dataset_description(client):
    for path in ("/void", "/.well-known/void"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
        graph = rdflib.Graph().parse(data=response.text, format="turtle")
        assert (None, rdflib.RDF.type, rdflib.URIRef("http://rdfs.org/ns/void#Linkset")) in graph


def test_ontology_as_html_and_turtle(client):
    html = client.get("/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "SocialInnovation" in html.text
    # Inside the site's frame, with a way back, and without pyLODE's styles for the whole page.
    assert '<header class="top">' in html.text and '<p class="crumbs"><a href="/">Home</a> › Ontology' in html.text
    assert '<link rel="stylesheet" href="/static/ontology.css">' in html.text and 'id="toc"' in html.text
    assert "<style>" not in html.text and html.text.count("<body") == 1
    assert '<script id="schema.org" type="application/ld+json">' in html.text
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert "@prefix owl: <http://www.w3.org/2002/07/owl#> ." in turtle.text
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert (None, rdflib.RDF.type, rdflib.OWL.Ontology) in graph


def test_pages_revalidate_with_the_dataset_etag(client):
    first = client.get("/page/city/lille")
    etag = first.headers["etag"]
    assert first.headers["last-modified"]
    again = client.get("/page/city/lille", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/sparql", params={"query": "ASK {}"}).headers["etag"] == etag


def test_the_favicon_comes_from_this_server(client):
    html = client.get("/page/city/lille").text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    for path in ("/static/favicon.svg", "/favicon.ico"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
        assert response.text.startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_pages_are_gzipped_on_request(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"


def test_values_with_the_same_text_are_listed_english_first_whatever_order_the_store_gives() -> None:
    iri, pref = "https://w3id.org/wilcokg/id/city/lille", "http://www.w3.org/2004/02/skos/core#prefLabel"
    graph = Term("uri", "https://w3id.org/wilcokg/graph/reference")

    def row(language: str) -> Row:
        return {"p": Term("uri", pref), "o": Term("literal", "Lille", language), "g": graph}

    orders = [entity_view(iri, [row(first), row(second)], [], []) for first, second in (("fr", "en"), ("en", "fr"))]
    assert orders[0] == orders[1]
    (statement,) = orders[0].statements
    assert [value.term.language for value in statement.values] == ["en", "fr"]
