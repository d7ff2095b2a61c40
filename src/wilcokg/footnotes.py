"""Footnote markers glued to the text: find them, strip them, never touch real numbers.

The export keeps the markers but not the notes: `objectives1`, `habitat”2`, `Malmö3`, and after a
year, `August 200810` (2008 + note 10). Numbers that merely follow letters in upper case (`PLMH2`),
stand on their own (`(interview 1)`, `2008-2012`, `17,000`) or follow a one-letter word (`m2`) are
part of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSING_QUOTES = '”’"»'
_AFTER_MARKER = r"(?=[\s.,;:!?)\]”’\"»…]|$)"
_GLUED_TO_WORD = re.compile(r"(?<=[^\W\d_])(\d{1,3})" + _AFTER_MARKER)
_GLUED_TO_QUOTE = re.compile(r"(?<=[" + _CLOSING_QUOTES + r"])(\d{1,3})" + _AFTER_MARKER)
_GLUED_TO_YEAR = re.compile(r"(?<![\w.,])(?:1[89]|20)\d\d([1-9]\d?)" + _AFTER_MARKER)


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote marker: its number and where its digits stand in the source text."""

    number: int
    start: int
    end: int
    line: int


def _word_before(text: str, index: int) -> str:
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:index]


def _is_marker_after_word(text: str, start: int) -> bool:
    word = _word_before(text, start)
    # A one-letter word is a unit (m2); a word in capitals is a code or an acronym (PLMH2).
    return len(word) >= 2 and not word.isupper()


def _is_marker_after_quote(text: str, start: int) -> bool:
    return start >= 2 and text[start - 2].isalpha()


def find_markers(text: str, offset: int = 0, line: int = 1) -> list[Footnote]:
    """Footnote markers in one line of text; `offset` and `line` place it in the source file."""
    spans: list[tuple[int, int]] = []
    for match in _GLUED_TO_WORD.finditer(text):
        if _is_marker_after_word(text, match.start(1)):
            spans.append(match.span(1))
    for match in _GLUED_TO_QUOTE.finditer(text):
        if _is_marker_after_quote(text, match.start(1)):
            spans.append(match.span(1))
    for match in _GLUED_TO_YEAR.finditer(text):
        spans.append(match.span(1))
    return [
        Footnote(number=int(text[start:end]), start=offset + start, end=offset + end, line=line)
        for start, end in sorted(set(spans))
    ]


def strip_markers(text: str, markers: list[Footnote], offset: int = 0) -> str:
    """The text with the markers' digits removed (markers must lie inside `text`)."""
    pieces: list[str] = []
    cursor = 0
    for marker in markers:
        pieces.append(text[cursor : marker.start - offset])
        cursor = marker.end - offset
    pieces.append(text[cursor:])
    return "".join(pieces)
