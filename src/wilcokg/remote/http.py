"""HTTP to a store: authentication chosen from the store's challenge, and retries of transient failures."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

# Busy or restarting stores answer these; a later attempt may well succeed.
_TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})
# Virtuoso refuses writes at its public endpoints with a bare 401; its authenticated twins take them.
_AUTHENTICATED_TWINS = {"/sparql": "/sparql-auth", "/sparql-graph-crud": "/sparql-graph-crud-auth"}


class StoreError(Exception):
    """The store refused a request or could not be reached, after any retries."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Retries:
    attempts: int = 5
    first_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, attempt: int, response: httpx.Response | None) -> float:
        retry_after = response.headers.get("retry-after", "") if response is not None else ""
        if retry_after.isdigit():
            return min(float(retry_after), self.max_delay)
        return min(self.first_delay * 2.0**attempt, self.max_delay)


def send(
    client: httpx.Client,
    build: Callable[[], httpx.Request],
    retries: Retries,
    sleep: Callable[[float], None] = time.sleep,
) -> httpx.Response:
    """Send the request ``build`` makes, again after a backoff while it fails transiently.

    Any answer outside 2xx that is not transient, or the last transient one, raises StoreError.
    """
    for attempt in range(retries.attempts):
        response: httpx.Response | None = None
        try:
            response = client.send(build())
            response.read()
        except httpx.TransportError as error:
            problem = f"{type(error).__name__}: {error}"
        else:
            if response.is_success:
                return response
            problem = (
                _unauthorised(client, response)
                if response.status_code == 401
                else f"HTTP {response.status_code}: {_first_line(response.text)}"
            )
            if response.status_code not in _TRANSIENT_STATUS:
                raise StoreError(problem, response.status_code)
        if attempt + 1 < retries.attempts:
            sleep(retries.delay(attempt, response))
    status = response.status_code if response is not None else None
    raise StoreError(f"{problem} (after {retries.attempts} attempts)", status)


def choose_auth(client: httpx.Client, url: str, user: str, password: str) -> httpx.Auth:
    """Digest auth if the store challenges for it (Virtuoso does), basic auth otherwise (Fuseki, GraphDB)."""
    try:
        challenge = client.post(url, data={"query": "ASK {}"}).headers.get("www-authenticate", "")
    except httpx.TransportError as error:
        raise StoreError(f"{url}: {type(error).__name__}: {error}") from error
    if challenge.lower().startswith("digest"):
        return httpx.DigestAuth(user, password)
    return httpx.BasicAuth(user, password)


def _unauthorised(client: httpx.Client, response: httpx.Response) -> str:
    """A 401 explained: credentials missing or refused, and where Virtuoso would take them."""
    url = response.request.url.copy_with(query=None)
    if client.auth is None:
        problem = "wants credentials: give --user and --password-env"
    else:
        problem = "refused the credentials of --user and --password-env"
    twin = _AUTHENTICATED_TWINS.get(url.path)
    instead = f"; if it is Virtuoso, use {url.copy_with(path=twin)} instead" if twin else ""
    return f"HTTP 401: {url} {problem}{instead}"


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else "(no message)"
