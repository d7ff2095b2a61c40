"""The on-disk Oxigraph store loaded from ``dist/wilco.trig``, rebuilt only when the TriG changes.

Layout of the store directory::

    current -> build-xxxx   symlink to the live store, swapped atomically after a rebuild
    build-xxxx/             an Oxigraph store
    SOURCE_SHA256           SHA-256 of the TriG that ``current`` was loaded from
    .lock                   serialises concurrent builds
"""

from __future__ import annotations

import fcntl
import gc
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

from wilcokg.dist_layout import TRIG, dump_digest

_CURRENT = "current"
_DIGEST_FILE = "SOURCE_SHA256"
_LOCK_FILE = ".lock"
_BUILD_PREFIX = "build-"

_log = logging.getLogger(__name__)


def open_store(dist: Path, store_dir: Path) -> Path:
    """The directory of a store holding ``dist/wilco.trig``, reused when its SHA-256 is unchanged."""
    trig = dist / TRIG
    digest = dump_digest(dist)
    store_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(store_dir / _LOCK_FILE):
        current = store_dir / _CURRENT
        if _stored_digest(store_dir) == digest and current.is_dir():
            return current.resolve()
        _log.info("loading %s into %s", trig, store_dir)
        build = _build(trig, store_dir)
        # Forget the old digest first, so a crash mid-swap can only cause another rebuild.
        (store_dir / _DIGEST_FILE).unlink(missing_ok=True)
        _point(current, build)
        _write_atomically(store_dir / _DIGEST_FILE, digest + "\n")
        _remove_other_builds(store_dir, keep=build)
        return build


def named_graphs(store_path: Path) -> tuple[str, ...]:
    store = Store.read_only(str(store_path))
    return tuple(sorted(graph.value for graph in store.named_graphs() if isinstance(graph, NamedNode)))


def _stored_digest(store_dir: Path) -> str | None:
    try:
        return (store_dir / _DIGEST_FILE).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build(trig: Path, store_dir: Path) -> Path:
    build = Path(tempfile.mkdtemp(prefix=_BUILD_PREFIX, dir=store_dir))
    try:
        store = Store(str(build))
        store.bulk_load(path=trig, format=RdfFormat.TRIG)
        # Oxigraph releases its database lock only when the Store is dropped; workers open it read-only.
        del store
        gc.collect()
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return build


def _point(link: Path, target: Path) -> None:
    staging = link.with_name(f".{link.name}-{os.getpid()}")
    staging.unlink(missing_ok=True)
    staging.symlink_to(target.name)
    os.replace(staging, link)


def _write_atomically(path: Path, text: str) -> None:
    staging = path.with_name(f".{path.name}-{os.getpid()}")
    staging.write_text(text, encoding="ascii")
    os.replace(staging, path)


def _remove_other_builds(store_dir: Path, keep: Path) -> None:
    for build in store_dir.glob(_BUILD_PREFIX + "*"):
        if build != keep and build.is_dir():
            shutil.rmtree(build, ignore_errors=True)
