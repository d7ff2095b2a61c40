"""How much room a label takes: widths estimated from the declared font's advance widths, and wrapping.

The pictures declare Liberation Sans first and Arial and Helvetica after it, three faces with the same
advance widths, so a label measured here fits its box wherever one of them is installed. Browsers
cannot be asked for a width while the server draws, hence the table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from wilcokg.pictures.geometry import Box

FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif"
ASCENT = 0.905
"""Height above the baseline, in ems, of the tallest glyphs of the declared faces."""
DESCENT = 0.212
"""Depth below the baseline, in ems, of the deepest glyphs of the declared faces."""
LINE_SPACING = 1.25
"""From one baseline to the next, in ems."""

_ADVANCES = {
    191: "'",
    222: "ijl’‘",
    260: "|",
    278: " !,./:;I[\\]ft·\u00a0",
    333: "()-`r“”",
    334: "{}",
    350: "•",
    355: '"',
    389: "*",
    469: "^",
    500: "Jcksvxyz",
    556: "#$0123456789?L_abdeghnopqu–",
    584: "+<=>~",
    611: "FTZßø",
    667: "&ABEKPSVXY",
    722: "CDHNRUw",
    778: "GOQØ",
    833: "Mm",
    889: "%æ",
    944: "Wœ",
    1000: "…—",
    1015: "@",
}
"""Advance widths in thousandths of an em, grouped by width."""
_WIDTHS = {character: advance / 1000 for advance, characters in _ADVANCES.items() for character in characters}
_BREAKS = re.compile(r"[ \t\r\n]+")
"""Where a line may break: ordinary spaces, never a no-break space."""
_UNKNOWN = 1.0
"""An unlisted character (a CJK ideograph, a symbol) is taken to be a full em: too wide is safe."""


def _em_width(character: str) -> float:
    if character in _WIDTHS:
        return _WIDTHS[character]
    if unicodedata.combining(character):
        return 0.0
    # Accented letters keep their base letter's advance in these faces (é as e, Å as A).
    return _WIDTHS.get(unicodedata.normalize("NFD", character)[0], _UNKNOWN)


def text_width(text: str, size: float) -> float:
    """The advance of `text` set in the declared font at `size` pixels."""
    return sum(_em_width(character) for character in text) * size


def words(text: str) -> list[str]:
    """The pieces of `text` between the places where a line may break."""
    return [word for word in _BREAKS.split(text) if word]


def wrap(text: str, max_width: float, size: float) -> tuple[str, ...]:
    """`text` in lines no wider than `max_width` where its words allow; a longer word gets a line to itself.

    Lines break at spaces only: a name is never cut inside a word."""
    lines: list[str] = []
    for word in words(text):
        if lines and text_width(f"{lines[-1]} {word}", size) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines) or ("",)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Lines of text set from `x`, the first line's ascent touching `top`."""

    lines: tuple[str, ...]
    x: float
    top: float
    size: float

    @property
    def line_height(self) -> float:
        return self.size * LINE_SPACING

    @property
    def baselines(self) -> tuple[float, ...]:
        first = self.top + ASCENT * self.size
        return tuple(first + index * self.line_height for index in range(len(self.lines)))

    @property
    def box(self) -> Box:
        """Where the glyphs may reach: from the first line's ascent to the last line's descent."""
        width = max(text_width(line, self.size) for line in self.lines)
        return Box(self.x, self.top, width, block_height(len(self.lines), self.size))


def block_height(lines: int, size: float) -> float:
    """The height of `lines` lines of text at `size` pixels, ascent of the first to descent of the last."""
    return (lines - 1) * size * LINE_SPACING + (ASCENT + DESCENT) * size
