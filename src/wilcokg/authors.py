"""The optional chapter header: page chrome, country line, city line and author line."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COUNTRY_LINE = re.compile(r"^(?P<code>[A-Z]{2})\s+(?P<name>[A-Z][^\d,()]*)$")
_PAGE_CHROME = {"keywords search"}
_AUTHOR_SEPARATOR = re.compile(r",\s*and\s+|\s+and\s+|\s*&\s*|,\s*")
_AFFILIATED_NAME = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<affiliation>[^()]*)\))?$")


@dataclass(frozen=True, slots=True)
class Affiliation:
    """`(CRIDA, Paris)`: the organisation's name and, where given, its place."""

    text: str
    name: str
    place: str | None


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    affiliation: Affiliation | None


@dataclass(frozen=True, slots=True)
class Header:
    country_code: str | None
    country_name: str | None
    city: str | None
    authors: tuple[Author, ...]
    line: int


class HeaderError(ValueError):
    """A header line that is not what a header may hold; `line_index` counts from the header's top."""

    def __init__(self, line_index: int, message: str) -> None:
        super().__init__(message)
        self.line_index = line_index


def is_page_chrome(line: str) -> bool:
    return line.strip().lower() in _PAGE_CHROME


def is_country_line(line: str) -> bool:
    return bool(_COUNTRY_LINE.match(line.strip()))


def parse_affiliation(text: str) -> Affiliation:
    name, _, place = text.rpartition(",")
    place = place.strip()
    if name and place and len(place.split()) <= 3 and place[:1].isupper():
        return Affiliation(text=text, name=name.strip(), place=place)
    return Affiliation(text=text, name=text.strip(), place=None)


def _split_outside_parentheses(line: str) -> list[str]:
    """Split the author line on `,`, `and` and `&`, but not inside an affiliation's parentheses."""
    parts: list[str] = []
    depth = 0
    cursor = 0
    index = 0
    while index < len(line):
        char = line[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            separator = _AUTHOR_SEPARATOR.match(line, index)
            if separator and separator.end() > index:
                parts.append(line[cursor:index])
                cursor = index = separator.end()
                continue
        index += 1
    parts.append(line[cursor:])
    return [part.strip() for part in parts if part.strip()]


def parse_author_line(line: str) -> tuple[Author, ...]:
    """`A, B and C (Affiliation, Place)`: an author without an affiliation shares the next one's."""
    names: list[str] = []
    affiliations: list[str | None] = []
    for part in _split_outside_parentheses(line):
        match = _AFFILIATED_NAME.match(part)
        if not match:
            raise HeaderError(0, f"expected an author name, optionally with '(Affiliation)', got {part!r}")
        names.append(match["name"].strip())
        affiliations.append(match["affiliation"].strip() if match["affiliation"] else None)
    shared: str | None = None
    for index in range(len(names) - 1, -1, -1):
        if affiliations[index] is None:
            affiliations[index] = shared
        shared = affiliations[index]
    return tuple(
        Author(name=name, affiliation=parse_affiliation(aff) if aff else None)
        for name, aff in zip(names, affiliations, strict=True)
    )


def parse_header(lines: list[str], line: int) -> Header:
    """Lines above the title: country line, optional city line, then the author line (last)."""
    content = [(index, text.strip()) for index, text in enumerate(lines) if not is_page_chrome(text)]
    country_code = country_name = city = None
    if content and (match := _COUNTRY_LINE.match(content[0][1])):
        country_code, country_name = match["code"], match["name"].strip()
        content = content[1:]
    if not content:
        return Header(country_code, country_name, None, (), line)
    if len(content) > 2:
        index = content[1][0]
        raise HeaderError(index, "expected at most a city line and an author line after the country line")
    if len(content) == 2:
        city = content[0][1]
    index, author_line = content[-1]
    try:
        authors = parse_author_line(author_line)
    except HeaderError as error:
        raise HeaderError(index, str(error)) from None
    if not 1 <= len(authors) <= 5:
        raise HeaderError(index, f"expected one to five authors, found {len(authors)}")
    return Header(country_code, country_name, city, authors, line)
