"""Find the reference entities and keywords a chapter mentions (names nobody curated: see `reading`).

Matching is case-, hyphen- and diacritic-tolerant and runs on whole words: the text and every label
are cut into word tokens, folded (`Malmö` → `malmo`), and the longest label starting at each token
wins. Labels written in capitals (`CAF`, `SSE`) must match in capitals. Offsets index the source
text exactly; footnote digits are blanked first so that `Malmö3` still reads `Malmö`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from wilcokg.reference import Entity, Label
from wilcokg.source.chapter import Chapter, source_lines

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Mention:
    entity: Entity
    start: int
    end: int
    exact: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name that looks like an organisation, programme or place but matches no reference entity."""

    chapter: str
    text: str
    start: int
    end: int
    kind: str


@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    # Called on every word of every chapter, whose vocabulary is small: most calls are repeats.
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in text.strip()


@dataclass(frozen=True, slots=True)
class _Entry:
    entity: Entity
    label: str
    exact_case: bool


MENTIONABLE = frozenset({"city", "country", "place", "org", "innovation", "keyword", "policy-field"})
"""Entity categories a chapter's text can mention; chapter kinds are structure, not subjects."""


class Lexicon:
    """Every label of every mentionable reference entity, indexed by its folded word tokens."""

    def __init__(self, labels: Iterable[Label]) -> None:
        self._entries: dict[tuple[str, ...], list[_Entry]] = {}
        self._longest: dict[str, int] = {}
        for label in labels:
            if label.entity.category not in MENTIONABLE:
                continue
            tokens = tuple(fold(word) for word in _WORD.findall(label.text))
            if not tokens:
                continue
            entry = _Entry(label.entity, label.text, _is_acronym(label.text))
            entries = self._entries.setdefault(tokens, [])
            if all(e.entity.iri != entry.entity.iri or e.exact_case != entry.exact_case for e in entries):
                entries.append(entry)
            self._longest[tokens[0]] = max(self._longest.get(tokens[0], 0), len(tokens))

    def knows(self, text: str) -> bool:
        return tuple(fold(word) for word in _WORD.findall(text)) in self._entries

    def scan(self, text: str, start: int, end: int) -> Iterator[Mention]:
        """Mentions in `text[start:end]`, longest first, never overlapping."""
        words = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text, start, end)]
        index = 0
        while index < len(words):
            found = self._match_at(text, words, index)
            if found:
                length, entries = found
                first, last = words[index][0], words[index + length - 1][1]
                seen: set[str] = set()
                for entry in entries:
                    if entry.entity.iri not in seen:
                        seen.add(entry.entity.iri)
                        yield Mention(entry.entity, first, last, text[first:last])
                index += length
            else:
                index += 1

    def _match_at(self, text: str, words: list[tuple[int, int, str]], index: int) -> tuple[int, list[_Entry]] | None:
        longest = min(self._longest.get(words[index][2], 0), len(words) - index)
        for length in range(longest, 0, -1):
            key = tuple(word for _, _, word in words[index : index + length])
            entries = self._entries.get(key)
            if not entries:
                continue
            surface = text[words[index][0] : words[index + length - 1][1]]
            fitting = [e for e in entries if not e.exact_case or surface == e.label.strip()]
            if fitting:
                return length, fitting
        return None


def masked_text(chapter: Chapter) -> str:
    """The source text with footnote digits blanked, so that offsets stay those of the source."""
    chars = list(chapter.text)
    for marker in chapter.footnotes:
        chars[marker.start : marker.end] = " " * (marker.end - marker.start)
    return "".join(chars)


def text_spans(chapter: Chapter) -> list[tuple[int, int]]:
    """Where the chapter's own words are: title, headings and paragraphs (not header or trailer)."""
    lines = source_lines(chapter.text)
    title_start = sum(len(line) for line in lines[: chapter.title_line - 1])
    spans = [(title_start, title_start + len(chapter.title.text))]
    for section in chapter.sections:
        spans.append((section.start, section.start + len(chapter.text[section.start :].split("\n", 1)[0])))
        spans.extend((p.start, p.end) for p in section.paragraphs)
    spans.extend((p.start, p.end) for p in chapter.preamble)
    return sorted(spans)


def find_mentions(chapter: Chapter, lexicon: Lexicon) -> list[Mention]:
    text = masked_text(chapter)
    mentions = [m for start, end in text_spans(chapter) for m in lexicon.scan(text, start, end)]
    return [Mention(m.entity, m.start, m.end, chapter.text[m.start : m.end]) for m in mentions]
