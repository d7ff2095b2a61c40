"""The published files: those `SHA256SUMS` vouches for, with their sizes and checksums."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wilcokg.dist_layout import CHECKSUMS, WHOLE_GRAPH_DUMPS, listed_checksums, unpacked
from wilcokg.server.site.download_notes import human_size, note


@dataclass(frozen=True, slots=True)
class Download:
    name: str
    size: int
    sha256: str

    @property
    def whole_graph(self) -> bool:
        """A dump of every asserted triple, or its gzip twin."""
        return unpacked(self.name) in WHOLE_GRAPH_DUMPS

    @property
    def gzip_twin(self) -> bool:
        return unpacked(self.name) != self.name

    @property
    def note(self) -> str:
        return note(self.name)

    @property
    def size_in_words(self) -> str:
        return human_size(self.size)


def downloads(dist: Path) -> list[Download]:
    """The files `SHA256SUMS` vouches for, with their sizes."""
    checksums = dist / CHECKSUMS
    if not checksums.exists():
        return []
    listed = listed_checksums(dist)
    files = [Download(name, (dist / name).stat().st_size, digest) for name, digest in listed if (dist / name).is_file()]
    files.append(Download(CHECKSUMS, checksums.stat().st_size, ""))
    return files
