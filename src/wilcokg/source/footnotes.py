"""Footnote markers glued to the text: find them, strip them, never touch real numbers.

The export keeps the markers but not the notes. A marker's digits stick to whatever precedes them:
a word (`objectives1`, `Malmö3`), a closing quotation mark (`habitat”2`, `habitat"2`, `residents’5`, `»2`),
a closing bracket (`(2009)3`, `]4`), closing punctuation (`cities.7`, `however,4`, `90%3`), a year
(`August 200810`: 2008 and note 10) or a number with thousands separators (`17,0003`).

Digits after a word, a quotation mark or a bracket are a marker whatever else the chapter holds. The
other readings are only plausible (`20125 euros` may be a sum), so the chapter's own numbering decides:
notes are numbered in the order they appear, so a plausible marker must come after the marker before
it and before the next certain one.

Numbers that merely follow capitals (`PLMH2`), stand on their own (`(interview 1)`, `2008-2012`,
`17,000`, `90 per cent`), end a code (`COVID-19`, `G8`), follow a one-letter word, a unit or an
ordinal (`m2`, `km2`, `3rd`) or an abbreviation (`No.5`) are part of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_AFTER_MARKER = r"(?=[\s.,;:!?)\]”’\"»…]|$)"
_MARKER = r"([1-9]\d{0,2})" + _AFTER_MARKER
_QUOTES = '”’"»'
_GLUED_TO_WORD = re.compile(r"(?<=[^\W\d_])" + _MARKER)
# `”` and `»` only ever close a quotation; `’` and `"` close one when they follow its last word or sign.
_GLUED_TO_QUOTE = re.compile(r"(?:(?<=[”»])|(?<=[^\W\d_][’\"])|(?<=[.,;:!?…)\]][’\"]))" + _MARKER)
_GLUED_TO_BRACKET = re.compile(r"(?<=[)\]])" + _MARKER)
_GLUED_TO_PUNCTUATION = re.compile(r"(?<=[.,;:!?…%])" + _MARKER)
_GLUED_TO_YEAR = re.compile(r"(?<![\w.,€$£])(?:1[89]|20)\d\d([1-9]\d?)" + _AFTER_MARKER)
_GLUED_TO_GROUPED_NUMBER = re.compile(r"(?<![\w.,€$£])\d{1,3}(?:,\d{3})+([1-9]\d?)" + _AFTER_MARKER)
_UNITS = frozenset({"cm", "km", "mm"})
_ABBREVIATIONS = frozenset({"art", "ch", "fig", "no", "nr", "para", "pp", "sec", "tab", "vol"})


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote marker: its number and where its digits stand in the source text."""

    number: int
    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    marker: Footnote
    certain: bool


def _word_before(text: str, index: int) -> str:
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:index]


def _ends_a_word(text: str, index: int) -> bool:
    """`text[:index]` ends in a word of two letters or more that is not a code, unit or ordinal."""
    word = _word_before(text, index)
    before = index - len(word) - 1
    # A word in capitals is an acronym or a code (PLMH2); a word glued to digits is an ordinal (3rd).
    return (
        len(word) >= 2
        and not word.isupper()
        and word.lower() not in _UNITS
        and not (before >= 0 and text[before].isdigit())
    )


def _follows_a_sentence(text: str, punctuation: int) -> bool:
    """The punctuation at `punctuation` closes words, not a figure (`3.2`, `17,000`) or an abbreviation."""
    mark = text[punctuation]
    if mark == "%":
        return punctuation > 0 and text[punctuation - 1].isdigit()
    if punctuation > 0 and text[punctuation - 1] in _QUOTES + ")]":
        return True
    word = _word_before(text, punctuation).lower()
    return _ends_a_word(text, punctuation) and not (mark == "." and word in _ABBREVIATIONS)


def _candidates(text: str, offset: int, line: int) -> Iterable[_Candidate]:
    def found(match: re.Match[str], certain: bool) -> _Candidate:
        start, end = match.span(1)
        return _Candidate(Footnote(int(match[1]), offset + start, offset + end, line), certain)

    for match in _GLUED_TO_WORD.finditer(text):
        if _ends_a_word(text, match.start(1)):
            yield found(match, certain=True)
    for pattern in (_GLUED_TO_QUOTE, _GLUED_TO_BRACKET):
        yield from (found(match, certain=True) for match in pattern.finditer(text))
    for match in _GLUED_TO_PUNCTUATION.finditer(text):
        if _follows_a_sentence(text, match.start(1) - 1):
            yield found(match, certain=False)
    for pattern in (_GLUED_TO_YEAR, _GLUED_TO_GROUPED_NUMBER):
        yield from (found(match, certain=False) for match in pattern.finditer(text))


def _numbered_in_order(candidates: list[_Candidate]) -> list[Footnote]:
    """Certain markers stand; a plausible one must fit between the marker before it and the next certain one."""
    next_certain: list[int | None] = []
    upcoming: int | None = None
    for candidate in reversed(candidates):
        next_certain.append(upcoming)
        if candidate.certain:
            upcoming = candidate.marker.number
    next_certain.reverse()
    markers: list[Footnote] = []
    for candidate, ceiling in zip(candidates, next_certain, strict=True):
        number = candidate.marker.number
        fits = (not markers or markers[-1].number < number) and (ceiling is None or number < ceiling)
        if candidate.certain or fits:
            markers.append(candidate.marker)
    return markers


def find_markers(lines: Iterable[tuple[int, int, str]]) -> list[Footnote]:
    """The footnote markers of a chapter's body, in document order.

    `lines` holds every line of the body in document order, each as (offset in the source, line
    number, text): a plausible marker is judged against the numbering of the whole body.
    """
    candidates = [candidate for offset, line, text in lines for candidate in _candidates(text, offset, line)]
    return _numbered_in_order(sorted(candidates, key=lambda candidate: candidate.marker.start))


def strip_markers(text: str, markers: list[Footnote], offset: int = 0) -> str:
    """The text with the markers' digits removed (markers must lie inside `text`)."""
    pieces: list[str] = []
    cursor = 0
    for marker in markers:
        pieces.append(text[cursor : marker.start - offset])
        cursor = marker.end - offset
    pieces.append(text[cursor:])
    return "".join(pieces)
