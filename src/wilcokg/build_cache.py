"""What earlier builds computed, kept by the hash of everything it was computed from.

A rebuild after one chapter changed finds every other chapter's mapping and every other owner's
SHACL results here, so it redoes only what the change can reach. Keys are SHA-256 digests of the
inputs together with `code_fingerprint()`, so a new version of wilcokg never reads an entry an old
one wrote. After each build `prune` keeps only what that build used: the cache holds one build.

An entry that cannot be read (truncated by a crash, written by another Python) counts as missing;
entries are written to a temporary name and renamed, so a reader never sees half of one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import wilcokg

_PICKLE_PROTOCOL = 5
_Value = TypeVar("_Value")


BUILD_CODE = (
    "__init__.py",
    "build.py",
    "build_cache.py",
    "collector.py",
    "curation",
    "describe",
    "dist_layout.py",
    "errors.py",
    "file_types.py",
    "infer.py",
    "labels.py",
    "mapping.py",
    "offload.py",
    "processes.py",
    "publish",
    "quad_order.py",
    "reading",
    "reference.py",
    "search_index.py",
    "source",
    "terms.py",
    "validate",
    "vocab.py",
    "wording.py",
)
"""The modules and packages of wilcokg that the build runs, by path in the package: what the code
fingerprint covers. Named, not found by walking the package, so that a module moved out of the
build's reach is seen to move (tests/test_build_cache.py checks the list against what the build
imports)."""


def build_sources() -> list[Path]:
    """Every source file of BUILD_CODE; a listed path that does not exist is an error, not a gap."""
    package = Path(wilcokg.__file__).parent
    files: list[Path] = []
    for name in BUILD_CODE:
        path = package / name
        if path.is_dir():
            files += path.rglob("*.py")
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path} is in BUILD_CODE but does not exist")
    return sorted(files)


@functools.cache
def code_fingerprint() -> str:
    """A digest of the build's source (BUILD_CODE): any change to it makes every older entry a miss."""
    package = Path(wilcokg.__file__).parent
    digest = hashlib.sha256()
    for path in build_sources():
        name = path.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def digest(*parts: str | bytes | memoryview) -> str:
    """The key of an entry computed from `parts` (and this version of the code)."""
    hashed = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


class BuildCache:
    """Entries of a few kinds (`chapter`, `shacl`, …) under `folder/kind/`, one file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: dict[str, set[str]] = {}
        self.hits = 0
        self.misses = 0
        # Publishing reads and writes gzip members from threads: the counts must not lose an update.
        self._counting = threading.Lock()

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key

    def get(self, kind: str, key: str) -> Any | None:
        self._used.setdefault(kind, set()).add(key)
        try:
            value = pickle.loads(self._path(kind, key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            with self._counting:
                self.misses += 1
            return None
        with self._counting:
            self.hits += 1
        return value

    def put(self, kind: str, key: str, value: object) -> None:
        self._used.setdefault(kind, set()).add(key)
        path = self._path(kind, key)
        temporary = path.with_name(f".{key}.{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pickle.dumps(value, protocol=_PICKLE_PROTOCOL))
            temporary.replace(path)
        except OSError:
            # A cache that cannot be written (read-only, full disk) only makes the next build slower.
            with contextlib.suppress(OSError):
                temporary.unlink()

    def prune(self) -> None:
        """Delete the entries of every kind this build used that it did not ask for."""
        for kind, used in self._used.items():
            for path in (self.folder / kind).glob("*"):
                if path.name not in used:
                    with contextlib.suppress(OSError):
                        path.unlink(missing_ok=True)


def computed(cache: BuildCache | None, kind: str, key: str | None, make: Callable[[], _Value]) -> _Value:
    """The entry of `kind` under `key` when the cache holds it; else what `make` returns, kept there.

    Without a cache or a key (what it is computed from has no key that names it), `make` runs.
    """
    if cache is None or not key:
        return make()
    found: _Value | None = cache.get(kind, key)
    if found is None:
        found = make()
        cache.put(kind, key, found)
    return found
