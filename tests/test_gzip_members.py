"""A dump's gzip as a series of members, one per piece of the data cut where the data chooses."""

from __future__ import annotations

import gzip
from pathlib import Path

from wilcokg.build_cache import BuildCache
from wilcokg.publish.staging import PIECE_BYTES, gzip_members, pieces


def lines(start: int, stop: int) -> bytes:
    return b"".join(
        f'<https://example.org/s/{n}> <https://example.org/p> "{n * 7919}" .\n'.encode() for n in range(start, stop)
    )


DATA = lines(0, 60_000)
"""About five pieces of N-Triples-like lines."""
ADDED = b'<https://example.org/added> <https://example.org/p> "one more line" .\n'


def test_the_members_unpack_to_the_data() -> None:
    assert len(list(pieces(DATA))) >= 4
    assert b"".join(pieces(DATA)) == DATA
    assert gzip.decompress(gzip_members(DATA, None)) == DATA
    assert gzip.decompress(gzip_members(b"", None)) == b""


def test_a_change_leaves_the_other_pieces_as_they_were() -> None:
    middle = DATA.index(b"\n", len(DATA) // 2) + 1
    changed = DATA[:middle] + ADDED + DATA[middle:]
    before, after = list(pieces(DATA)), list(pieces(changed))
    assert len(set(before) - set(after)) == 1
    assert len(set(after) - set(before)) == 1
    assert all(PIECE_BYTES // 2 < len(piece) < 2 * PIECE_BYTES for piece in before[:-1])


def test_the_gzip_is_the_same_from_the_cache_or_not(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    first = gzip_members(DATA, cache)
    assert first == gzip_members(DATA, None)
    assert (cache.hits, cache.misses) == (0, len(list(pieces(DATA))))
    changed = DATA[:100] + ADDED + DATA[100:]
    again = BuildCache(tmp_path / "cache")
    assert gzip_members(changed, again) == gzip_members(changed, None)
    assert again.misses == 1
    assert gzip.decompress(gzip_members(changed, again)) == changed
