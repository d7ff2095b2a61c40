"""Small SVG pictures for the home page, drawn on the server: no script, no external assets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


@dataclass(frozen=True, slots=True)
class Node:
    iri: str
    label: str


def network(
    columns: Sequence[tuple[str, Sequence[Node]]],
    edges: Sequence[tuple[str, str]],
    href: Callable[[str], str],
    width: int = 960,
) -> str:
    """Nodes in labelled columns (e.g. cities, innovations, actors) joined by straight edges."""
    row_height, top = 22, 40
    rows = max((len(nodes) for _, nodes in columns), default=0)
    height = top + rows * row_height + 10
    step = width / max(len(columns), 1)
    positions: dict[str, tuple[float, float]] = {}
    for column, (_, nodes) in enumerate(columns):
        x = step * column + 20
        offset = (rows - len(nodes)) * row_height / 2
        for row, node in enumerate(nodes):
            positions[node.iri] = (x, top + offset + row * row_height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Cities, innovations and actors">'
    ]
    for column, (title, _) in enumerate(columns):
        parts.append(f'<text class="heading" x="{step * column + 20}" y="18">{escape(title)}</text>')
    for source, target in edges:
        if source in positions and target in positions:
            (x1, y1), (x2, y2) = positions[source], positions[target]
            parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>')
    for _, nodes in columns:
        for node in nodes:
            x, y = positions[node.iri]
            parts.append(
                f'<a href="{escape(href(node.iri))}"><circle cx="{x:.1f}" cy="{y:.1f}" r="5"><title>'
                f'{escape(node.label)}</title></circle><text x="{x + 9:.1f}" y="{y + 4:.1f}">'
                f"{escape(node.label)}</text></a>"
            )
    parts.append("</svg>")
    return "".join(parts)
