"""`wilcokg publish` against a small in-process store: both protocols, batching, retries, auth, resume."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse

from toy_store import ToyStore, toy_store
from wilcokg.cli.commands import main
from wilcokg.remote.dump import GraphDump, read_graphs
from wilcokg.remote.http import Retries, StoreError, send
from wilcokg.remote.store import staging_graph

PASSWORD_ENV = "WILCOKG_TEST_STORE_PASSWORD"
CREDENTIALS = ["--user", "publisher", "--password-env", PASSWORD_ENV]


@pytest.fixture(scope="module")
def graphs(dist: Path) -> list[GraphDump]:
    return read_graphs(dist / "wilco.trig")


@pytest.fixture
def store() -> Iterator[ToyStore]:
    with toy_store() as running:
        yield running


@pytest.fixture
def state(tmp_path: Path) -> Path:
    # Outside the session's shared dist/, which other tests read.
    return tmp_path / "publish-state.json"


def _publish(dist: Path, store: ToyStore, state: Path, *extra: str) -> int:
    return main(["publish", "--store", store.sparql, "--dist", str(dist), "--state", str(state), "--quiet", *extra])


def _assert_holds(store: ToyStore, graphs: list[GraphDump]) -> None:
    assert store.graphs() == {graph.iri for graph in graphs}
    for graph in graphs:
        stored = {str(quad.triple) for quad in store.store.quads_for_pattern(None, None, None, NamedNode(graph.iri))}
        assert stored == {str(triple) for triple in graph.triples}, graph.iri


def test_graph_store_put_replaces_every_graph(
    dist: Path, store: ToyStore, state: Path, graphs: list[GraphDump]
) -> None:
    stale = graphs[0].iri
    store.store.update(f"INSERT DATA {{ GRAPH <{stale}> {{ <urn:stale> <urn:p> 'gone' }} }}")

    assert _publish(dist, store, state, "--graph-store", store.graph_store) == 0

    _assert_holds(store, graphs)
    assert [(method, graph) for method, path, graph in store.log] == [("PUT", graph.iri) for graph in graphs]
    assert not state.exists()


def test_sparql_update_is_used_without_a_graph_store(
    dist: Path, store: ToyStore, state: Path, graphs: list[GraphDump], capsys: pytest.CaptureFixture[str]
) -> None:
    store.graph_store_enabled = False

    assert _publish(dist, store, state, "--graph-store", store.graph_store) == 0

    _assert_holds(store, graphs)
    assert "answered HTTP 405" in capsys.readouterr().err
    updates = [text for method, path, text in store.log if path == "/sparql"]
    assert len(updates) == len(graphs)
    assert all(text.startswith("DROP SILENT GRAPH") and "INSERT DATA" in text for text in updates)


@pytest.mark.parametrize("protocol", ["graph-store", "update"])
def test_large_graphs_are_staged_then_moved(
    dist: Path, store: ToyStore, state: Path, graphs: list[GraphDump], protocol: str
) -> None:
    flags = ["--graph-store", store.graph_store] if protocol == "graph-store" else []

    assert _publish(dist, store, state, "--batch-triples", "200", *flags) == 0

    _assert_holds(store, graphs)
    largest = max(graphs, key=len)
    moves = [text for method, path, text in store.log if text.startswith("MOVE")]
    assert f"MOVE GRAPH <{staging_graph(largest.iri)}> TO GRAPH <{largest.iri}>" in moves
    assert len(moves) == sum(1 for graph in graphs if len(graph) > 200)
    assert not any(iri.startswith("urn:wilcokg:staging:") for iri in store.graphs())


def test_triples_sharing_blank_nodes_stay_in_one_batch() -> None:
    node, other = BlankNode("n"), BlankNode("m")
    linked = [
        Triple(NamedNode("urn:a"), NamedNode("urn:p"), node),
        Triple(node, NamedNode("urn:q"), other),
        Triple(other, NamedNode("urn:r"), Literal("x")),
    ]
    plain = [Triple(NamedNode(f"urn:s{i}"), NamedNode("urn:p"), Literal(str(i))) for i in range(4)]
    graph = GraphDump("urn:g", (plain[0], linked[0], plain[1], linked[1], plain[2], linked[2], plain[3]))

    batches = [list(parse(batch, format=RdfFormat.N_TRIPLES)) for batch in graph.batches(2)]

    assert sum(len(batch) for batch in batches) == 7
    holding_blank_nodes = [batch for batch in batches if any(isinstance(q.object, BlankNode) for q in batch)]
    assert len(holding_blank_nodes) == 1
    assert len(holding_blank_nodes[0]) >= 3


def test_counts_go_to_the_query_endpoint_when_updates_go_elsewhere(
    dist: Path, store: ToyStore, state: Path, graphs: list[GraphDump]
) -> None:
    command = ["publish", "--store", f"{store.base_url}/update", "--query-endpoint", store.sparql]
    assert main([*command, "--dist", str(dist), "--state", str(state), "--quiet"]) == 0

    _assert_holds(store, graphs)


def test_transient_failures_are_retried(store: ToyStore) -> None:
    store.busy_answers = 2
    slept: list[float] = []
    with httpx.Client() as client:
        response = send(
            client,
            lambda: client.build_request("POST", store.sparql, data={"query": "ASK {}"}),
            Retries(),
            slept.append,
        )
    assert response.status_code == 200
    assert slept == [0.5, 1.0]


def test_a_store_that_stays_busy_fails_after_the_last_attempt(store: ToyStore) -> None:
    store.busy_answers = 10
    with httpx.Client() as client, pytest.raises(StoreError, match=r"HTTP 503.*after 3 attempts"):
        send(client, lambda: client.build_request("POST", store.sparql), Retries(attempts=3), lambda _: None)


def test_basic_auth_with_the_password_from_the_environment(
    dist: Path, store: ToyStore, state: Path, graphs: list[GraphDump], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.credentials = ("publisher", "s3cret")
    monkeypatch.setenv(PASSWORD_ENV, "s3cret")

    assert _publish(dist, store, state, *CREDENTIALS) == 0

    _assert_holds(store, graphs)


@pytest.mark.parametrize(
    ("flags", "refusal"),
    [
        ([], "wants credentials: give --user and --password-env"),
        (CREDENTIALS, "refused the credentials of --user and --password-env"),
    ],
    ids=["without credentials", "with wrong ones"],
)
def test_a_store_answering_401_says_what_to_give_and_where_virtuoso_takes_it(
    dist: Path,
    store: ToyStore,
    state: Path,
    flags: list[str],
    refusal: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # As Virtuoso's public /sparql answers updates: 401, with no message.
    store.credentials = ("publisher", "s3cret")
    monkeypatch.setenv(PASSWORD_ENV, "not the password")

    assert _publish(dist, store, state, *flags) == 1

    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert f"HTTP 401: {store.sparql} {refusal}; if it is Virtuoso, use {store.base_url}/sparql-auth instead" in last
    assert "(no message)" not in last


def test_a_401_elsewhere_says_what_to_give_and_nothing_of_virtuoso(
    dist: Path, store: ToyStore, state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.credentials = ("publisher", "s3cret")
    updates = f"{store.base_url}/update"
    command = ["publish", "--store", updates, "--query-endpoint", store.sparql, "--dist", str(dist)]

    assert main([*command, "--state", str(state), "--quiet"]) == 1

    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert f": HTTP 401: {updates} wants credentials: give --user and --password-env; " in last
    assert "Virtuoso" not in last


def test_failure_midway_is_reported_and_a_rerun_resumes(
    dist: Path, store: ToyStore, state: Path, graphs: list[GraphDump], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = graphs[len(graphs) // 2]
    store.failing_graphs = {broken.iri}
    flags = ["--graph-store", store.graph_store, "--retries", "2"]

    assert _publish(dist, store, state, *flags) == 1

    err = capsys.readouterr().err
    before, after = graphs[: len(graphs) // 2], graphs[len(graphs) // 2 + 1 :]
    assert f"FAILED        {broken.iri}" in err
    assert all(f"replaced      {graph.iri}" in err for graph in before)
    assert all(f"not replaced  {graph.iri}" in err for graph in after)
    assert err.strip().splitlines()[-1].startswith(f"publish failed at <{broken.iri}>: HTTP 500")
    assert "Traceback" not in err
    saved = json.loads(state.read_text())[store.sparql]
    assert saved["replaced"] == sorted(graph.iri for graph in before)

    store.failing_graphs.clear()
    store.log.clear()
    assert _publish(dist, store, state, *flags) == 0

    assert [graph for method, path, graph in store.log] == [graph.iri for graph in [broken, *after]]
    _assert_holds(store, graphs)
    assert f"({len(before)} by an earlier run)" in capsys.readouterr().out
    assert not state.exists()


def test_state_of_another_dataset_version_is_ignored(
    dist: Path, store: ToyStore, state: Path, graphs: list[GraphDump]
) -> None:
    state.write_text(json.dumps({store.sparql: {"version": "older", "replaced": [graph.iri for graph in graphs]}}))

    assert _publish(dist, store, state, "--graph-store", store.graph_store) == 0

    assert len(store.log) == len(graphs)


def test_a_count_that_differs_fails_the_publish(
    dist: Path, store: ToyStore, state: Path, graphs: list[GraphDump], capsys: pytest.CaptureFixture[str]
) -> None:
    # A store that drops one triple of every graph it is sent, as a store with a lossy loader would.
    original_load = store.store.load

    def lossy_load(data: bytes, **options: object) -> None:
        original_load(b"".join(data.splitlines(keepends=True)[1:]), **options)

    store.store = _Lossy(store.store, lossy_load)

    assert _publish(dist, store, state, "--graph-store", store.graph_store) == 1

    err = capsys.readouterr().err
    assert f"count differs {graphs[0].iri}: ours {len(graphs[0])}, the store's {len(graphs[0]) - 1}" in err
    assert (
        err.strip().splitlines()[-1]
        == f"publish: the number of triples differs in {len(graphs)} graphs of {store.sparql}"
    )


class _Lossy:
    def __init__(self, store: object, load: object) -> None:
        self._store, self.load = store, load

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--dist", "nowhere"], "nowhere/wilco.trig does not exist; run 'wilcokg build' first"),
        (
            ["--user", "u", "--password-env", "WILCOKG_UNSET_VARIABLE"],
            "WILCOKG_UNSET_VARIABLE (--password-env) is not set",
        ),
        (["--user", "u"], "--user and --password-env go together"),
        (["--batch-triples", "0"], "--batch-triples must be at least 1"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    dist: Path, store: ToyStore, flags: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["publish", "--store", store.sparql, "--dist", str(dist), *flags]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("publish: ") and message in err and len(err.splitlines()) == 1


def test_an_unreachable_store_exits_1(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with toy_store() as gone:
        url = gone.sparql
    code = main(["publish", "--store", url, "--dist", str(dist), "--quiet", "--retries", "1"])
    assert code == 1
    assert "ConnectError" in capsys.readouterr().err.strip().splitlines()[-1]
