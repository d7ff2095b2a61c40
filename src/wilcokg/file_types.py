"""What each published dump is: its media type and its EU file type, and whether it is gzipped.

One table for the two places that must agree: the dataset description (`dcat:mediaType`,
`dct:format`, `dcat:compressFormat`) and the server's `Content-Type` for `/downloads/`. A `.gz` file
is the gzip of the dump its name ends with: it is served as `application/gzip`, never with
`Content-Encoding`, so that what a client saves is the file the checksum is of.
"""

from __future__ import annotations

from dataclasses import dataclass

from wilcokg.dist_layout import unpacked

IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
GZIP_MEDIA_TYPE = "application/gzip"


@dataclass(frozen=True, slots=True)
class FileType:
    media_type: str
    eu_file_type: str
    """The code of the EU Publications Office's file-type table."""
    name: str

    @property
    def media_type_iri(self) -> str:
        return IANA_MEDIA_TYPES + self.media_type

    @property
    def eu_file_type_iri(self) -> str:
        return EU_FILE_TYPES + self.eu_file_type


BY_SUFFIX = {
    ".ttl": FileType("text/turtle", "RDF_TURTLE", "Turtle"),
    ".nt": FileType("application/n-triples", "RDF_N_TRIPLES", "N-Triples"),
    ".jsonld": FileType("application/ld+json", "JSON_LD", "JSON-LD"),
    ".trig": FileType("application/trig", "RDF_TRIG", "TriG"),
}


@dataclass(frozen=True, slots=True)
class Packed:
    """A published file: the format of the data in it, and whether that data is gzipped."""

    content: FileType
    gzipped: bool

    @property
    def media_type(self) -> str:
        """What the file itself is, as `Content-Type` says it."""
        return GZIP_MEDIA_TYPE if self.gzipped else self.content.media_type


def packed(name: str) -> Packed | None:
    """The format of a dump by its file name (`wilco.nt.gz`), or None for any other file."""
    inner = unpacked(name)
    suffix = inner[inner.rfind(".") :] if "." in inner else ""
    content = BY_SUFFIX.get(suffix)
    return Packed(content, inner != name) if content else None
