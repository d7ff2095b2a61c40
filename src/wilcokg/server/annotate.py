"""A slice of a chapter's source text as HTML: mentions linked to their entities, footnote markers raised.

Mentions carry exact offsets into the source text, so the reader marks up the source itself rather
than the paragraphs' cleaned text (which lacks the footnote digits and so has other offsets). The
footnote markers are those the parser records for the chapter, passed in with their offsets.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from wilcokg.footnotes import Footnote


@dataclass(frozen=True, slots=True)
class Mark:
    """A mention to highlight: where it is in the source and where it links."""

    start: int
    end: int
    href: str
    label: str
    kind: str


def _chosen(marks: list[Mark], start: int, end: int) -> list[Mark]:
    """Marks inside [start, end) that do not overlap: longer mentions win (`Lille Metropolis` over `Lille`)."""
    chosen: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start - m.end, m.start, m.href)):
        inside = start <= mark.start < mark.end <= end
        if inside and all(mark.end <= other.start or other.end <= mark.start for other in chosen):
            chosen.append(mark)
    return sorted(chosen, key=lambda m: m.start)


def annotate(text: str, start: int, end: int, marks: list[Mark], footnotes: Sequence[Footnote]) -> Markup:
    """`text[start:end]` escaped, with <a class="mention"> around mentions and <sup> for footnote markers."""
    markers = [f for f in footnotes if start <= f.start < f.end <= end]
    # A marker's digits are never part of a name; a mention that would swallow one is left plain.
    plain = [m for m in marks if not any(m.start < f.end and f.start < m.end for f in markers)]
    events: list[tuple[int, int, str]] = [(f.start, f.end, f'<sup class="footnote">{f.number}</sup>') for f in markers]
    for mark in _chosen(plain, start, end):
        opening = (
            f'<a class="mention {html.escape(mark.kind.lower().replace(" ", "-"))}" id="m{mark.start}-{mark.end}" '
            f'href="{html.escape(mark.href)}" title="{html.escape(f"{mark.label} ({mark.kind})")}">'
        )
        events.append((mark.start, mark.end, opening + html.escape(text[mark.start : mark.end]) + "</a>"))
    pieces: list[str] = []
    cursor = start
    for event_start, event_end, markup in sorted(events):
        pieces.append(html.escape(text[cursor:event_start]))
        pieces.append(markup)
        cursor = event_end
    pieces.append(html.escape(text[cursor:end]))
    return Markup("".join(pieces))
