"""A throw-away local Virtuoso (Debian's ``virtuoso-opensource``) for tests and benchmarks.

One instance is one ``virtuoso-t +foreground`` process in a session of its own, with a fresh database
and a generated ini in a folder of the caller's choosing, listening on free loopback ports (started
again on others if one was taken meanwhile). It is stopped (its whole process group) when the context
manager exits, however it exits.

The ini leaves ``[SPARQL] DefaultGraph`` unset on purpose: a query without a dataset then sees the
union of all graphs, as the embedded store's union default graph does.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx

from ports import LOOPBACK, PortTaken, free_ports, on_free_ports

# Debian creates the database with this administrator; the instance is loopback-only and short-lived.
ADMIN_USER = "dba"
ADMIN_PASSWORD = "dba"


class VirtuosoUnavailable(RuntimeError):
    """virtuoso-t is not installed, did not start in time, or refused a command."""


@dataclass(frozen=True, slots=True)
class Virtuoso:
    folder: Path
    sql_port: int
    http_port: int

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.http_port}"

    @property
    def sparql(self) -> str:
        """The public, read-only SPARQL endpoint."""
        return f"{self.base_url}/sparql"

    @property
    def sparql_auth(self) -> str:
        """The SPARQL endpoint that accepts updates from an authenticated (digest) user such as dba."""
        return f"{self.base_url}/sparql-auth"

    @property
    def graph_store_auth(self) -> str:
        """The SPARQL 1.1 Graph Store HTTP Protocol endpoint for authenticated (digest) users."""
        return f"{self.base_url}/sparql-graph-crud-auth"

    def isql(self, statements: str, timeout: float = 600.0) -> str:
        """Run SQL statements (``;``-separated) through ``isql-vt``; their output, or VirtuosoUnavailable."""
        command = [_tool("isql-vt"), f"{LOOPBACK}:{self.sql_port}", ADMIN_USER, ADMIN_PASSWORD, f"exec={statements}"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        # isql-vt exits 0 even when a statement fails; the error text is the reliable signal.
        if done.returncode != 0 or "*** Error" in done.stdout or "*** Error" in done.stderr:
            raise VirtuosoUnavailable(f"isql failed: {(done.stdout + done.stderr)[-1000:]}")
        return done.stdout

    def bulk_load(self, folder: Path, pattern: str, graph: str, timeout: float = 600.0) -> None:
        """Load the files of ``folder`` matching ``pattern`` into ``graph`` with Virtuoso's bulk loader.

        ``folder`` must be one of the ``load_dirs`` the instance was started with.
        """
        self.isql(f"ld_dir('{folder.resolve()}', '{pattern}', '{graph}'); rdf_loader_run(); checkpoint;", timeout)


def running_virtuoso(
    folder: Path,
    *,
    load_dirs: Sequence[Path] = (),
    max_rows: int = 1_000_000,
    max_seconds: int = 60,
    buffers: int = 170_000,
    startup_seconds: float = 120.0,
) -> AbstractContextManager[Virtuoso]:
    """A fresh Virtuoso whose database lives in ``folder`` (emptied first); yields it once /sparql answers.

    ``load_dirs`` are the folders the bulk loader may read (Virtuoso's DirsAllowed); ``max_rows`` and
    ``max_seconds`` are its SPARQL ResultSetMaxRows and MaxQueryExecutionTime.
    """
    return on_free_ports(lambda: _running_virtuoso(folder, load_dirs, max_rows, max_seconds, buffers, startup_seconds))


@contextmanager
def _running_virtuoso(
    folder: Path, load_dirs: Sequence[Path], max_rows: int, max_seconds: int, buffers: int, startup_seconds: float
) -> Iterator[Virtuoso]:
    virtuoso_t = _tool("virtuoso-t")
    _tool("isql-vt")
    folder = folder.resolve()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    instance = Virtuoso(folder, *free_ports(2))
    ini = folder / "virtuoso.ini"
    ini.write_text(_ini(instance, [path.resolve() for path in load_dirs], max_rows, max_seconds, buffers))
    log = folder / "virtuoso-stdout.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [virtuoso_t, "+foreground", "+configfile", str(ini)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=folder,
            start_new_session=True,
        )
    try:
        _wait_until_answering(process, instance, log, startup_seconds)
        yield instance
    finally:
        _stop(process)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise VirtuosoUnavailable(f"{name} is not installed (Debian package virtuoso-opensource)")
    return found


def _ini(instance: Virtuoso, load_dirs: Sequence[Path], max_rows: int, max_seconds: int, buffers: int) -> str:
    folder = instance.folder
    allowed = ", ".join([".", *map(str, load_dirs)])
    return f"""\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = {LOOPBACK}:{instance.sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {allowed}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {buffers * 3 // 4}
MaxQueryMem = 1G
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = {LOOPBACK}:{instance.http_port}
ServerRoot = {folder}
ServerThreads = 16
MaxKeepAlives = 16
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {max_seconds}
MaxQueryCostEstimationTime = 0
DefaultQuery = ASK {{}}
"""


def _wait_until_answering(process: subprocess.Popen[bytes], instance: Virtuoso, log: Path, seconds: float) -> None:
    # Virtuoso says so once it listens on both ports: until then, an answer may come from another server
    # that took the HTTP port first, and this one is about to exit.
    online = f"Server online at {LOOPBACK}:{instance.sql_port} "
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            if "Failed HTTP listen" in tail or "Failed to start listening" in tail:
                raise PortTaken(tail)
            raise VirtuosoUnavailable(f"virtuoso-t exited with {process.returncode}: {tail}")
        with suppress(httpx.HTTPError):
            answer = httpx.get(instance.sparql, params={"query": "ASK {}"}, timeout=2.0)
            if answer.status_code == 200 and online in log.read_text(errors="replace"):
                return
        time.sleep(0.2)
    raise VirtuosoUnavailable(f"Virtuoso did not answer on {instance.sparql} within {seconds:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the process group started above; a database that is thrown away needs no clean shutdown."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
