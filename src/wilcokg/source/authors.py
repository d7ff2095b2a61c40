"""The optional chapter header: page chrome, country line, city line and the byline.

A byline names one to five authors (`A`, `A and B`, `A, B and C`, `A, B, C, D and E`), each with no
affiliation, their own (`A (X, City) and B (Y, City)`), the next name's (`A, B and C (X, City)`) or
several (`A and B (X; Y)`). A phrase such as `with contributions from` or `edited by` introduces
contributors, on the byline after the authors or on a line of its own; `by` may open the byline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

_COUNTRY_LINE = re.compile(r"^(?P<code>[A-Z]{2})\s+(?P<name>[A-Z][^\d,()]*)$")
_PAGE_CHROME = {"keywords search"}
_NAME_SEPARATOR = re.compile(r"\s*,\s*and\s+|\s+and\s+|\s*&\s*|\s*,\s*")
_MAX_AUTHORS = 5
_BRACKETS = {"(": ")", "[": "]"}


class Role(StrEnum):
    AUTHOR = "author"
    CONTRIBUTOR = "contributor"
    EDITOR = "editor"


# What a byline phrase says about the names after it. `by`, `written by`, `Authors:` and `Editors:`
# only open a line; the others may also follow the authors on the same line. Longer phrases come first.
_ROLE_PHRASES: tuple[tuple[str, Role], ...] = (
    (r"with\s+(?:a\s+)?contributions?\s+(?:from|by|of)", Role.CONTRIBUTOR),
    (r"with\s+the\s+(?:collaboration|assistance|help|support)\s+of", Role.CONTRIBUTOR),
    (r"in\s+(?:collaboration|cooperation|co-operation)\s+with", Role.CONTRIBUTOR),
    (r"assisted\s+by", Role.CONTRIBUTOR),
    (r"edited\s+by", Role.EDITOR),
    (r"with", Role.CONTRIBUTOR),
)
_OPENING_PHRASES: tuple[tuple[str, Role], ...] = (
    (r"(?:written\s+)?by|authors?(?=\s*:)", Role.AUTHOR),
    (r"editors?(?=\s*:)", Role.EDITOR),
    *_ROLE_PHRASES,
)


def _phrases(table: tuple[tuple[str, Role], ...], where: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    alternatives = "|".join(f"(?P<p{index}>{pattern})" for index, (pattern, _) in enumerate(table))
    return re.compile(where + r"(?:" + alternatives + r")\b\s*:?\s*", flags)


# A line opens with a capital (`With contributions from`); after the authors a phrase is in lower case,
# which keeps a name such as `Ann With` whole.
_OPENING_PHRASE = _phrases(_OPENING_PHRASES, r"^")
_INNER_PHRASE = _phrases(_ROLE_PHRASES, r"(?:(?<=\s)|(?<=,))", flags=0)

# A name's words hold letters, full stops, apostrophes and hyphens; those in lower case are particles
# (`van der`, `de`), alone or before a capital (`d’Alembert`, `al-Hassan`).
_NAME_WORD = re.compile(r"(?:[^\W\d_]|[.'’-])+")
_PARTICLE = re.compile(
    r"(?:af|al|bin|d|da|das|de|del|della|der|des|di|do|dos|du|el|ibn|la|le|los|ten|ter|van|von|y|zu)(?:['’-]|$)"
)
# Place names: `Paris`, `Frankfurt am Main`, `Newcastle upon Tyne`, `Aix-en-Provence`; not `University College`.
_PLACE_PARTICLE = re.compile(r"(?:aan|am|an|de|den|der|en|im|la|le|on|op|sur|upon)")
_ORGANISATION_WORD = re.compile(
    r"(?:universi\w*|hogeschool|college|faculty|institut\w*|department|centre|center|school|foundation|office)",
    re.IGNORECASE,
)
_MAX_PLACE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Affiliation:
    """`(CRIDA, Paris)`: the organisation's name and, where given, its place."""

    text: str
    name: str
    place: str | None


@dataclass(frozen=True, slots=True)
class Author:
    """A person the header names, with what they did for the chapter."""

    name: str
    affiliations: tuple[Affiliation, ...]
    role: Role = Role.AUTHOR


@dataclass(frozen=True, slots=True)
class Header:
    country_code: str | None
    country_name: str | None
    city: str | None
    authors: tuple[Author, ...]
    contributors: tuple[Author, ...]
    """Everyone a phrase introduces as other than an author: contributors and editors."""
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


