"""The layout of `dist/`, the one place that names its files: the build writes them, the server, the
remote store and the command line read them.

Each dump has a gzip twin named after it; `SHA256SUMS` lists the checksum of every other file, so
the server lists exactly the files it vouches for. What identifies one build's files is the SHA-256
of the TriG dump, which holds all of the dataset: the server's validators and store and the remote
store's resume state all key on `dump_digest`.

Deliberately light: it imports no part of the build, so the server and the remote store can use it
without loading the pipeline.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

TRIG = "wilco.trig"
"""Everything in its named graphs, the inferred graph too: the dump the server and stores load."""
TURTLE = "wilco.ttl"
NTRIPLES = "wilco.nt"
JSONLD = "wilco.jsonld"
REVIEWED = "wilco-reviewed.nt"
"""The dump of reviewed knowledge only: the asserted triples less those resting on extracted facts."""
WHOLE_GRAPH_DUMPS = (TURTLE, NTRIPLES, JSONLD, TRIG)
"""The dumps of every asserted triple, one per syntax: what a person downloads first."""
DUMPS = (*WHOLE_GRAPH_DUMPS, REVIEWED)
WITH_ENTAILMENTS = TRIG
"""The one dump that holds the inferred graph too, beside the asserted graphs."""
VOID = "void.ttl"
"""The dataset description (VoID and DCAT), with every dump's size and checksum."""
SEARCH_INDEX = "search.sqlite"
ONTOLOGY_PAGE = "ontology/index.html"
CANDIDATES = "curation/candidates.csv"
CHECKSUMS = "SHA256SUMS"
GZIP_SUFFIX = ".gz"


def gzip_twin(name: str) -> str:
    """The name of the gzip twin of file `name`."""
    return name + GZIP_SUFFIX


def unpacked(name: str) -> str:
    """The file a name holds once unpacked: a gzip twin's dump, or the name itself."""
    return name.removesuffix(GZIP_SUFFIX)


@dataclass(frozen=True, slots=True)
class Written:
    """A file written into `dist/`: its size and checksum, as void.ttl and SHA256SUMS state them."""

    size: int
    sha256: str


def sha256sums(files: dict[str, Written]) -> bytes:
    """`SHA256SUMS` of `files`, in the format `sha256sum -c` checks."""
    lines = [f"{written.sha256}  {name}\n" for name, written in sorted(files.items())]
    return "".join(lines).encode("ascii")


def listed_checksums(dist: Path) -> list[tuple[str, str]]:
    """The (name, SHA-256) pairs that `dist`'s SHA256SUMS lists."""
    pairs = (line.partition("  ") for line in (dist / CHECKSUMS).read_text(encoding="ascii").splitlines())
    return [(name, digest) for digest, _, name in pairs]


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, hashed again only when its size or modification time changes."""
    stat = path.stat()
    return _sha256(path.resolve(), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _sha256(path: Path, size: int, mtime_ns: int) -> str:
    # size and mtime are part of the cache key so that a changed file is hashed again.
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def dump_digest(dist: Path) -> str:
    """What identifies the dataset built into `dist`: the SHA-256 of its TriG dump."""
    return sha256_of(dist / TRIG)


def graph_names(dist: Path) -> tuple[str, ...]:
    """The IRIs of the named graphs of `dist`'s TriG dump, sorted: the dataset's graphs, whatever
    else a store that holds them may hold."""
    quads = parse(path=dist / TRIG, format=RdfFormat.TRIG)
    return tuple(sorted({quad.graph_name.value for quad in quads if isinstance(quad.graph_name, NamedNode)}))
