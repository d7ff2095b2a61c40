"""Shared fixtures: the repository's inputs and one build of them per test session, and the ways tests
reach the site over it (in this process, or served on a port), and a browser."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

# Hypothesis keeps caches in a folder of its own, outside the working tree: no test writes into it (the
# browser tests' screenshots go to docs/screenshots/ only when `make screenshots` asks for them).
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="wilcokg-hypothesis-"))

import httpx
import pytest
from hypothesis import settings
from playwright.sync_api import Browser

from browser import chromium
from in_process import in_process_app, in_process_client, serving
from live_server import live_server
from wilcokg.build import BuildReport, Inputs, build

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
REFERENCE = ROOT / "data" / "reference"
ONTOLOGY = ROOT / "ontology" / "wilco.ttl"
SHAPES = ROOT / "shapes" / "wilco.ttl"
DECISIONS = ROOT / "data" / "curation" / "decisions.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = REPORTS / "fr-lille" / "00-introduction.txt"
BOOK_ORDER = (
    "lille-introduction",
    "9-support-for-housing-self-renovation-in-lille-metropolis",
    "11-potes-en-ciel",
    "lille-conclusions",
    "nantes-introduction",
    "13-le-temps-pour-toit",
    "stockholm-introduction",
    "58-the-filur-project",
    "zagreb-introduction",
)
"""The chapters of data/reports/ by their ids, in the book's order."""

# Property tests keep no example database: no test writes into the working tree.
settings.register_profile("wilcokg", database=None)
settings.load_profile("wilcokg")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="keep the browser tests' screenshots in DIR (`make screenshots`: docs/screenshots); "
        "by default they go to a temporary folder",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules marked heavy first, then the others; within each group, the modules with most tests first.

    pytest-xdist (``--dist loadfile``) hands the modules out in this order, a module to a worker at a time;
    its own order, by number of tests alone, would start a module of a few slow tests last, and the other
    worker would wait for it at the end.
    """
    tests = Counter(item.path for item in items)
    heavy = {item.path for item in items if item.get_closest_marker("heavy")}
    items.sort(key=lambda item: (item.path not in heavy, -tests[item.path], item.path))


@pytest.fixture(scope="session")
def screenshots(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests leave their screenshots: the folder `--screenshots` names, else a temporary one."""
    chosen: Path | None = pytestconfig.getoption("screenshots")
    if chosen is None:
        return tmp_path_factory.mktemp("screenshots")
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


def repository_inputs(reports: Path = REPORTS, decisions: Path = DECISIONS) -> Inputs:
    return Inputs(reports, REFERENCE, ONTOLOGY, SHAPES, decisions)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """`dist/` built once from data/ (the same build `make run` does)."""
    out = tmp_path_factory.mktemp("build") / "dist"
    report = build(repository_inputs(), out)
    return out, report


@pytest.fixture(scope="session")
def dist(built: tuple[Path, BuildReport]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    # Module-scoped, so that a module's async fixtures (a served app) live on one event loop for all its tests.
    return "asyncio"


@pytest.fixture(scope="module")
def client(dist: Path) -> Iterator[httpx.Client]:
    """The site over ``dist``, in this process."""
    with in_process_client(dist) as session:
        yield session


@pytest.fixture(scope="module")
async def async_client(dist: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The site over ``dist``, in this process, for async tests."""
    async with serving(in_process_app(dist)) as session:
        yield session


@pytest.fixture(scope="module")
def base_url(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site over ``dist``, served on a local port with its query workers: the base URL."""
    with live_server(dist, tmp_path_factory.mktemp("live-server")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched
