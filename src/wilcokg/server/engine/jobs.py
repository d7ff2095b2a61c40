"""Messages between the endpoint and the query workers: small, picklable values."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pyoxigraph import Literal, NamedNode

# Values for variables of a query, as pyoxigraph terms (which pickle): (variable name, term) pairs.
BoundTerm = NamedNode | Literal
Bindings = tuple[tuple[str, BoundTerm], ...]


@dataclass(frozen=True, slots=True)
class QueryDataset:
    """The graphs a query sees.

    Graph lists from the protocol replace any FROM/FROM NAMED of the query; None leaves that part to
    the query. The union default graph applies only when neither the protocol nor the query names one.
    """

    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    union_default_graph: bool = True


@dataclass(frozen=True, slots=True)
class QueryJob:
    """A query to answer. ``bindings`` give variables of the query their values without writing them into
    its text, so that a value from a request can never change what the query says."""

    query: str
    dataset: QueryDataset
    result_format: str
    max_rows: int
    bindings: Bindings = ()


@dataclass(frozen=True, slots=True)
class QueryOutcome:
    body: bytes
    truncated: bool


class FailureKind(Enum):
    SYNTAX = "syntax"
    UNACCEPTABLE = "unacceptable"
    EVALUATION = "evaluation"


@dataclass(frozen=True, slots=True)
class QueryFailure:
    kind: FailureKind
    message: str


QueryReply = QueryOutcome | QueryFailure
