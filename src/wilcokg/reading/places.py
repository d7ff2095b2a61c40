"""Where a chapter is set: its city as a reference entity."""

from __future__ import annotations

from pyoxigraph import NamedNode

from wilcokg.errors import InputError
from wilcokg.reference import Reference
from wilcokg.source.corpus import PlacedChapter
from wilcokg.vocab import entity


def _resolve(reference: Reference, category: str, name: str, source: str, line: int, what: str) -> NamedNode:
    found = reference.find(category, name)
    if found is None:
        raise InputError(source, line, f"{what} {name!r} is not in the reference data: expected a curated {category}")
    return NamedNode(found.iri)


def chapter_city(reference: Reference, placed: PlacedChapter) -> NamedNode:
    """The city the title names (`Malmö`), or else the one the folder names (`se-malmo`, `de-berlin`);
    the folder's `<cc>-` must name a curated country either way."""
    city = _named_city(reference, placed)
    _check_folder_code(reference, placed)
    return city


def _named_city(reference: Reference, placed: PlacedChapter) -> NamedNode:
    placement = placed.placement
    if found := reference.find("city", placement.city):
        return NamedNode(found.iri)
    by_folder = entity("city", placement.folder_city)
    if placement.folder_city and by_folder.value in reference.entities:
        return by_folder
    return _resolve(reference, "city", placement.city, placed.chapter.source, placed.chapter.title_line, "city")


def _check_folder_code(reference: Reference, placed: PlacedChapter) -> None:
    # A chapter filed under xx-atlantis/ would otherwise build whenever its title names a known city.
    code = placed.placement.folder_code
    if code.upper() not in reference.folder_country_codes:
        folder = placed.name.split("/", 1)[0]
        known = ", ".join(sorted(reference.folder_country_codes))
        raise InputError(
            placed.chapter.source,
            1,
            f"country code {code!r} of the folder {folder}/ is not in the reference data: expected one of {known}",
        )
