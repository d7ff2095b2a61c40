"""Read the reports folder: chapter files by city folder, each parsed and placed in its city."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from wilcokg.build_cache import BuildCache, computed, digest
from wilcokg.errors import os_reason
from wilcokg.source.chapter import Chapter, ChapterError, ChapterKind, parse_chapter


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a chapter is set: its city and the country as the book prints it."""

    city: str
    country_code: str | None
    country_name: str | None
    folder_city: str = ""
    """The city part of the folder name (`fr-lille` → `lille`): the city's slug when the title's spelling is unknown."""
    folder_code: str = ""
    """The country part of the folder name (`fr-lille` → `fr`), which must name a curated country."""


@dataclass(frozen=True, slots=True)
class PlacedChapter:
    chapter: Chapter
    placement: Placement
    sha256: str
    name: str
    """`fr-lille/00-introduction.txt`: the file's name inside the reports folder, the same on every machine."""

    @property
    def identifier(self) -> str:
        return self.chapter.identifier


@dataclass(frozen=True, slots=True)
class Corpus:
    chapters: tuple[PlacedChapter, ...]
    problems: tuple[ChapterError, ...]
    skipped: tuple[str, ...]


def read_text(path: Path, source: str) -> str:
    """A chapter file's text, or a ChapterError saying why it is not UTF-8 text."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ChapterError(source, 1, f"cannot read the file ({os_reason(error)})") from None
    if not data.strip():
        raise ChapterError(source, 1, "empty file: expected a chapter (title, sections, trailer)")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ChapterError(source, line, "binary data (NUL byte): expected UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ChapterError(
            source, line, f"invalid UTF-8 (byte 0x{data[error.start]:02x}): expected UTF-8 text"
        ) from None


def published_name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def parse_file(path: Path, source: str, cache: BuildCache | None = None) -> tuple[Chapter, str]:
    """The chapter in a file and the file's SHA-256; with a cache, a file parsed before is not parsed again."""
    text = read_text(path, source)
    parse = functools.partial(parse_chapter, text, source)
    chapter = computed(cache, "parsed", digest(text) if cache else None, parse)
    # What a text parses to depends on the text alone; its path only names it (a copy elsewhere has another).
    if chapter.source != source:
        chapter = dataclasses.replace(chapter, source=source)
    return chapter, hashlib.sha256(text.encode("utf-8")).hexdigest()


def _folder_placement(folder: Path, chapters: list[Chapter]) -> Placement:
    """City from the folder's introduction (or conclusions) title, country from the introduction's header."""
    code, _, slug = folder.name.partition("-")
    city = next((c.title.city for c in chapters if c.title.city), None) or slug.replace("-", " ").title()
    header = next((c.header for c in chapters if c.kind is ChapterKind.INTRODUCTION and c.header), None)
    if header and header.country_code:
        return Placement(city, header.country_code, header.country_name, slug, code)
    return Placement(city, code.upper() or None, None, slug, code)


def chapter_files(reports: Path) -> list[Path]:
    return sorted(path for path in reports.glob("*/*.txt") if path.is_file())


def load_corpus(reports: Path, cache: BuildCache | None = None) -> Corpus:
    """Parse every `<cc>-<city>/<NN>-<slug>.txt`; problems are collected, never raised."""
    problems: list[ChapterError] = []
    skipped: list[str] = []
    placed: list[PlacedChapter] = []
    seen: dict[str, str] = {}
    if not reports.is_dir():
        return Corpus((), (ChapterError(str(reports), 1, "expected a folder of city folders"),), ())
    by_folder: dict[Path, list[tuple[Chapter, str, str]]] = {}
    for path in chapter_files(reports):
        source = str(path)
        try:
            by_folder.setdefault(path.parent, []).append((*parse_file(path, source, cache), published_name(path)))
        except ChapterError as error:
            problems.append(error)
            skipped.append(source)
    for folder, parsed in by_folder.items():
        placement = _folder_placement(folder, [chapter for chapter, _, _ in parsed])
        for chapter, sha256, name in parsed:
            if chapter.identifier in seen:
                problems.append(
                    ChapterError(
                        chapter.source,
                        chapter.title_line,
                        f"chapter IRI id/chapter/{chapter.identifier} is already used by "
                        f"{seen[chapter.identifier]}: expected a distinct title",
                    )
                )
                skipped.append(chapter.source)
                continue
            seen[chapter.identifier] = chapter.source
            placed.append(PlacedChapter(chapter, placement, sha256, name))
    if not placed and not problems:
        problems.append(ChapterError(str(reports), 1, "no chapters found: expected <cc>-<city>/<NN>-<slug>.txt"))
    return Corpus(tuple(placed), tuple(problems), tuple(skipped))


def place_file(path: Path) -> PlacedChapter:
    """Parse one file and place it using its sibling introduction, as `wilcokg parse` does."""
    chapter, digest = parse_file(path, str(path))
    siblings = [chapter]
    for sibling in sorted(path.parent.glob("*.txt")):
        if sibling != path:
            try:
                siblings.append(parse_file(sibling, str(sibling))[0])
            except ChapterError:
                continue
    return PlacedChapter(chapter, _folder_placement(path.parent, siblings), digest, published_name(path))
