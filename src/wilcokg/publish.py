"""Write `dist/`: the dumps, their gzips, void.ttl, the curation list and SHA256SUMS — atomically.

Everything is sorted before it is written, and gzip headers carry no time, so the same inputs give
byte-identical files.

The dumps are made from the quads sorted once (`wilcokg.quad_order`): the TriG from all of them,
the triple dumps from the N-Triples lines of their union, which sort as the triples do. Each file goes to disk
as soon as it exists, and its gzip is made in a thread beside the next dump (zlib lets go of the
GIL), so the build never holds every dump at once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import zlib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Quad, RdfFormat

from wilcokg.dist_layout import Written, gzip_twin
from wilcokg.extract import Candidate
from wilcokg.quad_order import graph_runs
from wilcokg.terms import serialized
from wilcokg.vocab import PREFIXES

GZIP_LEVEL = 6
"""Level 9 took twice as long for files 2% smaller."""


@dataclass(frozen=True, slots=True)
class TripleLines:
    """The distinct triples of some quads as sorted N-Triples lines, each with a quad that states it."""

    lines: list[bytes]
    sources: list[int]


def triple_lines(quads: Sequence[Quad]) -> TripleLines:
    """The union of the triples of `quads`, which are sorted by `sort_key`.

    Each graph's quads are written as N-Quads and their graph cut off every line's end, where
    only it can match: a literal's newlines are escaped. Within a graph the lines are already
    sorted, so sorting them all merges one run per graph.
    """
    lines: list[bytes] = []
    for graph, start, end in graph_runs(quads):
        chunk = serialized(quads[start:end], RdfFormat.N_QUADS)
        if graph != "DEFAULT":
            chunk = chunk.replace(f" {graph} .\n".encode(), b" .\n")
        lines += chunk.splitlines(keepends=True)
    distinct = TripleLines([], [])
    for index in sorted(range(len(lines)), key=lines.__getitem__):
        line = lines[index]
        if not distinct.lines or distinct.lines[-1] != line:
            distinct.lines.append(line)
            distinct.sources.append(index)
    return distinct


def split_line(line: bytes) -> tuple[bytes, bytes, bytes]:
    """Subject, predicate and object of an N-Triples line (subjects and predicates hold no space)."""
    subject_end = line.index(b" ")
    predicate_end = line.index(b" ", subject_end + 1)
    return line[:subject_end], line[subject_end + 1 : predicate_end], line[predicate_end + 1 : -3]


def trig_document(quads: Sequence[Quad]) -> bytes:
    return serialized(quads, RdfFormat.TRIG, PREFIXES)


def turtle_document(quads: Sequence[Quad], triples: TripleLines) -> bytes:
    return serialized((quads[index].triple for index in triples.sources), RdfFormat.TURTLE, PREFIXES)


class _Compactor:
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


def _jsonld_value(term: bytes, compact: _Compactor) -> bytes:
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


def _jsonld_node(subject: bytes, properties: dict[bytes, list[bytes]], compact: _Compactor) -> bytes:
    identifier = compact(subject[1:-1]) if subject.startswith(b"<") else subject
    members = [(b"@id", b'"' + identifier + b'"')]
    members += [(compact(p[1:-1]), b"[" + b", ".join(values) + b"]") for p, values in properties.items()]
    members.sort()
    return b"{" + b", ".join(b'"' + key + b'": ' + value for key, value in members) + b"}"


def jsonld_document(triples: TripleLines) -> bytes:
    """JSON-LD with an `@context` of the project's prefixes, keys and IRIs written as compact IRIs, a node a line.

    Written as text from the N-Triples lines, not through `json`: N-Triples writes IRIs as they are
    (they hold no quote, backslash or control character) and escapes literals only in ways JSON
    shares, so both go into JSON strings unchanged. Datatypes stay full IRIs.
    """
    compact = _Compactor()
    nodes: list[bytes] = []
    subject = b""
    properties: dict[bytes, list[bytes]] = {}
    for line in triples.lines:
        line_subject, predicate, obj = split_line(line)
        if line_subject != subject:
            if properties:
                nodes.append(_jsonld_node(subject, properties, compact))
            subject, properties = line_subject, {}
        properties.setdefault(predicate, []).append(_jsonld_value(obj, compact))
    if properties:
        nodes.append(_jsonld_node(subject, properties, compact))
    context = json.dumps(dict(sorted(PREFIXES.items())), ensure_ascii=False, sort_keys=True).encode()
    return b'{"@context": ' + context + b', "@graph": [\n' + b",\n".join(nodes) + b"\n]}\n"


def gzip_bytes(data: bytes) -> bytes:
    """A gzip member with no name and no time in its header."""
    return zlib.compress(data, level=GZIP_LEVEL, wbits=31)


def candidates_csv(candidates: Iterable[Candidate]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["chapter", "text", "start", "end", "kind"])
    for candidate in candidates:
        writer.writerow([candidate.chapter, candidate.text, candidate.start, candidate.end, candidate.kind])
    return buffer.getvalue().encode("utf-8")


class Staging:
    """The folder the new `dist/` is written into: each file hashed as written, gzips made in threads."""

    def __init__(self, folder: Path, pool: ThreadPoolExecutor) -> None:
        self._folder = folder
        self._pool = pool
        self._pending: list[Future[None]] = []
        self._written: dict[str, Written] = {}

    def add(self, name: str, data: bytes, gzipped: bool = False) -> None:
        """Write `name`, and `name.gz` too if `gzipped` (later, in a thread)."""
        self._write(name, data)
        if gzipped:
            self._pending.append(self._pool.submit(lambda: self._write(gzip_twin(name), gzip_bytes(data))))

    def _write(self, name: str, data: bytes) -> None:
        path = self._folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self._written[name] = Written(len(data), hashlib.sha256(data).hexdigest())

    def written(self) -> dict[str, Written]:
        """Every file written so far, once the gzips under way are written too."""
        for future in self._pending:
            future.result()
        self._pending.clear()
        return dict(self._written)


@contextmanager
def write_atomically(out: Path) -> Iterator[Staging]:
    """Files added to the staging folder replace `out` in one step when the block ends without error."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = out.parent / f".{out.name}.new-{os.getpid()}"
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            staging = Staging(folder, pool)
            yield staging
            staging.written()
        if out.exists():
            out.rename(retired)
        folder.rename(out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
