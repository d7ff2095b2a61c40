"""The site in a real browser: the YASGUI query page runs a canned query, and the home page's pictures
lead to entity pages. Every page must work offline: a request to any host but the test server fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser import OffsiteRequests
from conftest import ROOT
from live_server import live_server

pytestmark = [pytest.mark.browser, pytest.mark.heavy]

YASGUI = ROOT / "src" / "wilcokg" / "static" / "vendor" / "yasgui"
FIRST_QUERY = "innovations-per-city-and-policy-field"
# Generous for a loaded CI machine; a healthy run takes well under a second per step.
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def base_url(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # The canned queries are passed explicitly so the query page does not depend on pytest's working directory.
    with live_server(dist, tmp_path_factory.mktemp("browser"), queries=ROOT / "queries") as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    opened = context.new_page()
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def offsite(page: Page) -> OffsiteRequests:
    return OffsiteRequests(page)


@pytest.fixture
def query_page(page: Page, base_url: str) -> Page:
    missing = [name for name in ("yasgui.min.js", "yasgui.min.css") if not (YASGUI / name).is_file()]
    if missing:
        pytest.fail(f"the query page's YASGUI files are missing ({', '.join(missing)}): run `make assets`")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}/query")
    expect(page.locator(".yasgui .tabPanel.active .CodeMirror")).to_be_visible()
    assert errors == [], f"the query page raised JavaScript errors: {errors}"
    return page


def test_query_page_runs_the_preloaded_canned_query(query_page: Page, offsite: OffsiteRequests) -> None:
    active_tab = query_page.locator(".yasgui .tabsList .tab.active")
    expect(active_tab).to_have_count(1)
    expect(active_tab).to_contain_text(FIRST_QUERY)
    expect(query_page.locator(".yasgui .tabsList .tab")).to_have_count(len(list((ROOT / "queries").glob("*.rq"))))

    with query_page.expect_response(lambda r: r.url.endswith("/sparql") and r.request.method == "POST") as answer:
        query_page.locator(".tabPanel.active .yasqe_queryButton").click()
    assert answer.value.status == 200, answer.value.text()

    table = query_page.locator(".tabPanel.active .yasr table.dataTable")
    expect(table.locator("thead")).to_contain_text("policyField")
    expect(table.locator("tbody")).to_contain_text("Parler Bambins")
    expect(table.locator("tbody")).to_contain_text("Child care")
    assert table.locator("tbody tr").count() > 5
    # The simple view: its switch is on, and the first column is the query's first variable, not a row number.
    expect(
        query_page.locator(".tabPanel.active .yasr .switch", has_text="Simple view").locator("input")
    ).to_be_checked()
    expect(table.locator("thead th").first).to_have_text("city")
    assert offsite.urls == []


def test_clicking_a_canned_question_opens_its_tab(query_page: Page, offsite: OffsiteRequests) -> None:
    query_page.locator(".canned button[data-query='city-links']").click()

    active_tab = query_page.locator(".yasgui .tabsList .tab.active")
    expect(active_tab).to_contain_text("city-links")
    expect(query_page.locator(".canned li.active")).to_have_attribute("data-query", "city-links")
    editor = query_page.locator(".tabPanel.active .CodeMirror")
    expect(editor).to_contain_text("Which Wikidata and GeoNames resources are the WILCO cities the same as?")
    assert offsite.urls == []


def test_query_page_starts_fresh_on_every_visit(query_page: Page) -> None:
    # A visitor's edits must not come back next time: YASGUI would otherwise restore them from localStorage.
    query_page.locator(".canned button[data-query='city-links']").click()
    query_page.evaluate("() => yasgui.getTab().getYasqe().setValue('SELECT * WHERE { ?edited ?by ?visitor }')")
    query_page.reload()
    expect(query_page.locator(".yasgui .tabsList .tab.active")).to_contain_text(FIRST_QUERY)
    editor = query_page.locator(".tabPanel.active .CodeMirror")
    expect(editor).to_contain_text("SocialInnovation")
    query_page.locator(".canned button[data-query='city-links']").click()
    expect(editor).to_contain_text("GeoNames")
    expect(editor).not_to_contain_text("?edited")
    # Only the prefix completer's cache of its bundled prefix list may be stored, never tabs or queries.
    stored = query_page.evaluate("() => Object.entries(window.localStorage)")
    assert [key for key, _ in stored] in ([], ["prefixes"])
    assert not any("?edited" in value for _, value in stored)


def test_autocompletion_stays_on_this_server(query_page: Page, offsite: OffsiteRequests) -> None:
    # YASGUI's stock class and property completers ask lov.linkeddata.es on Ctrl+Space.
    editor = query_page.locator(".tabPanel.active .CodeMirror")
    editor.click()
    query_page.keyboard.press("Control+A")
    query_page.keyboard.press("Delete")
    query_page.keyboard.type("PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nSELECT * WHERE {\n?s a foaf:Pe")
    query_page.keyboard.press("Control+Space")
    query_page.keyboard.type(" .\n?s foaf:na")
    query_page.keyboard.press("Control+Space")
    # Give a network completer time to fire: it would be a request within a few milliseconds.
    query_page.wait_for_timeout(500)
    expect(editor).to_contain_text("foaf:na")
    assert offsite.urls == []


def test_query_page_works_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        offsite = OffsiteRequests(page)
        page.goto(f"{base_url}/query")
        expect(page.locator("form.fallback textarea")).to_have_value(
            (ROOT / "queries" / f"{FIRST_QUERY}.rq").read_text(encoding="utf-8")
        )
        with page.expect_download() as download:
            page.locator("form.fallback button[type=submit]").click()
        table = Path(download.value.path()).read_text(encoding="utf-8")
        assert table.splitlines()[0] == "city,policyField,innovation,label"
        assert "Parler Bambins" in table
        assert offsite.urls == []
    finally:
        context.close()


def test_home_page_pictures_lead_to_entity_pages(page: Page, base_url: str, offsite: OffsiteRequests) -> None:
    page.goto(f"{base_url}/")
    chart = page.locator("svg.chart")
    expect(chart).to_be_visible()
    assert chart.locator("rect").count() > 3
    network = page.locator("svg.network-picture")
    expect(network).to_be_visible()
    assert network.locator("a.node").count() > 10

    network.locator("a[href='/id/city/lille']").click()
    expect(page.locator("h1")).to_have_text("Lille")

    page.locator("main a[href='/id/country/fr']").first.click()
    expect(page.locator("h1")).to_have_text("France")
    assert page.url.startswith(base_url)
    assert offsite.urls == []
