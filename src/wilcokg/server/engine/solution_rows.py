"""Cutting SELECT results that pyoxigraph has already written down to their first rows.

pyoxigraph writes a whole solution iterator or nothing, so the row cap is applied to what it wrote.
Each format is counted by a mark that only a row boundary can produce (or by a cheap upper bound
first), quickly enough to run on every answer; the cut itself is needed only for answers over the cap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice

from pyoxigraph import QueryResultsFormat

_LINE_END = re.compile(rb"\n")
_BINDINGS = b'"bindings":['


def first_rows(body: bytes, result_format: QueryResultsFormat, count: int) -> bytes | None:
    """``body`` cut to its first ``count`` rows, or None when it has no more rows than that."""
    return _CUTTERS[result_format](body, count)


def _tsv(body: bytes, count: int) -> bytes | None:
    # One line per row after the header: TSV escapes the line breaks of values.
    if body.count(b"\n") - 1 <= count:
        return None
    return b"\n".join(body.split(b"\n", count + 1)[: count + 1]) + b"\n"


def _xml(body: bytes, count: int) -> bytes | None:
    # Text and attribute values escape "<", so "<result>" is always a row's start tag.
    if body.count(b"<result>") <= count:
        return None
    kept = b"<result>".join(body.split(b"<result>", count + 1)[: count + 1])
    return kept + body[body.rindex(b"</results>") :]


def _csv(body: bytes, count: int) -> bytes | None:
    # Line breaks inside quoted values only add to this bound.
    if body.count(b"\n") - 1 <= count:
        return None
    ends = list(islice(_record_ends(body), count + 2))
    return body[: ends[count]] if len(ends) == count + 2 else None


def _record_ends(body: bytes) -> Iterator[int]:
    """Offsets just past each CSV record (the header included): line breaks outside quoted values."""
    offset = 0
    # A doubled quote inside a value splits off an empty part, so even parts are still the unquoted ones.
    for index, part in enumerate(body.split(b'"')):
        if index % 2 == 0:
            yield from (offset + line_end.end() for line_end in _LINE_END.finditer(part))
        offset += len(part) + 1


def _json(body: bytes, count: int) -> bytes | None:
    # Every row is an object and so is every term in it, plus the document, its head and its results.
    # A string holds no unescaped quote, so '"type":"' counts the terms exactly; braces inside strings
    # and the inner object of a triple term only add to this bound.
    if body.count(b"{") - 3 - body.count(b'"type":"') <= count:
        return None
    # With the escapes masked (same length, so offsets still hold), every quote opens or closes a string.
    masked = body.replace(b"\\\\", b"__").replace(b'\\"', b"__")
    cut = masked.index(_BINDINGS) + len(_BINDINGS)
    if count == 0:
        return None if masked[cut : cut + 1] == b"]" else body[:cut] + body[body.rindex(b"]") :]
    # Outside strings, ",{" only separates rows: the terms of a row, and a triple's parts, are keyed.
    quotes = 0
    rows = 1
    while rows <= count:
        separator = masked.find(b",{", cut + 1)
        if separator == -1:
            return None
        quotes += masked.count(b'"', cut, separator)
        cut = separator
        if quotes % 2 == 0:
            rows += 1
    return body[:cut] + body[body.rindex(b"]") :]


_CUTTERS: dict[QueryResultsFormat, Callable[[bytes, int], bytes | None]] = {
    QueryResultsFormat.TSV: _tsv,
    QueryResultsFormat.XML: _xml,
    QueryResultsFormat.CSV: _csv,
    QueryResultsFormat.JSON: _json,
}
