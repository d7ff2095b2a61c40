"""The published files: those `SHA256SUMS` vouches for, with their sizes and checksums."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Download:
    name: str
    size: int
    sha256: str


def downloads(dist: Path) -> list[Download]:
    """The files `SHA256SUMS` vouches for, with their sizes."""
    listing = dist / "SHA256SUMS"
    if not listing.exists():
        return []
    files = []
    for line in listing.read_text(encoding="ascii").splitlines():
        digest, _, name = line.partition("  ")
        path = dist / name
        if path.is_file():
            files.append(Download(name, path.stat().st_size, digest))
    checksums = dist / "SHA256SUMS"
    files.append(Download("SHA256SUMS", checksums.stat().st_size, ""))
    return files
