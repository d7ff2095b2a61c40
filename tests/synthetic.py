"""Small synthetic datasets, laid out as the `dist/` folder the server serves.

Server tests want data of a known shape rather than the book: a few named graphs, or enough triples
for a query to outrun its time limit. `served_dist` lays such data out under the names the build
uses, so no test spells the files of `dist/` itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, parse, serialize

from wilcokg.dist_layout import TRIG, VOID
from wilcokg.vocab import DATASET, DCTERMS, XSD

EXAMPLE = "http://example.org/"


def served_dist(folder: Path, quads: Iterable[Quad], *, modified: date | None = None) -> Path:
    """``folder`` (created if need be) holding ``quads`` as the dump the server loads; with ``modified``,
    also the dataset description that dates them, as a build's does. Writing again replaces both."""
    folder.mkdir(parents=True, exist_ok=True)
    serialize(quads, folder / TRIG, format=RdfFormat.TRIG)
    if modified is not None:
        datatype = XSD("dateTime" if isinstance(modified, datetime) else "date")
        dated = Triple(DATASET, DCTERMS("modified"), Literal(modified.isoformat(), datatype=datatype))
        serialize([dated], folder / VOID, format=RdfFormat.TURTLE)
    return folder


def dump(dist: Path) -> Path:
    """The TriG dump in a `dist/` folder: the one the server loads."""
    return dist / TRIG


def trig(text: str) -> list[Quad]:
    """The quads of a TriG document."""
    return list(parse(text, format=RdfFormat.TRIG))


def in_default_graph(triples: Iterable[Triple]) -> Iterator[Quad]:
    """``triples`` as quads of the default graph, the way a store without named graphs would hold them."""
    for triple in triples:
        yield Quad(triple.subject, triple.predicate, triple.object, DefaultGraph())


def numbered_items(count: int, *, properties: int = 1, graphs: int = 1) -> Iterator[Quad]:
    """``count`` triples numbered from 0: triple n gives ``item/{n // properties}`` the value n for
    ``p/{n % properties}``, in graph ``graph/{n % graphs}`` (all under ``EXAMPLE``)."""
    for number in range(count):
        yield Quad(
            NamedNode(f"{EXAMPLE}item/{number // properties}"),
            NamedNode(f"{EXAMPLE}p/{number % properties}"),
            Literal(number),
            NamedNode(f"{EXAMPLE}graph/{number % graphs}"),
        )
