"""The command line: bad input gives `file:line: expectation`, exit status 2 and an untouched dist/."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import ONTOLOGY, REFERENCE, REPORTS, SEED, SHAPES
from wilcokg.cli.commands import main

TRAILER = "\n\n\nContent keywords\n\nKeywords: Child care\n\n{title}\n\nCategories: Introduction"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command runs in the test's own folder: a build's default cache, .wilcokg-cache/ in the current
    folder, is then no leftover in the working tree, nor shared with another test or an earlier run."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    out = tmp_path / "dist"
    out.mkdir()
    (out / "previous-build.txt").write_text("the last good build\n")
    return reports, out


def write_introduction(reports: Path, folder: str, title: str, paragraph: str) -> Path:
    """A city's introduction chapter in `reports/folder/`: its title, one paragraph and the trailer."""
    chapter = reports / folder / "00-introduction.txt"
    chapter.parent.mkdir(parents=True)
    chapter.write_text(f"{title}\n\n{paragraph}" + TRAILER.format(title=title))
    return chapter


def build_args(reports: Path, out: Path, reference: Path = REFERENCE) -> list[str]:
    return [
        "build",
        str(reports),
        "--reference",
        str(reference),
        "--ontology",
        str(ONTOLOGY),
        "--shapes",
        str(SHAPES),
        "--out",
        str(out),
    ]


def run_build(reports: Path, out: Path, *extra: str, reference: Path = REFERENCE) -> int:
    return main([*build_args(reports, out, reference), "--quiet", *extra])


