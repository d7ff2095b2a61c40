"""Who does what, on the pages: an innovation's actors by role and an actor's roles, each with its status and
the sentence that states it, linked to the place in the chapter reader, which marks that sentence."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import BOOK_ORDER
from wilcokg.server.linked_data.annotate import Mark, Stated, annotate
from wilcokg.source.footnotes import Footnote

pytestmark = pytest.mark.anyio

FILUR_PAGE = "/page/innovation/the-filur-project"
FILUR_READER = "/chapter/58-the-filur-project"


def _section(html: str, css: str) -> str:
    match = re.search(rf'<section class="{css}">(.*?)</section>', html, re.S)
    assert match is not None, f"no section {css!r}"
    return match.group(1)


def _rows(section: str) -> dict[str, str]:
    """Each role row of a section by the text of its first link: the row's HTML."""
    rows = re.findall(r'<li class="role">(.*?)</ul>\n</li>', section, re.S)
    return {re.search(r">([^<]+)</a>", row).group(1): row for row in rows}  # type: ignore[union-attr]


async def test_an_innovation_page_lists_its_actors_by_role_with_status_and_evidence(async_client):
    response = await async_client.get(FILUR_PAGE)
    assert response.status_code == 200
    section = _section(response.text, "roles actors")
    headings = re.findall(r"<h3>(\w+)</h3>", section)
    assert headings == ["Funders", "Operators", "Partners"]
    funders = _rows(section[section.index("<h3>Funders") : section.index("<h3>Operators")])
    assert set(funders) == {"City of Stockholm", "European Social Fund"}
    assert 'class="status extracted"' in funders["European Social Fund"]
    assert "<mark>European Social Fund</mark>" in funders["European Social Fund"]
    assert 'class="status curated"' in funders["City of Stockholm"]
    assert f'href="{FILUR_READER}#e172-293"' in funders["City of Stockholm"]
    partners = _rows(section[section.index("<h3>Partners") :])
    assert {"Jobbtorg", "City of Sundbyberg", "Swedish Public Employment Service"} <= set(partners)
    # A curated role that no sentence states keeps its row, and says where it comes from.
    assert 'class="status curated"' in partners["City of Sundbyberg"]
    assert 'class="unstated"' in partners["City of Sundbyberg"]


async def test_a_partner_s_page_lists_its_roles_in_innovations(async_client):
    response = await async_client.get("/page/org/jobbtorg")
    assert response.status_code == 200
    section = _section(response.text, "roles played")
    assert "<h2>Roles in social innovations</h2>" in section
    assert '<strong>Partner</strong> of <a href="/id/innovation/the-filur-project">The Filur Project</a>' in section
    assert 'class="status curated" title="stated by a curator"' in section
    assert "Most participants come through <mark>Jobbtorg</mark>" in section
    assert f'href="{FILUR_READER}#e294-622"' in section


async def test_an_extracted_role_is_shown_as_unreviewed_on_the_actor_s_page(async_client):
    section = _section((await async_client.get("/page/org/european-social-fund")).text, "roles played")
    assert '<strong>Funder</strong> of <a href="/id/innovation/the-filur-project">' in section
    assert 'class="status extracted" title="read from the text, not yet reviewed"' in section


async def test_a_page_with_no_roles_has_no_role_section(async_client):
    html = (await async_client.get("/page/keyword/child-care")).text
    assert 'class="roles' not in html


async def test_every_evidence_link_leads_to_the_marked_sentence_in_the_reader(async_client):
    html = (await async_client.get(FILUR_PAGE)).text
    links = set(re.findall(r'class="in-reader" href="([^"#]+)#(e\d+-\d+)"', html))
    assert len(links) >= 4
    readers: dict[str, str] = {}
    for path, anchor in sorted(links):
        if path not in readers:
            response = await async_client.get(path)
            assert response.status_code == 200
            readers[path] = response.text
        assert re.search(rf'<span class="stated (curated|accepted|extracted)" id="{anchor}"', readers[path]), anchor


