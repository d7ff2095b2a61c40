"""The folder a new `dist/` is written into, which replaces the old one in one step.

Each file is written and hashed, and its gzip made, in threads beside the build's next step (file
writes, SHA-256 and zlib let go of the GIL), so that a second core does that work while the build
goes on, and the build never holds every dump at once.

A gzip file is a series of members, each unpacking to the next piece of the data (RFC 1952 §2.2;
gunzip and every gzip library read them all). A dump's gzip is one member per piece of about
`PIECE_BYTES`, cut where the data itself says (`pieces`), so that a rebuild after a small change
finds nearly every piece unchanged and takes its member from the build cache instead of compressing
1.5 GB again (at 1,000 chapters). The cuts depend on the data alone and members carry no name and no time, so the same
data gives the same bytes, from the cache or not.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from wilcokg.build_cache import BuildCache, computed, digest
from wilcokg.dist_layout import Written, gzip_twin

GZIP_LEVEL = 6
"""Level 9 took twice as long for files 2% smaller."""
PIECE_BYTES = 1 << 20
"""About the data of one gzip member: a one-chapter change makes a few pieces of each dump new."""
_CUT_WINDOW = 1 << 18
"""Where the cut of each stretch of `PIECE_BYTES` may fall: among the lines starting in this many bytes."""


def gzip_bytes(data: bytes | memoryview) -> bytes:
    """A gzip member with no name and no time in its header."""
    return zlib.compress(data, level=GZIP_LEVEL, wbits=31)


def pieces(data: bytes) -> Iterator[memoryview]:
    """`data` cut in pieces of about `PIECE_BYTES`, each cut at a line the data chooses (views, not copies).

    Each stretch of `PIECE_BYTES` has one cut: the start of the line, among those that start in the
    stretch's first `_CUT_WINDOW` bytes, whose CRC-32 is the smallest. No cut depends on another, so
    bytes added or taken out move the text after them by as much against the stretches, and a later
    cut moves only if the chosen line left its window or a smaller one came in: for a change of a
    few hundred bytes, one cut in a few hundred. The pieces between unmoved cuts are as they were.
    """
    view = memoryview(data)
    start = 0
    for stretch in range(PIECE_BYTES, len(data), PIECE_BYTES):
        first = data.find(b"\n", stretch - 1) + 1
        if first == 0:
            break
        # Whole lines only: the last one may go on past the window, and is not a candidate.
        lines = data[first : stretch + _CUT_WINDOW].split(b"\n")[:-1]
        if not lines:
            continue
        checksums = list(map(zlib.crc32, lines))
        chosen = checksums.index(min(checksums))
        cut = first + sum(map(len, lines[:chosen])) + chosen
        yield view[start:cut]
        start = cut
    yield view[start:]


def gzip_members(data: bytes, cache: BuildCache | None) -> bytes:
    """The gzip of `data`, a member per piece: each from the cache when an earlier build compressed it."""
    members = []
    for piece in pieces(data):
        key = digest(piece, str(GZIP_LEVEL), zlib.ZLIB_RUNTIME_VERSION) if cache else None
        members.append(computed(cache, "gzip", key, functools.partial(gzip_bytes, piece)))
    return b"".join(members)


class Staging:
    """The folder the new `dist/` is written into: each file written, hashed and gzipped in threads."""

    def __init__(self, folder: Path, pool: ThreadPoolExecutor, cache: BuildCache | None = None) -> None:
        self._folder = folder
        self._pool = pool
        self._cache = cache
        self._pending: list[Future[None]] = []
        self._written: dict[str, Written] = {}

    def add(self, name: str, data: bytes, gzipped: bool = False) -> None:
        """Write `name`, and `name.gz` too if `gzipped`, in threads: `written` waits for them."""
        self._pending.append(self._pool.submit(self._write, name, data))
        if gzipped:
            self._pending.append(self._pool.submit(self._write_gzip, name, data))

    def add_made(self, name: str, make: Callable[[], bytes]) -> None:
        """Write `name` with the bytes `make` returns, made in a thread: `written` waits for it."""
        self._pending.append(self._pool.submit(lambda: self._write(name, make())))

    def _write_gzip(self, name: str, data: bytes) -> None:
        self._write(gzip_twin(name), gzip_members(data, self._cache))

    def _write(self, name: str, data: bytes) -> None:
        path = self._folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self._written[name] = Written(len(data), hashlib.sha256(data).hexdigest())

    def written(self) -> dict[str, Written]:
        """Every file written so far, once the gzips under way are written too."""
        for future in self._pending:
            future.result()
        self._pending.clear()
        return dict(sorted(self._written.items()))


@contextmanager
def write_atomically(out: Path, cache: BuildCache | None = None) -> Iterator[Staging]:
    """Files added to the staging folder replace `out` in one step when the block ends without error.

    `cache`: where the gzip members of earlier builds are found and this build's are kept.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = out.parent / f".{out.name}.new-{os.getpid()}"
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            staging = Staging(folder, pool, cache)
            yield staging
            staging.written()
        if out.exists():
            out.rename(retired)
        folder.rename(out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
