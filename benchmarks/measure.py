"""Run one build in a child process and measure it: stage times, wall time, triples, peak RSS.

Peak RSS comes from `os.wait4` on that child alone. `getrusage(RUSAGE_CHILDREN)` would not do: it
reports the largest child the parent has ever waited for, so a small build after a large one would
inherit the large one's figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE.parent / "ontology" / "wilco.ttl"
STAGES = ("parse", "extract", "map", "validate", "infer", "publish")
"""The build's stages, as `BuildReport.seconds` names them."""


@dataclass(frozen=True, slots=True)
class BuildRun:
    stages: dict[str, float]
    build_seconds: float
    process_seconds: float
    triples: int
    chapters: int
    mentions: int
    peak_rss_bytes: int
    cache_hits: int = 0
    cache_misses: int = 0


class BuildError(RuntimeError):
    pass


def _count_lines(path: Path) -> int:
    with path.open("rb") as dump:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: dump.read(1 << 20), b""))


def run_build(
    reports: Path, reference: Path, out: Path, profile: Path | None = None, cache: Path | None = None
) -> BuildRun:
    command = [sys.executable, str(HERE / "build_once.py"), str(reports), str(reference), str(ONTOLOGY), str(out)]
    # A synthetic corpus brings its own copy of the shapes (see corpus.write_corpus).
    command += ["--shapes", str(reports.parent / "shapes.ttl")]
    if profile:
        command += ["--profile", str(profile)]
    if cache:
        command += ["--cache", str(cache)]
    # Output goes to files, not pipes: wait4 must reap the child itself, and a full pipe would block it.
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if child.returncode != 0:
            raise BuildError(f"build exited with {child.returncode}:\n{stderr.read().decode(errors='replace')[-4000:]}")
        result = json.loads(stdout.read().decode().strip().splitlines()[-1])
    return BuildRun(
        stages=result["stages"],
        build_seconds=result["build_seconds"],
        process_seconds=elapsed,
        triples=_count_lines(out / "wilco.nt"),
        chapters=result["chapters"],
        mentions=result["mentions"],
        # ru_maxrss is in kilobytes on Linux.
        peak_rss_bytes=usage.ru_maxrss * 1024,
        cache_hits=result["cache_hits"],
        cache_misses=result["cache_misses"],
    )
