"""Cut a chapter's paragraphs into sentences, with offsets into the chapter's source text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wilcokg.source.chapter import Chapter

# A full stop ends a sentence unless it closes one of these: they are followed by more of the same sentence.
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "cf", "utl", "vol", "no", "nr", "p", "pp", "dr", "mr", "mrs", "ms", "st", "prof", "vs"}
)
_END = re.compile(r"[.!?…][”’\"»)\]]*(?=\s+[^\s])")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    """Position of the paragraph in the chapter (0-based): focus resets at a paragraph's start."""


def _is_abbreviation(text: str, stop: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, stop - 16) : stop])
    return word is not None and word[1].lower().rstrip(".") in _ABBREVIATIONS


def split_sentences(text: str, start: int, end: int, paragraph: int = 0) -> list[Sentence]:
    """The sentences of `text[start:end]`, each trimmed of surrounding white space."""
    sentences: list[Sentence] = []
    first = start
    for match in _END.finditer(text, start, end):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        nxt = text[match.end() : end].lstrip()
        if nxt and nxt[0].islower():
            continue
        sentences.append(_trimmed(text, first, match.end(), paragraph))
        first = match.end()
    if text[first:end].strip():
        sentences.append(_trimmed(text, first, end, paragraph))
    return [s for s in sentences if s.end > s.start]


def _trimmed(text: str, start: int, end: int, paragraph: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, paragraph)


def chapter_sentences(chapter: Chapter, text: str) -> list[Sentence]:
    """Every sentence of every paragraph (bullet items and quotations included), in document order."""
    return [
        sentence
        for index, paragraph in enumerate(chapter.paragraphs)
        for sentence in split_sentences(text, paragraph.start, paragraph.end, index)
    ]
