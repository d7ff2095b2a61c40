"""A person exploring in a real browser: search from the home page, read a chapter, follow a mention, open the map."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import OffsiteRequests

pytestmark = pytest.mark.browser


def test_search_read_follow_a_mention_and_open_the_map(browser, base_url):
    page = browser.new_page()
    offsite = OffsiteRequests(page)
    page.goto(base_url + "/")
    page.fill("form.search input[name=q]", "Parler Bambins")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Parler+Bambins")
    expect(page.locator("ol.results li").first).to_contain_text("Parler Bambins")

    page.locator("li.result.paragraph a.title").first.click()
    page.wait_for_url("**/chapter/**#p*")
    anchor = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"p#{anchor}")).to_contain_text("Parler Bambins")
    expect(page.locator("article.chapter h1")).to_be_visible()

    mention = page.locator("a.mention.organisation").first
    name = mention.get_attribute("title")
    assert name is not None
    mention.click()
    page.wait_for_url("**/page/org/**")
    expect(page.locator("h1")).to_have_text(name.rsplit(" (", 1)[0])

    page.click("header.top nav a[href='/map']")
    page.wait_for_url("**/map")
    circles = page.locator("svg.map circle.city")
    expect(circles).to_have_count(20)
    lille = page.locator("svg.map a[href='/id/city/lille']")
    expect(lille.locator("title")).to_contain_text("Lille: 4 social innovations")
    lille.locator("circle").click()
    page.wait_for_url("**/page/city/lille")
    expect(page.locator("h1")).to_have_text("Lille")
    assert offsite.urls == []


def test_the_reader_s_legend_shows_the_colours_of_the_text(browser, base_url):
    page = browser.new_page()
    offsite = OffsiteRequests(page)
    page.goto(base_url + "/chapter/lille-introduction")
    colours = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderBottomColor]"
    seen = set()
    for kind in ("organisation", "city", "keyword", "social-innovation"):
        in_text = page.locator(f"article.chapter a.mention.{kind}").first.evaluate(colours)
        in_legend = page.locator(f"section.legend span.mention.{kind}").evaluate(colours)
        assert in_legend == in_text, kind
        seen.add(tuple(in_text))
    assert len(seen) == 4, "each kind its own colour"
    assert offsite.urls == []
