"""What each published dump is: its media type and its EU file type, and whether it is gzipped.

One table for the two places that must agree: the dataset description (`dcat:mediaType`,
`dct:format`, `dcat:compressFormat`) and the server's `Content-Type` for `/downloads/`. A `.gz` file
is the gzip of the dump its name ends with: it is served as `application/gzip`, never with
`Content-Encoding`, so that what a client saves is the file the checksum is of.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import RdfFormat

from wilcokg.dist_layout import unpacked

IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
GZIP_MEDIA_TYPE = "application/gzip"


@dataclass(frozen=True, slots=True)
class FileType:
    """An RDF syntax as a file: pyoxigraph's media type, extension and name for it, and the EU's code."""

    syntax: RdfFormat
    eu_file_type: str
    """The code of the EU Publications Office's file-type table."""

    @property
    def media_type(self) -> str:
        return self.syntax.media_type

    @property
    def name(self) -> str:
        return self.syntax.name

    @property
    def suffix(self) -> str:
        return "." + self.syntax.file_extension

    @property
    def media_type_iri(self) -> str:
        return IANA_MEDIA_TYPES + self.media_type

    @property
    def eu_file_type_iri(self) -> str:
        return EU_FILE_TYPES + self.eu_file_type


_DUMPED = (
    FileType(RdfFormat.TURTLE, "RDF_TURTLE"),
    FileType(RdfFormat.N_TRIPLES, "RDF_N_TRIPLES"),
    FileType(RdfFormat.JSON_LD, "JSON_LD"),
    FileType(RdfFormat.TRIG, "RDF_TRIG"),
)
BY_SUFFIX = {file_type.suffix: file_type for file_type in _DUMPED}


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
