"""Parse one WILCO e-book chapter, as exported to plain text, into a `Chapter` (pure Python, no RDF).

Every offset is a character index into the file's text, end exclusive; every line number is 1-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from wilcokg.errors import InputError
from wilcokg.source.authors import Header, HeaderError, is_country_line, is_page_chrome, parse_header
from wilcokg.source.footnotes import Footnote, find_markers, strip_markers
from wilcokg.vocab import slugify


class ChapterKind(StrEnum):
    INTRODUCTION = "introduction"
    INNOVATION = "innovation"
    CONCLUSIONS = "conclusions"


class ChapterError(InputError):
    """A file that is not a chapter in the export's format."""


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive non-blank lines."""

    start: int
    end: int
    line: int
    lines: tuple[tuple[int, str], ...]

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)

    @property
    def indented(self) -> bool:
        return all(text[:1] in " \t" for _, text in self.lines)


@dataclass(frozen=True, slots=True)
class Quotation:
    """An indented block that quotes someone: the quoted words and the line saying whose they are."""

    text: str
    attribution: str | None


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    start: int
    end: int
    line: int
    footnotes: tuple[int, ...]
    items: tuple[str, ...] = ()
    quotation: Quotation | None = None


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    number: str | None
    start: int
    end: int
    line: int
    footnotes: tuple[int, ...]
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    kind: ChapterKind
    city: str | None
    number: int | None
    name: str | None
    gloss: str | None
    acronym: str | None = None
    """`BOOT` in `37. Buurtwinkels voor Onderzoek, Onderwijs en Talentontwikkeling, BOOT – …`."""

    @property
    def identifier(self) -> str:
        if self.kind is ChapterKind.INNOVATION:
            # The acronym is the name the chapter's text uses, and keeps a long bilingual name out of the IRI.
            return f"{self.number}-{slugify(self.acronym or self.name or '')}"
        return f"{slugify(self.city or '')}-{self.kind.value}"


@dataclass(frozen=True, slots=True)
class Chapter:
    source: str
    text: str
    title: Title
    title_line: int
    header: Header | None
    preamble: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    listed_keywords: tuple[str, ...]
    keywords_line: int | None
    categories: tuple[str, ...]
    categories_line: int | None
    footnotes: tuple[Footnote, ...]

    @property
    def kind(self) -> ChapterKind:
        return self.title.kind

    @property
    def identifier(self) -> str:
        return self.title.identifier

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.preamble + tuple(p for section in self.sections for p in section.paragraphs)


_DASH = r"\s+[–-]\s+"
_CITY_TITLE = re.compile(r"^(?P<city>\D.*?)" + _DASH + r"(?P<kind>Introduction|Conclusions?)$", re.IGNORECASE)
_INNOVATION_TITLE = re.compile(r"^(?P<number>\d{1,3})\.\s+(?P<rest>\S.*)$")
_NUMBERED_HEADING = re.compile(r"^(?P<number>\d{1,3}\.\d{1,2})\.?\s*(?P<title>\D.*)$")
_BULLET = re.compile(r"^\s*[•▪●◦*‣–-]\s+")
# `Name, ACRONYM` or `Name (ACRONYM)` (`BOOT`, `HvA`): the bracket, when there is one, closes after the acronym.
_TRAILING_ACRONYM = re.compile(
    r"^(?P<name>\S.*?)(?:,\s+|\s+(?P<bracket>\())(?P<acronym>[A-Z][A-Za-z0-9&]{0,8}[A-Z0-9])(?(bracket)\))$"
)
_OPENING_QUOTE = re.compile(r"^[“\"‘'«]")
_CLOSING_QUOTE = re.compile(r"[”\"’'»][.!?]?$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z(“\"]")
_TRAILER_OPENING = "content keywords"
_MAX_HEADING_LENGTH = 160
_MAX_STOPPED_HEADING_WORDS = 8
_SENTENCE_SIGNS = re.compile(r"[\d(),;“”\"]")


def parse_title(text: str) -> Title | None:
    text = text.strip()
    if match := _CITY_TITLE.match(text):
        kind = ChapterKind.INTRODUCTION if match["kind"].lower() == "introduction" else ChapterKind.CONCLUSIONS
        return Title(text, kind, match["city"].strip(), None, None, None)
    if match := _INNOVATION_TITLE.match(text):
        name, gloss = _split_gloss(match["rest"])
        name, acronym = _split_acronym(name)
        return Title(text, ChapterKind.INNOVATION, None, int(match["number"]), name, gloss, acronym)
    return None


def _split_gloss(rest: str) -> tuple[str, str | None]:
    for dash in (" – ", " - "):
        name, found, gloss = rest.partition(dash)
        if found and name.strip() and gloss.strip():
            return name.strip(), gloss.strip()
    return rest.strip(), None


def _split_acronym(name: str) -> tuple[str, str | None]:
    if match := _TRAILING_ACRONYM.match(name):
        return match["name"], match["acronym"]
    return name, None


_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def source_lines(text: str) -> list[str]:
    """The file's lines with their endings, split at line feeds only: a form feed or a Unicode line
    separator inside a line is text, so line numbers are those an editor shows."""
    return _LINE.findall(text)


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    current_line = 0
    offset = 0
    for number, raw in enumerate(source_lines(text), start=1):
        content = raw.rstrip("\r\n")
        if content.strip(" \t\ufeff"):
            if not current:
                current_line = number
            current.append((offset, content))
        elif current:
            blocks.append(_block(current, current_line))
            current = []
        offset += len(raw)
    if current:
        blocks.append(_block(current, current_line))
    return blocks


def _block(lines: list[tuple[int, str]], line: int) -> Block:
    last_offset, last_text = lines[-1]
    return Block(lines[0][0], last_offset + len(last_text.rstrip()), line, tuple(lines))


def _body_markers(blocks: list[Block]) -> dict[int, list[Footnote]]:
    """The body's footnote markers by line number, judged together because their numbering runs on."""
    lines = ((offset, block.line + index, text) for block in blocks for index, (offset, text) in enumerate(block.lines))
    by_line: dict[int, list[Footnote]] = {}
    for marker in find_markers(lines):
        by_line.setdefault(marker.line, []).append(marker)
    return by_line


def _clean_lines(block: Block, markers_by_line: dict[int, list[Footnote]]) -> tuple[list[str], list[Footnote]]:
    cleaned: list[str] = []
    markers: list[Footnote] = []
    for index, (offset, text) in enumerate(block.lines):
        found = markers_by_line.get(block.line + index, [])
        markers.extend(found)
        cleaned.append(strip_markers(text, found, offset).strip(" \t\ufeff"))
    return cleaned, markers


def _is_heading(block: Block, cleaned: str, text_follows: bool) -> bool:
    """A short single line, not indented; one that ends in a full stop must also look like a title, not a
    sentence: a few words without figures, brackets or commas, with body text after it."""
    if len(block.lines) != 1 or block.indented or (not cleaned[:1].isupper() and not cleaned[:1].isdigit()):
        return False
    if _NUMBERED_HEADING.match(cleaned):
        return True
    if len(cleaned) > _MAX_HEADING_LENGTH or _SENTENCE_BREAK.search(cleaned):
        return False
    if not cleaned.endswith("."):
        return True
    return text_follows and len(cleaned.split()) <= _MAX_STOPPED_HEADING_WORDS and not _SENTENCE_SIGNS.search(cleaned)


def _quotation(block: Block, cleaned: list[str]) -> Quotation | None:
    """An indented block that opens with a quotation mark; the lines after the one that closes the quotation
    say whose words they are (`Interview 4, Amsterdam. Coordinator of a BOOT store`)."""
    if not block.indented or not _OPENING_QUOTE.match(cleaned[0]):
        return None
    last = next((index for index, line in enumerate(cleaned) if _CLOSING_QUOTE.search(line)), len(cleaned) - 1)
    return Quotation("\n".join(cleaned[: last + 1]), "\n".join(cleaned[last + 1 :]) or None)


def _paragraph(block: Block, cleaned: list[str], markers: list[Footnote]) -> Paragraph:
    items = tuple(_BULLET.sub("", line) for line in cleaned if _BULLET.match(line))
    return Paragraph(
        text="\n".join(cleaned),
        start=block.start,
        end=block.end,
        line=block.line,
        footnotes=tuple(m.number for m in markers),
        items=items,
        quotation=_quotation(block, cleaned),
    )


@dataclass(frozen=True, slots=True)
class Trailer:
    keywords: tuple[str, ...]
    keywords_line: int | None
    categories: tuple[str, ...]
    categories_line: int | None


def _trailer_start(blocks: list[Block]) -> int:
    for index, block in enumerate(blocks):
        first = block.lines[0][1].strip().lower()
        if first == _TRAILER_OPENING or first.startswith(("keywords:", "categories:")):
            return index
    return len(blocks)