BAD_FILES = {
    "empty": (b"", 1, "empty file"),
    "binary": (b"Lille \xe2\x80\x93 Introduction\n\x00\x01\x02", 2, "binary data"),
    "latin-1": ("Lille – Introduction\n\nCaf\u00e9 au lait.".encode("cp1252"), 1, "invalid UTF-8"),
    "no-title": (
        ("Some text that is no title.\n\nA paragraph." + TRAILER.format(title="x")).encode(),
        1,
        "expected a chapter title",
    ),
    "truncated-trailer": (
        b"Bern - Introduction\n\nA paragraph.\n\n\nContent keywords\n\nKeywords: Child care",
        8,
        "truncated trailer",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_stops_the_build(workspace, capsys, case):
    reports, out = workspace
    data, line, message = BAD_FILES[case]
    bad = reports / "ch-bern" / "00-introduction.txt"
    bad.parent.mkdir()
    bad.write_bytes(data)
    before = snapshot(out)
    assert run_build(reports, out) == 2
    stderr = capsys.readouterr().err
    assert f"{bad}:{line}: " in stderr and message in stderr
    assert "Traceback" not in stderr
    assert snapshot(out) == before


def test_two_chapters_with_the_same_iri(workspace, capsys):
    reports, out = workspace
    shutil.copy(SEED, reports / "fr-lille" / "01-introduction-again.txt")
    before = snapshot(out)
    assert run_build(reports, out) == 2
    stderr = capsys.readouterr().err
    assert "01-introduction-again.txt:5: chapter IRI id/chapter/lille-introduction is already used by" in stderr
    assert snapshot(out) == before


def test_keep_going_builds_the_rest_and_reports_the_skipped(workspace, capsys):
    reports, out = workspace
    (reports / "fr-lille" / "50-empty.txt").write_bytes(b"")
    assert run_build(reports, out, "--keep-going") == 0
    stderr = capsys.readouterr().err
    assert "50-empty.txt:1: empty file" in stderr
    assert (out / "wilco.ttl").exists() and not (out / "previous-build.txt").exists()


def test_unknown_city_is_reported(workspace, capsys):
    reports, out = workspace
    chapter = write_introduction(reports, "xx-atlantis", "Atlantis – Introduction", "A paragraph.")
    assert run_build(reports, out) == 2
    stderr = capsys.readouterr().err
    assert f"{chapter}:1: city 'Atlantis' is not in the reference data" in stderr
    assert f"build stopped: 1 problem; {out}/ is unchanged" in stderr


def test_a_folder_of_an_unknown_country_is_reported(tmp_path, capsys):
    # The chapter names a known city (Lille) and country (FR): only its folder is wrong.
    chapter = tmp_path / "reports" / "xx-atlantis" / "00-introduction.txt"
    chapter.parent.mkdir(parents=True)
    shutil.copy(SEED, chapter)
    assert run_build(tmp_path / "reports", tmp_path / "dist") == 2
    stderr = capsys.readouterr().err
    assert f"{chapter}:1: country code 'xx' of the folder xx-atlantis/ is not in the reference data: " in stderr
    assert "expected one of CH, DE, ES, FR, GB, HR" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "dist").exists()


def test_a_folder_of_a_known_country_may_name_a_city_the_reference_lacks(tmp_path):
    reports = tmp_path / "reports"
    write_introduction(
        reports, "nl-amsterdam-noord", "Amsterdam – Introduction", "Amsterdam builds on its housing associations."
    )
    assert run_build(reports, tmp_path / "dist") == 0
    assert "city:amsterdam" in (tmp_path / "dist" / "wilco.trig").read_text(encoding="utf-8")


def test_build_prints_a_summary(workspace, capsys):
    reports, out = workspace
    assert main(build_args(reports, out)) == 0
    printed = capsys.readouterr().out
    assert "chapters" in printed and "mentions" in printed and "time publish" in printed
    # The stages in pipeline order, though the reasoner starts before validation.
    times = [printed.index(f"time {stage}") for stage in ("parse", "map", "validate", "infer", "publish")]
    assert times == sorted(times)


def test_parse_prints_the_chapter_as_json(capsys):
    assert main(["parse", str(REPORTS / "se-stockholm" / "58-the-filur-project.txt")]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["identifier"] == "58-the-filur-project"
    assert document["placement"] == {
        "city": "Stockholm",
        "country_code": "SE",
        "country_name": "Sweden",
        "folder_city": "stockholm",
        "folder_code": "se",
    }
    assert [s["number"] for s in document["sections"]] == ["58.1", "58.2", "58.3", "58.4"]
    assert [f["number"] for f in document["footnotes"]] == [4, 5]
    assert document["sections"][0]["paragraphs"][0]["text"].startswith("Filur is a project")


def test_parse_of_a_missing_file_is_a_clear_error(capsys, tmp_path):
    assert main(["parse", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt:1: cannot read the file" in capsys.readouterr().err


def test_a_graph_that_violates_the_shapes_is_not_published(tmp_path, capsys):
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    # A curator's slip: a city with no country.
    (reference / "zz-slip.ttl").write_text(
        "<https://w3id.org/wilcokg/id/city/atlantis> a <http://schema.org/City> ;\n"
        '    <http://www.w3.org/2000/01/rdf-schema#label> "Atlantis" ;\n'
        '    <http://www.w3.org/2004/02/skos/core#prefLabel> "Atlantis"@en .\n',
        encoding="utf-8",
    )
    out = tmp_path / "dist"
    out.mkdir()
    (out / "previous-build.txt").write_text("the last good build\n")
    before = snapshot(out)
    assert run_build(REPORTS, out, reference=reference) == 2
    stderr = capsys.readouterr().err
    assert "atlantis" in stderr and "Traceback" not in stderr
    assert snapshot(out) == before


def test_a_city_the_title_spells_differently_is_found_by_its_folder(tmp_path):
    reports = tmp_path / "reports"
    write_introduction(
        reports,
        "de-berlin",
        "Berlin (Friedrichshain-Kreuzberg) – Introduction",
        "Berlin has a long history of tenant organising.",
    )
    assert run_build(reports, tmp_path / "dist") == 0
    trig = (tmp_path / "dist" / "wilco.trig").read_text(encoding="utf-8")
    assert "chapter/berlin-friedrichshain-kreuzberg-introduction" in trig and "city:berlin" in trig


@pytest.mark.parametrize("option", ["--shapes", "--ontology"])
def test_a_missing_schema_file_is_a_clear_error(workspace, capsys, option, tmp_path):
    reports, out = workspace
    missing = tmp_path / "missing.ttl"
    args = build_args(reports, out)
    args[args.index(option) + 1] = str(missing)
    before = snapshot(out)
    assert main([*args, "--quiet"]) == 2
    stderr = capsys.readouterr().err
    assert f"{missing}:1: cannot read the" in stderr and "No such file" in stderr and "Traceback" not in stderr
    assert snapshot(out) == before
