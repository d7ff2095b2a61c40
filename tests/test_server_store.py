"""The on-disk store and the dataset version it is served under."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest

from synthetic import dump, served_dist, trig
from wilcokg.server.engine.embedded_store import named_graphs, open_store
from wilcokg.server.middleware.validators import http_validators

TRIG = """
<http://example.org/g1> { <http://example.org/s> <http://example.org/p> "one" . }
<http://example.org/g2> { <http://example.org/s> <http://example.org/p> "two" . }
"""


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    return served_dist(tmp_path / "dist", trig(TRIG))


def _count(store_path: Path) -> int:
    return len(pyoxigraph.Store.read_only(str(store_path)))


def test_store_is_built_then_reused_while_the_trig_is_unchanged(dist: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    first = open_store(dist, store_dir)
    assert _count(first) == 2
    assert named_graphs(first) == ("http://example.org/g1", "http://example.org/g2")
    marker = first / "reuse-marker"
    marker.touch()
    assert open_store(dist, store_dir) == first
    assert marker.exists()
    assert (store_dir / "current").resolve() == first


def test_store_is_rebuilt_and_swapped_when_the_trig_changes(dist: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    first = open_store(dist, store_dir)
    served_dist(dist, trig(TRIG + '<http://example.org/g3> { <http://a> <http://b> "c" . }'))
    second = open_store(dist, store_dir)
    assert second != first
    assert not first.exists()
    assert (store_dir / "current").resolve() == second
    assert _count(second) == 3


def test_store_is_rebuilt_when_the_digest_record_is_missing(dist: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    first = open_store(dist, store_dir)
    (store_dir / "SOURCE_SHA256").unlink()
    assert open_store(dist, store_dir) != first


def test_version_is_the_same_for_copies_of_a_dist(tmp_path: Path) -> None:
    dist = served_dist(tmp_path / "dist", trig(TRIG), modified=date(2025, 3, 4))
    copy = tmp_path / "replica"
    shutil.copytree(dist, copy)
    os.utime(dump(copy), (0, 0))
    original, replica = http_validators(dist), http_validators(copy)
    assert original == replica
    assert original.last_modified_header == "Tue, 04 Mar 2025 00:00:00 GMT"


def test_version_falls_back_to_the_trig_mtime(dist: Path) -> None:
    os.utime(dump(dist), (1_700_000_000, 1_700_000_000))
    assert http_validators(dist).last_modified_header == "Tue, 14 Nov 2023 22:13:20 GMT"
