"""Content negotiation: which of the representations a resource offers the client's Accept header prefers.

The endpoint, the linked-data pages, the site's pages and the error pages all choose with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str
    subtype: str
    quality: float
    position: int

    def specificity(self, media_type: str) -> int | None:
        """How precisely this range matches the media type (2 exact, 1 subtype wildcard, 0 */*)."""
        type_, _, subtype = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != type_:
            return None
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == subtype else None


def parse_accept(header: str) -> tuple[MediaRange, ...]:
    ranges = []
    for position, item in enumerate(header.split(",")):
        media_range, *parameters = (part.strip() for part in item.split(";"))
        type_, slash, subtype = media_range.lower().partition("/")
        if not slash or not type_ or not subtype:
            continue
        ranges.append(MediaRange(type_, subtype, _quality(parameters), position))
    return tuple(ranges)


def _quality(parameters: Iterable[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


Offer = TypeVar("Offer")


def negotiate(
    accept: str | None, offers: Sequence[Offer], media_types: Callable[[Offer], Iterable[str]]
) -> Offer | None:
    """The offer the client likes best, ties going to the earlier offer; None if none is acceptable.

    ``media_types(offer)`` gives the offer's own media type first: it is what the response will be
    labelled with, so only it may match wildcards; the aliases after it count when named exactly.
    Each media type takes the quality of the most specific range that matches it (RFC 9110 §12.5.1),
    so ``*/*, text/csv;q=0`` excludes CSV.
    """
    if not offers:
        return None
    if accept is None or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    best: Offer | None = None
    best_rank: tuple[float, int] = (0.0, 0)
    for offer in offers:
        own, *aliases = media_types(offer)
        rank = max([_rank(ranges, own, wildcards=True), *(_rank(ranges, alias, wildcards=False) for alias in aliases)])
        if rank[0] > 0 and rank > best_rank:
            best, best_rank = offer, rank
    return best


def _rank(ranges: Sequence[MediaRange], media_type: str, *, wildcards: bool) -> tuple[float, int]:
    """Quality of the most specific matching range, then the client's listing order as tie-break."""
    matches = [
        (specificity, media_range)
        for media_range in ranges
        if (specificity := media_range.specificity(media_type)) is not None and (wildcards or specificity == 2)
    ]
    if not matches:
        return (0.0, 0)
    specificity, media_range = max(matches, key=lambda match: (match[0], -match[1].position))
    return (media_range.quality, -media_range.position if specificity else -len(ranges))
