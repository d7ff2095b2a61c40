"""The endpoint section: our server and its peers under the same bounded load, on the same dist/."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import asdict
from pathlib import Path

from comparisons import module_available
from load import LoadLimits, LoadResult, canned_queries, run_load
from peers import VIRTUOSO_GRAPH, PeerUnavailable, rdflib_endpoint, virtuoso_endpoint, wilcokg_endpoint

Starter = Callable[[Path, Path], AbstractContextManager[str]]
LIMITS = LoadLimits(clients=8, max_requests=200, max_seconds=10.0, request_timeout=20.0)


def _endpoints(dist: Path) -> Iterator[tuple[str, Starter, Path, str | None]]:
    """Name, starter, what it serves, and the default graph to confine queries to."""
    yield "wilcokg", wilcokg_endpoint, dist, None
    yield "rdflib-endpoint", rdflib_endpoint, dist / "wilco.trig", None
    yield "virtuoso", virtuoso_endpoint, dist / "wilco.nt", VIRTUOSO_GRAPH


def _measure(name: str, start: Starter, served: Path, graph: str | None, work: Path) -> list[LoadResult] | str:
    print(f"  {name} …", flush=True)
    try:
        with start(served, work) as endpoint:
            return run_load(endpoint, canned_queries(), LIMITS, graph)
    except PeerUnavailable as reason:
        return f"unavailable: {reason}"


def _cell(result: LoadResult | None) -> str:
    if result is None:
        return f"{'—':>8} {'—':>8} {'—':>4}"
    return f"{result.requests_per_second:>8.1f} {result.p50_ms:>8.1f} {result.errors:>4}"


def load_table(measured: dict[str, list[LoadResult]]) -> str:
    """Requests/s, p50 and errors per endpoint; then ours/peer throughput per query (>1: ours is faster)."""
    names = list(measured)
    peers = [n for n in names if n != "wilcokg"]
    header = f"{'query':<40}" + "".join(f" | {n[:21]:^22}" for n in names)
    header += "".join(f" | {'ours/' + p[:8]:>14}" for p in peers)
    sub = f"{'':<40}" + "".join(f" | {'req/s':>8} {'p50 ms':>8} {'err':>4}" for _ in names) + " |" * bool(peers)
    lines = [header, sub, "-" * len(header)]
    by_query = {name: {r.query: r for r in results} for name, results in measured.items()}
    for query, _ in canned_queries():
        row = f"{query:<40}" + "".join(f" | {_cell(by_query[n].get(query))}" for n in names)
        ours = by_query.get("wilcokg", {}).get(query)
        for peer in peers:
            theirs = by_query[peer].get(query)
            if ours and theirs and theirs.requests_per_second and not theirs.errors and not ours.errors:
                row += f" | {ours.requests_per_second / theirs.requests_per_second:>14.2f}"
            else:
                row += f" | {'—':>14}"
        lines.append(row)
    return "\n".join(lines)


def endpoint_section(dist: Path, size: str, triples: int, work: Path) -> dict[str, object]:
    limits = f"{LIMITS.clients} clients, ≤{LIMITS.max_requests} requests or ≤{LIMITS.max_seconds:.0f} s per query"
    print(f"\nSPARQL endpoints under load ({size}, {triples:,} triples; {limits})")
    if not module_available("wilcokg.server"):
        print("  not yet available (wilcokg.server does not import)")
        return {"status": "not yet available"}
    measured: dict[str, list[LoadResult]] = {}
    unavailable: dict[str, str] = {}
    for name, start, served, graph in _endpoints(dist):
        outcome = _measure(name, start, served, graph, work)
        if isinstance(outcome, str):
            print(f"  {name}: {outcome}")
            unavailable[name] = outcome
        else:
            measured[name] = outcome
    if "wilcokg" in measured:
        print(load_table(measured))
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
    }
