"""Counts and articles in messages, so that they read as English: `1 problem`, `2 problems`, `an ASK query`."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 file`, `3 files`; `plural` for nouns that do not just take an s (`mismatches`)."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def with_article(word: str) -> str:
    """`an ASK`, `a SELECT`: by the word's first letter, which is enough for the words messages use."""
    return f"{'an' if word[:1].upper() in 'AEIOU' else 'a'} {word}"
