"""A slice of a chapter's source text as HTML: mentions linked or highlighted, footnote markers raised,
sentences that state a relation marked as a whole.

Mentions carry exact offsets into the source text, so the reader marks up the source itself rather
than the paragraphs' cleaned text (which lacks the footnote digits and so has other offsets). The
footnote markers are those the parser records for the chapter, passed in with their offsets.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from wilcokg.search_index import sentence_id
from wilcokg.source.footnotes import Footnote


@dataclass(frozen=True, slots=True)
class Mark:
    """A mention to highlight: where it is in the source and where it links."""

    start: int
    end: int
    href: str
    label: str
    kind: str


@dataclass(frozen=True, slots=True)
class Stated:
    """A sentence that states a relation: its place in the source, a class for its look and a tooltip."""

    start: int
    end: int
    css: str
    title: str

    @property
    def anchor(self) -> str:
        return sentence_id(self.start, self.end)


def _chosen(marks: list[Mark], start: int, end: int) -> list[Mark]:
    """Marks inside [start, end) that do not overlap: longer mentions win (`Lille Metropolis` over `Lille`)."""
    chosen: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start - m.end, m.start, m.href)):
        inside = start <= mark.start < mark.end <= end
        if inside and all(mark.end <= other.start or other.end <= mark.start for other in chosen):
            chosen.append(mark)
    return sorted(chosen, key=lambda m: m.start)


def _markers(footnotes: Sequence[Footnote], start: int, end: int) -> list[tuple[int, int, int]]:
    return [(f.start, f.end, f.number) for f in footnotes if start <= f.start < f.end <= end]


def annotate(
    text: str, start: int, end: int, marks: list[Mark], footnotes: Sequence[Footnote], stated: Sequence[Stated] = ()
) -> Markup:
    """`text[start:end]` escaped, with <a class="mention"> around mentions, <sup> for footnote markers and
    <span class="stated"> around each sentence of `stated`, the mentions inside it marked within it."""
    markers = _markers(footnotes, start, end)
    sentences = _apart(stated, start, end)
    events = [(s.start, s.end, _stated_markup(text, s, marks, footnotes)) for s in sentences]
    events += _marker_events([m for m in markers if _outside(m[0], m[1], sentences)])
    # A mention that runs over a sentence's edge would cross its element: it is left plain.
    loose = [m for m in marks if _outside(m.start, m.end, sentences)]
    for mark in _chosen(_clear_of(markers, loose), start, end):
        opening = (
            f'<a class="mention {html.escape(mark.kind.lower().replace(" ", "-"))}" id="m{mark.start}-{mark.end}" '
            f'href="{html.escape(mark.href)}" title="{html.escape(f"{mark.label} ({mark.kind})")}">'
        )
        events.append((mark.start, mark.end, opening + html.escape(text[mark.start : mark.end]) + "</a>"))
    return _render(text, start, end, events)


def _stated_markup(text: str, sentence: Stated, marks: list[Mark], footnotes: Sequence[Footnote]) -> str:
    inner = annotate(text, sentence.start, sentence.end, marks, footnotes)
    return (
        f'<span class="stated {html.escape(sentence.css)}" id="{sentence.anchor}" '
        f'title="{html.escape(sentence.title)}">{inner}</span>'
    )


def _apart(stated: Sequence[Stated], start: int, end: int) -> list[Stated]:
    """The sentences inside [start, end), without overlaps: of two that overlap, the earlier is kept."""
    kept: list[Stated] = []
    for sentence in sorted(stated, key=lambda s: (s.start, -s.end, s.css)):
        if start <= sentence.start < sentence.end <= end and (not kept or kept[-1].end <= sentence.start):
            kept.append(sentence)
    return kept


def _outside(span_start: int, span_end: int, sentences: list[Stated]) -> bool:
    return all(span_end <= s.start or s.end <= span_start for s in sentences)


def highlight(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int]], footnotes: Sequence[Footnote]
) -> Markup:
    """`text[start:end]` escaped, with <mark> around the `spans` and <sup> for footnote markers."""
    markers = _markers(footnotes, start, end)
    events = _marker_events(markers)
    for span_start, span_end in sorted(set(spans)):
        clear = not any(span_start < f_end and f_start < span_end for f_start, f_end, _ in markers)
        if clear and start <= span_start < span_end <= end:
            events.append((span_start, span_end, f"<mark>{html.escape(text[span_start:span_end])}</mark>"))
    return _render(text, start, end, events)


def _clear_of(markers: list[tuple[int, int, int]], marks: list[Mark]) -> list[Mark]:
    # A marker's digits are never part of a name; a mention that would swallow one is left plain.
    return [m for m in marks if not any(m.start < f_end and f_start < m.end for f_start, f_end, _ in markers)]


def _marker_events(markers: list[tuple[int, int, int]]) -> list[tuple[int, int, str]]:
    return [(f_start, f_end, f'<sup class="footnote">{n}</sup>') for f_start, f_end, n in markers]


def _render(text: str, start: int, end: int, events: list[tuple[int, int, str]]) -> Markup:
    """The escaped text with each event's markup in place of the span it covers."""
    pieces: list[str] = []
    cursor = start
    for event_start, event_end, markup in sorted(events):
        pieces.append(html.escape(text[cursor:event_start]))
        pieces.append(markup)
        cursor = event_end
    pieces.append(html.escape(text[cursor:end]))
    return Markup("".join(pieces))
