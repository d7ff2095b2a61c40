"""Incremental builds: a rebuild reuses what is unchanged and writes exactly what a fresh build writes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPORTS, repository_inputs
from wilcokg.build import BuildFailed, BuildReport, build
from wilcokg.build_cache import BUILD_CODE, BuildCache, build_sources
from wilcokg.cli.commands import main
from wilcokg.source.corpus import load_corpus

pytestmark = pytest.mark.heavy

CHANGED = Path("fr-lille") / "00-introduction.txt"
BEFORE = "Taking into account municipal initiatives"
AFTER = "Taking into account the CAF and municipal initiatives"


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def entries(cache: Path) -> set[str]:
    return {path.relative_to(cache).as_posix() for path in cache.rglob("*") if path.is_file()}


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    copy = tmp_path / "reports"
    shutil.copytree(REPORTS, copy)
    return copy


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path, Path]:
    """A build of data/reports into an empty cache, shared by the tests that start from a full cache:
    its report, its output folder and the cache it filled. Keys are digests of contents, not paths, so
    the cache serves any copy of the reports."""
    folder = tmp_path_factory.mktemp("filled")
    reports = folder / "reports"
    shutil.copytree(REPORTS, reports)
    report = build(repository_inputs(reports), folder / "first", cache=BuildCache(folder / "cache"))
    return report, folder / "first", folder / "cache"


@pytest.fixture
def cache(filled: tuple[BuildReport, Path, Path], tmp_path: Path) -> Path:
    """This test's copy of the cache the first build filled, for it to change."""
    copy = tmp_path / "cache"
    shutil.copytree(filled[2], copy)
    return copy


def test_rebuild_after_one_chapter_changed_equals_a_fresh_build(
    reports: Path, cache: Path, filled: tuple[BuildReport, Path, Path], tmp_path: Path
) -> None:
    first, first_out, _ = filled
    assert first.cache_hits == 0
    chapters, units = len(list((cache / "chapter").iterdir())), len(list((cache / "shacl").iterdir()))
    assert chapters == first.chapters == 9
    before = entries(cache)

    unchanged = build(repository_inputs(reports), tmp_path / "unchanged", cache=BuildCache(cache))
    assert (unchanged.cache_hits, unchanged.cache_misses) == (first.cache_misses, 0)
    assert files(tmp_path / "unchanged") == files(first_out)

    source = reports / CHANGED
    text = source.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 1
    source.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
    changed = build(repository_inputs(reports), tmp_path / "changed", cache=BuildCache(cache))
    fresh = build(repository_inputs(reports), tmp_path / "fresh")

    assert files(tmp_path / "changed") == files(tmp_path / "fresh")
    assert files(tmp_path / "changed") != files(first_out)
    assert changed.mentions == fresh.mentions == first.mentions + 1
    # Recomputed: the chapter (its parse and its mapping); what the dumps, the search index, validation,
    # the reviewed-only dump and inference take of its graph and of the metadata graph, whose dataset
    # version digests every source (the other shared graphs are keyed by their quads, which are as
    # they were); which triples taken out elsewhere the chapter's graph still states; its SHACL owner,
    # and the dataset and its build activity. The other eight chapters and every other owner come
    # from the cache. Of the dumps' gzips, only the members of the pieces that changed are compressed
    # again.
    after = entries(cache)
    replaced = before - after
    compressed = {entry for entry in replaced if entry.startswith("gzip/")}
    recomputed = Counter(entry.split("/")[0] for entry in replaced - compressed)
    per_graph = ("segment", "search", "shacl-graph", "graph-facts", "unreviewed", "infer-axioms", "infer-inputs")
    expected = {"parsed": 1, "chapter": 1, "still-stated": 1, **dict.fromkeys(per_graph, 2), "shacl": 3}
    assert recomputed == expected
    assert changed.cache_misses == sum(expected.values()) + len(compressed)
    assert changed.cache_hits == first.cache_misses - changed.cache_misses
    # The cache keeps one build: the replaced entries are gone.
    assert len(after) == len(before)
    assert len(list((cache / "shacl").iterdir())) == units


