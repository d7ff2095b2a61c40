"""Work the build hands to worker processes gives what the same work gives in place."""

from __future__ import annotations

import pytest

from conftest import repository_inputs
from wilcokg import offload
from wilcokg.build import BuildReport, assemble
from wilcokg.infer import infer, inference_started
from wilcokg.offload import offloading
from wilcokg.search_index import index_database, search_rows

# The repository's data is small: each test makes its work large by decree, so that it goes to a worker.


def test_a_reasoner_in_a_worker_process_entails_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = assemble(repository_inputs(), BuildReport())
    monkeypatch.setattr(offload, "REASONER_APART", 0)
    with offloading() as work:
        finish = inference_started(dataset.graphs, reasoning=work.reasoning)
        assert list(finish()) == infer(dataset.quads)


def test_a_search_index_built_in_a_worker_process_is_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = assemble(repository_inputs(), BuildReport())
    rows = search_rows(dataset.graphs, dataset.sources)
    here = index_database(rows, dataset.sources)
    monkeypatch.setattr(offload, "INDEX_APART", 1)
    with offloading() as work:
        assert work.search_index(rows, dataset.sources) == here
