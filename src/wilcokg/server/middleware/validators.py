"""The HTTP validators (ETag, Last-Modified) of every answer, derived from the dataset in dist/.

Both values depend only on the dist directory, so replicas started from the same dist agree.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path

from pyoxigraph import Literal, RdfFormat, parse

from wilcokg.dist_layout import TRIG, VOID, dump_digest

_MODIFIED = "http://purl.org/dc/terms/modified"

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HttpValidators:
    etag: str
    last_modified: datetime

    @property
    def last_modified_header(self) -> str:
        return format_datetime(self.last_modified, usegmt=True)


def http_validators(dist: Path) -> HttpValidators:
    trig = dist / TRIG
    # Weak: one validator covers every representation (format, encoding) of the same data.
    etag = f'W/"{dump_digest(dist)[:32]}"'
    modified = _void_modified(dist / VOID) or datetime.fromtimestamp(int(trig.stat().st_mtime), UTC)
    return HttpValidators(etag, modified)


def _void_modified(void: Path) -> datetime | None:
    if not void.is_file():
        return None
    try:
        triples = parse(path=void, format=RdfFormat.TURTLE, base_iri=void.resolve().as_uri())
        values = [
            triple.object.value
            for triple in triples
            if triple.predicate.value == _MODIFIED and isinstance(triple.object, Literal)
        ]
    except (SyntaxError, OSError) as error:
        _log.warning("ignoring unreadable %s: %s", void, error)
        return None
    stamps = [stamp for stamp in map(_timestamp, values) if stamp is not None]
    return max(stamps, default=None)


def _timestamp(value: str) -> datetime | None:
    """An xsd:dateTime or xsd:date as an aware UTC datetime, whole seconds as HTTP dates have."""
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        try:
            stamp = datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).replace(microsecond=0)
