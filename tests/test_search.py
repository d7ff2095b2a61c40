"""Full-text search: the index built with the graph, the query translation, and /search over HTTP."""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from conftest import repository_inputs
from wilcokg.build import BuildReport, Dataset, assemble
from wilcokg.dist_layout import SEARCH_INDEX
from wilcokg.search_index import search_database
from wilcokg.server.engine.text_index import MAX_QUERY_CHARACTERS, fts_expression, search

RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return assemble(repository_inputs(), BuildReport())


@pytest.fixture(scope="module")
def index(dist: Path) -> Path:
    return dist / SEARCH_INDEX


def test_the_index_is_the_same_bytes_whatever_the_order_of_the_quads_in_a_graph(dataset):
    shuffled = list(dataset.quads)
    random.Random(7).shuffle(shuffled)
    # The build's quads come a graph at a time (quad_order); within a graph, in any order.
    shuffled.sort(key=lambda quad: str(quad.graph_name))
    first = search_database(dataset.quads, dataset.sources)
    assert search_database(shuffled, reversed(dataset.sources)) == first
    assert first.startswith(b"SQLite format 3\x00")


def test_the_index_holds_labels_paragraphs_evidence_and_the_sources(index):
    connection = sqlite3.connect(index)
    kinds = dict(connection.execute("SELECT kind, count(*) FROM entries GROUP BY kind").fetchall())
    assert kinds["City"] == 20 and kinds["Paragraph"] > 40 and kinds["Mention"] > 300 and kinds["Section"] > 30
    text = connection.execute("SELECT text FROM chapters WHERE id = 'lille-introduction'").fetchone()[0]
    assert text == (Path(__file__).parent.parent / "data/reports/fr-lille/00-introduction.txt").read_text()


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("malmo", '"malmo"'),
        ('"social housing"', '"social housing"'),
        ("hous*", '"hous"*'),
        ('"social hous"*', '"social hous"*'),
        ("CAF AND (child OR NEAR(x", '"CAF" "(child" "NEAR(x"'),
        ('unbalanced "quote', '"unbalanced" "quote"'),
        ("col:umn ^start", '"col:umn" "^start"'),
        ("", None),
        ('"', None),
        ("*", None),
        ('"" * - ()', None),
        ("lille\x00housing\x1f", '"lille" "housing"'),
        ('"lille\x00 housing"', '"lille  housing"'),
    ],
)
def test_what_a_person_types_becomes_quoted_fts5_terms(typed, expression):
    assert fts_expression(typed) == expression


def test_a_long_query_is_cut_to_the_cap():
    expression = fts_expression("x" * 2000)
    assert expression == '"' + "x" * MAX_QUERY_CHARACTERS + '"'


def test_search_folds_diacritics_and_case_and_ranks_names_first(index):
    results = search(index, "MALMO", 10)
    assert results.hits[0].title == "Malmö" and results.hits[0].kind == "City"
    assert str(results.hits[0].snippet).startswith("<mark>Malmö</mark>")
    kinds = [hit.kind for hit in search(index, "housing", 200).hits]
    last_entity = max(i for i, kind in enumerate(kinds) if kind not in ("Section", "Paragraph", "Mention"))
    assert kinds.index("Paragraph") > last_entity
    assert kinds[0] == "Policy field"


def test_phrases_and_prefixes(index):
    phrase = search(index, '"social housing"', 50)
    assert phrase.hits and all(re.search("<mark>social housing</mark>", str(h.snippet), re.I) for h in phrase.hits)
    words = search(index, "social housing", 200).total
    assert words > phrase.total
    prefixed = search(index, "hous*", 200)
    assert prefixed.total > search(index, "housing", 200).total
    assert any("<mark>households</mark>" in str(h.snippet) for h in prefixed.hits)


def test_paragraph_hits_point_into_the_reader(index):
    hit = next(h for h in search(index, '"Parler Bambins"', 50).hits if h.kind == "Paragraph")
    assert hit.anchor.startswith("/chapter/") and "#p" in hit.anchor


def test_snippets_escape_the_text_and_only_the_marks_are_markup(tmp_path):
    hostile = NamedNode("https://w3id.org/wilcokg/id/org/hostile")
    label = Literal("<script>alert(1)</script> & Malmö Sons")
    path = tmp_path / SEARCH_INDEX
    path.write_bytes(search_database([Quad(hostile, RDFS_LABEL, label, DefaultGraph())], []))
    snippet = str(search(path, "sons", 5).hits[0].snippet)
    assert snippet == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Malmö <mark>Sons</mark>"


