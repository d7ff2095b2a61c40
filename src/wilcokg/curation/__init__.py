"""Curation: a curator's decisions about what reading found, kept in one reviewable file.

`decisions` reads and writes the file, `facts` indexes what a decision can act on, `apply` is the
build stage that applies the decisions to the mapped quads, `reviewed` leaves out what nobody
reviewed, `queue` lists what awaits review with its evidence, and `command` is `wilcokg curate`.
"""

from __future__ import annotations

from wilcokg.curation.apply import Curated, apply_decisions
from wilcokg.curation.decisions import Decision, DecisionsFile, read_decisions
from wilcokg.curation.reviewed import reviewed_dump, unreviewed_lines

__all__ = [
    "Curated",
    "Decision",
    "DecisionsFile",
    "apply_decisions",
    "read_decisions",
    "reviewed_dump",
    "unreviewed_lines",
]
