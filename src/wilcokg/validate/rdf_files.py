"""Reading RDF files of any format pyoxigraph reads, the format chosen by the file's extension."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse

from wilcokg.errors import InputError, os_reason

RDF_FORMATS = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".trig": RdfFormat.TRIG,
    ".nq": RdfFormat.N_QUADS,
    ".jsonld": RdfFormat.JSON_LD,
}


def read_rdf(paths: Iterable[Path]) -> list[Quad]:
    """The quads of RDF files in any format pyoxigraph reads, chosen by extension."""
    quads: list[Quad] = []
    for path in paths:
        rdf_format = RDF_FORMATS.get(path.suffix)
        if rdf_format is None:
            expected = ", ".join(RDF_FORMATS)
            raise InputError(str(path), 1, f"unknown RDF file extension {path.suffix!r}: expected {expected}")
        try:
            quads.extend(parse(path=str(path), format=rdf_format))
        except SyntaxError as error:
            raise InputError(str(path), error.lineno or 1, f"invalid RDF: {error.msg}") from None
        except OSError as error:
            raise InputError(str(path), 1, f"cannot read the file ({os_reason(error)})") from None
    return quads
