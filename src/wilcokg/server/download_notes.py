"""What the downloads page says about each file of dist/: a line on what it holds, and its size in words."""

from __future__ import annotations

_NOTES = {
    "wilco.trig": "Everything, in its named graphs: one per chapter, the reference data, the entities the "
    "reading discovered, the ontology, the build's provenance and the inferred triples (TriG).",
    "wilco.ttl": "The asserted triples, graphs merged, with prefixes (Turtle).",
    "wilco.nt": "The asserted triples, one per line, for line-based tools (N-Triples).",
    "wilco.jsonld": "The asserted triples as JSON-LD, compacted with the dataset's context.",
    "wilco-reviewed.nt": "Reviewed knowledge only: the asserted triples less those resting on facts read from "
    "the text that no curator has accepted (N-Triples).",
    "void.ttl": "The dataset description: counts, licence, links to other datasets, each file's size and "
    "checksum (VoID and DCAT).",
    "search.sqlite": "The full-text search index and the chapters' source texts (SQLite).",
    "ontology/index.html": "The ontology's documentation as one HTML page.",
    "curation/candidates.csv": "Names the extraction found in the text but the reference data lacks: "
    "candidates for curation, with their chapter and offsets (CSV).",
    "SHA256SUMS": "The SHA-256 checksum of every file above; check a download with sha256sum -c SHA256SUMS.",
}
_UNITS = ("kB", "MB", "GB", "TB")


def note(name: str) -> str:
    """A line on what the file holds; a gzipped dump is described by what it unpacks to."""
    if name.endswith(".gz") and name.removesuffix(".gz") in _NOTES:
        return f"{name.removesuffix('.gz')}, gzip-compressed."
    return _NOTES.get(name, "")


def human_size(size: int) -> str:
    """`1.5 MB`, `72 kB`, `957 bytes`: decimal units, as file managers show them."""
    if size < 1000:
        return "1 byte" if size == 1 else f"{size} bytes"
    value, unit = size / 1000, 0
    while value >= 1000 and unit < len(_UNITS) - 1:
        value, unit = value / 1000, unit + 1
    return f"{value:.1f} {_UNITS[unit]}" if value < 10 else f"{value:.0f} {_UNITS[unit]}"
