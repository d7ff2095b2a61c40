"""What every request handler reads: set once when the server starts, never changed while it runs."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from wilcokg.server.config import ServeConfig
from wilcokg.server.engine.graph_reader import Executes, GraphReader
from wilcokg.server.engine.result_cache import ResultCache
from wilcokg.server.reconciliation.catalogue import CatalogueOnDemand
from wilcokg.server.templates import Site


@dataclass(frozen=True, slots=True)
class ServerState:
    config: ServeConfig
    # What answers queries: the pool of worker processes, or a remote backend.
    executor: Executes
    # The dataset's named graphs, for the service description.
    named_graphs: tuple[str, ...]
    cache: ResultCache
    graph: GraphReader
    site: Site
    catalogue: CatalogueOnDemand


def server_state(request: Request) -> ServerState:
    state = request.app.state.server
    if not isinstance(state, ServerState):
        raise TypeError(f"the app's state is {type(state).__name__}, not ServerState: was it started?")
    return state
