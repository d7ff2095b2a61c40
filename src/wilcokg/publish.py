"""Write `dist/`: the dumps, their gzips, void.ttl, the curation list and SHA256SUMS — atomically.

Everything is sorted before it is written, and gzip headers carry no time, so the same inputs give
byte-identical files.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from wilcokg.extract import Candidate
from wilcokg.vocab import PREFIXES

DUMPS = {
    "wilco.ttl": RdfFormat.TURTLE,
    "wilco.nt": RdfFormat.N_TRIPLES,
    "wilco.jsonld": RdfFormat.JSON_LD,
    "wilco.trig": RdfFormat.TRIG,
}


def sort_key(term_holder: Quad | Triple) -> tuple[str, ...]:
    if isinstance(term_holder, Quad):
        return (
            str(term_holder.graph_name),
            str(term_holder.subject),
            str(term_holder.predicate),
            str(term_holder.object),
        )
    return (str(term_holder.subject), str(term_holder.predicate), str(term_holder.object))


def union_triples(quads: Iterable[Quad]) -> list[Triple]:
    return sorted({quad.triple for quad in quads}, key=sort_key)


def _compact(iri: str, namespaces: list[tuple[str, str]]) -> str:
    for prefix, namespace in namespaces:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _compact_node(node: object, namespaces: list[tuple[str, str]]) -> object:
    if isinstance(node, list):
        return [_compact_node(item, namespaces) for item in node]
    if not isinstance(node, dict):
        return node
    compacted: dict[str, object] = {}
    for key, value in node.items():
        if key == "@id" and isinstance(value, str):
            compacted[key] = _compact(value, namespaces)
        elif key == "@type" and isinstance(value, list):
            compacted[key] = [_compact(v, namespaces) for v in value]
        elif key.startswith("@"):
            compacted[key] = _compact_node(value, namespaces)
        else:
            compacted[_compact(key, namespaces)] = _compact_node(value, namespaces)
    return compacted


def jsonld_document(triples: Sequence[Triple]) -> bytes:
    """JSON-LD with an `@context` of the project's prefixes, keys and IRIs written as compact IRIs."""
    expanded = json.loads(serialize(triples, format=RdfFormat.JSON_LD))
    namespaces = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
    document = {"@context": dict(sorted(PREFIXES.items())), "@graph": _compact_node(expanded, namespaces)}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"


def serialize_dump(name: str, quads: Sequence[Quad], triples: Sequence[Triple]) -> bytes:
    fmt = DUMPS[name]
    if fmt is RdfFormat.TRIG:
        return serialize(quads, format=fmt, prefixes=PREFIXES)
    if fmt is RdfFormat.N_TRIPLES:
        lines = serialize(triples, format=fmt).splitlines(keepends=True)
        return b"".join(sorted(lines))
    if fmt is RdfFormat.JSON_LD:
        return jsonld_document(triples)
    return serialize(triples, format=fmt, prefixes=PREFIXES)


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as compressed:
        compressed.write(data)
    return buffer.getvalue()


def candidates_csv(candidates: Iterable[Candidate]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["chapter", "text", "start", "end", "kind"])
    for candidate in candidates:
        writer.writerow([candidate.chapter, candidate.text, candidate.start, candidate.end, candidate.kind])
    return buffer.getvalue().encode("utf-8")


def sha256sums(files: dict[str, bytes]) -> bytes:
    lines = [f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())]
    return "".join(lines).encode("ascii")


def write_atomically(files: dict[str, bytes], out: Path) -> None:
    """Write every file into a fresh sibling folder, then swap it in place of `out` in one step."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.new-{os.getpid()}"
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if out.exists():
            out.rename(retired)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
