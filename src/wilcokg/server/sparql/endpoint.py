"""The SPARQL 1.1 Protocol endpoint: read-only query operation and service description."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from operator import attrgetter
from urllib.parse import parse_qsl, urlsplit

from pyoxigraph import NamedNode
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from wilcokg.server.engine.executor import QueryTimeout
from wilcokg.server.engine.jobs import FailureKind, QueryDataset, QueryFailure, QueryJob
from wilcokg.server.engine.query_text import QueryForm, QueryShape, inspect_query
from wilcokg.server.engine.writers import write_graph
from wilcokg.server.media_types import HTML
from wilcokg.server.negotiation import negotiate
from wilcokg.server.sparql.formats import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    ResultFormat,
    formats_for,
    formats_named,
)
from wilcokg.server.sparql.service_description import PREFIXES, service_description
from wilcokg.server.state import ServerState, server_state
from wilcokg.wording import with_article

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
QUERY_MEDIA_TYPE = "application/sparql-query"
UPDATE_MEDIA_TYPE = "application/sparql-update"
ALLOWED_METHODS = "GET, POST, OPTIONS"
TRUNCATION_HEADER = "X-Wilcokg-Truncated"
CACHE_HEADER = "X-Wilcokg-Cache"
READ_ONLY = "This SPARQL endpoint is read-only: SPARQL Update (including LOAD) is not accepted."

_FAILURE_STATUS = {FailureKind.SYNTAX: 400, FailureKind.UNACCEPTABLE: 406, FailureKind.EVALUATION: 500}

Parameters = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class QueryPage:
    """The human-facing query page that browsers visiting the endpoint are sent to."""

    path: str
    media_types: tuple[str, ...] = HTML


QUERY_PAGE = QueryPage("/query")


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def sparql_endpoint(request: Request) -> Response:
    if request.method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": ALLOWED_METHODS})
    try:
        return await _answer(request, server_state(request))
    except ProtocolError as error:
        return PlainTextResponse(error.message, status_code=error.status)


async def _answer(request: Request, state: ServerState) -> Response:
    config = state.config
    parameters = await request_parameters(request, body_limit=_body_limit(config.max_query_bytes))
    query = single_query(parameters)
    if query is None:
        if request.method in ("GET", "HEAD"):
            return _describe_service(request, state)
        raise ProtocolError(400, "Missing the 'query' parameter.")
    if (size := len(query.encode())) > config.max_query_bytes:
        raise ProtocolError(413, f"The query is {size} bytes; this endpoint accepts at most {config.max_query_bytes}.")
    shape = inspect_query(query)
    vet(shape, config.allow_service)
    result_format = choose_format(shape.form, values(parameters, "format"), request.headers.get("accept"))
    job = QueryJob(query, query_dataset(parameters, shape), result_format.name, config.max_rows)
    headers = {"Vary": "Accept"}
    outcome = state.cache.get(job)
    if state.cache.enabled:
        headers[CACHE_HEADER] = "miss" if outcome is None else "hit"
    if outcome is None:
        try:
            reply = await state.executor.execute(job)
        except QueryTimeout as timeout:
            return PlainTextResponse(str(timeout), status_code=503)
        if isinstance(reply, QueryFailure):
            return PlainTextResponse(reply.message, status_code=_FAILURE_STATUS[reply.kind])
        state.cache.put(job, reply)
        outcome = reply
    if outcome.truncated:
        headers[TRUNCATION_HEADER] = f"max_rows={config.max_rows}"
    return Response(outcome.body, media_type=result_format.media_type, headers=headers)


def _body_limit(max_query_bytes: int) -> int:
    # Form encoding may spell each byte of the query as three characters, and other parameters ride along.
    return 3 * max_query_bytes + 8192


async def request_parameters(request: Request, *, body_limit: int) -> Parameters:
    """The protocol parameters of a request: its URL's, plus for POST those its body carries."""
    parameters = list(request.query_params.multi_items())
    if request.method != "POST":
        return parameters
    media_type, charset = content_type(request.headers.get("content-type", ""))
    if media_type == UPDATE_MEDIA_TYPE:
        raise ProtocolError(403, READ_ONLY)
    if media_type not in (FORM_MEDIA_TYPE, QUERY_MEDIA_TYPE):
        raise ProtocolError(415, f"POST needs Content-Type {FORM_MEDIA_TYPE} or {QUERY_MEDIA_TYPE}.")
    if charset not in (None, "utf-8", "utf8"):
        raise ProtocolError(415, f"The request body must be UTF-8, not {charset}.")
    body = await _read_body(request, body_limit)
    try:
        text = body.decode("utf-8")
        if media_type == QUERY_MEDIA_TYPE:
            return [*parameters, ("query", text)]
        return [*parameters, *parse_qsl(text, keep_blank_values=True, errors="strict")]
    except UnicodeDecodeError as error:
        raise ProtocolError(415, f"The request body is not valid UTF-8: {error}") from error


