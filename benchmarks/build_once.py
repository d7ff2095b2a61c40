"""One build in a process of its own, so that its peak memory is its own: prints a JSON line.

    python benchmarks/build_once.py REPORTS REFERENCE ONTOLOGY OUT --shapes FILE [--profile FILE.prof] [--cache DIR]

The parent reads this process's peak RSS from `wait4`; the line printed here carries the stage times
from `BuildReport.seconds` and the wall time of `build()`. The parent counts the triples of
`wilco.nt` itself, after the process ended, so that counting them is not timed as part of the build.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import time
from pathlib import Path

from wilcokg.build import BuildReport, Inputs, build
from wilcokg.build_cache import BuildCache


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("reports", "reference", "ontology", "out"):
        parser.add_argument(name, type=Path)
    parser.add_argument("--profile", type=Path, help="write cProfile statistics of build() here")
    parser.add_argument("--shapes", type=Path, required=True, help="SHACL shapes of the gate")
    parser.add_argument("--cache", type=Path, help="build cache folder (default: no cache)")
    options = parser.parse_args()
    inputs = Inputs(options.reports, options.reference, options.ontology, options.shapes)
    cache = BuildCache(options.cache) if options.cache else None
    profiler = cProfile.Profile() if options.profile else None
    started = time.perf_counter()
    if profiler:
        report: BuildReport = profiler.runcall(build, inputs, options.out, cache=cache)
    else:
        report = build(inputs, options.out, cache=cache)
    seconds = time.perf_counter() - started
    if profiler:
        profiler.dump_stats(options.profile)
    result = {
        "stages": report.seconds,
        "build_seconds": seconds,
        "quads": sum(report.triples_per_graph.values()),
        "chapters": report.chapters,
        "mentions": report.mentions,
        "cache_hits": report.cache_hits,
        "cache_misses": report.cache_misses,
        # Kilobytes on Linux; the parent prefers its own wait4 figure, which covers the whole process.
        "self_max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
