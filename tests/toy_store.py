"""A small SPARQL 1.1 store over HTTP for the publish tests and as a server's backend: an in-memory
Oxigraph store behind ``http.server`` on a loopback port, speaking the Graph Store Protocol on
/graph-store and SPARQL Query and Update on /sparql (and Update alone on /update, as GraphDB splits
them), that can be told to fail."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pyoxigraph import NamedNode, QueryResultsFormat, QueryTriples, RdfFormat, Store


@dataclass
class ToyStore:
    base_url: str = ""
    store: Store = field(default_factory=Store)
    # Every request touching one of these graphs is answered 500, as a store with a broken graph would.
    failing_graphs: set[str] = field(default_factory=set)
    # The next this many requests are answered 503, as a busy store would.
    busy_answers: int = 0
    # Basic auth credentials the store insists on, if any.
    credentials: tuple[str, str] | None = None
    graph_store_enabled: bool = True
    # (method, path, graph or update text) of every request answered 2xx.
    log: list[tuple[str, str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def sparql(self) -> str:
        return f"{self.base_url}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.base_url}/graph-store"

    def count(self, iri: str) -> int:
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, NamedNode(iri)))

    def graphs(self) -> set[str]:
        return {graph.value for graph in self.store.named_graphs() if isinstance(graph, NamedNode)}


@contextmanager
def toy_store() -> Iterator[ToyStore]:
    state = ToyStore()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    # shutdown() waits for the serving loop to look up: at the default half-second poll, every test
    # with a store would wait that long at its end.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def toy_backend(trig: Path) -> Iterator[ToyStore]:
    """A toy store holding the dataset ``trig``, to answer a server's queries as its backend."""
    with toy_store() as state:
        state.store.load(path=trig, format=RdfFormat.TRIG)
        yield state


def _handler(state: ToyStore) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_PUT(self) -> None:
            self._graph_store(replace=True)

        def do_POST(self) -> None:
            if urlsplit(self.path).path == "/graph-store":
                self._graph_store(replace=False)
            else:
                self._sparql()

        def _graph_store(self, *, replace: bool) -> None:
            body = self._body()
            if not self._admitted():
                return
            if not state.graph_store_enabled:
                self._answer(405, b"no graph store here")
                return
            graph = parse_qs(urlsplit(self.path).query)["graph"][0]
            if self._failed(graph):
                return
            with state.lock:
                if replace:
                    state.store.clear_graph(NamedNode(graph))
                state.store.load(body, format=RdfFormat.N_TRIPLES, to_graph=NamedNode(graph))
                state.log.append((self.command, "/graph-store", graph))
            self._answer(201 if replace else 204, b"")

        def _sparql(self) -> None:
            form = parse_qs(self._body().decode(), keep_blank_values=True)
            if not self._admitted():
                return
            if "update" in form:
                update = form["update"][0]
                if self._failed(update):
                    return
                with state.lock:
                    state.store.update(update)
                    state.log.append(("POST", "/sparql", update))
                self._answer(204, b"")
                return
            if urlsplit(self.path).path == "/update":
                self._answer(400, b"queries go to /sparql")
                return
            with state.lock:
                results = state.store.query(form["query"][0], use_default_graph_as_union=True)
                if isinstance(results, QueryTriples):
                    body, media_type = results.serialize(format=RdfFormat.N_TRIPLES) or b"", "application/n-triples"
                else:
                    body = results.serialize(format=QueryResultsFormat.JSON) or b""
                    media_type = "application/sparql-results+json"
            self._answer(200, body, media_type)

        def _admitted(self) -> bool:
            with state.lock:
                busy = state.busy_answers > 0
                state.busy_answers -= busy
            if busy:
                self._answer(503, b"busy")
                return False
            if state.credentials is None:
                return True
            expected = "Basic " + base64.b64encode(":".join(state.credentials).encode()).decode()
            if self.headers.get("Authorization") == expected:
                return True
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="toy"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False

        def _failed(self, text: str) -> bool:
            """Answer 500 if ``text`` (a graph IRI or an update) touches a failing graph."""
            broken = [iri for iri in state.failing_graphs if f"{iri}>" in text or iri == text]
            if broken:
                self._answer(500, f"cannot write {broken[0]}".encode())
            return bool(broken)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length", "0")))

        def _answer(self, status: int, body: bytes, media_type: str = "text/plain") -> None:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler
