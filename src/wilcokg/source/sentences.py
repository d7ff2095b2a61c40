"""Sentences of a chapter's source text, the unit in which a mention is shown as evidence."""

from __future__ import annotations

import re

# The end of a sentence: its final punctuation (and any closing quote or bracket) before a space, or a line end.
_SENTENCE_END = re.compile(r"[.!?…][”’\"»)]*(?=\s)|\n")


def sentence_bounds(text: str, start: int, end: int, window: int | None = None) -> tuple[int, int]:
    """Where the sentence holding `text[start:end]` begins and ends, without leading space or the line end.

    With `window`, the sentence is cut at most that many characters before `start` and after `end`.
    A sentence never runs over a line: the text's lines are its paragraphs and headings.
    """
    line_start = text.rfind("\n", 0, start) + 1
    window_start = line_start if window is None else max(line_start, start - window)
    boundaries = [match.end() for match in _SENTENCE_END.finditer(text, window_start, start)]
    first = boundaries[-1] if boundaries else window_start
    while first < start and text[first].isspace():
        first += 1
    line_end = text.find("\n", end)
    window_end = len(text) if line_end == -1 else line_end
    if window is not None:
        window_end = min(window_end, end + window)
    boundary = _SENTENCE_END.search(text, end, window_end)
    return first, boundary.end() if boundary else window_end
