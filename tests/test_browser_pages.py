"""The pages for people in a real browser, at a desktop's and at a phone's width: the home page, who does
what on innovation and organisation pages, the pictures of who does what on the home page and a city's
page, the reader's marked sentences and legend, and the curation queue.

Each test takes a screenshot of what it checked, named after the page and the width, into a temporary
folder; `make screenshots` (pytest's `--screenshots docs/screenshots`) keeps them in docs/screenshots/,
where a rerun replaces the same files and the README shows two of them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browser import OffsiteRequests

pytestmark = [pytest.mark.browser, pytest.mark.heavy]

SCREENSHOTS: Path | None = None
"""Where `_screenshot` writes: `screenshots_in` sets it for every test to the session's `screenshots`."""
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
# Generous for a loaded CI machine; a healthy run takes well under a second per step.
TIMEOUT_MS = 20_000


@pytest.fixture(params=sorted(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def page(browser: Browser, width: str) -> Iterator[Page]:
    columns, rows = WIDTHS[width]
    context = browser.new_context(viewport={"width": columns, "height": rows})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(autouse=True)
def screenshots_in(screenshots: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "SCREENSHOTS", screenshots)


def _screenshot(page: Page, name: str, width: str) -> None:
    assert SCREENSHOTS is not None, "screenshots_in sets the folder"
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", animations="disabled", caret="hide")


def _follow_to_reader(page: Page, item: Locator, marked: str, anchor: str) -> Locator:
    """Follows the item's link into the reader of the Filur Project's chapter, where the links of these
    tests lead, and returns the place marked `marked` (a selector) at `anchor`, checked to be in view."""
    item.locator("a.in-reader").click()
    page.wait_for_url(f"**/chapter/58-the-filur-project#{anchor}")
    place = page.locator(f"{marked}#{anchor}")
    expect(place).to_be_in_viewport()
    return place


def test_the_home_page_starts_from_cities_innovations_and_chapters(page: Page, width: str, base_url: str) -> None:
    offsite = OffsiteRequests(page)
    page.goto(f"{base_url}/")
    expect(page.locator("ul.counts li")).to_have_count(5)
    expect(page.locator("figure.map-thumbnail svg.map")).to_be_visible()
    expect(page.locator("figure.map-thumbnail svg.map circle.city")).to_have_count(20)
    expect(page.locator("header.top nav a[href='/chapters']")).to_have_text("Chapters")
    _screenshot(page, "home", width)

    page.locator("table.innovations a", has_text="The Filur Project").click()
    page.wait_for_url("**/page/innovation/the-filur-project")
    expect(page.locator("h1")).to_have_text("The Filur Project")
    page.go_back()
    page.locator(".book a", has_text="58. The Filur Project").click()
    page.wait_for_url("**/chapter/58-the-filur-project")
    expect(page.locator("article.chapter h1")).to_have_text("58. The Filur Project")
    assert offsite.urls == []


def test_an_innovation_s_actors_lead_to_the_sentence_in_the_reader(page: Page, width: str, base_url: str) -> None:
    offsite = OffsiteRequests(page)
    page.goto(f"{base_url}/page/innovation/the-filur-project")
    roles = page.locator("section.roles.actors")
    expect(roles.locator("h3")).to_have_text(["Funders", "Operators", "Partners"])
    fund = roles.locator("li.role", has=page.locator("a", has_text="European Social Fund"))
    expect(fund.locator(".status")).to_have_text("extracted")
    expect(fund.locator("q mark")).to_have_text("European Social Fund")
    roles.scroll_into_view_if_needed()
    _screenshot(page, "innovation", width)

    sentence = _follow_to_reader(page, fund, "span.stated", "e172-293")
    expect(sentence).to_contain_text("paid for jointly by the European Social Fund")
    _screenshot(page, "reader", width)
    assert offsite.urls == []


def test_an_organisation_s_page_shows_its_roles_with_their_status(page: Page, width: str, base_url: str) -> None:
    page.goto(f"{base_url}/page/org/jobbtorg")
    role = page.locator("section.roles.played li.role").first
    expect(role.locator(".claim")).to_have_text("Partner of The Filur Project")
    expect(role.locator(".status")).to_have_text("curated")
    expect(role.locator("q mark").first).to_have_text("Jobbtorg")
    role.scroll_into_view_if_needed()
    _screenshot(page, "organisation", width)


def test_the_reader_s_legend_shows_how_each_status_is_marked(page: Page, width: str, base_url: str) -> None:
    page.goto(f"{base_url}/chapter/58-the-filur-project")
    look = "e => [getComputedStyle(e).textDecorationColor, getComputedStyle(e).textDecorationStyle]"
    looks = set()
    for status in ("curated", "extracted"):
        in_text = page.locator(f"article.chapter span.stated.{status}").first.evaluate(look)
        in_legend = page.locator(f"section.legend span.stated.{status}")
        expect(in_legend).to_be_visible()
        assert in_legend.evaluate(look) == in_text, status
        looks.add(tuple(in_text))
    assert len(looks) == 2, "each status looks different"
    page.locator("section.legend").scroll_into_view_if_needed()
    _screenshot(page, "reader-legend", width)


def test_the_curation_page_leads_from_an_item_to_its_marked_place_in_the_reader(
    page: Page, width: str, base_url: str
) -> None:
    offsite = OffsiteRequests(page)
    page.goto(f"{base_url}/curation")
    expect(page.locator("header.top nav a[href='/curation']")).to_have_text("Curation")
    fund = page.locator(
        "li.review-item", has=page.locator("code.iri", has_text=re.compile(r"^org/european-social-fund$"))
    )
    expect(fund.locator(".status")).to_have_text("extracted")
    expect(fund.locator("q mark")).to_have_text("European Social Fund")
    expect(fund.locator("ul.commands code").first).to_have_text("wilcokg curate accept org/european-social-fund")
    fund.scroll_into_view_if_needed()
    _screenshot(page, "curation", width)

    mention = _follow_to_reader(page, fund, "article.chapter a.mention", "m234-254")
    expect(mention).to_have_text("European Social Fund")
    page.go_back()
    role = page.locator("li.review-item.role", has=page.locator("code.iri", has_text="/european-social-fund/funder"))
    _follow_to_reader(page, role, "span.stated.extracted", "e172-293")
    assert offsite.urls == []


# Where the browser set each text of a picture (its glyphs' box, in the picture's own units), the box of
# the name's node, the picture's declared and rendered size, and the nearest box narrower than the
# picture, whose overflow decides whether the rest of the picture is cut or can be scrolled to.
_PICTURE_GEOMETRY = """svg => {
  const box = b => [b.x, b.y, b.x + b.width, b.y + b.height];
  const texts = [...svg.querySelectorAll('text')].map(text => {
    const node = text.closest('.node');
    const frame = node ? box(node.querySelector('rect').getBBox()) : null;
    return {text: text.textContent, box: box(text.getBBox()), node: frame};
  });
  const width = Number(svg.getAttribute('width')), height = Number(svg.getAttribute('height'));
  const shown = svg.getBoundingClientRect();
  let element = svg.parentElement;
  while (element && element.clientWidth >= width) element = element.parentElement;
  const frame = element && [element.className, getComputedStyle(element).overflowX, element.scrollWidth];
  return {texts, width, height, shown: [shown.width, shown.height], frame};
}"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(inner: list[float], outer: list[float]) -> bool:
    return outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]


@pytest.mark.parametrize(("path", "name"), [("/", "home-network"), ("/page/city/lille", "city")])
def test_who_does_what_sets_every_name_whole_and_apart(
    page: Page, width: str, base_url: str, path: str, name: str
) -> None:
    offsite = OffsiteRequests(page)
    page.goto(f"{base_url}{path}")
    section = page.locator("section.who-does-what")
    picture = section.locator("svg.network-picture")
    expect(picture).to_be_attached()
    geometry = picture.evaluate(_PICTURE_GEOMETRY)
    texts = geometry["texts"]
    assert len([text for text in texts if text["node"]]) >= 10
    assert geometry["shown"] == pytest.approx([geometry["width"], geometry["height"]], abs=0.5), "never shrunk"
    whole = [0, 0, geometry["width"], geometry["height"]]
    for text in texts:
        assert _inside(text["box"], whole), f"{text['text']!r} is cut off by the picture's edge"
        if text["node"]:
            assert _inside(text["box"], text["node"]), f"{text['text']!r} sticks out of its box"
    for index, first in enumerate(texts):
        for second in texts[index + 1 :]:
            assert not _overlap(first["box"], second["box"]), f"{first['text']!r} overlaps {second['text']!r}"
    if width == "phone":
        assert geometry["frame"], "at a phone's width the picture is wider than the page"
    if geometry["frame"]:
        frame, overflow, scrolls = geometry["frame"]
        assert frame == "network-scroll" and overflow == "auto", f"{frame} cuts the picture ({overflow})"
        # scrollWidth is a whole number of pixels, rounded down.
        assert scrolls >= int(geometry["width"]), "the whole picture can be scrolled to"
    section.evaluate("element => element.scrollIntoView()")
    _screenshot(page, name, width)
    assert offsite.urls == []
