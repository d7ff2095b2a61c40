"""The JSON-LD dump, written by hand from N-Triples lines: an `@context` of the project's prefixes,
keys and IRIs as compact IRIs, a node a line.

Written as text, not through `json`: N-Triples writes IRIs as they are (they hold no quote,
backslash or control character) and escapes literals only in ways JSON shares, so both go into
JSON strings unchanged. Datatypes stay full IRIs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from wilcokg.publish.documents import framed
from wilcokg.publish.ntriples import split_line
from wilcokg.vocab import PREFIXES


class Compactor:
    """`prefix:local` for an IRI in a namespace of PREFIXES (the longest that leaves a local part)."""

    def __init__(self) -> None:
        namespaces = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
        self._prefixes = {namespace.encode(): prefix.encode() for prefix, namespace in namespaces}
        # Alternatives are tried in order, longest namespace first; the lookahead wants a local part.
        self._pattern = re.compile(b"(" + b"|".join(re.escape(ns) for ns in self._prefixes) + b")(?=.)", re.DOTALL)
        self._known: dict[bytes, bytes] = {}

    def __call__(self, iri: bytes) -> bytes:
        compacted = self._known.get(iri)
        if compacted is None:
            match = self._pattern.match(iri)
            compacted = self._prefixes[match[1]] + b":" + iri[match.end() :] if match else iri
            self._known[iri] = compacted
        return compacted


def _value(term: bytes, compact: Compactor) -> bytes:
    if term.startswith(b"<"):
        return b'{"@id": "' + compact(term[1:-1]) + b'"}'
    if term.startswith(b"_:"):
        return b'{"@id": "' + term + b'"}'
    closing = term.rindex(b'"')
    lexical, rest = term[: closing + 1], term[closing + 1 :]
    if rest.startswith(b"@"):
        return b'{"@language": "' + rest[1:] + b'", "@value": ' + lexical + b"}"
    if rest.startswith(b"^^<"):
        return b'{"@type": "' + rest[3:-1] + b'", "@value": ' + lexical + b"}"
    return b'{"@value": ' + lexical + b"}"


def jsonld_node(subject: bytes, lines: Sequence[bytes], compact: Compactor) -> bytes:
    """The node of one subject from its sorted N-Triples `lines`: `@id` and each property's values, keys sorted."""
    properties: dict[bytes, list[bytes]] = {}
    for line in lines:
        _, predicate, obj = split_line(line)
        properties.setdefault(predicate, []).append(_value(obj, compact))
    identifier = compact(subject[1:-1]) if subject.startswith(b"<") else subject
    members = [(b"@id", b'"' + identifier + b'"')]
    members += [(compact(p[1:-1]), b"[" + b", ".join(values) + b"]") for p, values in properties.items()]
    members.sort()
    return b"{" + b", ".join(b'"' + key + b'": ' + value for key, value in members) + b"}"


def jsonld_document(nodes: Sequence[bytes]) -> bytes:
    """The document of the nodes, in their order."""
    context = json.dumps(dict(sorted(PREFIXES.items())), ensure_ascii=False, sort_keys=True).encode()
    return framed(b'{"@context": ' + context + b', "@graph": [\n', nodes, b"\n]}\n", b",\n")