def test_a_change_and_its_revert_rebuild_the_files_of_a_build_without_cache(
    reports: Path, cache: Path, tmp_path: Path
) -> None:
    source = reports / CHANGED
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
    changed = build(repository_inputs(reports), tmp_path / "changed", cache=BuildCache(cache))
    source.write_text(text, encoding="utf-8")
    reverted = build(repository_inputs(reports), tmp_path / "reverted", cache=BuildCache(cache))
    build(repository_inputs(reports), tmp_path / "uncached")

    assert changed.cache_misses > 0 and reverted.cache_misses > 0
    assert files(tmp_path / "changed") != files(tmp_path / "uncached")
    assert files(tmp_path / "reverted") == files(tmp_path / "uncached")


def test_an_unreadable_entry_is_recomputed(
    reports: Path, cache: Path, filled: tuple[BuildReport, Path, Path], tmp_path: Path
) -> None:
    for entry in (cache / "chapter").iterdir():
        entry.write_bytes(entry.read_bytes()[:10])
    again = build(repository_inputs(reports), tmp_path / "again", cache=BuildCache(cache))
    assert again.cache_misses == 9
    assert files(tmp_path / "again") == files(filled[1])


def test_a_bad_chapter_is_reported_again_when_its_neighbours_are_cached(
    reports: Path, cache: Path, tmp_path: Path
) -> None:
    (reports / CHANGED).write_bytes(b"\xff\xfe not UTF-8")
    with pytest.raises(BuildFailed) as failure:
        build(repository_inputs(reports), tmp_path / "second", cache=BuildCache(cache))
    assert [problem.source for problem in failure.value.problems] == [str(reports / CHANGED)]
    assert not (tmp_path / "second").exists()


def test_cli_builds_with_a_cache_by_default_and_without_one_on_request(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    inputs = repository_inputs(reports)
    common = [str(reports), "--reference", str(inputs.reference), "--ontology", str(inputs.ontology)]
    common += ["--shapes", str(inputs.shapes)]
    assert main(["build", *common, "--out", "uncached", "--no-cache", "--quiet"]) == 0
    assert not (tmp_path / ".wilcokg-cache").exists()
    assert main(["build", *common, "--out", "cached"]) == 0
    assert (tmp_path / ".wilcokg-cache" / "build" / "chapter").is_dir()
    assert main(["build", *common, "--out", "again"]) == 0
    assert "cached results reused / computed" in capsys.readouterr().out
    assert files(tmp_path / "again") == files(tmp_path / "uncached")


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(reports: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    report = build(repository_inputs(reports), tmp_path / "out", cache=BuildCache(blocker))
    assert report.chapters == 9 and report.cache_hits == 0
    assert (tmp_path / "out" / "wilco.ttl").stat().st_size > 0


def test_the_code_fingerprint_covers_every_module_the_build_imports() -> None:
    """A module the build runs but the fingerprint misses would let a change to it reuse stale results."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, wilcokg.build\n"
            "for name, module in sorted(sys.modules.items()):\n"
            "    if name.startswith('wilcokg'): print(module.__file__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(loaded) > 40
    covered = {str(path) for path in build_sources()}
    assert [path for path in loaded if path not in covered] == []


def test_the_code_fingerprint_names_only_code_that_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("wilcokg.build_cache.BUILD_CODE", (*BUILD_CODE, "moved_away.py"))
    with pytest.raises(FileNotFoundError, match=r"moved_away\.py"):
        build_sources()


def test_a_copy_of_the_reports_elsewhere_is_parsed_from_the_cache_under_its_own_paths(
    reports: Path, cache: Path
) -> None:
    # The cache was filled from another copy of the reports, in another folder.
    again = BuildCache(cache)
    corpus = load_corpus(reports, again)
    assert (again.hits, again.misses) == (9, 0)
    assert sorted(placed.chapter.source for placed in corpus.chapters) == sorted(
        str(path) for path in reports.glob("*/*.txt")
    )
