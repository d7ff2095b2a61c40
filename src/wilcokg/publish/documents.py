"""The TriG and Turtle dumps, by pyoxigraph with the project's prefixes, put together from pieces.

pyoxigraph writes the prefix lines before the first statement; a named graph's TriG block and a
subject's Turtle block are what it writes after them, and a document is the prefix lines and its
blocks in order (see `subject_pieces`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple

from wilcokg.terms import serialized
from wilcokg.vocab import PREFIXES


@cache
def prefix_lines(rdf_format: RdfFormat) -> bytes:
    """What pyoxigraph writes of PREFIXES before the first statement."""
    anything = NamedNode("urn:x:")
    written = serialized([Triple(anything, anything, anything)], rdf_format, PREFIXES)
    return b"".join(line for line in written.splitlines(keepends=True) if line.startswith(b"@prefix "))


def without_header(written: bytes, rdf_format: RdfFormat = RdfFormat.TURTLE) -> bytes:
    """What pyoxigraph wrote after the prefix lines."""
    header = prefix_lines(rdf_format)
    if written and not written.startswith(header):
        raise AssertionError("pyoxigraph wrote other prefix lines than expected")
    return written[len(header) :]


def trig_block(quads: Sequence[Quad]) -> bytes:
    """The TriG block of one named graph's quads."""
    return without_header(serialized(quads, RdfFormat.TRIG, PREFIXES), RdfFormat.TRIG)


def framed(opening: bytes, parts: Sequence[bytes], closing: bytes, separator: bytes = b"") -> bytes:
    """`opening`, the `parts` joined by `separator`, and `closing`, in one copy: a dump is hundreds of
    megabytes, and each `+` on it would copy it whole again."""
    if len(parts) < 2:
        return opening + b"".join(parts) + closing
    return separator.join([opening + parts[0], *parts[1:-1], parts[-1] + closing])


def trig_document(blocks: Sequence[bytes]) -> bytes:
    return framed(prefix_lines(RdfFormat.TRIG), blocks, b"")


def turtle_document(blocks: Sequence[bytes]) -> bytes:
    return framed(prefix_lines(RdfFormat.TURTLE), blocks, b"")
