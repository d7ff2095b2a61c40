"""What the downloads page says about each file of dist/: a line on what it holds, and its size in words."""

from __future__ import annotations

from wilcokg.dist_layout import (
    CANDIDATES,
    CHECKSUMS,
    JSONLD,
    NTRIPLES,
    ONTOLOGY_PAGE,
    REVIEWED,
    SEARCH_INDEX,
    TRIG,
    TURTLE,
    VOID,
    unpacked,
)

_NOTES = {
    TRIG: "Everything, in its named graphs: one per chapter, the reference data, the entities the "
    "reading discovered, the ontology, the build's provenance and the inferred triples (TriG).",
    TURTLE: "The asserted triples, graphs merged, with prefixes (Turtle).",
    NTRIPLES: "The asserted triples, one per line, for line-based tools (N-Triples).",
    JSONLD: "The asserted triples as JSON-LD, compacted with the dataset's context.",
    REVIEWED: "Reviewed knowledge only: the asserted triples less those resting on facts read from "
    "the text that no curator has accepted (N-Triples).",
    VOID: "The dataset description: counts, licence, links to other datasets, each file's size and "
    "checksum (VoID and DCAT).",
    SEARCH_INDEX: "The full-text search index and the chapters' source texts (SQLite).",
    ONTOLOGY_PAGE: "The ontology's documentation as one HTML page.",
    CANDIDATES: "Names the extraction found in the text but the reference data lacks: "
    "candidates for curation, with their chapter and offsets (CSV).",
    CHECKSUMS: "The SHA-256 checksum of every file above; check a download with sha256sum -c SHA256SUMS.",
}
_UNITS = ("kB", "MB", "GB", "TB")


def note(name: str) -> str:
    """A line on what the file holds; a gzipped dump is described by what it unpacks to."""
    inner = unpacked(name)
    if inner != name and inner in _NOTES:
        return f"{inner}, gzip-compressed."
    return _NOTES.get(name, "")


def human_size(size: int) -> str:
    """`1.5 MB`, `72 kB`, `957 bytes`: decimal units, as file managers show them."""
    if size < 1000:
        return "1 byte" if size == 1 else f"{size} bytes"
    value, unit = size / 1000, 0
    while value >= 1000 and unit < len(_UNITS) - 1:
        value, unit = value / 1000, unit + 1
    return f"{value:.1f} {_UNITS[unit]}" if value < 10 else f"{value:.0f} {_UNITS[unit]}"
