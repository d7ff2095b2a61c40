"""Run the SPARQL server in a subprocess for tests that talk to it over real HTTP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

import httpx

from ports import LOOPBACK, PortTaken, free_port, on_free_ports

STARTUP_SECONDS = 60.0


def live_server(dist: Path, tmp_path: Path, **config_overrides: object) -> AbstractContextManager[str]:
    """Serve ``dist`` on a free local port; yields the base URL, e.g. ``http://127.0.0.1:40123``.

    ``config_overrides`` are ServeConfig fields (``timeout=2``, ``allow_service=("a.example",)``).
    The server runs in its own session so that it and its query workers can be stopped together.
    """
    return on_free_ports(lambda: _live_server(dist, tmp_path, config_overrides))


@contextmanager
def _live_server(dist: Path, tmp_path: Path, config_overrides: dict[str, object]) -> Iterator[str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "wilcokg.server",
        "--dist",
        str(dist),
        "--store",
        str(tmp_path / "store"),
        "--host",
        LOOPBACK,
        "--port",
        str(port),
        *_flags(config_overrides),
    ]
    log_path = tmp_path / f"server-{port}.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base_url = f"http://{LOOPBACK}:{port}"
    try:
        _wait_until_serving(server, base_url, log_path)
        yield base_url
    finally:
        _stop(server)


def _flags(overrides: dict[str, object]) -> list[str]:
    flags: list[str] = []
    for name, value in overrides.items():
        flag = "--" + name.replace("_", "-")
        if name == "cors":
            flags += [] if value else ["--no-cors"]
        elif isinstance(value, tuple | list):
            for item in value:
                flags += [flag, str(item)]
        else:
            flags += [flag, str(value)]
    return flags


def _wait_until_serving(server: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    # Uvicorn says so once it has bound the port: until then, an answer may come from another server
    # that took the port first, and this one is about to exit.
    bound = f"Uvicorn running on {base_url} "
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = log_path.read_text()
            if "address already in use" in log:
                raise PortTaken(log)
            raise RuntimeError(f"server exited with {server.returncode}:\n{log}")
        try:
            httpx.get(f"{base_url}/sparql", params={"query": "ASK {}"}, timeout=1.0).raise_for_status()
            if bound in log_path.read_text():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not answer within {STARTUP_SECONDS} s:\n{log_path.read_text()}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    # SIGTERM lets uvicorn run the lifespan shutdown, which stops the workers; the group kill catches
    # anything left behind.
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    with suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
