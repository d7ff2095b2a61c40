"""Shared fixtures: the repository's inputs and one build of them per test session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Hypothesis keeps caches in a folder of its own, outside the working tree: no test writes into it (the
# browser tests' screenshots go to docs/screenshots/ only when `make screenshots` asks for them).
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="wilcokg-hypothesis-"))

import pytest
from hypothesis import settings

from wilcokg.build import BuildReport, Inputs, build

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
REFERENCE = ROOT / "data" / "reference"
ONTOLOGY = ROOT / "ontology" / "wilco.ttl"
SHAPES = ROOT / "shapes" / "wilco.ttl"
DECISIONS = ROOT / "data" / "curation" / "decisions.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = REPORTS / "fr-lille" / "00-introduction.txt"

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
