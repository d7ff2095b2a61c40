"""Work the build hands to worker processes while its main thread goes on: the reasoner and the
search index's SQLite file.

On two cores the main thread and the threads that write the dumps already share one GIL; work that
holds it for seconds (the reasoner's closure, ordering 150 k search rows at 1,000 chapters) is
faster in a process of its own. Each goes there only when it is large: below its threshold a
process's start costs more than it saves, and the work is done in place, as it is without an
`Offload` (`IN_PLACE`). Work whose inputs are most of the dataset stays in place: sending them
costs more than the work (the unreviewed triples, measured: a rebuild half a second slower).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager

from wilcokg.infer import Entailed, Question, entailed_of, reason_here
from wilcokg.processes import pool_context
from wilcokg.search_index import ChapterSource, GraphRows, index_database

REASONER_APART = 20_000
"""Rule inputs from which the reasoner runs apart (135 k at 1,000 chapters: two seconds)."""
INDEX_APART = 20_000
"""Search rows from which the index is built apart."""


class Offload:
    """Starts work in `pool` when it is large; without a pool, does it in place."""

    def __init__(self, pool: Executor | None) -> None:
        self._pool = pool

    def reasoning(self, question: Question) -> Callable[[], Entailed]:
        """A `Reasoning` (see `inference_started`)."""
        if self._pool is None or len(question.inputs) < REASONER_APART:
            return reason_here(question)
        return self._pool.submit(entailed_of, question).result

    def search_index(self, rows: Sequence[GraphRows], sources: Sequence[ChapterSource]) -> bytes:
        """`index_database` of the rows and sources (waits for it: call it from a thread)."""
        if self._pool is None or sum(len(part.rows) for part in rows) < INDEX_APART:
            return index_database(rows, sources)
        return self._pool.submit(index_database, rows, sources).result()


IN_PLACE = Offload(None)


@contextmanager
def offloading() -> Iterator[Offload]:
    """An `Offload` with a worker process for each of its two kinds of work, which the block's end waits for."""
    with ProcessPoolExecutor(max_workers=2, mp_context=pool_context()) as pool:
        yield Offload(pool)
