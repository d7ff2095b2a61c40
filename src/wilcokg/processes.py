"""Worker processes for the build's parallel stages, reading and validation: how many, and how they start."""

from __future__ import annotations

import multiprocessing
import os


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def pool_context() -> multiprocessing.context.BaseContext:
    # forkserver: workers fork from a clean process, never from one running threads (pyoxigraph's).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
