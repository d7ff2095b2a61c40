"""Headless Chromium for the browser tests: Debian's own build, driven by Playwright.

Playwright's bundled browsers would be a download at test time; the system Chromium is installed the
same way on every machine (`apt-get install chromium`, as CI does), so the tests use that one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, Route, sync_playwright

CHROMIUM = Path(os.environ.get("WILCOKG_CHROMIUM", "/usr/bin/chromium"))
# Quiet, reproducible Chromium: no sandbox (tests often run as root in containers), and none of the
# background traffic (updates, sync, field trials) that would count as requests to other hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1"})


def chromium_path() -> Path:
    """The Chromium binary, or a test failure saying how to install it: a skip would hide a broken CI."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is missing ({CHROMIUM} does not exist): install it with `apt-get install chromium` "
            "or point WILCOKG_CHROMIUM at a Chromium binary",
            pytrace=False,
        )
    return CHROMIUM


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class OffsiteRequests:
    """Every request a page makes to a host other than the test server, which is then refused.

    Refusing keeps a test from depending on (or leaking to) the internet; recording lets it fail
    with the list of what the page tried to fetch.
    """

    def __init__(self, page: Page) -> None:
        self.urls: list[str] = []
        page.on("request", self._record)
        page.route("**/*", self._refuse_offsite)

    def _record(self, request: Request) -> None:
        if not _is_local(request.url):
            self.urls.append(request.url)

    @staticmethod
    def _refuse_offsite(route: Route) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    # data: and blob: URLs are made inside the page and never leave it.
    return parts.scheme in {"data", "blob", "about"} or parts.hostname in LOCAL_HOSTS
