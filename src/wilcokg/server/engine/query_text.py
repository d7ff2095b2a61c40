"""Lexical inspection of SPARQL request text, done before any evaluation.

The endpoint has to pick a result format, refuse updates and vet SERVICE endpoints before a query
reaches a worker, and pyoxigraph offers no parse-only entry point. A tokenizer that understands
strings, IRIs and comments is enough for those decisions, for giving a SELECT query a LIMIT, and for
writing bound values into a query bound for a remote store; the worker's parser still has the last
word on whether the text is valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urljoin

from wilcokg.server.engine.jobs import Bindings


class QueryForm(Enum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"


UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


@dataclass(frozen=True, slots=True)
class QueryShape:
    """What the text announces itself to be. ``form`` is None when it starts like no query at all."""

    form: QueryForm | None
    is_update: bool
    has_dataset_clause: bool
    # None stands for an endpoint given by a variable, which cannot be vetted before evaluation.
    service_endpoints: tuple[str | None, ...]


class _Token(NamedTuple):
    # A tuple, and the keyword worked out once: every request is tokenized, so this is on the hot path.
    kind: str
    text: str
    start: int
    keyword: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


_TOKEN = re.compile(
    "|".join(
        (
            r"(?P<space>\s+)",
            r"(?P<comment>#[^\r\n]*)",
            r"(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''"
            r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
            r"|'(?:[^'\\\r\n]|\\.)*'"
            r'|"(?:[^"\\\r\n]|\\.)*")',
            r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
            r"(?P<var>[?$]\w+)",
            r"(?P<name>(?:[^\W\d]\w*(?:[.-]+\w+)*)?:[\w.:%\\-]*|[^\W\d]\w*)",
            r"(?P<number>\d+)",
            r"(?P<other>.)",
        )
    ),
    re.DOTALL,
)
_INSIGNIFICANT = frozenset({"space", "comment"})
# Clients repeat their queries: what is worked out from the last this many texts (each at most
# --max-query-bytes long) is kept.
_REMEMBERED = 256


@lru_cache(maxsize=_REMEMBERED)
def inspect_query(text: str) -> QueryShape:
    tokens = list(_tokens(text))
    prefixes, base, start = _read_prologue(tokens)
    keyword = tokens[start].keyword if start < len(tokens) else ""
    return QueryShape(
        form=QueryForm.__members__.get(keyword),
        is_update=keyword in UPDATE_KEYWORDS,
        has_dataset_clause=any(token.keyword == "FROM" for token in tokens),
        service_endpoints=tuple(_service_endpoints(tokens, prefixes, base)),
    )


@lru_cache(maxsize=_REMEMBERED)
def limit_solutions(text: str, limit: int) -> str:
    """``text`` with at most ``limit`` solutions if it is a SELECT query, else ``text`` unchanged.

    The limit becomes the query's own LIMIT (or replaces a larger one), so that the store stops
    evaluating once it has enough solutions. Outside braces, LIMIT and VALUES can only be the query's
    solution modifier and its trailing VALUES clause, before which a LIMIT has to go.
    """
    tokens = list(_tokens(text))
    _, _, start = _read_prologue(tokens)
    if _keyword_at(tokens, start) != "SELECT":
        return text
    depth = 0
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.text in ("{", "}"):
            depth += 1 if token.text == "{" else -1
        elif depth == 0 and token.keyword == "LIMIT":
            if _kind_at(tokens, index + 1) != "number" or int(tokens[index + 1].text) <= limit:
                return text
            count = tokens[index + 1]
            return f"{text[: count.start]}{limit}{text[count.end :]}"
        elif depth == 0 and token.keyword == "VALUES":
            return f"{text[: token.start]}LIMIT {limit} {text[token.start :]}"
    # On a line of its own: the query may end in a comment.
    return f"{text}\nLIMIT {limit}"


def substitute(text: str, bindings: Bindings) -> str:
    """``text`` with each bound variable replaced by its value, as the embedded store substitutes them
    (SPARQL-dev SEP-0007), for a store reached over the protocol, which cannot be sent bindings.

    Each value is written by pyoxigraph, which built and checked the term, so it is one term and nothing
    more. A variable the SELECT clause projects keeps its name in the answer: ``(value AS ?name)``. Only
    for the site's own queries, which bind no variable that a subquery reuses.
    """
    values = {name: str(term) for name, term in bindings}
    if not values:
        return text
    tokens = list(_tokens(text))
    _, _, start = _read_prologue(tokens)
    projected = _projected_variables(tokens, start)
    conditions = _order_and_group_variables(tokens)
    pieces: list[str] = []
    cursor = 0
    for index, token in enumerate(tokens):
        value = values.get(token.text[1:]) if token.kind == "var" else None
        if value is None:
            continue
        if index in projected:
            value = f"({value} AS {token.text})"
        elif index in conditions:
            value = f"({value})"
        pieces += [text[cursor : token.start], value]
        cursor = token.end
    return "".join([*pieces, text[cursor:]])


def _order_and_group_variables(tokens: list[_Token]) -> set[int]:
    """Where a variable stands in an ORDER BY or GROUP BY clause, in which a bare IRI or literal is no
    condition (`ORDER BY <iri> ?x` reads as a call of the function <iri>): a value goes there in brackets."""
    found: set[int] = set()
    inside = False
    for index, token in enumerate(tokens):
        if token.keyword == "BY" and index > 0 and tokens[index - 1].keyword in ("ORDER", "GROUP"):
            inside = True
        elif token.keyword in ("ORDER", "HAVING", "LIMIT", "OFFSET", "VALUES") or token.text in ("{", "}"):
            inside = False
        elif inside and token.kind == "var":
            found.add(index)
    return found


def _projected_variables(tokens: list[_Token], start: int) -> set[int]:
    """Where a SELECT clause starting at ``start`` names a variable as it is, not within an expression."""
    if _keyword_at(tokens, start) != "SELECT":
        return set()
    found: set[int] = set()
    depth = 0
    for index in range(start + 1, len(tokens)):
        token = tokens[index]
        if token.text == "{" or token.keyword in ("WHERE", "FROM"):
            break
        depth += (token.text == "(") - (token.text == ")")
        if token.kind == "var" and depth == 0:
            found.add(index)
    return found


def _tokens(text: str) -> Iterator[_Token]:
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "name":
            # A prefixed name cannot end with a dot: that dot closes the triple.
            name = match.group().rstrip(".")
            yield _Token(kind, name, match.start(), "" if ":" in name else name.upper())
        elif kind not in _INSIGNIFICANT:
            yield _Token(kind, match.group(), match.start())


def _read_prologue(tokens: list[_Token]) -> tuple[dict[str, str], str, int]:
    prefixes: dict[str, str] = {}
    base = ""
    index = 0
    while index < len(tokens):
        keyword = tokens[index].keyword
        if keyword == "BASE" and _kind_at(tokens, index + 1) == "iri":
            base = urljoin(base, tokens[index + 1].text[1:-1])
            index += 2
        elif keyword == "PREFIX" and _kind_at(tokens, index + 1) == "name" and _kind_at(tokens, index + 2) == "iri":
            prefixes[tokens[index + 1].text.rstrip(":")] = urljoin(base, tokens[index + 2].text[1:-1])
            index += 3
        else:
            break
    return prefixes, base, index


def _kind_at(tokens: list[_Token], index: int) -> str:
    return tokens[index].kind if index < len(tokens) else ""


def _service_endpoints(tokens: list[_Token], prefixes: Mapping[str, str], base: str) -> Iterator[str | None]:
    for index, token in enumerate(tokens):
        if token.keyword != "SERVICE":
            continue
        target_index = index + 2 if _keyword_at(tokens, index + 1) == "SILENT" else index + 1
        if target_index >= len(tokens):
            continue
        yield _resolve(tokens[target_index], prefixes, base)


def _keyword_at(tokens: list[_Token], index: int) -> str:
    return tokens[index].keyword if index < len(tokens) else ""


def _resolve(token: _Token, prefixes: Mapping[str, str], base: str) -> str | None:
    if token.kind == "iri":
        return urljoin(base, token.text[1:-1])
    if token.kind == "name" and ":" in token.text:
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix)
        return None if namespace is None else namespace + local
    return None
