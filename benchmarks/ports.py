"""Loopback ports for the servers that the tests and benchmarks start.

A port found free is only free until someone binds it: under pytest-xdist another worker may start a
server of its own on the same port between the probe and our server's bind. Such a server fails to
start; its starter raises `PortTaken`, and `on_free_ports` starts it again on other ports.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import TypeVar

LOOPBACK = "127.0.0.1"
# Each attempt draws new ports from tens of thousands; more than one failure in a row means something else.
ATTEMPTS = 5

T = TypeVar("T")


class PortTaken(RuntimeError):
    """A server could not bind the port it was given: someone else took it after it was found free."""


def free_ports(count: int) -> list[int]:
    """``count`` different loopback ports that nothing listens on now."""
    with ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        # Every probe stays bound until all are: the kernel cannot hand out one port twice.
        for probe in probes:
            probe.bind((LOOPBACK, 0))
        return [int(probe.getsockname()[1]) for probe in probes]


def free_port() -> int:
    return free_ports(1)[0]


@contextmanager
def unused_port() -> Iterator[int]:
    """A loopback port that refuses connections for as long as the context lasts.

    The port is bound but not listening: a connection is refused, and no server can bind it meanwhile,
    as it could a port merely found free.
    """
    with socket.socket() as holder:
        holder.bind((LOOPBACK, 0))
        yield int(holder.getsockname()[1])


@contextmanager
def on_free_ports(start: Callable[[], AbstractContextManager[T]]) -> Iterator[T]:
    """Enter ``start()``, a server that picks its own free ports; once more on new ports while it raises
    `PortTaken`, up to ATTEMPTS times."""
    for attempt in range(1, ATTEMPTS + 1):
        with ExitStack() as stack:
            try:
                started = stack.enter_context(start())
            except PortTaken:
                if attempt == ATTEMPTS:
                    raise
                continue
            yield started
            return