def content_type(header: str) -> tuple[str, str | None]:
    """Media type and charset (both lower-cased) of a Content-Type header."""
    media_type, *parameters = (part.strip() for part in header.split(";"))
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, f"The request body is {declared} bytes; at most {limit} are accepted.")
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProtocolError(413, f"The request body exceeds {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def values(parameters: Parameters, name: str) -> list[str]:
    return [value for key, value in parameters if key == name]


def single(parameters: Parameters, name: str) -> str | None:
    found = values(parameters, name)
    if len(found) > 1:
        raise ProtocolError(400, f"The '{name}' parameter may be given once, not {len(found)} times.")
    return found[0] if found else None


def single_query(parameters: Parameters) -> str | None:
    has_update = bool(values(parameters, "update"))
    if has_update and values(parameters, "query"):
        raise ProtocolError(400, "A request carries a query or an update, not both.")
    if has_update:
        raise ProtocolError(403, READ_ONLY)
    return single(parameters, "query")


def vet(shape: QueryShape, allowed_hosts: Collection[str]) -> None:
    """Refuse what a read-only, self-contained endpoint must not run."""
    if shape.is_update:
        raise ProtocolError(403, READ_ONLY)
    for endpoint in shape.service_endpoints:
        if not service_allowed(endpoint, allowed_hosts):
            target = "a variable endpoint" if endpoint is None else f"<{endpoint}>"
            raise ProtocolError(403, f"SERVICE {target} is not allowed by this endpoint.")


def service_allowed(endpoint: str | None, allowed_hosts: Collection[str]) -> bool:
    if endpoint is None:
        return False
    host = urlsplit(endpoint).hostname
    return host is not None and host in {allowed.lower() for allowed in allowed_hosts}


def choose_format(form: QueryForm | None, format_values: Sequence[str], accept: str | None) -> ResultFormat:
    """The result format: named by ``format`` parameters if any, else negotiated from Accept."""
    if form is None:
        # Not a query by its first keyword: the worker's parser will explain what is wrong.
        return RESULT_FORMATS[0]
    candidates = formats_for(form)
    offered = ", ".join(candidate.media_type for candidate in candidates)
    if format_values:
        return _named_format(form, format_values, candidates, offered)
    chosen = negotiate(accept, candidates, attrgetter("media_types"))
    if chosen is None:
        raise ProtocolError(
            406, f"No acceptable media type fits {with_article(form.value)} query; available: {offered}."
        )
    return chosen


def _named_format(
    form: QueryForm, format_values: Sequence[str], candidates: Sequence[ResultFormat], offered: str
) -> ResultFormat:
    # Some clients repeat the parameter with synonyms (format=tsv&format=text/tab-separated-values).
    chosen = set()
    for value in format_values:
        named = formats_named(value)
        if not named:
            known = ", ".join(result_format.name for result_format in RESULT_FORMATS)
            raise ProtocolError(400, f"Unknown format {value!r}; known formats: {known}.")
        fitting = [result_format for result_format in named if result_format in candidates]
        if not fitting:
            raise ProtocolError(
                406, f"The format {value!r} does not fit {with_article(form.value)} query; try {offered}."
            )
        chosen.add(fitting[0])
    if len(chosen) > 1:
        raise ProtocolError(400, f"The format parameters {list(format_values)} disagree.")
    return chosen.pop()


def query_dataset(parameters: Parameters, shape: QueryShape) -> QueryDataset:
    default_graphs = values(parameters, "default-graph-uri")
    named_graphs = values(parameters, "named-graph-uri")
    for iri in (*default_graphs, *named_graphs):
        try:
            NamedNode(iri)
        except ValueError as error:
            raise ProtocolError(400, f"Graph name {iri!r} is not an IRI: {error}") from error
    if default_graphs or named_graphs:
        return QueryDataset(tuple(default_graphs), tuple(named_graphs), union_default_graph=False)
    return QueryDataset(union_default_graph=not shape.has_dataset_clause)


def _describe_service(request: Request, state: ServerState) -> Response:
    offers: tuple[ResultFormat | QueryPage, ...] = (*GRAPH_FORMATS, QUERY_PAGE)
    chosen = negotiate(request.headers.get("accept"), offers, attrgetter("media_types"))
    if chosen is None:
        available = ", ".join(offer.media_types[0] for offer in offers)
        raise ProtocolError(406, f"No acceptable media type for the service description; available: {available}.")
    if isinstance(chosen, QueryPage):
        return RedirectResponse(request.scope.get("root_path", "") + chosen.path, status_code=303)
    endpoint = str(request.url.replace(query=""))
    description = service_description(endpoint, state.named_graphs, federated=bool(state.config.allow_service))
    body = write_graph(description, chosen.name, prefixes=PREFIXES)
    return Response(body, media_type=chosen.media_type, headers={"Vary": "Accept"})
