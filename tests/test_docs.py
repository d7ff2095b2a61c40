"""The ontology's HTML documentation: every minted term's label, deterministic output, the CLI."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from conftest import ONTOLOGY
from wilcokg.cli.commands import main
from wilcokg.describe.ontology_page import ontology_html
from wilcokg.vocab import OWL, PREFIXES, RDF_TYPE, RDFS

DCTERMS_TITLE = NamedNode("http://purl.org/dc/terms/title")
TERM_KINDS = {OWL("Class"), OWL("ObjectProperty"), OWL("DatatypeProperty"), OWL("AnnotationProperty")}


def minted_labels() -> dict[str, str]:
    """Every wilco: class and property, by IRI, with its English label."""
    triples = list(parse(path=ONTOLOGY, format=RdfFormat.TURTLE))
    terms = {
        t.subject
        for t in triples
        if t.predicate == RDF_TYPE and t.object in TERM_KINDS and t.subject.value.startswith(PREFIXES["wilco"])
    }
    labels = {
        t.subject.value: t.object.value
        for t in triples
        if t.subject in terms
        and t.predicate == RDFS("label")
        and isinstance(t.object, Literal)
        and t.object.language == "en"
    }
    assert set(labels) == {term.value for term in terms if isinstance(term, NamedNode)}
    return labels


@pytest.fixture(scope="module")
def page() -> str:
    return ontology_html(ONTOLOGY)


def test_every_minted_class_and_property_label_is_listed(page: str) -> None:
    labels = minted_labels()
    assert len(labels) >= 10
    missing = [label for label in labels.values() if html.escape(label, quote=False) not in page]
    assert not missing


def test_the_page_is_headed_by_the_ontology_title_alone(page: str) -> None:
    titles = [t.object.value for t in parse(path=ONTOLOGY, format=RdfFormat.TURTLE) if t.predicate == DCTERMS_TITLE]
    assert titles == ["wilcokg ontology"]
    assert "<title>wilcokg ontology</title>" in page
    assert "<h1>wilcokg ontology</h1>" in page
    assert "Rôles dans les innovations sociales" not in page


def test_the_page_is_the_same_every_time(page: str) -> None:
    assert ontology_html(ONTOLOGY) == page


def test_the_page_is_the_same_in_any_process(page: str) -> None:
    """Nothing depends on string hashing, which changes from process to process."""
    program = (
        "import sys; from pathlib import Path; from wilcokg.describe.ontology_page import ontology_html; "
        "sys.stdout.write(ontology_html(Path(sys.argv[1])))"
    )
    pages = {
        subprocess.run(
            [sys.executable, "-c", program, str(ONTOLOGY)],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"},
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
        for seed in ("1", "2")
    }
    assert pages == {page.encode("utf-8")}


def test_the_command_logs_nothing(tmp_path: Path) -> None:
    # A fresh process, because pyLODE configures logging when first imported.
    command = [
        sys.executable,
        "-m",
        "wilcokg.cli",
        "docs",
        "--ontology",
        str(ONTOLOGY),
        "--out",
        str(tmp_path),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert "DEBUG" not in finished.stderr
    assert "INFO" not in finished.stderr


def test_cli_writes_index_html(tmp_path: Path, page: str) -> None:
    out = tmp_path / "ontology"
    assert main(["docs", "--ontology", str(ONTOLOGY), "--out", str(out)]) == 0
    assert (out / "index.html").read_text(encoding="utf-8") == page
