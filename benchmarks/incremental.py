"""Incremental rebuild: one chapter of a large corpus changes; how long does the rebuild take?

Three builds of the same synthetic corpus, each in a fresh process: a full build without a cache
(the reference), a build that fills an empty cache (what the first build of a checkout costs), and,
after one sentence with a keyword mention is added to one innovation chapter, the rebuild that reads
the cache. The target of the "Speed and scale" issue: the rebuild within 10 % of the full build.

Each build starts once the writes of the one before have reached the disk (`os.sync`): the filling
build leaves some 4 GB of files that the kernel would otherwise write out during the rebuild, which
a rebuild made a while after the last build never pays for.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict
from pathlib import Path

from corpus import write_corpus
from measure import STAGES, BuildRun, run_build

ADDED = " The project also worked on social housing."


def change_one_chapter(reports: Path) -> Path:
    """Add a sentence to the first paragraph of the middle innovation chapter; the file changed."""
    chapters = sorted(p for p in reports.rglob("*.txt") if not p.name.startswith(("00-", "99-")))
    chosen = chapters[len(chapters) // 2]
    lines = chosen.read_text(encoding="utf-8").split("\n")
    # The first long line is body text: a paragraph, not a title, heading or header line.
    index = next(i for i, line in enumerate(lines) if len(line) > 200)
    lines[index] += ADDED
    chosen.write_text("\n".join(lines), encoding="utf-8")
    return chosen


def _row(label: str, run: BuildRun) -> str:
    stages = "".join(f"{run.stages.get(stage, 0.0):>10.2f}" for stage in STAGES)
    cached = f"{run.cache_hits}/{run.cache_misses}" if run.cache_hits or run.cache_misses else "—"
    return f"{label:<28}{stages}{run.build_seconds:>10.2f}{run.process_seconds:>10.2f}{cached:>12}"


def incremental_section(work: Path, chapters: int, seed: int) -> dict[str, object]:
    folder = work / f"incremental-{chapters}"
    corpus = write_corpus(folder, chapters, seed)
    cache = folder / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    print(f"\nIncremental rebuild ({chapters} chapters; seconds)")
    os.sync()
    full = run_build(corpus.reports, corpus.reference, folder / "dist-full")
    os.sync()
    filling = run_build(corpus.reports, corpus.reference, folder / "dist-filling", cache=cache)
    changed = change_one_chapter(corpus.reports)
    os.sync()
    rebuild = run_build(corpus.reports, corpus.reference, folder / "dist-rebuild", cache=cache)
    columns = "".join(f"{stage:>10}" for stage in STAGES)
    header = f"{'build':<28}{columns}{'build()':>10}{'process':>10}{'reused/new':>12}"
    print(header)
    print("-" * len(header))
    print(_row("full, no cache", full))
    print(_row("full, filling the cache", filling))
    print(_row("one chapter changed", rebuild))
    ratio = rebuild.process_seconds / full.process_seconds
    print(f"rebuild / full build: {ratio:.1%} (target ≤ 10 %); {full.triples:,} triples; changed {changed.name}")
    return {
        "chapters": chapters,
        "triples": full.triples,
        "changed": changed.relative_to(corpus.reports).as_posix(),
        "full": asdict(full),
        "filling_cache": asdict(filling),
        "rebuild": asdict(rebuild),
        "ratio": ratio,
    }
