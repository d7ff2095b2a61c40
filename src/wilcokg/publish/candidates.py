"""The curation list: names the extraction found that the reference data lacks, as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from wilcokg.reading.mentions import Candidate


def candidates_csv(candidates: Iterable[Candidate]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["chapter", "text", "start", "end", "kind"])
    for candidate in candidates:
        writer.writerow([candidate.chapter, candidate.text, candidate.start, candidate.end, candidate.kind])
    return buffer.getvalue().encode("utf-8")
