"""A bounded load generator for a SPARQL endpoint: eight clients, one query at a time, then it stops.

Each query is sent by `clients` threads, each with its own HTTP connection, until `max_requests`
have been sent or `max_seconds` have passed, whichever comes first; a request is bounded by
`request_timeout`, so the whole run ends by itself. Timings are per request, from sending to the
last byte of the answer.

    python benchmarks/load.py http://127.0.0.1:8000/sparql
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

QUERIES = Path(__file__).resolve().parent.parent / "queries"
CITY_TYPE = b" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/City> .\n"


def point_lookup(dump: Path) -> tuple[str, str]:
    """Every triple of the first city in an N-Triples dump: a lookup with an answer in any corpus."""
    with dump.open("rb") as lines:
        city = next(line.split(b" ", 1)[0].decode() for line in lines if line.endswith(CITY_TYPE))
    return "point-lookup", f"SELECT ?p ?o WHERE {{ {city} ?p ?o }}"


ACCEPT = {"Accept": "application/sparql-results+json"}
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True, slots=True)
class LoadResult:
    query: str
    requests: int
    errors: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    first_error: str | None


@dataclass(frozen=True, slots=True)
class LoadLimits:
    clients: int = 8
    max_requests: int = 200
    max_seconds: float = 10.0
    request_timeout: float = 30.0


def canned_queries(lookup: tuple[str, str], folder: Path = QUERIES) -> list[tuple[str, str]]:
    """The point lookup, then every `queries/*.rq` by name.

    The lookup goes first: an endpoint that goes on evaluating the heavy aggregates after their
    clients gave up (rdflib-endpoint does) would otherwise time the lookups out behind that backlog.
    """
    return [lookup] + [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.rq"))]


class _Tally:
    """Shared by the client threads: hands out request slots and collects latencies and errors."""

    def __init__(self, limits: LoadLimits) -> None:
        self.limits = limits
        self.lock = threading.Lock()
        self.issued = 0
        self.deadline = 0.0
        self.latencies: list[float] = []
        self.errors = 0
        self.first_error: str | None = None

    def claim(self) -> bool:
        with self.lock:
            if self.issued >= self.limits.max_requests or time.perf_counter() >= self.deadline:
                return False
            self.issued += 1
            return True

    def record(self, seconds: float, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.latencies.append(seconds)
                return
            self.errors += 1
            self.first_error = self.first_error or error


def _client(endpoint: str, params: dict[str, str], tally: _Tally) -> None:
    with httpx.Client(timeout=tally.limits.request_timeout, headers=ACCEPT) as client:
        while tally.claim():
            started = time.perf_counter()
            error: str | None = None
            try:
                response = client.get(endpoint, params=params)
                if response.status_code != 200:
                    error = f"HTTP {response.status_code}: {response.text[:200]}"
            except httpx.HTTPError as failure:
                error = f"{type(failure).__name__}: {failure}"
            tally.record(time.perf_counter() - started, error)


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))]


def hammer(
    endpoint: str, name: str, query: str, limits: LoadLimits = LoadLimits(), default_graph: str | None = None
) -> LoadResult:
    """Send `query` from `limits.clients` concurrent clients within the limits; one warm-up first.

    `default_graph` confines the query to one graph (`default-graph-uri`), for a store that keeps
    system graphs of its own beside the data.
    """
    if urlsplit(endpoint).hostname not in LOOPBACK:
        # A load test is for the endpoints this harness starts, never for someone else's server.
        raise ValueError(f"expected an endpoint on 127.0.0.1, got {endpoint}")
    params = {"query": query, **({"default-graph-uri": default_graph} if default_graph else {})}
    with suppress(httpx.HTTPError):  # the measured requests will count a failure
        httpx.get(endpoint, params=params, headers=ACCEPT, timeout=limits.request_timeout)
    tally = _Tally(limits)
    started = time.perf_counter()
    tally.deadline = started + limits.max_seconds
    with ThreadPoolExecutor(max_workers=limits.clients) as pool:
        for future in [pool.submit(_client, endpoint, params, tally) for _ in range(limits.clients)]:
            future.result()
    seconds = time.perf_counter() - started
    latencies = sorted(tally.latencies)
    return LoadResult(
        query=name,
        requests=tally.issued,
        errors=tally.errors,
        seconds=seconds,
        requests_per_second=len(latencies) / seconds if seconds else 0.0,
        p50_ms=1000 * statistics.median(latencies) if latencies else float("nan"),
        p99_ms=1000 * percentile(latencies, 0.99),
        first_error=tally.first_error,
    )


def settle(endpoint: str, limits: LoadLimits, default_graph: str | None = None) -> None:
    """Wait until the endpoint answers a trivial query again.

    A server that does not cancel a query whose client timed out keeps working on it; without this
    pause the next query's figures would pay for the previous one's backlog.
    """
    params = {"query": "ASK {}", **({"default-graph-uri": default_graph} if default_graph else {})}
    deadline = time.perf_counter() + 4 * limits.request_timeout
    while time.perf_counter() < deadline:
        with suppress(httpx.HTTPError):
            if httpx.get(endpoint, params=params, headers=ACCEPT, timeout=limits.request_timeout).status_code == 200:
                return
        time.sleep(1.0)


def run_load(
    endpoint: str,
    queries: Iterable[tuple[str, str]],
    limits: LoadLimits = LoadLimits(),
    default_graph: str | None = None,
) -> list[LoadResult]:
    results = []
    for name, text in queries:
        settle(endpoint, limits, default_graph)
        results.append(hammer(endpoint, name, text, limits, default_graph))
    return results


def format_results(results: list[LoadResult]) -> str:
    lines = [f"{'query':<44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}"]
    for r in results:
        lines.append(f"{r.query:<44} {r.requests_per_second:>8.1f} {r.p50_ms:>8.1f} {r.p99_ms:>8.1f} {r.errors:>6}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("endpoint", help="a SPARQL endpoint URL on 127.0.0.1")
    parser.add_argument("--dump", type=Path, default=Path("dist/wilco.nt"), help="N-Triples the lookup's city is from")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=200)
    parser.add_argument("--max-seconds", type=float, default=10.0)
    options = parser.parse_args()
    limits = LoadLimits(options.clients, options.max_requests, options.max_seconds)
    print(format_results(run_load(options.endpoint, canned_queries(point_lookup(options.dump)), limits)))


if __name__ == "__main__":
    main()