def _is_place(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= _MAX_PLACE_WORDS and all(
        _PLACE_PARTICLE.fullmatch(word)
        or (word[:1].isupper() and not (len(word) > 1 and word.isupper()) and not _ORGANISATION_WORD.fullmatch(word))
        for word in words
    )


def parse_affiliation(text: str) -> Affiliation:
    """`Univ X, Faculty Y, City`: the place is the last part when it reads as a place name (not `Faculty of Law`,
    not an acronym)."""
    text = text.strip()
    name, _, place = text.rpartition(",")
    if name.strip() and _is_place(place):
        return Affiliation(text=text, name=name.strip(), place=place.strip())
    return Affiliation(text=text, name=text, place=None)


def _blanked(line: str) -> str:
    """The line with whatever stands inside brackets blanked out, so that separators are looked for outside them."""
    closing: list[str] = []
    kept: list[str] = []
    for char in line:
        if char in _BRACKETS:
            closing.append(_BRACKETS[char])
            kept.append(char if len(closing) == 1 else " ")
        elif closing and char == closing[-1]:
            closing.pop()
            kept.append(char if not closing else " ")
        elif char in ")]":
            raise HeaderError(0, f"expected an opening bracket before {char!r} in {line!r}")
        else:
            kept.append(" " if closing else char)
    if closing:
        raise HeaderError(0, f"expected {closing[-1]!r} to close the affiliation in {line!r}")
    return "".join(kept)


def _pieces(line: str, blanked: str, separator: re.Pattern[str]) -> Iterator[tuple[str, str, re.Match[str] | None]]:
    """`line` cut where `separator` matches in `blanked`: each piece (raw and blanked) with the match before it."""
    cursor, before = 0, None
    for match in separator.finditer(blanked):
        yield line[cursor : match.start()], blanked[cursor : match.start()], before
        cursor, before = match.end(), match
    yield line[cursor:], blanked[cursor:], before


def _role(match: re.Match[str] | None, table: tuple[tuple[str, Role], ...]) -> Role:
    if match is None:
        return Role.AUTHOR
    index = next(int(name[1:]) for name, value in match.groupdict().items() if value is not None)
    return table[index][1]


def _is_name_word(word: str) -> bool:
    """`Anna`, `J.-P.`, `O’Brien`, `Pérez-López`, or a particle: `van`, `de`, `d’Alembert`."""
    return bool(_NAME_WORD.fullmatch(word)) and (word[:1].isupper() or bool(_PARTICLE.match(word)))


def _names(segment: str, blanked: str, role: Role) -> list[Author]:
    """`A, B and C (X; Y)`: a name without an affiliation shares the next name's."""
    parts = [(raw.strip(), mask.strip()) for raw, mask, _ in _pieces(segment, blanked, _NAME_SEPARATOR) if raw.strip()]
    named: list[tuple[str, tuple[Affiliation, ...]]] = []
    for raw, mask in parts:
        opening = mask.find("(")
        name = (raw if opening < 0 else raw[:opening]).strip()
        if opening >= 0 and not mask.endswith(")"):
            raise HeaderError(0, f"expected nothing after the affiliation's ')', got {raw!r}")
        if not name:
            raise HeaderError(0, f"expected a name before the affiliation, got {raw!r}")
        if not all(_is_name_word(word) for word in name.split()):
            raise HeaderError(0, f"expected a person's name (capitalised words, `van der`, `de`), got {raw!r}")
        inside = raw[opening + 1 : -1] if opening >= 0 else ""
        if opening >= 0 and not inside.strip():
            raise HeaderError(0, f"expected an affiliation inside the brackets, got {raw!r}")
        named.append((name, tuple(parse_affiliation(text) for text in inside.split(";") if text.strip())))
    people: list[Author] = []
    shared: tuple[Affiliation, ...] = ()
    for name, affiliations in reversed(named):
        shared = affiliations or shared
        people.append(Author(name, shared, role))
    return people[::-1]


def parse_byline(line: str) -> tuple[Author, ...]:
    """The people a byline names, in order, each with the role its phrase gives (authors when none)."""
    blanked = _blanked(line)
    opening = _OPENING_PHRASE.match(blanked)
    first_role = _role(opening, _OPENING_PHRASES)
    start = opening.end() if opening else 0
    people: list[Author] = []
    for segment, mask, phrase in _pieces(line[start:], blanked[start:], _INNER_PHRASE):
        role = _role(phrase, _ROLE_PHRASES) if phrase else first_role
        found = _names(segment.rstrip(" ,;"), mask.rstrip(" ,;"), role)
        if not found:
            introducer = phrase or opening
            where = f"after {introducer[0].strip()!r}" if introducer else "on the byline"
            raise HeaderError(0, f"expected names {where}, found none in {line!r}")
        people.extend(found)
    return tuple(people)


def _byline(index: int, text: str) -> tuple[Author, ...]:
    try:
        return parse_byline(text)
    except HeaderError as error:
        raise HeaderError(index, str(error)) from None


def _opens_with_by(text: str) -> bool:
    opening = _OPENING_PHRASE.match(text)
    return opening is not None and _role(opening, _OPENING_PHRASES) is Role.AUTHOR


def parse_header(lines: list[str], line: int) -> Header:
    """Lines above the title: country line, optional city line, the byline, lines of contributors."""
    content = [(index, text.strip()) for index, text in enumerate(lines) if not is_page_chrome(text)]
    country_code = country_name = None
    if content and (match := _COUNTRY_LINE.match(content[0][1])):
        country_code, country_name = match["code"], match["name"].strip()
        content = content[1:]
    bylines = [(index, text) for index, text in content if _OPENING_PHRASE.match(text)]
    plain = [(index, text) for index, text in content if not _OPENING_PHRASE.match(text)]
    # The last line without a phrase is the byline, unless a line opening with `by` names the authors.
    if plain and not any(_opens_with_by(text) for _, text in bylines):
        bylines.append(plain.pop())
    if len(plain) > 1:
        raise HeaderError(plain[1][0], "expected at most a city line and a byline after the country line")
    named = [(index, _byline(index, text)) for index, text in sorted(bylines)]
    authors = tuple(person for _, people in named for person in people if person.role is Role.AUTHOR)
    if len(authors) > _MAX_AUTHORS:
        index = next(index for index, people in named if any(p.role is Role.AUTHOR for p in people))
        raise HeaderError(index, f"expected at most {_MAX_AUTHORS} authors, found {len(authors)}")
    contributors = tuple(person for _, people in named for person in people if person.role is not Role.AUTHOR)
    return Header(country_code, country_name, plain[0][1] if plain else None, authors, contributors, line)