async def test_the_reader_marks_role_sentences_around_their_mentions(async_client):
    html = (await async_client.get(FILUR_READER)).text
    sentence = re.search(r'<span class="stated extracted" id="e172-293" title="([^"]*)">(.*?)</span>', html, re.S)
    assert sentence is not None
    assert "European Social Fund: funder of The Filur Project (extracted)" in sentence.group(1)
    stockholm = r'<a class="mention organisation" id="m\d+-\d+" href="/id/org/stockholm-municipality"'
    assert re.search(stockholm, sentence[2]), "the mentions inside the sentence are marked within it"
    # Role evidence is no mention: no link in the text leads to a role's own node.
    assert not re.search(r'class="mention[^"]*"[^>]*href="[^"]*/actor/', html)
    aside = _section(html, "statements")
    assert re.search(r'European Social Fund</a>: funder of <a href="/id/innovation/the-filur-project">', aside)
    assert 'href="#e172-293"' in aside


class _Classes(HTMLParser):
    """The classes of the marks (links, spans, superscripts) in the chapter's text and in the legend."""

    def __init__(self) -> None:
        super().__init__()
        self.where: list[str] = []
        self.text: set[str] = set()
        self.legend: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("article", "section") and classes in (["chapter"], ["legend"]):
            self.where.append(classes[0])
        elif tag in ("article", "section"):
            self.where.append("")
        elif tag not in ("a", "span", "sup"):
            return
        elif self.where and self.where[-1] == "chapter":
            self.text.update(classes)
        elif self.where and self.where[-1] == "legend":
            self.legend.update(classes)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("article", "section"):
            self.where.pop()


@pytest.mark.parametrize("chapter", BOOK_ORDER)
async def test_the_reader_s_legend_explains_every_class_in_the_text(async_client, chapter):
    response = await async_client.get(f"/chapter/{chapter}")
    assert response.status_code == 200
    classes = _Classes()
    classes.feed(response.text)
    assert classes.text, "the text marks something"
    assert classes.text <= classes.legend, classes.text - classes.legend


TEXT = "The fund pays for Filur. Jobbtorg sends its young people1 there."
FOOTNOTES = (Footnote(1, TEXT.index("1 there"), TEXT.index("1 there") + 1, 1),)


def _mark(name: str, href: str) -> Mark:
    return Mark(TEXT.index(name), TEXT.index(name) + len(name), href, name, "Organisation")


def test_a_stated_sentence_wraps_its_mentions_and_footnote_markers():
    second = TEXT.index("Jobbtorg")
    marks = [_mark("fund", "/id/org/fund"), _mark("Jobbtorg", "/id/org/jobbtorg")]
    stated = [Stated(second, len(TEXT), "extracted", "Jobbtorg: partner of Filur (extracted)")]
    html = str(annotate(TEXT, 0, len(TEXT), marks, FOOTNOTES, stated))
    assert html.startswith('The <a class="mention organisation" id="m4-8" href="/id/org/fund"')
    assert (
        f'<span class="stated extracted" id="e{second}-{len(TEXT)}" title="Jobbtorg: partner of Filur (extracted)">'
        f'<a class="mention organisation" id="m{second}-{second + 8}" href="/id/org/jobbtorg"'
    ) in html
    assert html.endswith('people<sup class="footnote">1</sup> there.</span>')


def test_a_mention_over_a_sentence_s_edge_stays_plain_and_overlapping_sentences_keep_the_first():
    crossing = Mark(TEXT.index("Filur"), TEXT.index("Jobbtorg") + 8, "/id/x", "x", "Organisation")
    first = Stated(0, TEXT.index(" Jobbtorg"), "curated", "first")
    overlapping = Stated(TEXT.index("Filur"), len(TEXT), "extracted", "second")
    html = str(annotate(TEXT, 0, len(TEXT), [crossing], FOOTNOTES, [overlapping, first]))
    assert "/id/x" not in html
    assert html.count('class="stated') == 1 and 'title="first"' in html
