"""The chapter reader: the source text marked up with mentions and footnote markers, and /chapter/{id}."""

from __future__ import annotations

import re

import pytest

from wilcokg.server.linked_data.annotate import Mark, annotate
from wilcokg.source.footnotes import Footnote

TEXT = "Beyond general objectives1, Lille Metropolis Local Housing Plan <b>\nand the CAF."
FOOTNOTES = (Footnote(1, TEXT.index("1,"), TEXT.index("1,") + 1, 1),)


def test_mentions_are_linked_and_footnote_markers_raised():
    lille = TEXT.index("Lille Metropolis")
    caf = TEXT.index("CAF")
    marks = [
        Mark(lille, lille + 16, "/id/org/mel", "European Metropolis of Lille", "Organisation"),
        Mark(caf, caf + 3, "/id/org/caf", "Family Allowance Office", "Organisation"),
    ]
    html = str(annotate(TEXT, 0, len(TEXT), marks, FOOTNOTES))
    assert 'objectives<sup class="footnote">1</sup>, ' in html
    assert (
        f'<a class="mention organisation" id="m{lille}-{lille + 16}" href="/id/org/mel" '
        'title="European Metropolis of Lille (Organisation)">Lille Metropolis</a>'
    ) in html
    assert ">CAF</a>." in html
    assert "&lt;b&gt;\nand" in html


def test_the_longer_of_two_overlapping_mentions_wins():
    start = TEXT.index("Lille Metropolis")
    marks = [
        Mark(start, start + 5, "/id/city/lille", "Lille", "City"),
        Mark(start, start + 16, "/id/org/mel", "European Metropolis of Lille", "Organisation"),
    ]
    html = str(annotate(TEXT, 0, len(TEXT), marks, FOOTNOTES))
    assert "/id/city/lille" not in html and 'href="/id/org/mel"' in html


def test_only_the_slice_is_rendered():
    start = TEXT.index("Local")
    html = str(annotate(TEXT, start, start + 5, [Mark(0, 6, "/x", "x", "City")], FOOTNOTES))
    assert html == "Local"


def test_the_reader_shows_the_chapter_as_published(client):
    response = client.get("/chapter/lille-introduction")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Lille – Introduction</h1>" in html
    assert re.search(r'<h2 id="s1">Local background of the social innovations</h2>', html)
    paragraph = re.search(r'<p id="p2">(.*?)</p>', html, re.S)
    assert paragraph is not None
    assert 'objectives<sup class="footnote">1</sup>' in paragraph.group(1)
    assert re.search(r'<a class="mention organisation" id="m\d+-\d+" href="/id/org/mel"[^>]*>Lille Metropolis<', html)
    assert re.search(r'href="/id/org/caf"[^>]*>CAF</a>', html)


def test_the_reader_lists_mentions_subjects_and_the_city_s_other_chapters(client):
    html = client.get("/chapter/lille-introduction").text
    aside = html[html.index('<aside class="context">') :]
    assert "<h3>Organisation</h3>" in aside and 'href="/id/org/caf"' in aside
    assert 'href="/id/keyword/child-care"' in aside[aside.index("Subjects") :]
    assert re.search(r'class="evidence" href="#m\d+-\d+"', aside)
    order = [m.group(1) for m in re.finditer(r'<li>(?:<a href="/chapter/[^"]+">|<strong[^>]*>)([^<]+)<', aside)]
    assert order == [
        "Lille – Introduction",
        "9. Support for housing self-renovation in Lille Metropolis",
        "11. Potes en Ciel – Children’s Café",
        "Lille – Conclusions",
    ]


def test_the_reader_has_a_colour_legend_for_the_kinds_it_marks(client):
    html = client.get("/chapter/lille-introduction").text
    legend = html[html.index('<section class="legend">') : html.index("</section>", html.index('class="legend"'))]
    marked = set(re.findall(r'<a class="mention ([a-z-]+)"', html))
    shown = set(re.findall(r'<span class="mention ([a-z-]+)">', legend))
    assert shown == marked and {"organisation", "city", "keyword"} <= shown
    assert '<span class="mention social-innovation">Social innovation</span>' in legend
    assert '<sup class="footnote">1</sup> a footnote marker' in legend


def test_a_search_hit_s_anchor_exists_in_the_reader(client):
    results = client.get("/search", params={"q": "Parler", "format": "json"}).json()["results"]
    hit = next(h for h in results if "#p" in h["url"])
    path, anchor = hit["url"].split("#")
    assert f'id="{anchor}"' in client.get(path).text


def test_the_chapter_s_entity_page_links_to_the_reader(client):
    html = client.get("/page/chapter/lille-introduction").text
    assert 'class="reader-link" href="/chapter/lille-introduction"' in html


@pytest.mark.parametrize("identifier", ["atlantis", "..%2F..%2Fetc", "LILLE-INTRODUCTION"])
def test_an_unknown_chapter_is_404(client, identifier):
    assert client.get(f"/chapter/{identifier}").status_code == 404
