"""The key to a network picture: a line sample per role, then the two line styles of the statuses.

Entries flow left to right and wrap onto further rows when the picture is narrower than the key.
"""

from __future__ import annotations

from dataclasses import dataclass

from wilcokg.pictures.geometry import Point
from wilcokg.pictures.model import Role
from wilcokg.pictures.text import TextBlock, block_height, text_width

LEGEND_SIZE = 12.0
SAMPLE_LENGTH = 28.0
_SAMPLE_GAP = 6.0
"""Between a line sample and its words."""
_ENTRY_GAP = 20.0
_ROW_GAP = 8.0
_STYLES = (("curated or accepted", True), ("read from the text, not yet reviewed", False))


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A line sample and its words: a role's colour, or (no role) a status's line style."""

    role: Role | None
    reviewed: bool
    sample_start: Point
    sample_end: Point
    label: TextBlock


@dataclass(frozen=True, slots=True)
class Legend:
    entries: tuple[LegendEntry, ...]
    bottom: float


def layout_legend(left: float, top: float, width: float) -> Legend:
    """The key set in rows from (`left`, `top`), no row wider than `width` unless one entry is."""
    wanted = [(role, True, role.value) for role in Role] + [(None, reviewed, words) for words, reviewed in _STYLES]
    row_height = block_height(1, LEGEND_SIZE)
    entries: list[LegendEntry] = []
    x, y = left, top
    for role, reviewed, words in wanted:
        entry_width = SAMPLE_LENGTH + _SAMPLE_GAP + text_width(words, LEGEND_SIZE)
        if x > left and x + entry_width > left + width:
            x, y = left, y + row_height + _ROW_GAP
        middle = y + row_height / 2
        label = TextBlock((words,), x + SAMPLE_LENGTH + _SAMPLE_GAP, y, LEGEND_SIZE)
        entries.append(LegendEntry(role, reviewed, Point(x, middle), Point(x + SAMPLE_LENGTH, middle), label))
        x += entry_width + _ENTRY_GAP
    return Legend(tuple(entries), y + row_height)
