"""The home page's chart of keywords, drawn on the server as SVG: no script, no external assets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    href: str


def bar_chart(bars: Sequence[Bar], width: int = 640, bar_height: int = 18) -> str:
    """Horizontal bars, longest first as given, each label a link."""
    if not bars:
        return ""
    label_width, gap = 220, 4
    biggest = max(bar.value for bar in bars) or 1
    scale = (width - label_width - 50) / biggest
    height = len(bars) * (bar_height + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Keyword frequencies">'
    ]
    for index, bar in enumerate(bars):
        y = index * (bar_height + gap)
        length = max(bar.value * scale, 1)
        parts.append(
            f'<a href="{escape(bar.href)}"><text x="{label_width - 6}" y="{y + bar_height - 5}" '
            f'text-anchor="end">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}"><title>'
            f"{escape(bar.label)}: {bar.value}</title></rect>"
            f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 5}">{bar.value}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
