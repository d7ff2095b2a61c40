"""SPARQL endpoints over the same built data, each on a loopback port in a process of its own.

`wilcokg_endpoint` is the system under test; `rdflib_endpoint` (pip `rdflib-endpoint`, an in-memory
rdflib Dataset behind FastAPI) and `virtuoso_endpoint` (Debian `virtuoso-opensource`, a throw-away
database in a temporary folder) are the peers. Each context manager yields the endpoint URL once it
answers `ASK {}` on a free loopback port (started again on another if the port was taken meanwhile),
and stops its own process group on exit, whatever happened inside.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

import httpx

from local_virtuoso import VirtuosoUnavailable, running_virtuoso
from ports import LOOPBACK, PortTaken, free_port, on_free_ports

BIN = Path(sys.executable).parent
STARTUP_SECONDS = 900.0
# Queries are checked against the union of all graphs: Virtuoso gets that union as one graph.
VIRTUOSO_GRAPH = "https://w3id.org/wilcokg/graph/union"


class PeerUnavailable(RuntimeError):
    """The peer is not installed or did not start; the benchmark reports it and goes on."""


def _wait_until_answering(
    process: subprocess.Popen[bytes], endpoint: str, bound: str, log: Path, seconds: float
) -> None:
    """Until ``endpoint`` answers and the log says ``bound``: before the server has bound its port, an
    answer may come from another server that took the port first, and this one is about to exit."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            if "address already in use" in tail:
                raise PortTaken(tail)
            raise PeerUnavailable(f"exited with {process.returncode}: {tail}")
        with suppress(httpx.HTTPError):
            answer = httpx.get(endpoint, params={"query": "ASK {}"}, timeout=2.0)
            if answer.status_code == 200 and bound in log.read_text(errors="replace"):
                return
        time.sleep(0.5)
    raise PeerUnavailable(f"no answer from {endpoint} within {seconds:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the process group this module started (the server and any workers it forked)."""
    if process.poll() is not None:
        return
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)


def _served(command: Callable[[int], list[str]], path: str, work: Path, name: str) -> AbstractContextManager[str]:
    """The endpoint at ``path`` of the uvicorn server ``command(port)`` starts, on a free port."""
    return on_free_ports(lambda: _serving(command, path, work, name))


@contextmanager
def _serving(command: Callable[[int], list[str]], path: str, work: Path, name: str) -> Iterator[str]:
    port = free_port()
    base_url = f"http://{LOOPBACK}:{port}"
    work.mkdir(parents=True, exist_ok=True)
    log = work / f"{name}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(command(port), stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_answering(process, base_url + path, f"Uvicorn running on {base_url} ", log, STARTUP_SECONDS)
        yield base_url + path
    finally:
        _stop(process)


@contextmanager
def wilcokg_endpoint(
    dist: Path,
    work: Path,
    result_cache_bytes: int | None = None,
    timeout: float | None = None,
    workers: int | None = None,
) -> Iterator[str]:
    """`wilcokg serve` with its defaults, but for the result cache's size, time limit and workers given."""
    command = [str(BIN / "wilcokg"), "serve", "--dist", str(dist), "--store", str(work / "wilcokg-store")]
    command += ["--host", LOOPBACK]
    name = "wilcokg"
    for option, value in (("result-cache-bytes", result_cache_bytes), ("timeout", timeout), ("workers", workers)):
        if value is not None:
            command += [f"--{option}", str(value)]
            name += f"-{option}-{value}"
    with _served(lambda port: [*command, "--port", str(port)], "/sparql", work, name) as endpoint:
        yield endpoint


@contextmanager
def rdflib_endpoint(trig: Path, work: Path) -> Iterator[str]:
    executable = BIN / "rdflib-endpoint"
    if not executable.exists():
        raise PeerUnavailable("rdflib-endpoint is not installed (pip install rdflib-endpoint)")
    command = [str(executable), "serve", str(trig), "--host", LOOPBACK, "--port"]
    # The command-line server of rdflib-endpoint answers at the root path.
    with _served(lambda port: [*command, str(port)], "/", work, "rdflib-endpoint") as endpoint:
        yield endpoint


@contextmanager
def virtuoso_endpoint(ntriples: Path, work: Path) -> Iterator[str]:
    """Virtuoso with a fresh database under `work/virtuoso`, bulk-loaded from `ntriples`."""
    folder = (work / "virtuoso").resolve()
    data = folder.with_name("virtuoso-data")
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    shutil.copyfile(ntriples, data / "wilco.nt")
    try:
        with running_virtuoso(folder, load_dirs=[data], startup_seconds=STARTUP_SECONDS) as virtuoso:
            virtuoso.bulk_load(data, "wilco.nt", VIRTUOSO_GRAPH, timeout=STARTUP_SECONDS)
            yield virtuoso.sparql
    except VirtuosoUnavailable as error:
        raise PeerUnavailable(str(error)) from error
