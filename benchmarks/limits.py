"""The time limit, measured: point lookups alone and beside a runaway query, and how promptly it is stopped.

    python benchmarks/limits.py --dist dist                        # a built dist/ (make build)
    python benchmarks/limits.py --dist dist --lookups 50 --runaways 1

run.py runs this as a section on the build the endpoints serve. One `wilcokg serve` with two query
workers, no result cache and a 1 s time limit; one client sends point lookups one at a time over a
keep-alive connection. The baseline is those lookups with the server idle. Then, `runaways` times,
a query that would count ~10¹⁶ combinations takes one worker until the limit stops it, and the
lookups sent meanwhile go to the other: *beside ÷ idle* is what a runaway query costs everyone
else, *overshoot* how late after the limit the runaway's 503 arrives. The lookups go on for one
time limit after each runaway: the killed worker's replacement starts in that while.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from load import ACCEPT, percentile, point_lookup
from peers import wilcokg_endpoint

TIME_LIMIT = 1.0
WORKERS = 2
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CANCELLED = 503
# Generous beside the time limit: a request that takes this long is a hang, not a figure.
REQUEST_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class Latency:
    requests: int
    p50_ms: float
    p99_ms: float

    @staticmethod
    def of(seconds: list[float]) -> Latency:
        ordered = sorted(seconds)
        return Latency(len(ordered), 1000 * statistics.median(ordered), 1000 * percentile(ordered, 0.99))


@dataclass(frozen=True, slots=True)
class LimitsResult:
    time_limit_seconds: float
    idle: Latency
    beside_runaway: Latency
    after_runaway: Latency
    overshoot: Latency
    """How long after the time limit each runaway query was answered."""
    runaway_statuses: list[int]
    lookup_errors: int

    @property
    def slowdown(self) -> float:
        """Median lookup beside a runaway query ÷ median lookup on an idle server."""
        return self.beside_runaway.p50_ms / self.idle.p50_ms


class _Lookups:
    """One client's point lookups, one at a time: their latencies, and the answers that were not 200."""

    def __init__(self, client: httpx.Client, endpoint: str, query: str) -> None:
        self.client, self.endpoint, self.params = client, endpoint, {"query": query}
        self.errors = 0

    def one(self) -> float:
        started = time.perf_counter()
        response = self.client.get(self.endpoint, params=self.params)
        seconds = time.perf_counter() - started
        if response.status_code != 200:
            self.errors += 1
        return seconds

    def count(self, times: int) -> list[float]:
        return [self.one() for _ in range(times)]

    def until(self, done: Callable[[], bool]) -> list[float]:
        latencies = [self.one()]
        while not done():
            latencies.append(self.one())
        return latencies

    def during(self, seconds: float) -> list[float]:
        deadline = time.perf_counter() + seconds
        return self.until(lambda: time.perf_counter() >= deadline)


def _runaway(endpoint: str, answers: list[tuple[int, float]], done: threading.Event) -> None:
    started = time.perf_counter()
    try:
        with httpx.Client(timeout=REQUEST_TIMEOUT, headers=ACCEPT) as client:
            status = client.get(endpoint, params={"query": RUNAWAY}).status_code
        answers.append((status, time.perf_counter() - started))
    finally:
        done.set()


def measure_limits(endpoint: str, lookup: str, lookups: int, runaways: int) -> LimitsResult:
    """Time ``lookups`` idle lookups, then lookups beside each of ``runaways`` runaway queries."""
    answers: list[tuple[int, float]] = []
    beside: list[float] = []
    after: list[float] = []
    with httpx.Client(timeout=REQUEST_TIMEOUT, headers=ACCEPT) as client:
        sender = _Lookups(client, endpoint, lookup)
        sender.one()  # the connection and the workers are warm before anything is timed
        idle = sender.count(lookups)
        for _ in range(runaways):
            done = threading.Event()
            runaway = threading.Thread(target=_runaway, args=(endpoint, answers, done))
            runaway.start()
            beside += sender.until(done.is_set)
            runaway.join()
            after += sender.during(TIME_LIMIT)
    return LimitsResult(
        time_limit_seconds=TIME_LIMIT,
        idle=Latency.of(idle),
        beside_runaway=Latency.of(beside),
        after_runaway=Latency.of(after),
        overshoot=Latency.of([seconds - TIME_LIMIT for _, seconds in answers]),
        runaway_statuses=[status for status, _ in answers],
        lookup_errors=sender.errors,
    )


def limits_table(result: LimitsResult) -> str:
    rows = [
        ("point lookup, idle server", result.idle),
        ("point lookup, beside a runaway", result.beside_runaway),
        ("point lookup, in the limit after", result.after_runaway),
        ("runaway answered after the limit", result.overshoot),
    ]
    lines = [f"{'measure':<34} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8}", "-" * 61]
    lines += [f"{label:<34} {t.requests:>8} {t.p50_ms:>8.1f} {t.p99_ms:>8.1f}" for label, t in rows]
    lines.append(f"beside ÷ idle (p50): ×{result.slowdown:.2f}")
    cancelled = sum(status == CANCELLED for status in result.runaway_statuses)
    lines.append(f"runaway queries answered {CANCELLED}: {cancelled} of {len(result.runaway_statuses)}")
    if result.lookup_errors:
        lines.append(f"point lookups not answered 200: {result.lookup_errors}")
    return "\n".join(lines)


def limits_section(dist: Path, size: str, work: Path, lookups: int = 200, runaways: int = 3) -> dict[str, object]:
    print(f"\nTime limit ({size}; {WORKERS} workers, no result cache, limit {TIME_LIMIT:g} s)")
    _, lookup = point_lookup(dist / "wilco.nt")
    with wilcokg_endpoint(dist, work, result_cache_bytes=0, timeout=TIME_LIMIT, workers=WORKERS) as endpoint:
        result = measure_limits(endpoint, lookup, lookups, runaways)
    print(limits_table(result))
    return {**asdict(result), "slowdown": result.slowdown}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="a built dist/ folder")
    parser.add_argument("--lookups", type=int, default=200, help="point lookups timed on the idle server")
    parser.add_argument("--runaways", type=int, default=3, help="runaway queries to time lookups beside")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wilcokg-limits-") as work:
        limits_section(options.dist, str(options.dist), Path(work), options.lookups, options.runaways)


if __name__ == "__main__":
    main()
