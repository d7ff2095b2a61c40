"""The endpoint section: our server and its peers under the same bounded load, on the same dist/."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import asdict
from functools import partial
from pathlib import Path

from comparisons import module_available
from load import LoadLimits, LoadResult, canned_queries, point_lookup, run_load
from peers import VIRTUOSO_GRAPH, PeerUnavailable, rdflib_endpoint, virtuoso_endpoint, wilcokg_endpoint

Starter = Callable[[Path, Path], AbstractContextManager[str]]
LIMITS = LoadLimits(clients=8, max_requests=200, max_seconds=10.0, request_timeout=20.0)
CACHED = "wilcokg"
UNCACHED = "wilcokg (no cache)"
# How our two runs differ, for the JSON results and the note under the table.
VARIANTS = {
    UNCACHED: "--result-cache-bytes 0: every request is evaluated by a query worker",
    CACHED: "default result cache: each query is evaluated once (the warm-up), then answered from memory",
}
_SHORT = {UNCACHED: "no cache", CACHED: "cache"}
Ratios = dict[str, dict[str, dict[str, float | None]]]


def _endpoints(dist: Path) -> Iterator[tuple[str, Starter, Path, str | None]]:
    """Name, starter, what it serves, and the default graph to confine queries to."""
    yield UNCACHED, partial(wilcokg_endpoint, result_cache_bytes=0), dist, None
    yield CACHED, wilcokg_endpoint, dist, None
    yield "rdflib-endpoint", rdflib_endpoint, dist / "wilco.trig", None
    yield "virtuoso", virtuoso_endpoint, dist / "wilco.nt", VIRTUOSO_GRAPH


def _measure(
    name: str, start: Starter, served: Path, graph: str | None, work: Path, queries: list[tuple[str, str]]
) -> list[LoadResult] | str:
    print(f"  {name} …", flush=True)
    try:
        with start(served, work) as endpoint:
            return run_load(endpoint, queries, LIMITS, graph)
    except PeerUnavailable as reason:
        return f"unavailable: {reason}"


def _query_names(measured: dict[str, list[LoadResult]]) -> list[str]:
    """The queries in the order they ran (every endpoint ran the same list)."""
    return list(dict.fromkeys(result.query for results in measured.values() for result in results))


def ratios(measured: dict[str, list[LoadResult]]) -> Ratios:
    """Requests/s of each of our runs divided by each peer's, per query; None where either had errors."""
    ours = [name for name in (UNCACHED, CACHED) if name in measured]
    peers = [name for name in measured if name not in _SHORT]
    by_query = {name: {r.query: r for r in results} for name, results in measured.items()}
    found: Ratios = {}
    for our_name in ours:
        for peer in peers:
            per_query: dict[str, float | None] = {}
            for query in _query_names(measured):
                mine, theirs = by_query[our_name].get(query), by_query[peer].get(query)
                if mine is None or theirs is None or mine.errors or theirs.errors or not theirs.requests_per_second:
                    per_query[query] = None
                else:
                    per_query[query] = mine.requests_per_second / theirs.requests_per_second
            found.setdefault(our_name, {})[peer] = per_query
    return found


def _cell(result: LoadResult | None) -> str:
    if result is None:
        return f"{'—':>8} {'—':>7} {'—':>7} {'—':>4}"
    return f"{result.requests_per_second:>8.1f} {result.p50_ms:>7.1f} {result.p99_ms:>7.1f} {result.errors:>4}"


def load_table(measured: dict[str, list[LoadResult]]) -> str:
    """Requests/s, p50, p99 and errors per endpoint; then ours/peer throughput per query (>1: ours is faster)."""
    names = list(measured)
    header = f"{'query':<40}" + "".join(f" | {n[:29]:^29}" for n in names)
    sub = f"{'':<40}" + "".join(f" | {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'err':>4}" for _ in names)
    lines = [header, sub, "-" * len(header)]
    by_query = {name: {r.query: r for r in results} for name, results in measured.items()}
    for query in _query_names(measured):
        lines.append(f"{query:<40}" + "".join(f" | {_cell(by_query[n].get(query))}" for n in names))
    found = ratios(measured)
    pairs = [(ours, peer) for ours, per_peer in found.items() for peer in per_peer]
    if not pairs:
        return "\n".join(lines)
    ratio_header = f"{'requests/s, ours ÷ peer':<40}" + "".join(
        f" | {_SHORT[ours] + ' ÷ ' + peer.split('-')[0]:>21}" for ours, peer in pairs
    )
    lines += ["", ratio_header, "-" * len(ratio_header)]
    for query in _query_names(measured):
        cells = (found[ours][peer][query] for ours, peer in pairs)
        lines.append(f"{query:<40}" + "".join(f" | {'—' if r is None else f'{r:.2f}':>21}" for r in cells))
    return "\n".join(lines)


def endpoint_section(dist: Path, size: str, triples: int, work: Path) -> dict[str, object]:
    limits = f"{LIMITS.clients} clients, ≤{LIMITS.max_requests} requests or ≤{LIMITS.max_seconds:.0f} s per query"
    print(f"\nSPARQL endpoints under load ({size}, {triples:,} triples; {limits})")
    if not module_available("wilcokg.server"):
        print("  not yet available (wilcokg.server does not import)")
        return {"status": "not yet available"}
    measured: dict[str, list[LoadResult]] = {}
    unavailable: dict[str, str] = {}
    queries = canned_queries(point_lookup(dist / "wilco.nt"))
    for name, start, served, graph in _endpoints(dist):
        outcome = _measure(name, start, served, graph, work, queries)
        if isinstance(outcome, str):
            print(f"  {name}: {outcome}")
            unavailable[name] = outcome
        else:
            measured[name] = outcome
    if CACHED in measured or UNCACHED in measured:
        print(load_table(measured))
        for name, meaning in VARIANTS.items():
            print(f"  {name}: {meaning}")
    for name, results in measured.items():
        for result in results:
            if result.first_error:
                print(f"  {name} {result.query}: {result.errors} error(s), first: {result.first_error[:160]}")
    return {
        "size": size,
        "triples": triples,
        "limits": asdict(LIMITS),
        "results": {name: [asdict(r) for r in results] for name, results in measured.items()},
        "unavailable": unavailable,
        "variants": VARIANTS,
        "ratios": ratios(measured),
    }
