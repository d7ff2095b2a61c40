"""The benchmark harness runs end to end at its smallest size: table and JSON have their shape.

No timings are asserted: they depend on the machine. This only keeps `make bench` from rotting.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.heavy

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("parse", "extract", "map", "validate", "infer", "publish")


def test_quick_benchmark_prints_the_table_and_writes_the_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "run.py"),
        "--quick",
        "--skip-endpoint",
        "--work",
        str(tmp_path / "work"),
        "--out",
        str(out),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr

    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("stage"))
    assert header.split() == ["stage", "10k"]
    rows = {line.split()[0] for line in lines[lines.index(header) + 1 :] if line.strip()}
    for label in (*STAGES, "total", "triples", "peak"):
        assert label in rows, f"no row for {label!r} in:\n{done.stdout}"

    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["schema"] == 1
    assert document["repetitions"] == 1
    assert document["stages"] == list(STAGES)
    (size,) = document["sizes"]
    assert size["name"] == "10k"
    assert set(size["stages"]) == set(STAGES)
    assert size["triples"] > 0
    assert size["peak_rss_bytes"] > 0
    assert size["total_seconds"] > 0
    assert size["growth"] is None
    (run,) = size["runs"]
    assert {"stages", "build_seconds", "peak_rss_bytes", "triples"} <= set(run)
    assert "endpoint" not in document


def test_incremental_rebuild_measurement_reuses_the_cache(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "4", "--repetitions", "1"]
    # The time limit has a test of its own below; here it would only add its runaway queries' seconds.
    command += ["--skip-endpoint", "--skip-comparisons", "--skip-limits", "--incremental-chapters", "8"]
    command += ["--work", str(tmp_path / "work"), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "rebuild / full build:" in done.stdout

    incremental = json.loads(out.read_text(encoding="utf-8"))["incremental"]
    assert incremental["chapters"] == 8
    assert incremental["full"]["cache_hits"] == incremental["full"]["cache_misses"] == 0
    assert incremental["filling_cache"]["cache_hits"] == 0
    filled = incremental["filling_cache"]["cache_misses"]
    rebuild = incremental["rebuild"]
    # The changed chapter and its SHACL owner, the dataset and its build activity are recomputed, and
    # in each dump's gzip the members of the pieces that changed; everything else is reused.
    assert rebuild["cache_hits"] + rebuild["cache_misses"] == filled
    assert 4 < rebuild["cache_misses"] < rebuild["cache_hits"]
    # The added sentence mentions a keyword: the rebuild has that mention's triples more.
    assert rebuild["triples"] > incremental["triples"]
    assert incremental["ratio"] > 0


def test_time_limit_benchmark_prints_its_table(dist: Path) -> None:
    command = [sys.executable, str(ROOT / "benchmarks" / "limits.py"), "--dist", str(dist)]
    command += ["--lookups", "10", "--runaways", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr

    def requests(label: str) -> int:
        row = next(line for line in done.stdout.splitlines() if line.startswith(label))
        return int(row.removeprefix(label).split()[0])

    assert requests("point lookup, idle server") == 10
    assert requests("point lookup, beside a runaway") >= 1
    assert requests("point lookup, in the limit after") >= 1
    assert requests("runaway answered after the limit") == 1
    assert "runaway queries answered 503: 1 of 1" in done.stdout
