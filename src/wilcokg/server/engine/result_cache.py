"""Answers to query jobs kept for reuse, least recently used out first, within a byte budget.

The served dataset does not change while the server runs (a new build means a restart, as for the
ETags), so the same job always gets the same answer. Only answers are kept: a failure or a timeout
may depend on the moment, and is cheap to repeat anyway.
"""

from __future__ import annotations

from collections import OrderedDict

from wilcokg.server.engine.jobs import QueryJob, QueryOutcome


class ResultCache:
    """Outcomes by job (query text, dataset, result format and row cap), at most ``max_bytes`` of them.

    What is counted is the bytes of the bodies and of the query texts; ``max_bytes`` 0 keeps nothing.
    """

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._entries: OrderedDict[QueryJob, tuple[QueryOutcome, int]] = OrderedDict()
        self._bytes = 0

    @property
    def enabled(self) -> bool:
        return self._max_bytes > 0

    def get(self, job: QueryJob) -> QueryOutcome | None:
        entry = self._entries.get(job)
        if entry is None:
            return None
        self._entries.move_to_end(job)
        return entry[0]

    def put(self, job: QueryJob, outcome: QueryOutcome) -> None:
        size = len(outcome.body) + len(job.query.encode())
        if size > self._max_bytes:
            return
        self._drop(job)
        self._entries[job] = (outcome, size)
        self._bytes += size
        while self._bytes > self._max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, job: QueryJob) -> None:
        entry = self._entries.pop(job, None)
        if entry is not None:
            self._bytes -= entry[1]