def test_search_page_lists_linked_results(client):
    response = client.get("/search", params={"q": "housing"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert 'href="/id/policy-field/housing"' in response.text
    assert "<mark>Housing</mark>" in response.text
    assert 'href="/chapter/' in response.text and "#p" in response.text


@pytest.mark.parametrize("query", ["", '"', "*", "x" * 2000, "AND OR NOT", "a\" OR 'b"])
def test_odd_queries_answer_200(client, query):
    for params in ({"q": query}, {"q": query, "format": "json"}):
        assert client.get("/search", params=params).status_code == 200


def test_search_as_json(client):
    by_header = client.get("/search", params={"q": "malmo"}, headers={"Accept": "application/json"})
    by_parameter = client.get("/search", params={"q": "malmo", "format": "json"})
    assert by_header.json() == by_parameter.json()
    body = by_header.json()
    assert body["total"] >= 1
    assert body["results"][0] == {
        "title": "Malmö",
        "kind": "City",
        "iri": "https://w3id.org/wilcokg/id/city/malmo",
        "url": "/id/city/malmo",
        "snippet": "<mark>Malmö</mark> · <mark>Malmo</mark>",
    }


def test_search_pages_through_every_result_by_next_links(client):
    everything = client.get("/search", params={"q": "housing", "format": "json", "limit": 200}).json()
    assert 60 < everything["total"] <= 200 and everything["next"] is None
    collected, url, pages = [], "/search?" + urlencode({"q": "housing", "format": "json", "limit": 20}), 0
    while url:
        page = client.get(url).json()
        assert page["limit"] == 20 and page["offset"] == 20 * pages
        collected += page["results"]
        url, pages = page["next"], pages + 1
    assert pages == -(-everything["total"] // 20)
    assert collected == everything["results"]
    assert page["previous"] == "/search?" + urlencode(
        {"q": "housing", "limit": 20, "offset": 20 * (pages - 2), "format": "json"}
    )


def test_search_page_links_to_the_previous_and_next_pages(client):
    total = client.get("/search", params={"q": "housing", "format": "json"}).json()["total"]
    html = client.get("/search", params={"q": "housing", "limit": 20, "page": 2}).text
    assert f"Results 21–40 of {total} for <q>housing</q>." in html
    assert '<ol class="results" start="21">' in html
    assert '<a rel="prev" href="/search?q=housing&amp;limit=20&amp;offset=0">← previous 20</a>' in html
    assert '<a rel="next" href="/search?q=housing&amp;limit=20&amp;offset=40">next 20 →</a>' in html
    last = client.get("/search", params={"q": "housing", "limit": 20, "offset": total - 5}).text
    assert 'rel="next"' not in last and f"of {total} for" in last


def test_the_limit_parameter_is_documented(client):
    html = client.get("/search", params={"q": "housing"}).text
    assert "<code>limit</code>, results per page (1 to 200, 50 unless given)" in html
    body = client.get("/search", params={"q": "housing", "format": "json"}).json()
    assert body["limit"] == 50 and body["parameters"]["limit"] == "results per page, 1 to 200 (default 50)"
    assert set(body["parameters"]) >= {"q", "limit", "offset", "page"}


@pytest.mark.parametrize("params", [{"offset": "ten"}, {"limit": "1.5"}, {"page": "two"}])
def test_a_malformed_page_parameter_is_a_one_line_400(client, params):
    response = client.get("/search", params={"q": "housing", **params})
    assert response.status_code == 400
    assert response.text.startswith("Bad search parameter ") and "expected a whole number" in response.text
    assert "\n" not in response.text.strip()


def test_evidence_is_indexed_as_whole_sentences_without_footnote_markers(index):
    connection = sqlite3.connect(index)
    rows = connection.execute("SELECT title, text, iri, anchor FROM entries WHERE kind = 'Mention'").fetchall()
    texts = [text for _, text, _, _ in rows]
    assert not any(re.search(r"\b(Plan4|objectives1|conference3)\b", text) for text in texts)
    # The sentence names housing twice; the policy field's evidence holds it once.
    housing = [
        text
        for _, text, iri, _ in rows
        if iri.endswith("/policy-field/housing") and text.startswith("Under its second Local Housing Plan (PLMH2")
    ]
    assert housing == [
        "Under its second Local Housing Plan (PLMH2, 2008-2012), Lille Metropolis decided at the start of 2011 "
        "to back the self-renovation of housing."
    ]
    # The graph's quotes stop 240 characters from the mention; the index has the whole sentence.
    assert any(text.startswith("Each of the three organisations then recruits households") for text in texts)
    assert not any(text.startswith("he three organisations") for text in texts)
