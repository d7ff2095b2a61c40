"""How close a name is to an entity's labels: normalised strings, token-set and sequence similarity."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_NON_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, no diacritics, other characters runs of one space: `Lille Métropole` → `lille metropole`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALPHANUMERIC.sub(" ", plain).strip()


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def token_set_ratio(a: str, b: str) -> float:
    """1.0 when one name's words are all among the other's; word order never matters."""
    words_a, words_b = set(a.split()), set(b.split())
    common = " ".join(sorted(words_a & words_b))
    only_a = " ".join(sorted(words_a - words_b))
    only_b = " ".join(sorted(words_b - words_a))
    with_a = f"{common} {only_a}".strip()
    with_b = f"{common} {only_b}".strip()
    return max(_ratio(common, with_a), _ratio(common, with_b), _ratio(with_a, with_b))


def similarity(query: str, label: str) -> float:
    """0…1 for two normalised strings. Token-set alone would rate `lille` a perfect match for
    `lille metropole`; averaging it with the ratio of the sorted words keeps the extra words counting.
    """
    if query == label:
        return 1.0
    if not query or not label:
        return 0.0
    sorted_ratio = _ratio(" ".join(sorted(query.split())), " ".join(sorted(label.split())))
    return (token_set_ratio(query, label) + sorted_ratio) / 2
