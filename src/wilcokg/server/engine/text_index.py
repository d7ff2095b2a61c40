"""Queries on dist/search.sqlite: a person's words made into a safe FTS5 expression, ranked hits.

FTS5 has its own query language (AND/OR/NOT, NEAR, column filters, `^`, parentheses); a stray
quote or operator in a search box would be a syntax error. So nothing the user typed reaches
MATCH as syntax: every word and every balanced "phrase" becomes a quoted FTS5 string, a trailing
`*` survives as a prefix search, and everything else is dropped.
"""

from __future__ import annotations

import html
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from wilcokg.dist_layout import SEARCH_INDEX

MAX_QUERY_CHARACTERS = 200
MAX_TERMS = 12
SNIPPET_TOKENS = 24
# bm25 weights of the indexed columns: all the text, and an entity's own name.
_WEIGHTS = (1.0, 4.0)
# The index holds no control characters (search_index removes them), so these two cannot come
# from the text: they mark the hits until the snippet has been escaped.
_OPEN, _CLOSE = "\x02", "\x03"
_TERM = re.compile(r'"([^"]*)"(\*?)|([^\s"]+)')
# FTS5 reads a NUL as the end of the expression; the index holds no control characters to look for anyway.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


@dataclass(frozen=True, slots=True)
class Hit:
    title: str
    kind: str
    iri: str
    anchor: str
    snippet: Markup


@dataclass(frozen=True, slots=True)
class Results:
    query: str
    expression: str | None
    total: int
    hits: tuple[Hit, ...]


def _quoted(words: str, prefix: bool) -> str | None:
    words = words.replace("*", " ").strip()
    if not any(character.isalnum() for character in words):
        return None
    return '"' + words.replace('"', "") + '"' + ("*" if prefix else "")


def fts_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what a person typed, or None when nothing searchable is left."""
    text = _CONTROL.sub(" ", query[:MAX_QUERY_CHARACTERS])
    if text.count('"') % 2:
        # An unbalanced quote: the last one is a typo, not the start of a phrase.
        cut = text.rindex('"')
        text = text[:cut] + text[cut + 1 :]
    terms: list[str] = []
    for match in _TERM.finditer(text):
        phrase, phrase_star, word = match.groups()
        if word is not None:
            if word in _OPERATORS:
                continue
            term = _quoted(word, word.endswith("*"))
        else:
            term = _quoted(phrase, bool(phrase_star))
        if term is not None:
            terms.append(term)
    return " ".join(terms[:MAX_TERMS]) or None


def _snippet(marked: str) -> Markup:
    escaped = html.escape(marked, quote=False)
    return Markup(escaped.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>"))


def index_path(dist: Path) -> Path:
    return dist / SEARCH_INDEX


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection: the server never writes the published index."""
    if not path.is_file():
        raise FileNotFoundError(f"{path.name} is missing: rebuild dist/")
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def search(path: Path, query: str, limit: int, offset: int = 0) -> Results:
    """`limit` hits for `query` from the `offset`-th on: entity names first, then headings, paragraphs and
    evidence, bm25 within each."""
    expression = fts_expression(query)
    if expression is None:
        return Results(query, None, 0, ())
    connection = open_read_only(path)
    try:
        total = connection.execute("SELECT count(*) FROM entries WHERE entries MATCH ?", (expression,)).fetchone()[0]
        rows = connection.execute(
            "SELECT title, kind, iri, anchor, snippet(entries, 0, ?, ?, '…', ?) FROM entries "
            "WHERE entries MATCH ? ORDER BY grp, bm25(entries, ?, ?), rowid LIMIT ? OFFSET ?",
            (_OPEN, _CLOSE, SNIPPET_TOKENS, expression, *_WEIGHTS, limit, offset),
        ).fetchall()
    finally:
        connection.close()
    hits = tuple(Hit(title, kind, iri, anchor, _snippet(marked)) for title, kind, iri, anchor, marked in rows)
    return Results(query, expression, int(total), hits)


def chapter_source(path: Path, chapter: str) -> str | None:
    """The chapter's source text as the build read it, or None for an unknown chapter."""
    connection = open_read_only(path)
    try:
        row = connection.execute("SELECT text FROM chapters WHERE id = ?", (chapter,)).fetchone()
    finally:
        connection.close()
    return None if row is None else str(row[0])
