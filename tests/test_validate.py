"""The SHACL gate: the built graph conforms, and `wilcokg validate` reports like a compiler."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from conftest import REFERENCE, REPORTS, ROOT, repository_inputs
from wilcokg.build import BuildReport, assemble
from wilcokg.cli.commands import main
from wilcokg.validate import check, validate_dataset
from wilcokg.validate.report import ValidationReport
from wilcokg.vocab import BASE, OA, SCHEMA

SHAPES = ROOT / "shapes" / "wilco.ttl"
LILLE_INTRODUCTION = REPORTS / "fr-lille" / "00-introduction.txt"
PARAGRAPH = NamedNode(BASE + "id/chapter/lille-introduction/paragraph/1")
MENTION = BASE + "id/chapter/lille-introduction/mention/1073-1089-org-mel"
LILLE = NamedNode(BASE + "id/city/lille")
FRANCE = NamedNode(BASE + "id/country/fr")


@pytest.fixture(scope="module")
def dataset() -> list[Quad]:
    return list(assemble(repository_inputs(), BuildReport()).quads)


@pytest.fixture(scope="module")
def broken(dataset: list[Quad]) -> list[Quad]:
    """A paragraph without text, a mention past the end of the text and a city without a country."""
    position = NamedNode(MENTION + "/position")
    kept = [
        q
        for q in dataset
        if not (q.subject == PARAGRAPH and q.predicate == SCHEMA("text"))
        and not (q.subject == LILLE and q.object == FRANCE)
        and not (q.subject == position and q.predicate in (OA("start"), OA("end")))
    ]
    graph = next(q.graph_name for q in dataset if q.subject == position)
    integer = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    offsets = [(OA("start"), "99000"), (OA("end"), "99016")]
    return kept + [Quad(position, p, Literal(v, datatype=integer), graph) for p, v in offsets]


@pytest.fixture(scope="module")
def broken_report(broken: list[Quad]) -> ValidationReport:
    return check(broken, SHAPES, reports=REPORTS, reference=sorted(REFERENCE.glob("*.ttl")))


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(text))


def test_the_built_graph_conforms(dataset: list[Quad]) -> None:
    report = check(dataset, SHAPES)
    assert report.conforms, report.render()
    assert report.violations == ()
    assert report.render() == "conforms"


def test_violations_are_located_in_the_chapter_and_reference_files(broken_report: ValidationReport) -> None:
    located = {(v.focus.rsplit("/id/", 1)[-1], v.source, v.line) for v in broken_report.violations}
    paragraph_line = line_of(LILLE_INTRODUCTION, "Taking into consideration the three WILCO policy fields")
    assert ("chapter/lille-introduction/paragraph/1", str(LILLE_INTRODUCTION), paragraph_line) in located
    # The mention's own offsets are broken; its IRI still tells where it was found: in paragraph 1.
    assert (MENTION.rsplit("/id/", 1)[-1] + "/position", str(LILLE_INTRODUCTION), paragraph_line) in located
    places = REFERENCE / "places.ttl"
    assert ("city/lille", str(places), line_of(places, "city:lille a schema:City")) in located
    assert {v.chapter for v in broken_report.violations} == {"lille-introduction", None}


def test_the_report_has_one_line_per_node_and_rule(broken_report: ValidationReport) -> None:
    lines = broken_report.render().splitlines()
    paragraph = [line for line in lines if "paragraph/1 " in line]
    assert len(paragraph) == 1
    assert re.fullmatch(
        re.escape(f"{LILLE_INTRODUCTION}:")
        + r"\d+: chapter:lille-introduction/paragraph/1 schema:text: Paragraph needs exactly one non-empty "
        r"English text \(wsh:Paragraph-text; sh:MinCount\)",
        paragraph[0],
    )
    assert lines[-1] == f"{len(broken_report.violations)} violations on 3 nodes"
    assert [str(problem) for problem in broken_report.problems()] == lines[:-1]


def test_worker_processes_report_what_one_process_reports(broken: list[Quad], broken_report: ValidationReport) -> None:
    parallel = validate_dataset(broken, SHAPES, shards=2, processes=2)
    assert parallel.keys == broken_report.keys


def test_cli_validates_the_built_dump(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(dist / "wilco.trig"), "--shapes", str(SHAPES)]) == 0
    assert capsys.readouterr().out.strip() == "conforms"


def test_cli_reports_a_broken_file_and_exits_1(
    broken: list[Quad], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "broken.nq"
    data.write_bytes(serialize(broken, format=RdfFormat.N_QUADS))
    options = ["--shapes", str(SHAPES), "--reports", str(REPORTS), "--reference", str(REFERENCE)]
    status = main(["validate", str(data), *options])
    out = capsys.readouterr().out
    assert status == 1
    assert f"{REFERENCE / 'places.ttl'}:" in out
    assert f"{LILLE_INTRODUCTION}:" in out
    assert "city:lille schema:containedInPlace: City needs exactly one country" in out
    assert "wsh:MentionOutsideText-end" in out


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("bad.ttl", '@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', 3, "invalid RDF"),
        ("bad.jsonld", '{"@id": "http://ex/a",\n "http://ex/b": {', 2, "invalid RDF"),
        ("data.rdf", "<rdf:RDF/>", 1, "unknown RDF file extension '.rdf'"),
    ],
)
def test_cli_stops_on_unreadable_input_with_file_and_line(
    name: str, content: str, line: int, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / name
    data.write_text(content, encoding="utf-8")
    assert main(["validate", str(data), "--shapes", str(SHAPES)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{data}:{line}: {message}")
    assert "Traceback" not in err


def test_cli_stops_on_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "absent.ttl"), "--shapes", str(SHAPES)]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'absent.ttl'}:1: cannot read the file")
    data = tmp_path / "empty.ttl"
    data.write_text("", encoding="utf-8")
    assert main(["validate", str(data), "--shapes", str(tmp_path / "none.ttl")]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'none.ttl'}:1: cannot read the shapes")
