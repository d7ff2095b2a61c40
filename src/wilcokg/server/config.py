"""Settings of the SPARQL server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ServeConfig:
    dist: Path
    host: str = "127.0.0.1"
    port: int = 8000
    base_iri: str = "https://w3id.org/wilcokg/"
    timeout: float = 10.0
    store: Path = Path(".wilcokg-store")
    allow_service: tuple[str, ...] = ()
    max_query_bytes: int = 100_000
    max_rows: int = 10_000
    workers: int = 2
    # Answers kept for repeated queries, in bytes; 0 turns the cache off.
    result_cache_bytes: int = 64 * 2**20
    cors: bool = True
    queries: Path = Path("queries")
    # An external SPARQL endpoint answering instead of the embedded store; dist/ still supplies the
    # downloads, the dataset description and the version behind the ETags.
    backend: str | None = None
