"""The evidence on an entity page: each sentence that mentions the entity, once, cut to a readable length.

The sentences come from the chapters' source texts, not from the quotes in the graph, whose context
stops 240 characters from the mention wherever that falls, mid-word included. A sentence that names
the entity twice is one entry with both names marked; footnote markers are raised as in the reader.
"""

from __future__ import annotations

import asyncio
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from wilcokg.search_index import chapter_id
from wilcokg.server.engine.text_index import chapter_source, index_path
from wilcokg.server.linked_data.annotate import highlight
from wilcokg.server.linked_data.entity import Evidence, Link
from wilcokg.source.chapter import parse_chapter
from wilcokg.source.footnotes import Footnote
from wilcokg.source.sentences import sentence_bounds

QUOTE_CHARACTERS = 320
"""A longer sentence is cut, at word boundaries, to about this many characters around its mentions."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Quote:
    chapter: Link
    html: Markup


@dataclass(frozen=True, slots=True)
class SourceText:
    """A chapter's source text and the footnote markers the parser finds in it."""

    text: str
    footnotes: tuple[Footnote, ...]

    def excerpt(self, first: int, last: int, spans: Sequence[tuple[int, int]]) -> Markup:
        """The sentence `text[first:last]`, its `spans` marked, cut to QUOTE_CHARACTERS around them."""
        return _excerpt(self.text, first, last, spans, self.footnotes)


async def source_texts(dist: Path, chapters: Iterable[str]) -> dict[str, SourceText]:
    """The source texts of the chapters with these IRIs, by chapter id (`lille-introduction`)."""
    texts = {}
    for chapter in dict.fromkeys(chapter_id(iri) for iri in chapters):
        text = await asyncio.to_thread(chapter_source, index_path(dist), chapter)
        if text is None:
            raise FileNotFoundError(f"the search index lacks the text of chapter {chapter}: rebuild dist/")
        texts[chapter] = SourceText(text, parse_chapter(text, chapter).footnotes)
    return texts


async def quotes(dist: Path, evidence: Iterable[Evidence]) -> tuple[Quote, ...]:
    """One quote per sentence, in the order of `evidence` (by chapter, then by place in the chapter)."""
    evidence = list(evidence)
    texts = await source_texts(dist, (item.chapter.iri for item in evidence))
    sentences: dict[tuple[Link, int, int], list[tuple[int, int]]] = defaultdict(list)
    for item in evidence:
        text = texts[chapter_id(item.chapter.iri)].text
        end = item.start + len(item.exact)
        first, last = sentence_bounds(text, item.start, end)
        sentences[(item.chapter, first, last)].append((item.start, end))
    return tuple(
        Quote(chapter, texts[chapter_id(chapter.iri)].excerpt(first, last, spans))
        for (chapter, first, last), spans in sentences.items()
    )


def _excerpt(
    text: str, first: int, last: int, spans: Sequence[tuple[int, int]], footnotes: Sequence[Footnote]
) -> Markup:
    """`text[first:last]` with its spans marked, cut to QUOTE_CHARACTERS around them at word boundaries.

    Without spans (a sentence stating a role in words no mention covers), the cut keeps its beginning."""
    start, end = first, last
    if last - first > QUOTE_CHARACTERS:
        marked_start = min((s for s, _ in spans), default=first)
        marked_end = max((e for _, e in spans), default=first)
        spare = max(QUOTE_CHARACTERS - (marked_end - marked_start), 0)
        start = max(first, marked_start - spare // 2)
        end = min(last, max(marked_end, start + QUOTE_CHARACTERS))
        start = max(first, min(start, end - QUOTE_CHARACTERS, marked_start))
        if start > first and not text[start - 1].isspace():
            space = _SPACE.search(text, start, marked_start)
            start = space.end() if space else marked_start
        if end < last and not text[end].isspace():
            spaces = list(_SPACE.finditer(text, marked_end, end))
            end = spaces[-1].start() if spaces else marked_end
    return Markup(
        ("…" if start > first else "") + highlight(text, start, end, spans, footnotes) + ("…" if end < last else "")
    )
