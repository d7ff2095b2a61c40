"""Speed and scale benchmark: build time per stage, peak memory and growth, then endpoints under load
and the time limit's cost and promptness (limits.py).

    python benchmarks/run.py                       # 10k, 100k and 1m triples, 3 repetitions, endpoints
    python benchmarks/run.py --sizes 10k,100k --repetitions 1 --skip-endpoint
    python benchmarks/run.py --sizes 20,200        # chapter counts instead of named sizes
    python benchmarks/run.py --quick               # smallest size, one build, build stages only
    python benchmarks/run.py --sizes 10k --repetitions 1 --skip-endpoint --incremental-chapters 100

Every build runs in a fresh process on a synthetic corpus (corpus.py, seeded), so times and peak RSS
belong to that build alone; the table shows medians over the repetitions and the results also go to
a JSON file. Targets of the "Speed and scale" issue: the whole build at ~1 M triples within 90 s,
ten times the input within eleven times the time, peak RSS within 2 GB; a rebuild after one of
1,000 chapters changed within 10 % of the full build (incremental.py).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import signal
import statistics
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType

from comparisons import Comparison, compare
from corpus import CorpusInfo, write_corpus
from endpoints import endpoint_section
from incremental import incremental_section
from limits import limits_section
from measure import ONTOLOGY, STAGES, BuildRun, run_build

# Chapter counts of the synthetic corpus (seed 1) that give about 10 k, 100 k and 1 M triples in
# wilco.nt, measured: 4 chapters → 11,786 triples, 42 → 96,297, 440 → 1,007,263 (about 2,300
# triples per chapter of ~1,850 words, most of them the 17 triples of each of its ~140 mentions).
NAMED_SIZES = {"10k": 4, "100k": 42, "1m": 440}
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "latest.json"
# The largest size each baseline runs at: pySHACL takes about six minutes at 1 M triples, owlrl
# hours (it needs ~80 s at 100 k and grows faster than the input).
COMPARISON_MAX_TRIPLES = {"validate": 1_100_000, "infer": 150_000}
COMPARISON_TIMEOUT = 900.0
MISSING = "—"


@dataclass(frozen=True, slots=True)
class Size:
    name: str
    chapters: int


@dataclass(slots=True)
class SizeResult:
    size: Size
    corpus: CorpusInfo
    dist: Path
    runs: list[BuildRun] = field(default_factory=list)

    def stage(self, name: str) -> float | None:
        values = [run.stages[name] for run in self.runs if name in run.stages]
        return statistics.median(values) if len(values) == len(self.runs) and values else None

    @property
    def total(self) -> float:
        return statistics.median(run.build_seconds for run in self.runs)

    @property
    def triples(self) -> int:
        return self.runs[-1].triples

    @property
    def peak_rss(self) -> int:
        return int(statistics.median(run.peak_rss_bytes for run in self.runs))


def parse_sizes(text: str) -> list[Size]:
    sizes = []
    for token in (t.strip().lower() for t in text.split(",") if t.strip()):
        if token in NAMED_SIZES:
            sizes.append(Size(token, NAMED_SIZES[token]))
        elif token.isdigit() and int(token) > 0:
            sizes.append(Size(f"{token} ch", int(token)))
        else:
            raise argparse.ArgumentTypeError(f"expected {', '.join(NAMED_SIZES)} or a chapter count, got {token!r}")
    return sizes


def measure(size: Size, work: Path, repetitions: int, seed: int) -> SizeResult:
    folder = work / size.name.replace(" ", "-")
    corpus = write_corpus(folder, size.chapters, seed)
    result = SizeResult(size, corpus, folder / "dist")
    for repetition in range(repetitions):
        print(f"  {size.name}: build {repetition + 1}/{repetitions} …", file=sys.stderr, flush=True)
        result.runs.append(run_build(corpus.reports, corpus.reference, result.dist))
    return result


def _seconds(value: float | None) -> str:
    return MISSING if value is None else f"{value:.2f} s"


def _ratio(value: float | None) -> str:
    return MISSING if value is None else f"×{value:.2f}"


def growth(results: list[SizeResult]) -> list[tuple[float, float] | None]:
    """(time ratio, triple ratio) of each size against the one before it."""
    ratios: list[tuple[float, float] | None] = [None]
    for before, after in itertools.pairwise(results):
        ratios.append((after.total / before.total, after.triples / before.triples))
    return ratios


def build_table(results: list[SizeResult]) -> str:
    """One row per stage and measure, one column per size."""
    ratios = growth(results)
    rows: list[tuple[str, list[str]]] = [("chapters", [str(r.size.chapters) for r in results])]
    rows += [(stage, [_seconds(r.stage(stage)) for r in results]) for stage in STAGES]
    rows += [
        ("total", [_seconds(r.total) for r in results]),
        ("triples", [f"{r.triples:,}" for r in results]),
        ("peak RSS", [f"{r.peak_rss / 2**20:,.0f} MiB" for r in results]),
        ("time growth", [_ratio(g[0] if g else None) for g in ratios]),
        ("triple growth", [_ratio(g[1] if g else None) for g in ratios]),
        ("time/triple growth", [MISSING if g is None else f"{g[0] / g[1]:.2f}" for g in ratios]),
    ]
    width = max(12, *(len(r.size.name) for r in results))
    lines = [f"{'stage':<20}" + "".join(f"{r.size.name:>{width + 2}}" for r in results)]
    lines.append("-" * len(lines[0]))
    lines += [f"{label:<20}" + "".join(f"{cell:>{width + 2}}" for cell in cells) for label, cells in rows]
    return "\n".join(lines)


def comparison_section(results: list[SizeResult]) -> list[Comparison]:
    found: list[Comparison] = []
    for section, title in (("validate", "SHACL gate vs pyshacl"), ("infer", "OWL-RL inference vs owlrl")):
        print(f"\n{title}")
        for result in results:
            if result.triples > COMPARISON_MAX_TRIPLES[section]:
                continue
            corpus = result.corpus
            outcome = compare(section, corpus.reports, corpus.reference, ONTOLOGY, result.triples, COMPARISON_TIMEOUT)
            found.append(outcome)
            if not outcome.available:
                print(f"  {result.size.name}: {outcome.detail}")
                if "not yet available" in outcome.detail:
                    break
                continue
            speedup = f"{outcome.speedup:.1f}× faster" if outcome.speedup else "no baseline"
            print(
                f"  {result.size.name}: ours {_seconds(outcome.ours_seconds)}, baseline "
                f"{_seconds(outcome.baseline_seconds)} ({speedup}) {outcome.detail}"
            )
    return found


def _machine() -> dict[str, object]:
    return {"python": platform.python_version(), "system": platform.system(), "cpus": os.cpu_count()}


def _size_json(result: SizeResult, ratio: tuple[float, float] | None) -> dict[str, object]:
    return {
        "name": result.size.name,
        "chapters": result.size.chapters,
        "triples": result.triples,
        "stages": {stage: result.stage(stage) for stage in STAGES},
        "total_seconds": result.total,
        "peak_rss_bytes": result.peak_rss,
        "growth": None if ratio is None else {"time": ratio[0], "triples": ratio[1]},
        "corpus": {
            "chapters": result.corpus.chapters,
            "cities": result.corpus.cities,
            "organisations": result.corpus.organisations,
            "innovations": result.corpus.innovations,
            "words": result.corpus.words,
            "bytes": result.corpus.bytes,
        },
        "runs": [asdict(run) for run in result.runs],
    }


def write_json(path: Path, options: argparse.Namespace, results: list[SizeResult], extra: dict[str, object]) -> None:
    document = {
        "schema": 1,
        "seed": options.seed,
        "repetitions": options.repetitions,
        "machine": _machine(),
        "stages": list(STAGES),
        "sizes": [_size_json(r, g) for r, g in zip(results, growth(results), strict=True)],
        **extra,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def options_from(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("10k,100k,1m"))
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="smallest size, one build, build stages only")
    parser.add_argument("--skip-endpoint", action="store_true", help="no endpoint load tests")
    parser.add_argument("--skip-comparisons", action="store_true", help="no SHACL and inference comparisons")
    parser.add_argument("--skip-limits", action="store_true", help="no time-limit measurement")
    parser.add_argument("--endpoint-size", default="100k", help="which size the endpoints and the time limit serve")
    parser.add_argument("--skip-incremental", action="store_true", help="no incremental rebuild measurement")
    parser.add_argument(
        "--incremental-chapters", type=int, default=1000, help="corpus size of the incremental rebuild measurement"
    )
    parser.add_argument("--work", type=Path, help="keep corpora, dumps and logs here (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results")
    options = parser.parse_args(argv)
    if options.quick:
        options.sizes = [min(options.sizes, key=lambda size: size.chapters)]
        options.repetitions = 1
        options.skip_endpoint = options.skip_comparisons = options.skip_incremental = options.skip_limits = True
    return options


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Unwind normally so that every endpoint this run started is stopped by its context manager.
    raise SystemExit(128 + signum)


def run(options: argparse.Namespace, work: Path) -> None:
    results = [measure(size, work, options.repetitions, options.seed) for size in options.sizes]
    print(f"\nBuild (median of {options.repetitions}; seed {options.seed})")
    print(build_table(results))
    extra: dict[str, object] = {}
    if not options.skip_comparisons:
        extra["comparisons"] = [asdict(c) for c in comparison_section(results)]
    served = next((r for r in results if r.size.name == options.endpoint_size), results[0])
    if not options.skip_endpoint:
        extra["endpoint"] = endpoint_section(served.dist, served.size.name, served.triples, work / "endpoints")
    if not options.skip_limits:
        extra["limits"] = limits_section(served.dist, served.size.name, work / "limits")
    if not options.skip_incremental:
        extra["incremental"] = incremental_section(work, options.incremental_chapters, options.seed)
    write_json(options.out, options, results, extra)
    print(f"\nresults: {options.out}")


def main(argv: list[str] | None = None) -> None:
    options = options_from(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    if options.work:
        options.work.mkdir(parents=True, exist_ok=True)
        run(options, options.work.resolve())
        return
    with tempfile.TemporaryDirectory(prefix="wilcokg-bench-") as work:
        run(options, Path(work))


if __name__ == "__main__":
    main()