def _parse_trailer(source: str, title: str, blocks: list[Block], last_line: int) -> Trailer:
    """`Content keywords`, `Keywords: A | B`, the title repeated, `Categories: X` — in that order."""
    if not blocks:
        return Trailer((), None, (), None)
    remaining = list(blocks)
    if remaining[0].text.strip().lower() == _TRAILER_OPENING:
        opening = remaining.pop(0)
        last_line = opening.line

    def expect(what: str) -> Block:
        if not remaining:
            raise ChapterError(source, last_line, f"truncated trailer: expected {what} after this line")
        return remaining.pop(0)

    keywords_block = expect("'Keywords: A | B | …'")
    keywords_text = " ".join(text.strip() for _, text in keywords_block.lines)
    if not keywords_text.lower().startswith("keywords:"):
        raise ChapterError(source, keywords_block.line, "expected 'Keywords: A | B | …' in the trailer")
    keywords = tuple(term.strip() for term in keywords_text.split(":", 1)[1].split("|"))
    if not all(keywords):
        raise ChapterError(source, keywords_block.line, "expected keywords separated by '|', found an empty one")
    last_line = keywords_block.line
    repeated = expect(f"the title repeated ({title!r})")
    if repeated.text.strip() != title:
        raise ChapterError(source, repeated.line, f"expected the title repeated ({title!r}) in the trailer")
    last_line = repeated.line
    categories_block = expect("'Categories: …'")
    categories_text = categories_block.text.strip()
    if not categories_text.lower().startswith("categories:"):
        raise ChapterError(source, categories_block.line, "expected 'Categories: …' at the end of the trailer")
    categories = tuple(c.strip() for c in re.split(r"[|,]", categories_text.split(":", 1)[1]) if c.strip())
    if not categories:
        raise ChapterError(source, categories_block.line, "expected at least one category after 'Categories:'")
    if remaining:
        raise ChapterError(source, remaining[0].line, "expected nothing after the 'Categories:' line")
    return Trailer(keywords, keywords_block.line, categories, categories_block.line)


def _locate_title(source: str, blocks: list[Block]) -> tuple[int, Title, Header | None]:
    """The title is the first block, or the second when a short header block comes first."""
    first = blocks[0]
    if len(first.lines) == 1 and (title := parse_title(first.lines[0][1])):
        return 0, title, None
    header_shaped = len(first.lines) <= 5 and all(len(text) < 200 for _, text in first.lines)
    second = blocks[1] if len(blocks) > 1 else None
    if header_shaped and second and len(second.lines) == 1 and (title := parse_title(second.lines[0][1])):
        try:
            header = parse_header([text for _, text in first.lines], first.line)
        except HeaderError as error:
            raise ChapterError(source, first.line + error.line_index, str(error)) from None
        return 1, title, header
    line = blocks[1].line if len(blocks) > 1 and _could_be_header(first) else first.line
    raise ChapterError(
        source,
        line,
        "expected a chapter title: 'City – Introduction', 'City – Conclusions' or 'N. Name – Gloss'",
    )


def _could_be_header(block: Block) -> bool:
    first = block.lines[0][1]
    return len(block.lines) <= 5 and (is_page_chrome(first) or is_country_line(first))


def parse_chapter(text: str, source: str) -> Chapter:
    """Parse a chapter's text; `source` names it in error messages and provenance."""
    blocks = split_blocks(text)
    if not blocks:
        raise ChapterError(source, 1, "empty chapter: expected a title line")
    title_index, title, header = _locate_title(source, blocks)
    body_blocks = blocks[title_index + 1 :]
    trailer_index = _trailer_start(body_blocks)
    trailer = _parse_trailer(source, title.text, body_blocks[trailer_index:], blocks[title_index].line)
    preamble: list[Paragraph] = []
    sections: list[Section] = []
    heading: tuple[Block, str, str | None, list[Footnote]] | None = None
    paragraphs: list[Paragraph] = []
    footnotes: list[Footnote] = []

    def close_section() -> None:
        if heading is None:
            preamble.extend(paragraphs)
            return
        block, heading_title, number, markers = heading
        end = paragraphs[-1].end if paragraphs else block.end
        sections.append(
            Section(
                heading_title,
                number,
                block.start,
                end,
                block.line,
                tuple(m.number for m in markers),
                tuple(paragraphs),
            )
        )

    markers_by_line = _body_markers(body_blocks[:trailer_index])
    for index, block in enumerate(body_blocks[:trailer_index]):
        cleaned, markers = _clean_lines(block, markers_by_line)
        footnotes.extend(markers)
        if _is_heading(block, cleaned[0], text_follows=index + 1 < trailer_index):
            close_section()
            numbered = _NUMBERED_HEADING.match(cleaned[0])
            heading_title = numbered["title"].strip() if numbered else cleaned[0]
            heading = (block, heading_title, numbered["number"] if numbered else None, markers)
            paragraphs = []
        else:
            paragraphs.append(_paragraph(block, cleaned, markers))
    close_section()
    return Chapter(
        source=source,
        text=text,
        title=title,
        title_line=blocks[title_index].line,
        header=header,
        preamble=tuple(preamble),
        sections=tuple(sections),
        listed_keywords=trailer.keywords,
        keywords_line=trailer.keywords_line,
        categories=trailer.categories,
        categories_line=trailer.categories_line,
        footnotes=tuple(footnotes),
    )
